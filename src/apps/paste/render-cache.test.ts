import { describe, expect, it } from 'vitest';
import { RenderCache } from './render-cache.js';

describe('RenderCache', () => {
  it('returns what was stored, per paste and view, counting hits and misses', () => {
    const cache = new RenderCache(1024);
    expect(cache.get('a', 'go')).toBeUndefined();
    cache.set('a', 'go', Buffer.from('<b>x</b>'));
    cache.set('a', 'python', Buffer.from('<i>x</i>'));
    expect(cache.get('a', 'go')?.toString()).toBe('<b>x</b>');
    expect(cache.get('a', 'python')?.toString()).toBe('<i>x</i>');
    expect(cache.get('b', 'go')).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([2, 2]);
  });

  it('evicts the least recently used entries to stay under its budget', () => {
    const cache = new RenderCache(100);
    cache.set('a', 'v', Buffer.from('x'.repeat(40)));
    cache.set('b', 'v', Buffer.from('x'.repeat(40)));
    cache.get('a', 'v');
    cache.set('c', 'v', Buffer.from('x'.repeat(40)));
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')).toBeDefined();
    expect(cache.get('c', 'v')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(100);
  });

  it('does not keep a rendering larger than the whole budget', () => {
    const cache = new RenderCache(10);
    expect(cache.set('a', 'v', Buffer.from('x'.repeat(100)))).toHaveLength(100);
    expect(cache.size).toBe(0);
  });

  it('drops every view of a paste at once', () => {
    const cache = new RenderCache(1024);
    cache.set('a', 'go', Buffer.from('1'));
    cache.set('a', 'md', Buffer.from('2'));
    cache.set('b', 'go', Buffer.from('3'));
    cache.drop('a');
    expect(cache.get('a', 'go')).toBeUndefined();
    expect(cache.get('a', 'md')).toBeUndefined();
    expect(cache.get('b', 'go')?.toString()).toBe('3');
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(1);
  });

  it('counts UTF-8 bytes, and replacing an entry does not double-count it', () => {
    const cache = new RenderCache(1024);
    cache.set('a', 'go', Buffer.from('xx'));
    cache.set('a', 'go', Buffer.from('yyyy'));
    expect(cache.bytes).toBe(4);
    expect(cache.size).toBe(1);
    cache.set('b', 'go', Buffer.from('→'));
    expect(cache.bytes).toBe(7);
  });
});
