import { describe, expect, it } from 'vitest';
import { goCleanRooted, muxRedirect } from './path.js';

describe("Go's ServeMux path cleaning", () => {
  it('cleans as path.Clean does, never above the root', () => {
    expect(goCleanRooted('/a/./b/../../c')).toBe('/c');
    expect(goCleanRooted('/../json')).toBe('/json');
    expect(goCleanRooted('//')).toBe('/');
  });

  it('redirects an unclean path to the clean one with the raw query, and leaves clean ones alone', () => {
    expect(muxRedirect('//json')).toBe('/json');
    expect(muxRedirect('/./json?q=select+1&src=other')).toBe('/json?q=select+1&src=other');
    expect(muxRedirect('/json/.')).toBe('/json');
    expect(muxRedirect('/json/..?q=1')).toBe('/?q=1');
    expect(muxRedirect('/..')).toBe('/');
    expect(muxRedirect('/meta/')).toBeUndefined();
    expect(muxRedirect('/a/../meta/')).toBe('/meta/');
    expect(muxRedirect('/json?q=/./x')).toBeUndefined();
    expect(muxRedirect('/')).toBeUndefined();
  });

  it('escapes the cleaned path once more, as url.URL.String does', () => {
    expect(muxRedirect('/./js%6Fn')).toBe('/js%256Fn');
    expect(muxRedirect('//a b')).toBe('/a%20b');
  });
});

describe('muxRedirect’s quick check for clean paths', () => {
  it('agrees with cleaning for every path of up to four segments of empty, dot, dot-dot and names', () => {
    const segments = ['', '.', '..', 'a', '.b', '..c', 'd.', '%2e', '...'];
    const paths: string[] = [];
    const grow = (p: string, depth: number) => {
      paths.push(p === '' ? '/' : p);
      if (depth < 4) for (const s of segments) grow(`${p}/${s}`, depth + 1);
    };
    grow('', 0);
    for (const path of paths) {
      const clean = goCleanRooted(path);
      const want = path.endsWith('/') && clean !== '/' ? `${clean}/` : clean;
      expect(muxRedirect(`${path}?q=1`) === undefined, path).toBe(want === path);
    }
  });
});
