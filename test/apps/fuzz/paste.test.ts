/**
 * The seeded fuzz run over every route of paste (harness.ts): creating pastes with every body the
 * clients send and many they do not (broken multipart, JSON of the wrong shape, invalid UTF-8,
 * unknown charsets, huge and hostile filenames, Markdown and Org content), reading them in every
 * view, revealing burn-after-reading ones with broken forms, lists and search with hostile page
 * numbers and FTS queries, deleting by every method, as different callers (the tclip policy's
 * users, an admin, a tagged node), with browser headers (Accept, Sec-Fetch-Site, Origin, htmx).
 *
 * No request may be answered with a 5xx: paste has no documented one. Same seed, same run.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN_CAPS, asUser, startPaste } from '../paste/helpers.js';
import { body, browserHeaders, GARBAGE, HUGE_NUMBERS, invalidUtf8, prng, query, type Req, type Rng, run, segment } from './harness.js';

const SEED = 0x5eed_2026 + 16;
const REQUESTS = 900;

const CONTENTS = ['hello', '# Title\n\n*md* [x](javascript:alert(1)) <script>alert(1)</script>', '#+title: org\n* heading\n#+begin_src js\nx\n#+end_src', 'fn main() {}\n', '', ' ', '\u0000', 'x'.repeat(20_000), '{"a": 1}'];
const FILENAMES = ['a.txt', 'notes.md', 'x.org', 'main.rs', '', '../../etc/passwd', 'a\r\nb', '\u202ename.txt', 'é.txt', 'x'.repeat(2000), '.', 'a/b', '"quoted".txt', 'CON'];
const EXPIRES = ['1h', '1d', '1w', '30d', 'never', '', '2y', '0', '-1', ...HUGE_NUMBERS];
const BOOLS = ['1', 'true', 'on', 'yes', '0', '', 'no', 'x'];
const LANGS = ['rust', 'markdown', 'org', 'plaintext', 'nope', '', '../x', 'c++', 'x'.repeat(300)];
const SEARCHES = ['hello', '"unterminated', 'a AND', 'NEAR(a b', '*', 'a*', '(', ')', 'OR', '-x', 'content:x', '^', '""', 'é', 'title', ''];
const VIEWS = ['', '/', '/raw', '/dl', '/md', '/org'];

/** A version-4 UUID from the run's PRNG (a well-formed id no paste has). */
function uuid(r: Rng): string {
  const hex = Array.from({ length: 32 }, () => r.int(16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

describe('fuzz: paste', () => {
  let t: TestApp;
  /** Ids of pastes the run created (some since deleted, burnt or expired). */
  const ids: string[] = [];

  beforeAll(async () => {
    // The creation limit would turn most creations into 429s, which tell nothing.
    t = await startPaste({ login: 'amy@example.com', appConfig: { rateLimit: { perMinute: 1_000_000, burst: 1_000_000 } } });
  });
  afterAll(() => t.cleanup());

  function someId(r: Rng): string {
    if (ids.length && r.chance(0.75)) return r.pick(ids);
    return r.pick(['00000000-0000-4000-8000-000000000000', uuid(r), 'list', 'mine', segment(r), r.pick(GARBAGE), '%2e%2e', 'x'.repeat(500)]);
  }

  function pasteFields(r: Rng): Record<string, string> {
    const f: Record<string, string> = {};
    if (r.chance(0.9)) f.content = r.pick(CONTENTS);
    if (r.chance(0.7)) f.filename = r.pick(FILENAMES);
    if (r.chance(0.3)) f.expires = r.pick(EXPIRES);
    if (r.chance(0.2)) f.unlisted = r.pick(BOOLS);
    if (r.chance(0.25)) f.burn = r.pick(BOOLS);
    if (r.chance(0.2)) f.language = r.pick(LANGS);
    return f;
  }

  /** A body for a form route: any of the harness's bodies, a file part, invalid UTF-8, or an unknown charset. */
  function formBody(r: Rng, fields: Record<string, string>): { type: string | undefined; body: Buffer } {
    switch (r.int(6)) {
      case 0: {
        const b = 'pasteBoundary';
        const file = `--${b}\r\nContent-Disposition: form-data; name="content"; filename="${r.pick(FILENAMES)}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
        return { type: `multipart/form-data; boundary=${b}`, body: Buffer.concat([Buffer.from(file), r.chance(0.5) ? invalidUtf8(r) : Buffer.from(r.pick(CONTENTS)), Buffer.from(`\r\n--${b}--\r\n`)]) };
      }
      case 1:
        return { type: r.pick(['application/x-www-form-urlencoded', 'application/json', 'multipart/form-data; boundary=x']), body: invalidUtf8(r) };
      case 2:
        return { type: r.pick(['application/x-www-form-urlencoded; charset=latin1', 'application/x-www-form-urlencoded; charset="utf-8"', 'application/json; charset=utf-16']), body: Buffer.from(new URLSearchParams(fields).toString()) };
      case 3:
        return { type: 'application/json', body: Buffer.from(r.pick(['{"content": 5}', '{"content": ["a"]}', '{"content": null, "burn": true}', '{"content": {"a": 1}}', `{"content": "x", "filename": ${r.pick(HUGE_NUMBERS) || '1'}}`, '{"__proto__": {"content": "x"}}'])) };
      default: {
        const b = body(r, fields);
        return { type: b.type, body: Buffer.from(b.body, 'utf8') };
      }
    }
  }

  function make(r: Rng): Req {
    const self = t.url;
    const extra = { 'HX-Request': ['true', 'false', 'x'], 'Cache-Control': ['no-cache'] };
    const req = (method: string, target: string, b?: { type: string | undefined; body: Buffer }): Req => ({
      method,
      target,
      headers: browserHeaders(r, self, b?.type, extra),
      body: b?.body ?? Buffer.alloc(0),
    });
    switch (r.int(12)) {
      case 0:
      case 1:
      case 2:
        return req('POST', r.chance(0.9) ? '/api/post' : `/api/post?${query(r, { content: CONTENTS, filename: FILENAMES })}`, formBody(r, pasteFields(r)));
      case 3:
      case 4:
        return req(r.chance(0.9) ? 'GET' : r.pick(['HEAD', 'POST', 'PUT']), `/paste/${someId(r)}${r.pick(VIEWS)}${r.chance(0.4) ? `?${query(r, { lang: LANGS, wrap: BOOLS, source: BOOLS, as: ['md', 'raw'] })}` : ''}`);
      case 5:
        return req('POST', `/paste/${someId(r)}/reveal${r.chance(0.3) ? `?${query(r, { as: ['view', 'raw', 'dl', 'md', 'org', 'x'] })}` : ''}`, formBody(r, { as: r.pick(['view', 'raw', 'dl', 'md', 'org', '', 'x', ...GARBAGE]) }));
      case 6:
      case 7:
        return req(
          r.chance(0.9) ? 'GET' : r.pick(['HEAD', 'POST', 'DELETE']),
          `${r.pick(['/paste/list', '/paste/mine', '/api/pastes'])}?${query(r, { page: HUGE_NUMBERS, q: SEARCHES, mine: BOOLS })}`,
        );
      case 8:
        return req(r.pick(['GET', 'POST', 'POST', 'DELETE']), r.chance(0.7) ? `/api/delete/${someId(r)}` : `/paste/${someId(r)}`, r.chance(0.3) ? formBody(r, {}) : undefined);
      case 9:
        return req('GET', r.pick(['/', '/help', '/favicon.svg', '/favicon.ico', `/?from=${someId(r)}`, `/?${query(r, { from: [someId(r)], deleted: BOOLS })}`]));
      default: {
        const path = r.pick(['/', '/paste', '/paste/', '/api', '/api/post', '/api/pastes', '/api/delete', '/static', `/paste/${someId(r)}/${segment(r)}`, `/${segment(r)}`]);
        return req(r.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'FOO']), path, r.chance(0.5) ? formBody(r, pasteFields(r)) : undefined);
      }
    }
  }

  const CALLERS = [
    () => asUser(t, { login: 'amy@example.com' }),
    () => asUser(t, { login: 'bob@example.com' }),
    () => asUser(t, { login: 'root@example.com', caps: ADMIN_CAPS }),
    () => asUser(t, { login: 'tagged-devices', tags: ['tag:ci'] }),
  ];

  test(`${REQUESTS} requests, seed ${SEED}: no 5xx at all`, async () => {
    const r = prng(SEED);
    const { failures, statuses } = await run(
      t,
      REQUESTS,
      r,
      (r) => {
        if (r.chance(0.1)) r.pick(CALLERS)();
        return make(r);
      },
      async () => false,
      (_req, res) => {
        const id = /\/paste\/([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})/.exec(`${res.head}\n${res.text.slice(0, 400)}`)?.[1];
        if (id && (res.status === 200 || res.status === 201 || res.status === 303) && !ids.includes(id)) ids.push(id);
      },
    );
    expect(failures).toEqual([]);
    // The run reached the app: pastes were created and read, and most answers were not errors.
    expect(ids.length).toBeGreaterThan(15);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(200);
    expect(statuses.get(410) ?? 0).toBeGreaterThan(0);
  }, 180_000);
});
