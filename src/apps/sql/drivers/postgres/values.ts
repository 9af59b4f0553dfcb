/**
 * PostgreSQL values as the console's cells, the way a Go `database/sql` driver would hand them to
 * tailsql: integers exact (`bigint`, never a JS number), floats as numbers, `bool`, `bytea` as
 * bytes, `date`/`timestamp`/`timestamptz` as times (with their offset), and every other type as
 * the server's text (numeric, json, uuid, arrays, intervals…).
 *
 * @example
 *   PG_TYPES.getTypeParser(20, 'text')('9007199254740993') // → 9007199254740993n
 *   parsePgTime('2024-01-02 03:04:05.5+02')                 // → GoTime at 01:04:05.5Z, offset +2h
 */
import { type GoTime, goTime } from '../../format/gotime.js';
import type { Cell } from '../../format/values.js';

const INT_OIDS = new Set([20, 21, 23, 26, 28, 29]);
const FLOAT_OIDS = new Set([700, 701]);
const TIME_OIDS = new Set([1082, 1114, 1184]);

/** Names of the common built-in types, for column headers and the JSON export's metadata. */
export const PG_TYPE_NAMES: Readonly<Record<number, string>> = {
  16: 'bool', 17: 'bytea', 18: 'char', 19: 'name', 20: 'int8', 21: 'int2', 23: 'int4', 25: 'text', 26: 'oid',
  114: 'json', 142: 'xml', 700: 'float4', 701: 'float8', 790: 'money', 869: 'inet', 650: 'cidr', 829: 'macaddr',
  1042: 'bpchar', 1043: 'varchar', 1082: 'date', 1083: 'time', 1114: 'timestamp', 1184: 'timestamptz', 1186: 'interval',
  1266: 'timetz', 1560: 'bit', 1562: 'varbit', 1700: 'numeric', 2950: 'uuid', 3802: 'jsonb', 3807: '_jsonb', 1000: '_bool',
  1005: '_int2', 1007: '_int4', 1016: '_int8', 1009: '_text', 1015: '_varchar', 1021: '_float4', 1022: '_float8', 2249: 'record',
};

const PG_TIME = /^(\d{4,})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?( BC)?$/;

/** A PostgreSQL date/timestamp text value as a time; `infinity` and BC dates stay text. */
export function parsePgTime(text: string): GoTime | string {
  const m = PG_TIME.exec(text);
  if (!m || m[12]) return text;
  const n = (i: number) => Number(m[i] ?? 0);
  const sign = m[8] === '-' ? -1 : 1;
  const offset = m[8] ? sign * (n(9) * 3600 + n(10) * 60 + n(11)) : 0;
  const nanos = m[7] ? Number(m[7].padEnd(9, '0')) : 0;
  return goTime(n(1), n(2), n(3), n(4), n(5), n(6), nanos, offset);
}

function parseBytea(text: string): Uint8Array {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex');
  // Legacy escape format: \ooo octets and \\.
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === '\\') {
      out.push(92);
      i++;
    } else if (text[i] === '\\') {
      out.push(Number.parseInt(text.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      out.push(text.charCodeAt(i));
    }
  }
  return Uint8Array.from(out);
}

function parserFor(oid: number): (text: string) => Cell {
  if (INT_OIDS.has(oid)) return (t) => BigInt(t);
  if (FLOAT_OIDS.has(oid)) return (t) => Number(t);
  if (oid === 16) return (t) => t === 't';
  if (oid === 17) return parseBytea;
  if (TIME_OIDS.has(oid)) return parsePgTime;
  return (t) => t;
}

/** Type parsers for `pg` (text format): pass as `types` to a query or cursor. */
export const PG_TYPES = {
  getTypeParser: ((oid: number) => parserFor(oid)) as never,
};

/** The display name of a type OID. */
export function pgTypeName(oid: number): string {
  return PG_TYPE_NAMES[oid] ?? `oid ${oid}`;
}
