/**
 * Go's text forms of the values tailsql prints, so output matches it byte for byte: `fmt`'s `%v`
 * for floats (CSV and the UI), `encoding/json` for floats and strings (NDJSON), and the two
 * base64 variants tailsql mixes (unpadded in CSV/UI, padded in JSON).
 *
 * Written here because these are Go's exact rules, which no JavaScript formatter follows (JS
 * switches to exponents at 1e21, Go's `%v` at 1e6; Go's JSON encoder escapes `<>&`).
 *
 * @example
 *   goFloatV(123456789.125)  // → '1.23456789125e+08'
 *   goJsonFloat(42)          // → '42'
 *   goJsonString('a<b')      // → '"a\\u003cb"'
 */

/**
 * `fmt.Sprint(float64)`: shortest round-trip digits, exponent form when the decimal exponent is
 * below -4 or at least 6 (two-digit exponent minimum), `+Inf`/`-Inf`/`NaN`, and `-0`.
 *
 * @example goFloatV(1e21) // → '1e+21'; goFloatV(0.1) // → '0.1'; goFloatV(1e6) // → '1e+06'
 */
export function goFloatV(x: number): string {
  const a = x < 0 ? -x : x;
  // Between 1e-4 and 1e6 JavaScript's shortest form is Go's: plain decimal (the common case).
  if (a >= 1e-4 && a < 1e6) return String(x);
  if (a >= 1e6 && a < 1e21) return exponentFromDecimal(String(x));
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+Inf';
  if (x === Number.NEGATIVE_INFINITY) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  // In this range JavaScript's shortest form is plain decimal, as Go's is.
  return String(x);
}

/** `1234567.5` → `1.2345675e+06`: the exponent form of a plain decimal ≥ 1e6 (no toExponential). */
function exponentFromDecimal(decimal: string): string {
  const neg = decimal.startsWith('-');
  const body = neg ? decimal.slice(1) : decimal;
  const dot = body.indexOf('.');
  const intLen = dot < 0 ? body.length : dot;
  const digits = (dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1)).replace(/0+$/, '');
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exp = intLen - 1;
  return `${neg ? '-' : ''}${mantissa}e+${exp < 10 ? '0' : ''}${exp}`;
}

/**
 * `encoding/json` for a float64: plain decimal unless |x| < 1e-6 or ≥ 1e21, then `1e+21` /
 * `2.5e-10` (JavaScript's own thresholds and spelling), and `-0` kept. Go refuses NaN and ±Inf
 * (tailsql's stream breaks there); they are written as the strings `"NaN"`, `"+Inf"`, `"-Inf"`.
 *
 * @example goJsonFloat(1e100) // → '1e+100'; goJsonFloat(42) // → '42'
 */
export function goJsonFloat(x: number): string {
  if (!Number.isFinite(x)) return `"${goFloatV(x)}"`;
  if (x === 0 && Object.is(x, -0)) return '-0';
  return String(x);
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const HTML_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * `encoding/json` for a string with HTML escaping on (the `json.Encoder` default): like
 * `JSON.stringify`, plus `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`.
 *
 * @example goJsonString('bob, the "builder"') // → '"bob, the \\"builder\\""'
 */
export function goJsonString(s: string): string {
  const json = JSON.stringify(s);
  return HTML_UNSAFE.test(json) ? json.replace(HTML_UNSAFE, (c) => HTML_ESCAPES[c] as string) : json;
}

/** Standard base64 with padding (`encoding/json` for `[]byte`). */
export function base64Padded(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Standard base64 without padding (tailsql's `base64.RawStdEncoding` in CSV and the UI). */
export function base64Raw(bytes: Uint8Array): string {
  const padded = base64Padded(bytes);
  const end = padded.endsWith('==') ? padded.length - 2 : padded.endsWith('=') ? padded.length - 1 : padded.length;
  return padded.slice(0, end);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The bytes as a string if they are valid UTF-8 (Go's `utf8.Valid`: no overlongs, no surrogates),
 * else undefined.
 *
 * @example utf8OrUndefined(new Uint8Array([0x89, 0x50])) // → undefined
 */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
