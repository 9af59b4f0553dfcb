/**
 * The setec wire codec: request bodies in, response bodies out (reference §1.3).
 *
 * setec's Go server decodes requests with `encoding/json` into structs without json tags, and the
 * Go client, the CLI and hand-written curl calls all rely on its quirks. This module reproduces
 * them so any body the Go server accepts is accepted here, and any it rejects is rejected:
 *
 * - keys match field names exactly, else case-insensitively (Go's fold, where `ſ` folds to `s`
 *   and the Kelvin sign to `k`); unknown keys are ignored; duplicate keys apply in order;
 * - `null` leaves a string, number or boolean field at its zero value, and resets `Value`;
 * - `Value` is standard padded base64 (`\r`/`\n` ignored, trailing bits not checked, as Go's
 *   `base64.StdEncoding`), or, as Go also allows for `[]byte`, an array of byte values;
 * - versions are JSON integers in uint32 range, written without fraction or exponent;
 * - only the first JSON value of the body is read; bytes after it are ignored (`json.Decoder`);
 * - a top-level `null` is the zero request; any other non-object is an error.
 *
 * One deliberate limit: nesting deeper than {@link MAX_DEPTH} is rejected (Go allows 10000).
 * Every failure is a {@link WireError}, which the route layer answers with 400.
 *
 * Responses are encoded with Go's field names; strings escape `<`, `>`, `&`, U+2028 and U+2029
 * like Go's `json.Marshal`, so bodies match the Go server byte for byte.
 */
import { Buffer } from 'node:buffer';
import { goJsonMarshal } from '../../platform/go/json.js';

/** A secret version: a uint32, where 0 in a request means "the active version". */
export type SecretVersion = number;

/** The eight setec API methods, by their path under `/api/`. */
export const ENDPOINTS = [
  'list',
  'get',
  'info',
  'put',
  'create-version',
  'activate',
  'delete',
  'delete-version',
] as const;

/** One setec API method, e.g. `create-version` for `POST /api/create-version`. */
export type Endpoint = (typeof ENDPOINTS)[number];

/** How a request field decodes, and its zero value. */
type FieldKind = 'string' | 'version' | 'bool' | 'bytes';
interface KindType {
  string: string;
  version: SecretVersion;
  bool: boolean;
  bytes: Uint8Array;
}

/** The Go request structs: field name → kind, in declaration order. */
const REQUEST_FIELDS = {
  list: {},
  get: { Name: 'string', Version: 'version', UpdateIfChanged: 'bool' },
  info: { Name: 'string' },
  put: { Name: 'string', Value: 'bytes' },
  'create-version': { Name: 'string', Version: 'version', Value: 'bytes' },
  activate: { Name: 'string', Version: 'version' },
  delete: { Name: 'string' },
  'delete-version': { Name: 'string', Version: 'version' },
} as const satisfies Record<Endpoint, Record<string, FieldKind>>;

type Fields<E extends Endpoint> = (typeof REQUEST_FIELDS)[E];

/**
 * The decoded request of an endpoint, with camel-cased Go field names.
 *
 * @example
 *   const req: RequestOf<'get'> = { name: 'db', version: 0, updateIfChanged: false };
 */
export type RequestOf<E extends Endpoint> = {
  -readonly [F in keyof Fields<E> & string as Uncapitalize<F>]: KindType[Fields<E>[F] & FieldKind];
};

/**
 * A request body the Go server would also refuse: the route layer answers 400 with `message`.
 *
 * @example
 *   try { decodeRequest('get', body) } catch (e) { if (e instanceof WireError) return c.text(e.message, 400) }
 */
export class WireError extends Error {
  override name = 'WireError';
  /** The Go field name the problem is in, if it is about one field. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(field === undefined ? message : `${field}: ${message}`);
    this.field = field;
  }
}

/** Nesting limit for JSON bodies; deeper bodies are rejected rather than risking the stack. */
export const MAX_DEPTH = 1000;

const MAX_UINT32 = 4294967295;

/**
 * Decodes a request body for `endpoint` exactly as setec's Go server would.
 * Throws {@link WireError} on anything Go's decoder rejects.
 *
 * @example
 *   decodeRequest('get', '{"name":"prod/db","Version":3}')
 *   // → { name: 'prod/db', version: 3, updateIfChanged: false }
 */
export function decodeRequest<E extends Endpoint>(endpoint: E, body: string | Uint8Array): RequestOf<E> {
  const text = typeof body === 'string' ? body : new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
  const fields: Readonly<Record<string, FieldKind>> = REQUEST_FIELDS[endpoint];
  const names = Object.keys(fields);
  const out: Record<string, unknown> = {};
  for (const name of names) out[camel(name)] = zeroValue(fields[name] as FieldKind);

  const root = parseFirstValue(text);
  if (root.kind === 'null') return out as RequestOf<E>;
  if (root.kind !== 'object') throw new WireError(`request body must be a JSON object, not ${describe(root)}`);
  for (const [key, value] of root.entries) {
    const name = goFieldFor(key, names);
    if (name === undefined) continue;
    const decoded = decodeField(fields[name] as FieldKind, name, value);
    if (decoded !== undefined) out[camel(name)] = decoded;
  }
  return out as RequestOf<E>;
}

/**
 * The struct field a JSON object key selects under Go's `encoding/json` rules: an exact match,
 * else a case-insensitive one; `undefined` if the key matches no field (and is then ignored).
 *
 * @example
 *   goFieldFor('versION', ['Name', 'Version']) // → 'Version'
 */
export function goFieldFor(key: string, fields: readonly string[]): string | undefined {
  if (fields.includes(key)) return key;
  const folded = foldName(key);
  return fields.find((f) => foldName(f) === folded);
}

/** Go's `foldName`: ASCII letters to upper case, plus the two non-ASCII runes that fold into ASCII. */
function foldName(s: string): string {
  return s.replace(/[a-z\u017f\u212a]/g, (c) => (c === '\u017f' ? 'S' : c === '\u212a' ? 'K' : c.toUpperCase()));
}

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function zeroValue(kind: FieldKind): KindType[FieldKind] {
  switch (kind) {
    case 'string':
      return '';
    case 'version':
      return 0;
    case 'bool':
      return false;
    case 'bytes':
      return new Uint8Array(0);
  }
}

/** The new value of a field, or `undefined` for `null` where Go leaves the field unchanged. */
function decodeField(kind: FieldKind, field: string, v: JsonValue): KindType[FieldKind] | undefined {
  if (v.kind === 'null') return kind === 'bytes' ? new Uint8Array(0) : undefined;
  switch (kind) {
    case 'string':
      if (v.kind !== 'string') throw new WireError(`expected a string, got ${describe(v)}`, field);
      return v.value;
    case 'bool':
      if (v.kind !== 'boolean') throw new WireError(`expected true or false, got ${describe(v)}`, field);
      return v.value;
    case 'version':
      if (v.kind !== 'number') throw new WireError(`expected a version number, got ${describe(v)}`, field);
      return parseUint(v.raw, MAX_UINT32, field);
    case 'bytes':
      if (v.kind === 'string') return decodeBase64(v.value, field);
      if (v.kind === 'array') return decodeByteArray(v.items, field);
      throw new WireError(`expected a base64 string, got ${describe(v)}`, field);
  }
}

/** `strconv.ParseUint` plus an overflow check: digits only, no sign, fraction or exponent. */
function parseUint(raw: string, max: number, field: string): number {
  if (!/^\d+$/.test(raw) || raw.length > 10 || Number(raw) > max) {
    throw new WireError(`${raw} is not an integer from 0 to ${max}`, field);
  }
  return Number(raw);
}

const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go's `base64.StdEncoding.DecodeString`: padded standard alphabet, `\r` and `\n` skipped. */
function decodeBase64(s: string, field: string): Uint8Array {
  const compact = s.replace(/[\r\n]/g, '');
  if (!STD_BASE64.test(compact)) {
    throw new WireError('not standard base64 (alphabet A-Z a-z 0-9 + /, padded with =)', field);
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** Go decodes a JSON array into `[]byte` element by element; `null` elements stay 0. */
function decodeByteArray(items: readonly JsonValue[], field: string): Uint8Array {
  const out = new Uint8Array(items.length);
  items.forEach((item, i) => {
    if (item.kind === 'null') return;
    if (item.kind !== 'number') throw new WireError(`element ${i}: expected a byte, got ${describe(item)}`, field);
    out[i] = parseUint(item.raw, 255, field);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// A small JSON parser that keeps what JSON.parse loses: key order with duplicates, and the
// literal text of numbers (so 1e2 and 1.0 can be told apart from 100 and 1).

type JsonValue =
  | { kind: 'object'; entries: [string, JsonValue][] }
  | { kind: 'array'; items: JsonValue[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; raw: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

function describe(v: JsonValue): string {
  switch (v.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${v.raw}`;
    case 'boolean':
      return String(v.value);
    case 'null':
      return 'null';
  }
}

/** Parses the first JSON value of `text` and ignores what follows it, like `json.Decoder.Decode`. */
function parseFirstValue(text: string): JsonValue {
  const p = new Parser(text);
  p.skipSpace();
  if (p.atEnd()) throw new WireError('empty request body');
  return p.value(0);
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text.charAt(this.pos))) this.pos++;
  }

  value(depth: number): JsonValue {
    const c = this.text.charAt(this.pos);
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH}`);
      return c === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"') return { kind: 'string', value: this.string() };
    if (this.literal('true')) return { kind: 'boolean', value: true };
    if (this.literal('false')) return { kind: 'boolean', value: false };
    if (this.literal('null')) return { kind: 'null' };
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) this.fail('expected a JSON value');
    this.pos += m[0].length;
    return { kind: 'number', raw: m[0] };
  }

  private object(depth: number): JsonValue {
    const entries: [string, JsonValue][] = [];
    this.pos++;
    this.skipSpace();
    if (this.eat('}')) return { kind: 'object', entries };
    for (;;) {
      this.skipSpace();
      if (this.text.charAt(this.pos) !== '"') this.fail('expected a string key');
      const key = this.string();
      this.skipSpace();
      if (!this.eat(':')) this.fail("expected ':'");
      this.skipSpace();
      entries.push([key, this.value(depth)]);
      this.skipSpace();
      if (this.eat('}')) return { kind: 'object', entries };
      if (!this.eat(',')) this.fail("expected ',' or '}'");
    }
  }

  private array(depth: number): JsonValue {
    const items: JsonValue[] = [];
    this.pos++;
    this.skipSpace();
    if (this.eat(']')) return { kind: 'array', items };
    for (;;) {
      this.skipSpace();
      items.push(this.value(depth));
      this.skipSpace();
      if (this.eat(']')) return { kind: 'array', items };
      if (!this.eat(',')) this.fail("expected ',' or ']'");
    }
  }

  /** A string literal; lone UTF-16 surrogate escapes become U+FFFD, as Go's unquote does. */
  private string(): string {
    let out = '';
    let run = ++this.pos;
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (Number.isNaN(c)) this.fail('unterminated string');
      if (c < 0x20) this.fail('control character in string');
      if (c === 0x22) {
        out += this.text.slice(run, this.pos++);
        return out;
      }
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += this.text.slice(run, this.pos);
      const e = this.text.charAt(this.pos + 1);
      if (e === 'u') {
        out += this.unicodeEscape();
      } else {
        const mapped = ESCAPES[e];
        if (mapped === undefined) this.fail('invalid escape in string');
        out += mapped;
        this.pos += 2;
      }
      run = this.pos;
    }
  }

  /** `\uXXXX` at pos, joined with a following low-surrogate escape when it forms a pair. */
  private unicodeEscape(): string {
    const hi = this.hex4(this.pos + 2);
    if (hi === undefined) this.fail('invalid \\u escape in string');
    this.pos += 6;
    if (hi < 0xd800 || hi > 0xdfff) return String.fromCharCode(hi);
    const lo = this.text.startsWith('\\u', this.pos) ? this.hex4(this.pos + 2) : undefined;
    if (hi <= 0xdbff && lo !== undefined && lo >= 0xdc00 && lo <= 0xdfff) {
      this.pos += 6;
      return String.fromCharCode(hi, lo);
    }
    return '\ufffd';
  }

  private hex4(at: number): number | undefined {
    const h = this.text.slice(at, at + 4);
    return /^[0-9a-fA-F]{4}$/.test(h) ? Number.parseInt(h, 16) : undefined;
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  private eat(c: string): boolean {
    if (this.text.charAt(this.pos) !== c) return false;
    this.pos++;
    return true;
  }

  private fail(problem: string): never {
    throw new WireError(`invalid JSON at offset ${this.pos}: ${problem}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Responses.

/** A secret's metadata as `/api/info` and `/api/list` report it. */
export interface SecretInfo {
  name: string;
  /** Existing versions, ascending. */
  versions: readonly SecretVersion[];
  activeVersion: SecretVersion;
}

/** The body of every successful void method (`create-version`, `activate`, `delete`, `delete-version`). */
export const EMPTY_RESPONSE = '{}';

/**
 * `/api/get`'s body: the value as standard padded base64, and its version.
 *
 * @example
 *   encodeSecretValue(new TextEncoder().encode('hello'), 4) // → '{"Value":"aGVsbG8=","Version":4}'
 */
export function encodeSecretValue(value: Uint8Array, version: SecretVersion): string {
  const b64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return goJsonMarshal({ Value: b64, Version: version });
}

/**
 * `/api/info`'s body.
 *
 * @example
 *   encodeSecretInfo({ name: 'x', versions: [1, 2], activeVersion: 2 })
 *   // → '{"Name":"x","Versions":[1,2],"ActiveVersion":2}'
 */
export function encodeSecretInfo(info: SecretInfo): string {
  return goJsonMarshal(infoObject(info));
}

/**
 * `/api/list`'s body: an array, or `null` when nothing is visible (Go's nil slice).
 *
 * @example
 *   encodeSecretList([]) // → 'null'
 */
export function encodeSecretList(infos: readonly SecretInfo[]): string {
  return infos.length === 0 ? 'null' : goJsonMarshal(infos.map(infoObject));
}

/**
 * `/api/put`'s body: the assigned version as a bare JSON number.
 *
 * @example
 *   encodeVersion(4) // → '4'
 */
export function encodeVersion(version: SecretVersion): string {
  return String(version);
}

function infoObject(info: SecretInfo): Record<string, unknown> {
  return {
    Name: info.name,
    Versions: info.versions.length === 0 ? null : info.versions,
    ActiveVersion: info.activeVersion,
  };
}
