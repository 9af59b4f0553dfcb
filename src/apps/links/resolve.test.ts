import { describe, expect, it } from 'vitest';
import {
  GoURLError,
  LinkLoopError,
  LinkNotFoundError,
  expandLink,
  isValidShort,
  linkID,
  resolveChain,
  splitRequestPath,
  suggest,
  trimPunctuation,
} from './resolve.js';
import { GoTime, TemplateExecError, TemplateParseError, isNoUserError } from './template/index.js';

describe('linkID / isValidShort', () => {
  it('normalises like golink', () => {
    expect(linkID('Meeting-Notes')).toBe('meetingnotes');
    expect(linkID('meeting-notes')).toBe(linkID('meetingnotes'));
    expect(linkID('foo.bar')).not.toBe(linkID('foobar'));
    expect(linkID('foo_bar')).not.toBe(linkID('foobar'));
    expect(linkID('ÄB c/d')).toBe('%C3%A4b%20c%2Fd');
  });

  it('validates new names with ASCII \\w', () => {
    for (const ok of ['a', 'foo-bar', 'foo.bar', '_x', '9', 'A_b-c.d']) expect(isValidShort(ok)).toBe(true);
    for (const bad of ['', '-a', '.a', 'a b', 'a/b', 'é', 'a+']) expect(isValidShort(bad)).toBe(false);
  });
});

describe('splitRequestPath', () => {
  it('splits the short name from the remainder', () => {
    expect(splitRequestPath('/who/amelie')).toEqual({
      short: 'who',
      remainder: 'amelie',
      detail: false,
      candidates: ['who'],
    });
    expect(splitRequestPath('/who/http://host/x')).toMatchObject({ short: 'who', remainder: 'http://host/x' });
    expect(splitRequestPath('/')).toMatchObject({ short: '', remainder: '' });
  });

  it('recognises the + detail suffix', () => {
    expect(splitRequestPath('/foo+')).toMatchObject({ short: 'foo', detail: true });
    expect(splitRequestPath('/foo+/anything')).toMatchObject({ short: 'foo', detail: true, remainder: 'anything' });
  });

  it('offers a punctuation-trimmed candidate (golink_test trailing punctuation)', () => {
    expect(splitRequestPath('/who.').candidates).toEqual(['who.', 'who']);
    expect(splitRequestPath('/who,').candidates).toEqual(['who,', 'who']);
    expect(splitRequestPath('/who)').candidates).toEqual(['who)', 'who']);
    expect(splitRequestPath('/who,/p')).toMatchObject({ candidates: ['who,', 'who'], remainder: 'p' });
    expect(trimPunctuation('a.b.,()[]{}')).toBe('a.b');
    expect(splitRequestPath('/.,').candidates).toEqual(['.,']);
  });
});

describe('expandLink (golink TestExpandLink)', () => {
  const now = GoTime.date(2022, 6, 2, 1, 2, 3, 4);
  it.each([
    ['dont-mangle-escapes', 'http://host.com/foo%2f/bar', {}, 'http://host.com/foo%2f/bar'],
    [
      'dont-mangle-escapes-and-remainder',
      'http://host.com/foo%2f/bar',
      { path: 'extra' },
      'http://host.com/foo%2f/bar/extra',
    ],
    ['remainder-insert-slash', 'http://host.com/foo', { path: 'extra' }, 'http://host.com/foo/extra'],
    ['remainder-long-as-trailing-slash', 'http://host.com/foo/', { path: 'extra' }, 'http://host.com/foo/extra'],
    [
      'var-expansions-time',
      'https://roamresearch.com/#/app/ts-corp/page/{{.Now.Format "01-02-2006"}}',
      { now },
      'https://roamresearch.com/#/app/ts-corp/page/06-02-2022',
    ],
    [
      'var-expansions-user',
      'http://host.com/{{.User}}',
      { user: 'foo@example.com' },
      'http://host.com/foo@example.com',
    ],
    [
      'template-no-path',
      'https://calendar.google.com/{{with .Path}}calendar/embed?mode=week&src={{.}}@tailscale.com{{end}}',
      {},
      'https://calendar.google.com/',
    ],
    [
      'template-with-path',
      'https://calendar.google.com/{{with .Path}}calendar/embed?mode=week&src={{.}}@tailscale.com{{end}}',
      { path: 'amelie' },
      'https://calendar.google.com/calendar/embed?mode=week&src=amelie@tailscale.com',
    ],
    [
      'template-with-pathescape-func',
      'http://host.com/{{PathEscape .Path}}',
      { path: 'a/b+c' },
      'http://host.com/a%2Fb+c',
    ],
    [
      'template-with-queryescape-func',
      'http://host.com/{{QueryEscape .Path}}',
      { path: 'a/b+c' },
      'http://host.com/a%2Fb%2Bc',
    ],
    [
      'template-with-trimprefix-func',
      'http://host.com/{{TrimPrefix .Path "BUG-"}}',
      { path: 'BUG-123' },
      'http://host.com/123',
    ],
    ['template-with-trimsuffix-func', 'http://host.com/{{TrimSuffix .Path "/"}}', { path: 'a/' }, 'http://host.com/a'],
    ['template-with-tolower-func', 'http://host.com/{{ToLower .Path}}', { path: 'BUG-123' }, 'http://host.com/bug-123'],
    ['template-with-toupper-func', 'http://host.com/{{ToUpper .Path}}', { path: 'bug-123' }, 'http://host.com/BUG-123'],
    [
      'template-with-match-func',
      'http://host.com/{{if Match "\\\\d+" .Path}}id/{{.Path}}{{else}}search/{{.Path}}{{end}}',
      { path: '123' },
      'http://host.com/id/123',
    ],
    [
      'template-with-match-func2',
      'http://host.com/{{if Match "\\\\d+" .Path}}id/{{.Path}}{{else}}search/{{.Path}}{{end}}',
      { path: 'query' },
      'http://host.com/search/query',
    ],
    ['relative-link', 'rel', { path: 'a' }, 'rel/a'],
    ['relative-link-with-slash', '/rel', { path: 'a' }, '/rel/a'],
    ['query-string', '/rel', { query: 'a=b' }, '/rel?a=b'],
    ['path-and-query-string', '/rel', { path: 'path', query: 'a=b' }, '/rel/path?a=b'],
    ['combine-query-string', '/rel?a=1', { query: 'a=2&b=2' }, '/rel?a=1&a=2&b=2'],
    [
      'template-and-combined-query-string',
      '/rel{{with .Path}}/{{.}}{{end}}?a=1',
      { path: 'path', query: 'b=2' },
      '/rel/path?a=1&b=2',
    ],
  ])('%s', (_name, long, env, want) => {
    expect(expandLink(long, env)).toBe(want);
  });

  it('var-expansions-no-user: .User without a user is a 401 error', () => {
    try {
      expandLink('http://host.com/{{.User}}', {});
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateExecError);
      expect(isNoUserError(e)).toBe(true);
    }
  });

  it('unknown-field is an exec error', () => {
    expect(() => expandLink('http://host.com/{{.Foo}}', {})).toThrow(
      'template: long:1:18: executing "long" at <.Foo>: can\'t evaluate field Foo in type golink.expandEnv',
    );
  });

  it('help.html examples', () => {
    const google = 'https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}';
    expect(expandLink(google, {})).toBe('https://www.google.com/');
    expect(expandLink(google, { path: 'tailscale golink' })).toBe('https://www.google.com/search?q=tailscale+golink');
    const slack = 'https://company.slack.com/{{if .Path}}channels/{{PathEscape .Path}}{{end}}';
    expect(expandLink(slack, { path: 'eng team' })).toBe('https://company.slack.com/channels/eng%20team');
    const varz = 'http://{{if .Path}}{{.Path}}{{else}}host{{end}}.example/debug/varz';
    expect(expandLink(varz, {})).toBe('http://host.example/debug/varz');
    expect(expandLink(varz, { path: 'db1' })).toBe('http://db1.example/debug/varz');
    expect(expandLink('http://wiki/{{.Now.Format "01-02-2006"}}', { now: new Date('2024-03-09T12:00:00Z') })).toBe(
      'http://wiki/03-09-2024',
    );
  });

  it('merges queries like url.Values.Encode, keeping the fragment after the query', () => {
    expect(expandLink('https://x/p?z=1&a=2#frag', { query: 'b=3&a=1' })).toBe('https://x/p?a=2&a=1&b=3&z=1#frag');
    expect(expandLink('https://roamresearch.com/#/app', { query: 'q=a b' })).toBe(
      'https://roamresearch.com/?q=a+b#/app',
    );
    expect(expandLink('https://x/?k=%2f', { query: 'x' })).toBe('https://x/?k=%2F&x=');
    expect(expandLink('https://x/?k=%2f', { query: ';' })).toBe('https://x/?k=%2f');
  });

  it('inserts the remainder raw, then prints the URL as url.URL.String does', () => {
    expect(expandLink('https://x/', { path: 'a b/c?d' })).toBe('https://x/a%20b/c?d');
    expect(expandLink('https://x/', { path: '[y]/(x)' })).toBe('https://x/[y]/(x)');
    expect(expandLink('https://x/', { path: 'a b/[y]/(x)' })).toBe('https://x/a%20b/%5By%5D/%28x%29');
    expect(expandLink('https://x/p#top', { path: '..' })).toBe('https://x/p#top/..');
    expect(expandLink('https://x/', { path: '#' })).toBe('https://x/');
    expect(expandLink('https://x/find?k=v', { path: '\u00fc' })).toBe('https://x/find?k=v/\u00fc');
  });

  it('reports template and URL errors', () => {
    expect(() => expandLink('http://x/{{.Path}', {})).toThrow(TemplateParseError);
    expect(() => expandLink('http://host/%zz', {})).toThrow(GoURLError);
    expect(() => expandLink('http://host/%zz', {})).toThrow('parse "http://host/%zz": invalid URL escape "%zz"');
  });

  it('passes limits through', () => {
    expect(() => expandLink('{{range 100}}xxxxxxxxxx{{end}}', {}, { maxOutputBytes: 100 })).toThrow(
      'output exceeds 100 bytes',
    );
  });
});

describe('resolveChain (golink TestResolveLink)', () => {
  const links: Record<string, string> = {
    meet: 'https://meet.google.com/lookup/',
    cs: 'http://codesearch/{{with .Path}}search?q={{.}}{{end}}',
    m: 'http://go/meet',
    chat: '/meet',
    gopher: 'https://go.dev/blog/gopher',
    rel: 'go/meet',
  };
  const lookup = (short: string): string | undefined =>
    Object.hasOwn(links, short.toLowerCase()) ? links[short.toLowerCase()] : undefined;

  it.each([
    ['meet', 'https://meet.google.com/lookup/'],
    ['meet/foo', 'https://meet.google.com/lookup/foo'],
    ['go/meet/foo', 'https://meet.google.com/lookup/foo'],
    ['http://go/meet/foo', 'https://meet.google.com/lookup/foo'],
    ['http://mygo/meet/foo', 'https://meet.google.com/lookup/foo'],
    ['cs', 'http://codesearch/'],
    ['cs/term', 'http://codesearch/search?q=term'],
    ['m/foo', 'https://meet.google.com/lookup/foo'],
    ['chat/foo', 'https://meet.google.com/lookup/foo'],
    ['rel/x', 'https://meet.google.com/lookup/x'],
  ])('%s', (link, want) => {
    expect(resolveChain(link, lookup).url).toBe(want);
  });

  it('reports the chain it followed', () => {
    expect(resolveChain('chat/foo', lookup)).toEqual({
      url: 'https://meet.google.com/lookup/foo',
      chain: ['chat', 'meet'],
    });
  });

  it('keeps a bare name that starts with the hostname (golink bug fix)', () => {
    expect(resolveChain('gopher', lookup).url).toBe('https://go.dev/blog/gopher');
    expect(resolveChain('go/gopher', lookup).url).toBe('https://go.dev/blog/gopher');
  });

  it('uses the configured hostname and aliases', () => {
    const l = (s: string): string | undefined =>
      ({ a: 'https://links.corp.ts.net/b', b: 'http://LINKS/c', c: 'https://done/' })[s];
    expect(resolveChain('links/a', l, { hostname: 'links', aliases: ['links.corp.ts.net'] })).toEqual({
      url: 'https://done/',
      chain: ['a', 'b', 'c'],
    });
    expect(resolveChain('a', l, { hostname: 'links' }).url).toBe('https://links.corp.ts.net/b');
  });

  it('detects loops and runaway chains', () => {
    const loop = (s: string): string | undefined => ({ a: '/b', b: 'http://go/a' })[s];
    expect(() => resolveChain('a', loop)).toThrow(LinkLoopError);
    expect(() => resolveChain('a', loop)).toThrow('go/ link loop: a → b → a');
    const grow = (s: string): string | undefined => ({ docs: '/docs/index' })[s];
    try {
      resolveChain('docs', grow, { maxHops: 5 });
      expect.unreachable();
    } catch (e) {
      expect((e as LinkLoopError).chain).toHaveLength(6);
    }
  });

  it('follows a link back to itself with a different path', () => {
    const l = (s: string): string | undefined =>
      ({ x: '{{if .Path}}https://real/{{.Path}}{{else}}/x/default{{end}}' })[s];
    expect(resolveChain('x', l)).toEqual({ url: 'https://real/default', chain: ['x', 'x'] });
  });

  it('reports missing links, and retries without trailing punctuation', () => {
    expect(() => resolveChain('nope', lookup)).toThrow(LinkNotFoundError);
    expect(() => resolveChain('chat2', (s) => ({ chat2: '/gone' })[s])).toThrow('go/gone not found (via chat2)');
    expect(resolveChain('meet.', lookup).url).toBe('https://meet.google.com/lookup/');
  });

  it('stops at non-web and external URLs', () => {
    const l = (s: string): string | undefined => ({ mail: 'mailto:team@example.com', ext: '//other.host/x' })[s];
    expect(resolveChain('mail', l).url).toBe('mailto:team@example.com');
    expect(resolveChain('ext', l).url).toBe('//other.host/x');
  });

  it('carries query and fragment along aliases as a browser would', () => {
    const l = (s: string): string | undefined => ({ a: '/b?x=1#top', b: 'https://dest/?y=2' })[s];
    expect(resolveChain('a', l).url).toBe('https://dest/?x=1&y=2#top');
    expect(resolveChain('go/b?z=9', l).url).toBe('https://dest/?y=2&z=9');
  });

  it('has no user, so .User links fail', () => {
    expect(() => resolveChain('u', () => 'https://x/{{.User}}')).toThrow('error calling User: no user');
  });
});

describe('suggest', () => {
  const names = ['meet', 'meeting-notes', 'Meet-Up', 'docs', 'doc', 'calendar', 'cal', 'go', 'who'];

  it('suggests close names, best first', () => {
    expect(suggest('meat', names)).toEqual(['meet']);
    expect(suggest('mee', names)).toEqual(['meet', 'Meet-Up', 'meeting-notes']);
    expect(suggest('calender', names)).toEqual(['calendar']);
    expect(suggest('dcos', names)).toEqual(['docs', 'doc']);
    expect(suggest('meeting', names)).toEqual(['meeting-notes']);
  });

  it('matches prefixes and ignores the name itself', () => {
    expect(suggest('cal', names)).toEqual(['calendar']);
    expect(suggest('Docs', names)).toEqual(['doc']);
    expect(suggest('', names)).toEqual([]);
    expect(suggest('zzzzzz', names)).toEqual([]);
  });

  it('returns at most three', () => {
    expect(suggest('ab', ['abc', 'abd', 'abe', 'abf'])).toHaveLength(3);
  });
});
