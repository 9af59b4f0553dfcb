/**
 * JSON as Go's `encoding/json` writes it with its default HTML escaping: `<`, `>`, `&`, U+2028
 * and U+2029 inside strings become `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`. The
 * upstream clients of three apps compare or print these bytes (golink's API and export, setec's
 * API, tailsql's NDJSON and metadata), so the apps must write exactly what Go writes.
 *
 * Hand-written because nothing on npm reproduces Go's output. `JSON.stringify` writes what Go
 * writes for the values the apps send (strings, finite numbers, booleans, null, arrays, and
 * objects whose keys are in the order Go writes them: a struct's field order, a map's sorted
 * keys; `\b`/`\f` as short escapes, as Go ≥ 1.22 does) except for the HTML escaping, which is
 * added here. Those five characters can only stand inside JSON strings, so escaping them across
 * the whole text is exact. Checked against Go's own answers in `json.test.ts`.
 *
 * @example
 *   goJsonMarshal({ Long: 'https://x/?a=1&b=2' }) // '{"Long":"https://x/?a=1\\u0026b=2"}'
 *   goJsonEncode({ Short: 'x' })                  // '{"Short":"x"}\n'
 *   goJsonString('a<b')                           // '"a\\u003cb"'
 */

const HAS_HTML_UNSAFE = /[<>&\u2028\u2029]/;
const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** Go's HTML escaping applied to JSON text (a test first: most text has nothing to escape). */
function escapeHtml(json: string): string {
  return HAS_HTML_UNSAFE.test(json) ? json.replace(HTML_UNSAFE, (c) => HTML_ESCAPES[c] as string) : json;
}

/**
 * `json.Marshal(value)`, or `json.MarshalIndent(value, "", "  ")` with `indent` 2. The value must
 * be JSON (no `undefined`, functions or bigints at the top).
 *
 * @example goJsonMarshal({ Value: 'a>b', Version: 2 }) // '{"Value":"a\\u003eb","Version":2}'
 */
export function goJsonMarshal(value: unknown, indent?: number): string {
  return escapeHtml(JSON.stringify(value, null, indent));
}

/**
 * What a `json.Encoder` writes for one value: {@link goJsonMarshal} and the newline `Encode` adds
 * (`SetIndent("", "  ")` with `indent` 2).
 *
 * @example goJsonEncode({ Short: 'a&b' }) // '{"Short":"a\\u0026b"}\n'
 */
export function goJsonEncode(value: unknown, indent?: number): string {
  return `${goJsonMarshal(value, indent)}\n`;
}

/**
 * One JSON string as `encoding/json` writes it (the hot path of the SQL console's NDJSON).
 *
 * @example goJsonString('bob, the "builder"') // '"bob, the \\"builder\\""'
 */
export function goJsonString(s: string): string {
  return escapeHtml(JSON.stringify(s));
}
