import { describe, expect, it } from 'vitest';
import { ID_RANDOM_BITS, isPasteId, newPasteId } from './ids.js';

describe('paste ids', () => {
  it('are lower-case UUIDv4 strings', () => {
    const id = newPasteId();
    expect(id).toHaveLength(36);
    expect(isPasteId(id)).toBe(true);
    expect(id).toBe(id.toLowerCase());
  });

  it('carry 122 random bits: every non-fixed bit takes both values over many ids', () => {
    const seen0 = new Array<boolean>(128).fill(false);
    const seen1 = new Array<boolean>(128).fill(false);
    for (let i = 0; i < 2000; i++) {
      const hex = newPasteId().replaceAll('-', '');
      const bits = BigInt(`0x${hex}`);
      for (let b = 0; b < 128; b++) {
        if ((bits >> BigInt(b)) & 1n) seen1[b] = true;
        else seen0[b] = true;
      }
    }
    const varying = seen0.filter((z, b) => z && seen1[b]).length;
    expect(varying).toBe(ID_RANDOM_BITS);
  });

  it('never repeat over a sample', () => {
    const ids = new Set(Array.from({ length: 10_000 }, newPasteId));
    expect(ids.size).toBe(10_000);
  });

  it('reject other shapes', () => {
    for (const s of ['', 'list', 'mine', '3B241101-E2BB-4255-8CAF-4136C566A962', '3b241101-e2bb-1255-8caf-4136c566a962', '../etc/passwd']) {
      expect(isPasteId(s)).toBe(false);
    }
  });
});
