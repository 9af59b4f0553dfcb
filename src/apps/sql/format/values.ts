/**
 * The driver-neutral cell value, and its three renderings (reference §6.2): the text tailsql
 * writes in CSV (and the UI, where NULL reads `(null)`), and the JSON it writes in NDJSON.
 *
 * Integers are always `bigint` (SQLite with safe integers, PostgreSQL int8 parsed as BigInt), so a
 * 64-bit value never passes through a JS number; floats are `number`; blobs are bytes; times are
 * {@link GoTime}. Values cross from the SQLite runner process by structured clone, which keeps all
 * of these.
 *
 * @example
 *   cellText(9007199254740993n)             // → '9007199254740993'
 *   cellJson(new Uint8Array([0x89, 0x50]))  // → '"iVA="'
 *   cellText(new Uint8Array([0x89, 0x50]))  // → 'iVA'
 */
import { goFloatV } from '../../../platform/go/float.js';
import { goJsonString } from '../../../platform/go/json.js';
import { base64Padded, base64Raw, goJsonFloat, utf8OrUndefined } from './gofmt.js';
import { type GoTime, isGoTime, rfc3339Nano, rfc3339Utc } from './gotime.js';

export type Cell = null | bigint | number | string | boolean | Uint8Array | GoTime;

/** One result column: its name and, when the driver knows it, the declared or server type. */
export interface Column {
  name: string;
  type: string;
}

/** tailsql's CSV text of a value (`valueToString`); NULL is the empty string. */
export function cellText(v: Cell): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'number':
      return goFloatV(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null) return '';
      if (v instanceof Uint8Array) return utf8OrUndefined(v) ?? base64Raw(v);
      if (isGoTime(v)) return rfc3339Utc(v);
      return String(v);
  }
}

/** tailsql's JSON of a value (`encoding/json` on what the driver returned). */
export function cellJson(v: Cell): string {
  switch (typeof v) {
    case 'string':
      return goJsonString(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return goJsonFloat(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null) return 'null';
      if (v instanceof Uint8Array) {
        const text = utf8OrUndefined(v);
        return text === undefined ? `"${base64Padded(v)}"` : goJsonString(text);
      }
      if (isGoTime(v)) return `"${rfc3339Nano(v)}"`;
      return goJsonString(String(v));
  }
}

/** Is the value numeric (for charts and right-aligned cells)? */
export function isNumeric(v: Cell): boolean {
  return typeof v === 'bigint' || typeof v === 'number';
}
