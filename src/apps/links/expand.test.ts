import { expect, test } from 'vitest';
import { LinkExpander, visitLimits } from './expand.js';
import { expandURL } from './resolve.js';
import { urlString } from './template/gourl.js';
import { GoTime } from './template/index.js';

const now = GoTime.date(2022, 6, 2, 1, 2, 3);
const cases: Array<[string, { path?: string; query?: string; user?: string }]> = [
  ['http://who/', {}],
  ['http://who/', { path: 'p/q' }],
  ['http://who', { path: 'p' }],
  ['http://who', {}],
  ['/rel?a=1', { query: 'a=2&b=2' }],
  ['http://host.com/foo%2f/bar', {}],
  ['http://host.com/foo%2f/bar', { query: 'x=1' }],
  ['http://host.com/foo%2f/bar', { path: '\u00fc' }],
  ['https://x/#frag', { query: 'b=1&a=2' }],
  ['https://x/page#top', { path: 'a b/%23' }],
  ['https://ex.org/find?k=v', { path: '\u00fc', query: 'a=%zz' }],
  ['https://ex.org/find?k=v', { path: '\u00fc', query: 'q=%E4' }],
  ['https://x/', { path: '[y]/(x)/..' }],
  ['https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}', { path: 'a b/c' }],
  ['http://wiki/{{.Now.Format "01-02-2006"}}', { query: 'z=1' }],
  ['/who/{{.User}}', { user: 'foo@example.com' }],
  ['http://x/{{.Path}}', { path: 'a%zz' }],
  ['http://x/%zz', {}],
];

test.each(cases)('%s %j: same Location as expandURL, cached or not', (long, env) => {
  const x = new LinkExpander();
  const run = (f: () => string) => {
    try {
      return f();
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };
  const want = run(() => urlString(expandURL(long, { ...env, now })));
  expect(run(() => x.location(long, { ...env, now }))).toBe(want);
  expect(run(() => x.location(long, { ...env, now }))).toBe(want);
});

test('the Location keeps raw query bytes and re-escapes the path', () => {
  const x = new LinkExpander();
  expect(x.location('https://ex.org/find?k=v', { path: '\u00fc', query: 'a=%zz' })).toBe('https://ex.org/find?k=v/\xc3\xbc');
  expect(x.location('https://ex.com/', { path: 'a b', query: 'q=%E4' })).toBe('https://ex.com/a%20b?q=%E4');
});

test('.User without a user throws the NoUserError cause', () => {
  expect(() => new LinkExpander().location('/{{.User}}', {})).toThrow(/no user|valid user/);
});

test('a 1 MiB request expands as golink expands it: the limits grow with the request', () => {
  const x = new LinkExpander({ maxBytes: 256 * 1024, maxOutputBytes: 64 * 1024 });
  const path = 'a'.repeat(1 << 20);
  expect(x.location('https://ex.com/{{PathEscape .Path}}', { path })).toBe(`https://ex.com/${path}`);
  expect(visitLimits({ maxBytes: 4096 }, { path: 'short' })).toEqual({ maxBytes: 4096 });
  expect(visitLimits({}, { path, query: 'x=1' })).toMatchObject({ maxOutputBytes: 4 * (path.length + 3), maxSteps: path.length + 3 });
});
