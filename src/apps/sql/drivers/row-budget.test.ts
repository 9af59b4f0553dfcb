import { describe, expect, it } from 'vitest';
import { RowBudget, rowSize } from './row-budget.js';

describe('RowBudget', () => {
  it('takes rows while they fit, and stops before the first that does not', () => {
    const b = new RowBudget(100);
    expect(b.take(['a'.repeat(40), 1n], true)).toEqual({ row: ['a'.repeat(40), 1n], cut: false });
    expect(b.take([new Uint8Array(52)], false)?.cut).toBe(false);
    expect(b.take(['x'], false)).toBeUndefined();
  });

  it('cuts the values of a first row that alone is too large, never inside a surrogate pair', () => {
    const b = new RowBudget(10);
    const taken = b.take([2n, `${'b'.repeat(1)}😀${'c'.repeat(20)}`, new Uint8Array(5), 'tail'], true);
    expect(taken?.cut).toBe(true);
    expect(taken?.row).toEqual([2n, 'b', new Uint8Array(1), '']);
    expect(new RowBudget(11).take([2n, 'b😀ccc'], true)?.row).toEqual([2n, 'b😀']);
    expect(rowSize(taken?.row ?? [])).toBeLessThanOrEqual(10);
  });

  it('has no limit at 0', () => {
    const b = new RowBudget(0);
    for (let i = 0; i < 3; i++) expect(b.take(['z'.repeat(1 << 20)], i === 0)?.cut).toBe(false);
  });
});
