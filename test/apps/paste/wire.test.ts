/**
 * The failure answers programs read, byte for byte (status, Content-Type, body, and `Allow`):
 * tclip's API (`POST /api/post`, whose text bodies tclip's CLI and `tailyard paste` print
 * verbatim), raw text (`/paste/{id}/raw`, what scripts curl), deleting, and paste's JSON API
 * (`{"error": message, "status": n}`), under each `Accept` those clients send: none (Go's client,
 * raw sockets), curl's `*\/*`, `text/plain`, `application/json`. Browsers get the platform's
 * pages instead, in the suite's frame with a hint (the last block); the answers to programs must
 * not change when the pages do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { asUser, BROWSER, createPaste, rawRequest, startPaste } from './helpers.js';

const MISSING = '3b241101-e2bb-4255-8caf-4136c566a962';
const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json';

let t: TestApp;
let amys: string;
let deleted: string;
let burning: string;
beforeAll(async () => {
  t = await startPaste({ login: 'amy@example.com', appConfig: { maxBytes: 64 } });
  amys = (await createPaste(t, { content: "amy's" })).id;
  deleted = (await createPaste(t, { content: 'bye' })).id;
  burning = (await createPaste(t, { content: 'once', burn: true })).id;
  expect((await fetch(`${t.url}/paste/${deleted}`, { method: 'DELETE' })).status).toBe(204);
});
afterAll(() => t.cleanup());

interface Case {
  name: string;
  method: string;
  path: string;
  accept?: string;
  type?: string;
  body?: string;
  as?: string;
  status: number;
  contentType: string;
  /** The exact body, or a pattern for one whose time of day varies. */
  expected: string | RegExp;
  allow?: string;
}

const json = (error: string, status: number) => JSON.stringify({ error, status });
const FORM = 'application/x-www-form-urlencoded';
const DELETED_AT = String.raw`\(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)`;

const cases = (): Case[] => [
  // POST /api/post: tclip's CLI (Accept: text/plain), curl (*/*), Go and raw clients (none), JSON clients.
  { name: 'neither field, text', method: 'POST', path: '/api/post', accept: 'text/plain', type: FORM, body: 'other=1', status: 400, contentType: TEXT, expected: 'bad request: include form values filename and content\n' },
  { name: 'neither field, JSON', method: 'POST', path: '/api/post', accept: 'application/json', type: FORM, body: 'other=1', status: 400, contentType: JSON_TYPE, expected: json('bad request: include form values filename and content', 400) },
  {
    name: 'not a form, no Accept',
    method: 'POST',
    path: '/api/post',
    type: 'text/csv',
    body: 'a,b',
    status: 415,
    contentType: TEXT,
    expected: 'unsupported paste: bad content-type, should be a form: send application/x-www-form-urlencoded or multipart/form-data (or application/json), not "text/csv"\n',
  },
  { name: 'too large, JSON', method: 'POST', path: '/api/post', accept: 'application/json', type: FORM, body: `content=${'x'.repeat(65)}`, status: 413, contentType: JSON_TYPE, expected: json('paste too large: the paste is 65 bytes; the limit is 64 bytes', 413) },
  { name: 'too large, text', method: 'POST', path: '/api/post', accept: 'text/plain', type: FORM, body: `content=${'x'.repeat(65)}`, status: 413, contentType: TEXT, expected: 'paste too large: the paste is 65 bytes; the limit is 64 bytes\n' },
  { name: 'unknown expiry, curl', method: 'POST', path: '/api/post', accept: '*/*', type: FORM, body: 'content=x&expires=2y', status: 400, contentType: TEXT, expected: 'bad request: unknown expiry "2y": choose one of 1h, 1d, 1w, 30d, never\n' },
  { name: 'not UTF-8, JSON', method: 'POST', path: '/api/post', accept: 'application/json', type: FORM, body: 'content=caf%E9', status: 415, contentType: JSON_TYPE, expected: json('unsupported paste: the paste is not valid UTF-8 text: tailyard paste stores text only (binary files are refused rather than damaged)', 415) },
  { name: 'GET of the post URL, curl', method: 'GET', path: '/api/post', accept: '*/*', status: 405, contentType: TEXT, expected: 'method not allowed: GET is not allowed on /api/post; use POST\n', allow: 'POST' },

  // Raw text, as scripts fetch it.
  { name: 'raw, missing, no Accept', method: 'GET', path: `/paste/${MISSING}/raw`, status: 404, contentType: TEXT, expected: `paste not found: no paste has the id ${MISSING}\n` },
  { name: 'raw, not an id, curl', method: 'GET', path: '/paste/nope/raw', accept: '*/*', status: 404, contentType: TEXT, expected: 'paste not found: no paste has the id nope\n' },
  { name: 'raw, deleted, curl', method: 'GET', path: '/paste/DELETED/raw', accept: '*/*', status: 410, contentType: TEXT, expected: new RegExp(`^gone: this paste was deleted ${DELETED_AT}\\n$`) },
  { name: 'raw, missing, JSON', method: 'GET', path: `/paste/${MISSING}/raw`, accept: 'application/json', status: 404, contentType: JSON_TYPE, expected: json(`paste not found: no paste has the id ${MISSING}`, 404) },
  { name: 'download, deleted, no Accept', method: 'GET', path: '/paste/DELETED/dl', status: 410, contentType: TEXT, expected: new RegExp(`^gone: this paste was deleted ${DELETED_AT}\\n$`) },

  // Deleting.
  { name: 'DELETE, missing', method: 'DELETE', path: `/paste/${MISSING}`, accept: '*/*', status: 404, contentType: TEXT, expected: `paste not found: no paste has the id ${MISSING}\n` },
  { name: "DELETE, someone else's, JSON", method: 'DELETE', path: '/paste/AMYS', accept: 'application/json', as: 'bob@example.com', status: 403, contentType: JSON_TYPE, expected: json('forbidden: only the author of a paste (or an admin) may delete it', 403) },
  { name: "POST delete, someone else's, text", method: 'POST', path: '/api/delete/AMYS', accept: 'text/plain', as: 'bob@example.com', status: 403, contentType: TEXT, expected: 'forbidden: only the author of a paste (or an admin) may delete it\n' },

  // The JSON API.
  { name: 'read, missing', method: 'GET', path: `/paste/${MISSING}`, accept: 'application/json', status: 404, contentType: JSON_TYPE, expected: json(`paste not found: no paste has the id ${MISSING}`, 404) },
  { name: 'read, burn-after-reading', method: 'GET', path: '/paste/BURNING', accept: 'application/json', as: 'bob@example.com', status: 409, contentType: JSON_TYPE, expected: json('this paste is deleted once read: POST /paste/BURNING/reveal to read it, once', 409) },
  { name: 'list, bad search, no Accept', method: 'GET', path: '/api/pastes?q=%22unterminated', status: 400, contentType: JSON_TYPE, expected: json('bad search query: unterminated string', 400) },
  { name: 'list, bad search, curl', method: 'GET', path: '/api/pastes?q=(a', accept: '*/*', status: 400, contentType: JSON_TYPE, expected: json('bad search query: syntax error near ""', 400) },
  { name: 'unknown API path, JSON', method: 'GET', path: '/api/nothing', accept: 'application/json', status: 404, contentType: JSON_TYPE, expected: json('not found: nothing is at /api/nothing', 404) },
  { name: 'wrong method, JSON', method: 'PUT', path: '/api/pastes', accept: 'application/json', status: 405, contentType: JSON_TYPE, expected: json('method not allowed: PUT is not allowed on /api/pastes; use GET, HEAD', 405), allow: 'GET, HEAD' },
];

describe('failure answers to programs', () => {
  it('keep their status, Content-Type and body exactly', async () => {
    const ids: Record<string, string> = { AMYS: amys, DELETED: deleted, BURNING: burning };
    const fill = (s: string) => s.replace(/AMYS|DELETED|BURNING/g, (k) => ids[k] as string);
    for (const c of cases()) {
      asUser(t, { login: c.as ?? 'amy@example.com' });
      const headers: Array<[string, string]> = [['Host', new URL(t.url).host]];
      if (c.accept) headers.push(['Accept', c.accept]);
      if (c.type) headers.push(['Content-Type', c.type]);
      const res = await rawRequest(t, c.method, fill(c.path), headers, c.body ?? '');
      expect({ status: res.status, type: res.headers['content-type'], allow: res.headers.allow }, c.name).toEqual({ status: c.status, type: c.contentType, allow: c.allow });
      if (typeof c.expected === 'string') expect(res.body, c.name).toBe(fill(c.expected));
      else expect(res.body, c.name).toMatch(c.expected);
    }
    asUser(t, { login: 'amy@example.com' });
  });
});

describe('failure answers to browsers', () => {
  const page = (path: string, init: RequestInit = {}) => fetch(`${t.url}${path}`, { ...init, headers: { ...BROWSER, ...(init.headers as Record<string, string>) }, redirect: 'manual' });

  it("are the platform's pages in the suite's frame, with the message and what to do", async () => {
    const missing = await page(`/paste/${MISSING}`);
    expect([missing.status, missing.headers.get('content-type')]).toEqual([404, 'text/html; charset=UTF-8']);
    const html = await missing.text();
    expect(html).toContain('<h1>Nothing here</h1>');
    expect(html).toContain(`No paste has the id ${MISSING}.`);
    expect(html).toContain('No such paste: check that the link is complete, or create a new paste from the start page.');
    expect(html).toContain('<a href="/">Go to the paste home page</a>');
    for (const suffix of ['', '/raw', '/dl', '/md']) {
      const gone = await page(`/paste/${deleted}${suffix}`);
      expect(gone.status, suffix).toBe(410);
      const text = await gone.text();
      expect(text, suffix).toMatch(new RegExp(`This paste was deleted ${DELETED_AT}`));
      expect(text, suffix).toContain('This paste is gone for good and cannot be brought back; to share its text again, create a new paste from the start page.');
    }
  });

  it('keep the headers of the failure (Allow) and refuse what a program would be refused', async () => {
    const put = await page(`/paste/${amys}`, { method: 'PUT' });
    expect([put.status, put.headers.get('allow'), put.headers.get('content-type')]).toEqual([405, 'GET, HEAD, DELETE', 'text/html; charset=UTF-8']);
    expect(await put.text()).toContain(`PUT is not allowed on /paste/${amys}; use GET, HEAD, DELETE.`);
    asUser(t, { login: 'bob@example.com' });
    try {
      const del = await page(`/api/delete/${amys}`, { method: 'POST', headers: { Origin: t.url } });
      expect(del.status).toBe(403);
      expect(await del.text()).toContain('Only the author of a paste (or an admin) may delete it.');
    } finally {
      asUser(t, { login: 'amy@example.com' });
    }
  });

  it('give a program that names no type text, not a page, on the page routes too', async () => {
    const res = await rawRequest(t, 'GET', `/paste/${MISSING}`, [['Host', new URL(t.url).host], ['Accept', '*/*']]);
    expect([res.status, res.headers['content-type'], res.body]).toEqual([404, TEXT, `paste not found: no paste has the id ${MISSING}\n`]);
  });
});
