/**
 * The console page's size budget. The page holds its rows in memory and renders them whole (about
 * six times their size at the peak), so besides its row limit (`uiRows`) it has a byte limit
 * (`uiBytes`): without one, 500 rows of 64 MiB values would take the whole process down.
 *
 * Rows are taken while they fit; the first that does not ends the page, unless it is the first
 * row: its long values are then cut to fit, so one huge cell still shows its beginning (and the
 * page says values were cut). Sizes are counted as the values' lengths (UTF-16 units for text,
 * bytes for blobs, 8 for anything else), which is what they cost in memory here.
 *
 * @example
 *   const budget = new RowBudget(16 << 20);
 *   const taken = budget.take(row, rowsSoFar === 0); // → { row, cut } or undefined: stop before it
 */
import type { Cell } from '../format/values.js';

export function cellSize(v: Cell): number {
  if (typeof v === 'string') return v.length;
  if (v instanceof Uint8Array) return v.byteLength;
  return 8;
}

export function rowSize(row: readonly Cell[]): number {
  let n = 0;
  for (const v of row) n += cellSize(v);
  return n;
}

/** `v` cut to at most `n` units (never between the halves of a surrogate pair). */
function cutCell(v: Cell, n: number): Cell {
  if (typeof v === 'string') {
    if (v.length <= n) return v;
    const end = n > 0 && /[\uD800-\uDBFF]/.test(v[n - 1] as string) ? n - 1 : n;
    return v.slice(0, end);
  }
  if (v instanceof Uint8Array) return v.byteLength <= n ? v : v.subarray(0, n);
  return v;
}

export class RowBudget {
  #left: number;

  /** `maxBytes` 0: no budget. */
  constructor(maxBytes: number) {
    this.#left = maxBytes > 0 ? maxBytes : Number.POSITIVE_INFINITY;
  }

  /** The row to show (its values cut when it is the first row and too large), or undefined: the page ends before it. */
  take(row: Cell[], first: boolean): { row: Cell[]; cut: boolean } | undefined {
    const size = rowSize(row);
    if (size <= this.#left) {
      this.#left -= size;
      return { row, cut: false };
    }
    if (!first) return undefined;
    let left = this.#left;
    const cut = row.map((v) => {
      const c = cutCell(v, Math.max(0, left));
      left -= cellSize(c);
      return c;
    });
    this.#left = 0;
    return { row: cut, cut: true };
  }
}
