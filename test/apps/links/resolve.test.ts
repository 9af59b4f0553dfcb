/**
 * Link resolution over HTTP: golink's serveGo cases (redirects with path and query, trailing
 * punctuation, templates, .User, 404 page with suggestions, `name+`), byte-exact Location headers,
 * and server-side alias following with loop detection.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { create, get, getHTML, rawGet, startLinks } from './helpers.js';

describe('GET /{short}', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: 'foo@example.com' });
    await create(t, 'who', 'http://who/');
    await create(t, 'me', '/who/{{.User}}');
    await create(t, 'invalid-var', '/{{.Invalid}}');
    await create(t, 'Meeting-Notes', 'https://notes.example/');
    await create(t, 'rel', '/rel?a=1');
    await create(t, 'enc', 'http://host.com/foo%2f/bar');
    await create(t, 'search', 'https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}');
    await create(t, 'date', 'http://wiki/{{.Now.Format "2006"}}');
    await create(t, 'foo.bar', 'https://dots.example');
    await create(t, 'badurl', 'http://h/%zz');
  });
  afterAll(() => t.cleanup());

  const cases: Array<[string, string]> = [
    ['/who', 'http://who/'],
    ['/who/p', 'http://who/p'],
    ['/who/p?q=1', 'http://who/p?q=1'],
    ['/who.', 'http://who/'],
    ['/who,', 'http://who/'],
    ['/who)', 'http://who/'],
    ['/who,/p', 'http://who/p'],
    ['/me', '/who/foo@example.com'],
    ['/meetingnotes', 'https://notes.example/'],
    ['/MEETING-NOTES/x', 'https://notes.example/x'],
    ['/rel?a=2&b=2', '/rel?a=1&a=2&b=2'],
    ['/enc', 'http://host.com/foo%2f/bar'],
    ['/enc?x=1', 'http://host.com/foo%2f/bar?x=1'],
    ['/search', 'https://www.google.com/'],
    ['/search/a%20b', 'https://www.google.com/search?q=a+b'],
    ['/foo.bar/x', 'https://dots.example/x'],
    ['/who/http://host', 'http://who/http://host'],
  ];
  test.each(cases)('%s → %s', async (path, location) => {
    const res = await get(t, path);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(location);
  });

  test('the path is not cleaned: dot segments reach the destination as sent', async () => {
    expect(await rawGet(t, '/who/../x')).toEqual({ status: 302, location: 'http://who/../x' });
    expect(await rawGet(t, '/who/a%2Fb')).toEqual({ status: 302, location: 'http://who/a/b' });
    expect((await rawGet(t, '/who/%zz')).status).toBe(400);
  });

  test('templates see the current time', async () => {
    const res = await get(t, '/date');
    expect(res.headers.get('location')).toBe(`http://wiki/${new Date().getUTCFullYear()}`);
  });

  test('dots are significant: foobar is not foo.bar', async () => {
    expect((await get(t, '/foobar')).status).toBe(404);
  });

  test('name+ redirects to the detail page', async () => {
    const res = await get(t, '/who+/ignored');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/.detail/who');
  });

  test('a run-time template error is a 500 with the message', async () => {
    const res = await get(t, '/invalid-var');
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/can't evaluate field Invalid/);
    // The server survives it.
    expect((await get(t, '/who')).status).toBe(302);
  });

  test('a destination that is not a URL is a 500 with Go’s message', async () => {
    const res = await get(t, '/badurl');
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('invalid URL escape');
  });

  test('.User without a user is a 401', async () => {
    t.as({ login: '' });
    try {
      const res = await get(t, '/me');
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('link requires a valid user\n');
    } finally {
      t.as({ login: 'foo@example.com' });
    }
  });

  test('an unknown name is a 404 with the create form pre-filled and suggestions', async () => {
    const res = await getHTML(t, '/meetingnote');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('name="short"');
    expect(html).toContain('value="meetingnote"');
    expect(html).toMatch(/Did you mean[\s\S]*Meeting-Notes/);
  });

  test('unknown /.paths are 404 page not found', async () => {
    const res = await get(t, '/.nothing');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('404 page not found\n');
  });

  test('/.resolve follows aliases and reports loops', async () => {
    await create(t, 'a1', '/a2');
    await create(t, 'a2', 'http://go/who/{{.Path}}');
    await create(t, 'loop1', '/loop2');
    await create(t, 'loop2', '/loop1');
    const ok = await get(t, '/.resolve/a1');
    expect(await ok.json()).toEqual({ url: 'http://who/', chain: ['a1', 'a2', 'who'] });
    const loop = await get(t, '/.resolve/loop1');
    expect(loop.status).toBe(508);
    expect(((await loop.json()) as { error: string }).error).toMatch(/loop1 → loop2 → loop1/);
    expect((await get(t, '/.resolve/nope')).status).toBe(404);
  });
});

describe('followAliases', () => {
  test('resolves chains on the server and answers loops with 508', async () => {
    const t = await startLinks({ appConfig: { followAliases: true } });
    try {
      await create(t, 'chat', '/meet');
      await create(t, 'meet', 'https://meet.example/');
      await create(t, 'l1', '/l2');
      await create(t, 'l2', '/l1');
      const res = await get(t, '/chat/room?x=1');
      expect(res.headers.get('location')).toBe('https://meet.example/room?x=1');
      expect((await get(t, '/l1')).status).toBe(508);
    } finally {
      await t.cleanup();
    }
  });
});
