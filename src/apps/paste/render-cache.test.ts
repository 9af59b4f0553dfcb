import { describe, expect, it } from 'vitest';
import { RenderCache } from './render-cache.js';

describe('RenderCache', () => {
  it('returns what was stored, per paste and view, counting hits and misses', () => {
    const cache = new RenderCache(1024);
    expect(cache.get('a', 'go')).toBeUndefined();
    cache.set('a', 'go', '<b>x</b>');
    cache.set('a', 'python', '<i>x</i>');
    expect(cache.get('a', 'go')).toBe('<b>x</b>');
    expect(cache.get('a', 'python')).toBe('<i>x</i>');
    expect(cache.get('b', 'go')).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([2, 2]);
  });

  it('evicts the least recently used entries to stay under its budget', () => {
    const cache = new RenderCache(100); // 50 UTF-16 code units
    cache.set('a', 'v', 'x'.repeat(20));
    cache.set('b', 'v', 'x'.repeat(20));
    cache.get('a', 'v');
    cache.set('c', 'v', 'x'.repeat(20));
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')).toBeDefined();
    expect(cache.get('c', 'v')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(100);
  });

  it('does not keep a rendering larger than the whole budget', () => {
    const cache = new RenderCache(10);
    expect(cache.set('a', 'v', 'x'.repeat(100))).toHaveLength(100);
    expect(cache.size).toBe(0);
  });

  it('drops every view of a paste at once', () => {
    const cache = new RenderCache(1024);
    cache.set('a', 'go', '1');
    cache.set('a', 'md', '2');
    cache.set('b', 'go', '3');
    cache.drop('a');
    expect(cache.get('a', 'go')).toBeUndefined();
    expect(cache.get('a', 'md')).toBeUndefined();
    expect(cache.get('b', 'go')).toBe('3');
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(2);
  });

  it('replacing an entry does not double-count it', () => {
    const cache = new RenderCache(1024);
    cache.set('a', 'go', 'xx');
    cache.set('a', 'go', 'yyyy');
    expect(cache.bytes).toBe(8);
    expect(cache.size).toBe(1);
  });
});
