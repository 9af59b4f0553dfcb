/**
 * How failures are answered. tailsql's routes (`/`, `/csv`, `/json`, `/meta` and any unknown
 * path) keep tailsql's wire format whatever the client's `Accept` says: Go's `http.Error`, plain
 * text, tailsql's status and body, which tailsql's clients print or parse. The console's own
 * routes (`/schema`, `/history`, `/export`, `/api/…`) go through the platform's one renderer: a
 * page in the suite's frame for a browser, JSON for a client that asks for it, the message as
 * text for curl and the console's script.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { oracleWorkspace, q, startSql } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-failures-'));
oracleWorkspace(dir);
let t: TestApp;

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const JSON_CLIENT = 'application/json';
const CURL = '*/*';

beforeAll(async () => {
  t = await startSql({ appConfig: { sources: [{ source: 'main', label: 'Main', driver: 'sqlite', url: `file:${join(dir, 'DATA', 'main.db')}?mode=ro` }] } });
});
afterAll(async () => {
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function answer(path: string, accept: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(t.url + path, { method: init.method, headers: { Accept: accept, ...init.headers }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe("tailsql's routes answer in tailsql's wire format, whatever Accept asks for", () => {
  const cases: Array<{ what: string; path: string; method?: string; headers?: Record<string, string>; status: number; body: string }> = [
    { what: 'a method other than GET', path: '/csv', method: 'POST', status: 405, body: 'method not allowed\n' },
    { what: 'a query over the length limit', path: q('/json', `select '${'x'.repeat(4000)}'`), headers: { 'Sec-Tailsql': '1' }, status: 400, body: 'query too long\n' },
    { what: '/json without Sec-Tailsql', path: q('/json', 'select 1', 'main'), status: 403, body: '[403] query access denied\n' },
    { what: '/csv without a query', path: '/csv?src=main', headers: { 'Sec-Tailsql': '1' }, status: 400, body: '[400] no query provided\n' },
    { what: 'an unknown source', path: q('/csv', 'select 1', 'nosuch'), headers: { 'Sec-Tailsql': '1' }, status: 400, body: '[400] unknown source "nosuch"\n' },
    {
      what: 'a write',
      path: q('/csv', 'delete from users', 'main'),
      headers: { 'Sec-Tailsql': '1' },
      status: 400,
      body: '[400] invalid query: DELETE is not allowed: it writes. Only SELECT-style queries (SELECT, VALUES, WITH … SELECT, read-only PRAGMAs, EXPLAIN) run here.\n',
    },
    {
      what: 'a request another site started',
      path: '/meta',
      headers: { 'Sec-Fetch-Site': 'cross-site' },
      status: 403,
      body: '[403] cross-site request refused: /meta was requested by another site (Sec-Fetch-Site: cross-site); open the console and run the query there, or type the address into the browser\n',
    },
  ];
  for (const c of cases) {
    it(`${c.what}: ${c.status}`, async () => {
      for (const accept of [BROWSER, JSON_CLIENT, CURL]) {
        const got = await answer(c.path, accept, c);
        expect(got, accept).toEqual({ status: c.status, type: 'text/plain; charset=utf-8', body: c.body });
      }
    });
  }
});

describe("the console's own routes answer through the platform's renderer", () => {
  it('shows a browser the failure in the suite frame', async () => {
    const got = await answer('/schema?src=nosuch', BROWSER);
    expect(got.status).toBe(400);
    expect(got.type).toBe('text/html; charset=UTF-8');
    expect(got.body).toMatch(/^<!DOCTYPE html>/);
    expect(got.body).toContain('That request is not right · SQL console');
    // The page words it for people (no `[400]`); JSON and text keep tailsql's wording.
    expect(got.body).toContain('Unknown source &quot;nosuch&quot;.</p>');
    expect(got.body).not.toContain('[400]');
  });

  it('an unknown path: tailsql\'s text for programs, the suite\'s page for a browser, JSON when asked', async () => {
    const path = q('/nope', 'select 1', 'main');
    expect(await answer(path, CURL)).toEqual({ status: 404, type: 'text/plain; charset=utf-8', body: 'not found\n' });
    const page = await answer(path, BROWSER);
    expect(page.status).toBe(404);
    expect(page.body).toContain('There is no page at this address.');
    const json = await answer(path, JSON_CLIENT);
    expect(json.status).toBe(404);
    expect(JSON.parse(json.body)).toEqual({ error: 'not-found', message: 'not found' });
  });

  it('answers JSON to a client that asks for it, with the error kind as the code', async () => {
    const got = await answer('/schema?src=nosuch', JSON_CLIENT);
    expect(got.status).toBe(400);
    expect(got.type).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(got.body)).toEqual({ error: 'unknown-source', message: '[400] unknown source "nosuch"' });
  });

  it('answers curl and the console script the message as text', async () => {
    expect(await answer('/schema?src=nosuch', CURL)).toEqual({ status: 400, type: 'text/plain; charset=UTF-8', body: '[400] unknown source "nosuch"\n' });
    const script = { 'X-Tailsql-Console': '1' };
    expect(await answer('/api/schema?src=nosuch', CURL, { headers: script })).toEqual({ status: 400, type: 'text/plain; charset=UTF-8', body: '[400] unknown source "nosuch"\n' });
    expect(await answer('/api/cancel?id=not-running-1', CURL, { method: 'POST', headers: script })).toEqual({
      status: 404,
      type: 'text/plain; charset=UTF-8',
      body: 'no such running query\n',
    });
    expect((await answer(q('/api/query', 'select 1', 'main'), CURL)).body).toBe('[403] query access denied\n');
  });

  it('renders /export and /history refusals the same way', async () => {
    const exported = await answer(q('/export', 'select 1', 'main'), BROWSER);
    expect(exported.status).toBe(403);
    expect(exported.body).toContain('Query access denied.');
    expect(exported.body).toContain('Not allowed · SQL console');
    const history = await answer('/history', JSON_CLIENT, { method: 'POST' });
    expect(history.status).toBe(405);
    expect(JSON.parse(history.body)).toEqual({ error: 'method', message: 'method not allowed' });
  });
});
