/**
 * Reading a paste request body into fields, refusing anything that is not UTF-8 text.
 *
 * The check runs on raw bytes, before any form parser: parsers quietly turn bad bytes into
 * U+FFFD, so a binary upload would be stored damaged instead of refused. Accepted bodies:
 *
 * - `application/x-www-form-urlencoded`, with or without `; charset=utf-8` (tclip refuses the
 *   parameter). Decoded here, to bytes, because a percent-escape such as `%FF` hides bad bytes
 *   inside a valid ASCII body (URLSearchParams would turn it into U+FFFD); the WHATWG algorithm
 *   is a few lines.
 * - `multipart/form-data`: the whole body must be UTF-8 (boundaries are ASCII, so every part is
 *   then UTF-8 too), then undici's `FormData` parser splits it. A `content` *file* part
 *   (`curl -F content=@file`) counts as the content; tclip silently stores it empty.
 * - `application/json`: `{"content": "...", "filename": "..."}` and the other fields as strings.
 *
 * The first value of a repeated field wins (Go's `FormValue`).
 *
 * @example
 *   const form = await readPasteBody('application/x-www-form-urlencoded', bytes);
 *   form.fields.content // the text
 */
import { strictUtf8 } from './utf8.js';

export type BodyProblem = 'content-type' | 'charset' | 'not-utf8' | 'malformed';

/** A body that cannot be read as paste fields. */
export class BodyError extends Error {
  override name = 'BodyError';
  constructor(
    readonly problem: BodyProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface PasteBody {
  /** Field values by name (strings only). */
  fields: Record<string, string>;
  /** When `content` came as a file part: the uploaded file's name (may be empty). */
  contentFileName?: string;
}

const NOT_UTF8 = 'the paste is not valid UTF-8 text: tailyard paste stores text only (binary files are refused rather than damaged)';

/** Decodes UTF-8 strictly; throws BodyError('not-utf8') on any invalid sequence. */
export function decodeUtf8(bytes: Uint8Array, what = NOT_UTF8): string {
  const text = strictUtf8(bytes);
  if (text === undefined) throw new BodyError('not-utf8', what);
  return text;
}

/** Hex digit values by byte, -1 for anything else. */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[0x41 + i] = 10 + i;
  HEX[0x61 + i] = 10 + i;
}

/** WHATWG percent-decode of one name or value, with `+` as space; malformed escapes stay literal. */
function percentDecode(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  const n = bytes.length;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0x25 && i + 2 < n) {
      const hi = HEX[bytes[i + 1] as number] as number;
      const lo = HEX[bytes[i + 2] as number] as number;
      if ((hi | lo) >= 0) {
        out[o++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
    }
    out[o++] = b === 0x2b ? 0x20 : b;
  }
  return out.subarray(0, o);
}

/**
 * Parses an urlencoded body into strings, refusing any name or value whose bytes are not UTF-8.
 *
 * @example parseUrlencoded(new TextEncoder().encode('content=a+b%21&filename=x')) // { content: 'a b!', filename: 'x' }
 */
export function parseUrlencoded(body: Uint8Array): Record<string, string> {
  const fields: Record<string, string> = {};
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(0x26, start);
    if (end < 0) end = body.length;
    const pair = body.subarray(start, end);
    start = end + 1;
    if (pair.length === 0) continue;
    const eq = pair.indexOf(0x3d);
    const name = decodeUtf8(percentDecode(eq < 0 ? pair : pair.subarray(0, eq)), 'a form field name is not valid UTF-8');
    const value = decodeUtf8(percentDecode(eq < 0 ? new Uint8Array(0) : pair.subarray(eq + 1)), name === 'content' ? NOT_UTF8 : `form field "${name}" is not valid UTF-8`);
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
}

async function parseMultipart(contentType: string, body: Uint8Array): Promise<PasteBody> {
  decodeUtf8(body);
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': contentType } }).formData();
  } catch (err) {
    throw new BodyError('malformed', `malformed multipart/form-data body: ${(err as Error).message}`);
  }
  const out: PasteBody = { fields: {} };
  const entries: Array<[string, FormDataEntryValue]> = [];
  form.forEach((value, name) => {
    entries.push([name, value]);
  });
  for (const [name, value] of entries) {
    if (name in out.fields) continue;
    if (typeof value === 'string') {
      out.fields[name] = value;
    } else if (name === 'content') {
      out.fields.content = decodeUtf8(new Uint8Array(await value.arrayBuffer()));
      out.contentFileName = value.name;
    }
  }
  return out;
}

function parseJson(body: Uint8Array): PasteBody {
  let value: unknown;
  try {
    value = JSON.parse(decodeUtf8(body));
  } catch (err) {
    if (err instanceof BodyError) throw err;
    throw new BodyError('malformed', `malformed JSON body: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BodyError('malformed', 'the JSON body must be an object such as {"content": "...", "filename": "..."}');
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') fields[k] = v;
    else if (typeof v === 'boolean') fields[k] = v ? '1' : '';
    else if (v !== null) throw new BodyError('malformed', `JSON field "${k}" must be a string or a boolean`);
  }
  return { fields };
}

/** The media type and charset parameter of a Content-Type header, lower-cased. */
export function mediaType(header: string | undefined): { type: string; charset?: string } {
  const [type = '', ...params] = (header ?? '').split(';');
  let charset: string | undefined;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(p);
    if (m) charset = m[1]?.toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset };
}

/**
 * Reads the fields of a paste request; throws BodyError for an unsupported type or charset,
 * bytes that are not UTF-8, or a malformed body.
 */
export async function readPasteBody(contentType: string | undefined, body: Uint8Array): Promise<PasteBody> {
  const { type, charset } = mediaType(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    throw new BodyError('charset', `unsupported charset "${charset}": send the paste as UTF-8`);
  }
  if (type === 'application/x-www-form-urlencoded') return { fields: parseUrlencoded(body) };
  if (type === 'multipart/form-data') return parseMultipart(contentType ?? '', body);
  if (type === 'application/json') return parseJson(body);
  throw new BodyError(
    'content-type',
    `bad content-type, should be a form: send application/x-www-form-urlencoded or multipart/form-data (or application/json), not "${type || 'nothing'}"`,
  );
}

/**
 * The fields of a small form that may come with no body at all (the reveal button's `as`): an
 * empty body has no fields; any other body must be one readPasteBody accepts, else BodyError.
 *
 * @example await readFormFields('application/x-www-form-urlencoded', bytesOf('as=raw')) // { as: 'raw' }
 */
export async function readFormFields(contentType: string | undefined, body: Uint8Array): Promise<Record<string, string>> {
  if (body.length === 0) return {};
  return (await readPasteBody(contentType, body)).fields;
}
