import { expect, test } from 'vitest';
import { LinkExpander } from './expand.js';
import { expandLink } from './resolve.js';
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
  ['https://x/#frag', { query: 'b=1&a=2' }],
  ['https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}', { path: 'a b/c' }],
  ['http://wiki/{{.Now.Format "01-02-2006"}}', { query: 'z=1' }],
  ['/who/{{.User}}', { user: 'foo@example.com' }],
  ['http://x/{{.Path}}', { path: 'a%zz' }],
  ['http://x/%zz', {}],
];

test.each(cases)('%s %j: same result as expandLink, cached or not', (long, env) => {
  const x = new LinkExpander();
  const run = (f: () => string) => {
    try {
      return f();
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };
  const want = run(() => expandLink(long, { ...env, now }));
  expect(run(() => x.expand(long, { ...env, now }))).toBe(want);
  expect(run(() => x.expand(long, { ...env, now }))).toBe(want);
});

test('.User without a user throws the NoUserError cause both ways', () => {
  expect(() => new LinkExpander().expand('/{{.User}}', {})).toThrow(/no user|valid user/);
});
