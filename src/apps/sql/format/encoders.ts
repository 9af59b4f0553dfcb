/**
 * Streaming writers for every download format. Each turns a result into text piece by piece
 * (`begin` with the columns, `row` per row, `end`), so an export never holds more than one row.
 *
 * - `csv`: Go's `encoding/csv` as tailsql writes it (quotes only when needed, `\n` line ends,
 *   header row first, NULL empty, no output at all for a statement without columns).
 * - `ndjson`: tailsql's `/json`: one object per row, keys sorted, a repeated column name keeps
 *   the last value, Go's JSON spelling.
 * - `json`: an object with column metadata and rows as arrays (column order and duplicate names
 *   survive), `truncated` and `rowCount` at the end.
 * - `tsv` (PostgreSQL text-format escapes) and `md` (a Markdown table).
 *
 * @example
 *   const enc = encoders.csv;
 *   enc.begin([{ name: 'a', type: '' }]) + enc.row(['x,y']) + enc.end({ rows: 1, truncated: false })
 *   // → 'a\n"x,y"\n'
 */
import { goFloatV } from '../../../platform/go/float.js';
import { goJsonString } from '../../../platform/go/json.js';
import { type Cell, type Column, cellJson, cellText } from './values.js';

export type FormatName = 'csv' | 'ndjson' | 'json' | 'tsv' | 'md';

export interface EndInfo {
  rows: number;
  truncated: boolean;
}

/** A stateful writer for one result. */
export interface Encoder {
  begin(columns: readonly Column[]): string;
  row(values: readonly Cell[]): string;
  end(info: EndInfo): string;
}

export interface FormatSpec {
  contentType: string;
  extension: string;
  create(): Encoder;
}

/**
 * What makes Go's encoding/csv quote a field: a quote, comma, CR or LF anywhere, or a first
 * character that is `unicode.IsSpace`.
 */
const NEEDS_QUOTES = /[",\r\n]|^[\t\v\f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * One CSV field as Go's `csv.Writer` writes it.
 *
 * @example csvField(' lead') // → '" lead"'; csvField('\\.') // → '"\\."'
 */
export function csvField(s: string): string {
  if (s === '') return s;
  if (NEEDS_QUOTES.test(s) || s === '\\.') return `"${s.replaceAll('"', '""')}"`;
  return s;
}

/** One cell's CSV text; numbers never need quoting, so they skip the check (the export hot path). */
function csvCell(v: Cell): string {
  if (typeof v === 'string') return csvField(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return goFloatV(v);
  return csvField(cellText(v));
}

function csvEncoder(): Encoder {
  let width = 0;
  return {
    begin(columns) {
      width = columns.length;
      return width === 0 ? '' : `${columns.map((c) => csvField(c.name)).join(',')}\n`;
    },
    row(values) {
      if (width === 0) return '';
      let line = csvCell(values[0] as Cell);
      for (let i = 1; i < values.length; i++) line += `,${csvCell(values[i] as Cell)}`;
      return `${line}\n`;
    },
    end: () => '',
  };
}

/** Compares by Unicode code point, i.e. UTF-8 byte order, as Go sorts map keys. */
export function codePointCompare(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

function ndjsonEncoder(): Encoder {
  let keys: Array<{ prefix: string; index: number }> = [];
  return {
    begin(columns) {
      const last = new Map<string, number>();
      for (const [i, c] of columns.entries()) last.set(c.name, i);
      const names = [...last.keys()].sort(codePointCompare);
      keys = names.map((name, i) => ({ prefix: `${i === 0 ? '' : ','}${goJsonString(name)}:`, index: last.get(name) as number }));
      return '';
    },
    row(values) {
      let line = '{';
      for (const k of keys) line += k.prefix + cellJson(values[k.index] as Cell);
      return `${line}}\n`;
    },
    end: () => '',
  };
}

function jsonEncoder(): Encoder {
  let first = true;
  return {
    begin(columns) {
      const cols = columns.map((c) => `{"name":${goJsonString(c.name)},"type":${goJsonString(c.type)}}`).join(',');
      return `{"columns":[${cols}],"rows":[`;
    },
    row(values) {
      const line = `${first ? '\n' : ',\n'}[${values.map((v) => cellJson(v)).join(',')}]`;
      first = false;
      return line;
    },
    end: (info) => `\n],"rowCount":${info.rows},"truncated":${info.truncated}}\n`,
  };
}

/** PostgreSQL text-format escaping, so tabs and newlines inside values survive. */
function tsvField(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string) : s;
}

function tsvEncoder(): Encoder {
  return {
    begin: (columns) => `${columns.map((c) => tsvField(c.name)).join('\t')}\n`,
    row: (values) => `${values.map((v) => tsvField(cellText(v))).join('\t')}\n`,
    end: () => '',
  };
}

function mdField(s: string): string {
  return s.replace(/[\\|]/g, (c) => `\\${c}`).replace(/\r?\n/g, '<br>');
}

function mdEncoder(): Encoder {
  return {
    begin: (columns) => `| ${columns.map((c) => mdField(c.name)).join(' | ')} |\n|${columns.map(() => ' --- |').join('')}\n`,
    row: (values) => `| ${values.map((v) => mdField(cellText(v))).join(' | ')} |\n`,
    end: (info) => (info.truncated ? `\n_Truncated at ${info.rows} rows._\n` : ''),
  };
}

export const FORMATS: Readonly<Record<FormatName, FormatSpec>> = {
  csv: { contentType: 'text/csv', extension: 'csv', create: csvEncoder },
  ndjson: { contentType: 'application/json', extension: 'ndjson', create: ndjsonEncoder },
  json: { contentType: 'application/json', extension: 'json', create: jsonEncoder },
  tsv: { contentType: 'text/tab-separated-values; charset=utf-8', extension: 'tsv', create: tsvEncoder },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md', create: mdEncoder },
};

export function isFormatName(s: string): s is FormatName {
  return Object.hasOwn(FORMATS, s);
}
