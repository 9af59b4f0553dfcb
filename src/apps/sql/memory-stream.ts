/**
 * A query stream over rows already in memory (the `meta:named` answer), shaped like a driver's.
 *
 * @example
 *   const s = memoryStream([{ name: 'a', type: 'TEXT' }], [['x']], { kind: 'encode', format: 'csv' });
 *   await s.next() // → { kind: 'text', text: 'a\nx\n' }
 */
import type { Chunk, QueryMode, QueryStream, Summary } from './drivers/types.js';
import { FORMATS } from './format/encoders.js';
import type { Cell, Column } from './format/values.js';

export function memoryStream(columns: Column[], rows: Cell[][], mode: QueryMode): QueryStream {
  const summary: Summary = { rows: 0, truncated: false };
  let done = false;
  return {
    columns,
    summary,
    async next(): Promise<Chunk | null> {
      if (done) return null;
      done = true;
      if (mode.kind === 'rows') {
        const shown = rows.slice(0, mode.limit);
        Object.assign(summary, { rows: shown.length, truncated: rows.length > shown.length, total: rows.length });
        return { kind: 'rows', rows: shown };
      }
      const enc = FORMATS[mode.format].create();
      summary.rows = rows.length;
      return { kind: 'text', text: enc.begin(columns) + rows.map((r) => enc.row(r)).join('') + enc.end(summary) };
    },
    close() {
      done = true;
    },
  };
}
