/**
 * Form fields as Go's `net/http` merges them, for apps whose upstream reads `r.FormValue` (golink's
 * save and edit, tsidp's OAuth endpoints): the fields of a POST, PUT or PATCH body first
 * (`application/x-www-form-urlencoded` or `multipart/form-data`; other bodies have none), then
 * those of the query string. `FormValue` is the first value of that list, `r.Form[name]` the
 * whole list; a multipart file part is not a value.
 *
 * The body is read once per request, the fast way ({@link rawBody}), and parsed once, however
 * many fields are asked for. A multipart body that does not parse is a {@link BadFormError}.
 *
 * @example
 *   const form = await formValues(c);                      // { grant_type: 'authorization_code', … }
 *   const resources = await formValueList(c, 'resource');  // body values, then query values
 */
import type { Context } from 'hono';
import { rawBody } from './request.js';

/** A request body that cannot be read as the form its `Content-Type` says it is (a 400). */
export class BadFormError extends Error {
  override readonly name = 'BadFormError';
}

/** Field values by name, in Go's `r.Form` order. */
type Form = ReadonlyMap<string, readonly string[]>;

/** Go parses a form body for these methods only (`Request.ParseForm`). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Forms parsed so far, by request. */
const forms = new WeakMap<Context, Promise<Form>>();

/**
 * Go's `r.FormValue(name)` for every field at once: the first value of each, body before query.
 * A field that is absent is absent (not `''` as in Go), so callers can tell "not sent" apart.
 *
 * @example (await formValues(c)).short ?? ''
 */
export async function formValues(c: Context): Promise<Record<string, string>> {
  // No prototype: a field may be called `__proto__` or `constructor`.
  const out: Record<string, string> = Object.create(null);
  for (const [name, values] of await form(c)) out[name] = values[0] as string;
  return out;
}

/**
 * Go's `r.Form[name]`: every value of a repeatable field, those of the body first.
 *
 * @example await formValueList(c, 'audience') // ['https://a.example', 'https://b.example']
 */
export async function formValueList(c: Context, name: string): Promise<string[]> {
  return [...((await form(c)).get(name) ?? [])];
}

function form(c: Context): Promise<Form> {
  let parsed = forms.get(c);
  if (!parsed) {
    parsed = parseForm(c);
    forms.set(c, parsed);
  }
  return parsed;
}

async function parseForm(c: Context): Promise<Form> {
  const out = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    const values = out.get(name);
    if (values) values.push(value);
    else out.set(name, [value]);
  };
  for (const [name, value] of await bodyFields(c)) add(name, value);
  for (const [name, values] of Object.entries(c.req.queries())) for (const value of values) add(name, value);
  return out;
}

/** The body's fields in order; none for other methods and other content types. */
async function bodyFields(c: Context): Promise<Iterable<[string, string]>> {
  if (!BODY_METHODS.has(c.req.method)) return [];
  // hono's header, not node's: in-process tests hand hono a request whose Content-Type only the
  // web Request knows (a URLSearchParams or FormData body sets it).
  const contentType = c.req.header('content-type') ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-www-form-urlencoded') return new URLSearchParams((await rawBody(c)).toString('utf8'));
  if (mediaType !== 'multipart/form-data') return [];
  let parts: FormData;
  try {
    parts = await new Response((await rawBody(c)) as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': contentType } }).formData();
  } catch (err) {
    throw new BadFormError(`malformed multipart/form-data body: ${(err as Error).message}`);
  }
  const fields: Array<[string, string]> = [];
  parts.forEach((value, name) => {
    if (typeof value === 'string') fields.push([name, value]);
  });
  return fields;
}
