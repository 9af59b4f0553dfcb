/**
 * Request targets of the kinds the golink oracle probes, beyond its recorded cases: raw
 * non-ASCII and invalid UTF-8, `#` in a target, absolute-form targets, Go's cap on query
 * parameters, and golink's ServeMux cleaning of the `/.` namespace. Each expectation follows
 * from Go's rules (`url.ParseRequestURI`, `url.Parse` → `URL.String()`, `ServeMux`).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ORACLE, socketGet, startLinks } from './helpers.js';

describe('request targets beyond the oracle', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startLinks({ login: 'foo@example.com', appConfig: { snapshot: join(ORACLE, 'snapshot.jsonl') } });
    port = Number(new URL(t.url).port);
  });
  afterAll(() => t.cleanup());

  test.each<[string, Buffer | string, number, string | undefined]>([
    ['an invalid UTF-8 byte stays one byte', '/gh/%FF/%C3', 302, 'https://github.com/%FF/%C3'],
    ['UTF-8 decoded into a query that is not merged reaches Location as raw bytes', '/q/%C3%BC?%zz', 302, 'https://ex.org/find?k=v&a=1/Ã¼'],
    ['... and an invalid byte as itself', '/q/%FF?%zz', 302, 'https://ex.org/find?k=v&a=1/\xff'],
    // Go's server takes raw bytes above 0x7f in a request line (node's parser refuses them: the
    // platform's request-line layer escapes them first); the path keeps them as they came.
    ['raw non-ASCII in a request line, as Go takes it', Buffer.from('/gh/ü', 'utf8'), 302, 'https://github.com/%C3%BC'],
    ['raw invalid UTF-8 in a request line', Buffer.from('/gh/\xff?q=\xfe', 'latin1'), 302, 'https://github.com/%FF?q=%FE'],
    ['a # in the target is not special to a server, but is to url.Parse', '/gh/a#b', 302, 'https://github.com/a#b'],
    ['an empty fragment disappears', '/gh/a#', 302, 'https://github.com/a'],
    ['an absolute-form target', 'http://go/gh/x?b=1', 302, 'https://github.com/x?b=1'],
    ['a lone ? merges nothing', '/gh?', 302, 'https://github.com/'],
    ['pairs with a bad escape or a semicolon are dropped from the merge', '/gh?a=%zz&b=1;c&d', 302, 'https://github.com/?d='],
    ['10000 query parameters are merged', `/gh?${'&'.repeat(9999)}a=1`, 302, 'https://github.com/?a=1'],
    ['10001 are not: Go parses none', `/gh?${'&'.repeat(10000)}a=1`, 302, 'https://github.com/'],
    ['the destination’s own query is re-encoded with the request’s', '/q?a=2&k=%2f', 302, 'https://ex.org/find?a=1&a=2&k=v&k=%2F'],
    ['%2F in the remainder is a slash', '/gh/a%2Fb', 302, 'https://github.com/a/b'],
    ['a space in the remainder', '/gh/%20', 302, 'https://github.com/%20'],
    ['a remainder on a destination with a host but no slash', '/noslash/x', 302, 'https://ex.com/x'],
    ['a fragment keeps the remainder', '/frag/a%20b/(c)', 302, 'https://ex.com/page#top/a%20b/(c)'],
    ['a remainder that makes the destination unparsable is a 500', '/gh/%25zz', 500, undefined],
    ['a link name with no link is a 404', '/%C3%BC', 404, undefined],
    ['an empty link name is a 404', '//gh', 404, undefined],
    ['/. is cleaned by golink’s ServeMux', '/.', 307, '/'],
    ['/./x too', '/./x?q=1', 307, '/x?q=1'],
    ['/.detail/../gh too', '/.detail/../gh', 307, '/gh'],
    ['and double slashes', '/.export//', 307, '/.export/'],
    ['a clean /. path is served', '/.export', 200, undefined],
    ['a bad escape anywhere is a 400', '/.export/%zz', 400, undefined],
  ])('%s', async (_name, target, status, location) => {
    const res = await socketGet(port, target);
    expect(res.status).toBe(status);
    if (location !== undefined) expect(res.location).toBe(location);
  });
});
