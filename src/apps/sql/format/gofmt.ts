/**
 * Go's text forms of the values tailsql prints that only the SQL console needs, so output
 * matches it byte for byte: `encoding/json` for floats (NDJSON), the two base64 variants tailsql
 * mixes (unpadded in CSV/UI, padded in JSON) and `utf8.Valid`. Go's `%v` of a float and its
 * HTML-safe JSON strings are the platform's (`platform/go/`), shared with the links app.
 *
 * Written here because these are Go's exact rules, which no JavaScript formatter follows.
 *
 * @example
 *   goJsonFloat(42)            // → '42'
 *   base64Raw(bytes)           // → 'iVA' (no padding)
 */
import { goFloatV } from '../../../platform/go/float.js';

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
