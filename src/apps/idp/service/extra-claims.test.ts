import { describe, expect, it } from 'vitest';
import { mergeExtraClaims } from './extra-claims.js';

const none = new Set<string>();

describe('extraClaims merge', () => {
  it('lets the first scalar win', () => {
    expect(mergeExtraClaims([{ team: 'ops' }, { team: 'dev' }], none).claims).toEqual({ team: 'ops' });
  });

  it('unions arrays in first-seen order and keeps JSON types', () => {
    const { claims } = mergeExtraClaims([{ ids: [3, 1, 2] }, { ids: [2, 4, '4', true] }], none);
    expect(claims.ids).toEqual([3, 1, 2, 4, '4', true]);
  });

  it('turns a scalar and an array under one key into an array', () => {
    expect(mergeExtraClaims([{ g: 'a' }, { g: ['b', 'a'] }], none).claims.g).toEqual(['a', 'b']);
    expect(mergeExtraClaims([{ g: ['b'] }, { g: 'a' }], none).claims.g).toEqual(['b', 'a']);
  });

  it('keeps objects whole, first wins', () => {
    const { claims } = mergeExtraClaims([{ o: { x: 1 } }, { o: { y: 2 } }, { o: ['z'] }], none);
    expect(claims.o).toEqual({ x: 1 });
  });

  it('never overwrites protected claims and reports each once', () => {
    const r = mergeExtraClaims([{ nonce: 'evil', sub: 'x', ok: 1 }, { nonce: 'again' }], new Set(['nonce', 'sub']));
    expect(r.claims).toEqual({ ok: 1 });
    expect(r.dropped).toEqual(['nonce', 'sub']);
  });

  it('keeps key order and does not mutate the sources', () => {
    const a = { z: [1], a: 1 };
    const b = { z: [2], m: 'x' };
    const { claims } = mergeExtraClaims([a, b], none);
    expect(Object.keys(claims)).toEqual(['z', 'a', 'm']);
    expect(a.z).toEqual([1]);
  });

  it('keeps null and false values', () => {
    expect(mergeExtraClaims([{ a: null, b: false }], none).claims).toEqual({ a: null, b: false });
  });
});
