/**
 * Bad input is a 4xx that names the problem, never a 500, and loses nothing: malformed and
 * boundary-less multipart bodies on every form route, search text FTS5 cannot read, request
 * targets Go's server would refuse, and destinations no URL can hold.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN_CAPS, apiPost, create, get, rawGet, send, startLinks } from './helpers.js';

/** A POST with the given Content-Type and raw body, as an API client sends it. */
const postRaw = (t: TestApp, path: string, type: string, body: string | Buffer) => send(t, 'POST', path, { 'Content-Type': type, 'Sec-Golink': '1' }, body);

const MULTIPART_CASES: Array<[string, string, string]> = [
  ['no boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="short"\r\n\r\na\r\n--x--\r\n'],
  ['a boundary the body never uses', 'multipart/form-data; boundary=zzz', 'short=a&long=b'],
  ['a part without headers', 'multipart/form-data; boundary=x', '--x\r\n\r\nvalue\r\n--x--\r\n'],
  ['an unterminated part', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="short"\r\n\r\nabc'],
  ['an empty body', 'multipart/form-data; boundary=x', ''],
];

describe('malformed multipart bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: 'amy@example.com', caps: ADMIN_CAPS });
    await create(t, 'kept', 'https://kept.example/');
  });
  afterAll(() => t.cleanup());

  test.each(MULTIPART_CASES)('%s: the routes that read a form answer 400 naming the body; nothing changes', async (_name, type, body) => {
    for (const path of ['/', '/.detail/kept', '/.import']) {
      const res = await postRaw(t, path, type, body);
      expect(res.status, `${path}: ${res.text}`).toBe(400);
      expect(res.text, path).toMatch(/^malformed multipart\/form-data body: /);
    }
    // Delete and restore read no form: the body is ignored.
    for (const path of ['/.delete/x', '/.restore/x']) expect((await postRaw(t, path, type, body)).status, path).toBe(404);
    expect((await get(t, '/kept')).headers.get('location')).toBe('https://kept.example/');
  });

  test('a well-formed multipart save still works', async () => {
    const form = new FormData();
    form.set('short', 'multi');
    form.set('long', 'https://multi.example/');
    const res = await fetch(`${t.url}/`, { method: 'POST', body: form, headers: { 'Sec-Golink': '1' } });
    expect(res.status).toBe(200);
    expect((await get(t, '/multi')).headers.get('location')).toBe('https://multi.example/');
  });
});

describe('other bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: 'amy@example.com' });
    await create(t, 'docs', 'https://docs.example/');
  });
  afterAll(() => t.cleanup());

  test.each(['a%00b', '%00', '%22', '%22a', 'a%22+OR+b', 'NEAR(a+b)', '*', 'a*', '%5Ea', 'a:b', '(', 'AND', '%ED%A0%80', '%FF', '%zz', 'docs%00'])(
    'search text %s is searched, not an FTS5 error',
    async (q) => {
      const res = await get(t, `/.search?q=${q}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Results');
    },
  );

  test('request targets Go’s server refuses are 400 on every route, naming the escape', async () => {
    for (const target of ['/.resolve/%', '/docs/%zz', '/%', '/.detail/%2', '/.export%']) {
      const res = await rawGet(t, target);
      expect(res.status, target).toBe(400);
    }
    const res = await get(t, '/.resolve/:x');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'parse ":x": missing protocol scheme' });
  });

  test.each([
    ['a newline', 'https://x/\n', 'U+000A'],
    ['a NUL', 'https://x/\u0000y', 'U+0000'],
    ['a tab in the text of a template', 'https://x/{{.Path}}\t', 'U+0009'],
    ['DEL', 'https://x/\u007f', 'U+007F'],
  ])('a destination with %s is refused at save with 400, and was never stored', async (_name, long, code) => {
    const res = await apiPost(t, '/', { short: 'ctl', long });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(`long contains a control character (${code}), which no URL can hold\n`);
    expect((await get(t, '/ctl')).status).toBe(404);
  });

  test('control characters inside {{…}} are not written into the URL, so they are fine', async () => {
    expect((await apiPost(t, '/', { short: 'multiline', long: 'https://x/{{\n  .Path\n}}' })).status).toBe(200);
    expect((await get(t, '/multiline/a')).headers.get('location')).toBe('https://x/a');
  });

  test('an edit cannot bring a control character in either', async () => {
    const res = await apiPost(t, '/.detail/docs', { long: 'https://docs.example/\r\n' });
    expect(res.status).toBe(400);
    expect((await get(t, '/docs')).headers.get('location')).toBe('https://docs.example/');
  });

  test('a name+ with bytes Node cannot send raw still redirects', async () => {
    const res = await rawGet(t, '/a%0Ab%01+');
    expect(res).toEqual({ status: 302, location: '/.detail/a b%01' });
  });
});
