/**
 * tailsql's statement semantics and wire answers (issue 19), each rule on its own, beyond the
 * recorded cases of generated-oracle.test.ts: several statements (which one answers), text with
 * no statement, ±Inf in /json, errors while reading rows, SQLite's own syntax errors, the
 * connection defaults tailsql's driver leaves, Go's query-string parsing and path cleaning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { exchange, header, rawGet } from '../../support/raw-http.js';
import { pageContent } from '../../support/console-page.js';
import { get, oracleWorkspace, q, startSql } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-statements-'));
oracleWorkspace(dir);
let t: TestApp;

beforeAll(async () => {
  t = await startSql({ appConfig: { sources: [{ source: 'main', driver: 'sqlite', url: `file:${join(dir, 'DATA', 'main.db')}?mode=ro` }] } });
});
afterAll(async () => {
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function answer(path: string): Promise<[number, string]> {
  const res = await get(t, path);
  return [res.status, await res.text()];
}

async function raw(target: string): Promise<{ status: number; location?: string; body: string }> {
  const [res] = await exchange(Number(new URL(t.url).port), [rawGet(Buffer.from(target, 'latin1'), { Host: 'tailsql', 'Sec-Tailsql': '1', Connection: 'close' })]);
  return { status: res!.status, location: header(res!, 'location'), body: res!.body.toString() };
}

describe('several statements, as tailsql runs them', () => {
  it('answers with the last statement that returns rows', async () => {
    expect(await answer(q('/json', 'select 1 as a; select 2 as b; -- end'))).toEqual([200, '{"b":2}\n']);
    expect(await answer(q('/csv', "select 1 where 0; select ';' as semi; select 2 where 0; -- c"))).toEqual([200, 'semi\n;\n']);
    // The same text twice: the second run cannot disturb the first one's rows.
    expect(await answer(q('/json', 'select 7 as x; select 7 as x'))).toEqual([200, '{"x":7}\n']);
  });

  it('lets a statement without rows answer when nothing answered before it or nothing at all follows it', async () => {
    expect(await answer(q('/csv', 'select 1 as a where 0; select 2 as b where 0; -- c'))).toEqual([200, 'a\n']);
    expect(await answer(q('/csv', 'select 1 as a; select 2 as b where 0'))).toEqual([200, 'b\n']);
    expect(await answer(q('/csv', 'select 1 as a; select 2 as b where 0;'))).toEqual([200, 'b\n']);
    expect(await answer(q('/csv', 'select 1 as a; select 2 as b where 0; '))).toEqual([200, 'b\n']);
    // A reporting PRAGMA without a reading form returns nothing, as the last statement or before one.
    expect(await answer(q('/csv', 'select 1 as a; pragma case_sensitive_like'))).toEqual([200, '']);
    expect(await answer(q('/csv', 'select 1 as a; pragma case_sensitive_like; -- c'))).toEqual([200, 'a\n1\n']);
  });

  it('checks every statement before any runs, and stops at the first error', async () => {
    const [status, body] = await answer(q('/json', 'select 1; delete from users; select 2'));
    expect([status, body]).toEqual([400, expect.stringMatching(/^\[400\] invalid query: DELETE is not allowed/)]);
    expect(await answer(q('/json', 'select 1; select * from nope; select 2'))).toEqual([500, 'SQL logic error: no such table: nope (1)\n']);
  });

  it('answers text with no statement with nothing, and leaves what cannot be SQL to SQLite', async () => {
    for (const sql of [';', ';;', '-- x', '/* c */', '/* never closed']) expect(await answer(q('/json', sql)), sql).toEqual([200, '']);
    expect(await answer(q('/csv', '-- x'))).toEqual([200, '']);
    expect(await answer(q('/json', 'selec 1'))).toEqual([500, 'SQL logic error: near "selec": syntax error (1)\n']);
    expect(await answer(q('/json', "select 'abc"))).toEqual([500, 'SQL logic error: unrecognized token: "\'abc" (1)\n']);
  });
});

describe('rows tailsql cannot write', () => {
  it('fails /json at a first row with ±Inf, and ends it with the error line after others', async () => {
    expect(await answer(q('/json', 'select 1e999 as v'))).toEqual([500, 'json: unsupported value: +Inf\n']);
    expect(await answer(q('/json', 'select x from (select 1 x union all select -1e999 union all select 2)'))).toEqual([200, '{"x":1}\njson: unsupported value: -Inf\n']);
    expect(await answer(q('/csv', 'select -1e999 as v'))).toEqual([200, 'v\n-Inf\n']);
  });

  it("prefixes errors after the first row with 'scanning rows: ', not those of the first", async () => {
    expect(await answer(q('/json', "select json(p) from (select '1' p union all select 'x')"))).toEqual([500, 'scanning rows: SQL logic error: malformed JSON (1)\n']);
    expect(await answer(q('/json', "select json('x')"))).toEqual([500, 'SQL logic error: malformed JSON (1)\n']);
  });

  it("leaves foreign_keys off and the cache at SQLite's default, as tailsql's driver does", async () => {
    expect(await answer(q('/json', 'pragma foreign_keys; pragma cache_size'))).toEqual([200, '{"cache_size":-2000}\n']);
    expect(await answer(q('/csv', 'pragma foreign_keys'))).toEqual([200, 'foreign_keys\n0\n']);
    expect(await answer(q('/csv', 'pragma journal_mode'))).toEqual([200, 'journal_mode\ndelete\n']);
  });
});

describe("Go's request parsing", () => {
  it('does not count a parameter with a semicolon or a bad escape', async () => {
    for (const target of ['/json?q=select%ZZ1', '/json?q=select+1;', '/json?q=select+1;x=1', '/json?q=select+1%']) {
      expect(await raw(target), target).toMatchObject({ status: 400, body: '[400] no query provided\n' });
    }
    expect(await raw('/json?q=select+1&src=main;')).toMatchObject({ status: 200, body: '{"1":1}\n' });
  });

  it("keeps a parameter's bytes that are not UTF-8, and quotes names with Go's %q", async () => {
    expect(await raw('/json?q=select+1&src=%FF')).toMatchObject({ status: 400, body: '[400] unknown source "\\xff"\n' });
    expect(await raw('/json?q=select+1&src=a%22b%0A%E4%BD')).toMatchObject({ status: 400, body: '[400] unknown source "a\\"b\\n\\xe4\\xbd"\n' });
    expect(await raw('/json?q=named:x%22%C3%BC%09y')).toMatchObject({ status: 400, body: '[400] named query "x\\"ü\\ty" not recognized\n' });
    expect(await raw('/json?q=meta:%00')).toMatchObject({ status: 400, body: '[400] unknown meta-query "meta:\\x00"\n' });
    expect(await raw('/json?q=named:%FFx')).toMatchObject({ status: 400, body: '[400] named query "\\xffx" not recognized\n' });
    // A character whose UTF-16 low half looks like an escaped byte is text like any other.
    expect(await raw('/json?q=select+%27%F0%9F%82%A1%27')).toMatchObject({ status: 200, body: `{"'\u{1F0A1}'":"\u{1F0A1}"}\n` });
    // SQLite is given U+FFFD for each such byte: its errors read as tailsql's (a deliberate difference for literals, below).
    expect(await raw('/json?q=select+%E4%BD')).toMatchObject({ status: 500, body: 'SQL logic error: no such column: \uFFFD\uFFFD (1)\n' });
    expect(await raw("/json?q=select+%27%E4%27")).toMatchObject({ status: 200, body: `{"'\uFFFD'":"\uFFFD"}\n` });
  });

  it('shows the query on the page with its bytes as sent, as tailsql does', async () => {
    const [res] = await exchange(Number(new URL(t.url).port), [rawGet(Buffer.from("/?q=select+%27%E4%27", 'latin1'), { Host: 'tailsql', 'Sec-Tailsql': '1', Connection: 'close' })]);
    expect(res!.status).toBe(200);
    expect(pageContent(res!.body)).toEqual({ columns: ["'\uFFFD'"], rows: [['\uFFFD']], utf8: false });
    expect(res!.body.includes(Buffer.from([0xe4]))).toBe(true);
  });

  it('answers a source name that is not UTF-8 on every route, the page too', async () => {
    const page = await raw('/?q=select+1&src=%FF');
    expect(page.status).toBe(200);
    expect(pageContent(Buffer.from(page.body))).toMatchObject({ error: '[400] unknown source "\\xff"' });
    expect(await raw('/?src=%FF')).toMatchObject({ status: 200 });
    expect(await raw('/csv?q=select+1&src=%E4%BD')).toMatchObject({ status: 400, body: '[400] unknown source "\\xe4\\xbd"\n' });
    expect(await raw('/export?q=select+1&src=%FF')).toMatchObject({ status: 400 });
    expect(await raw('/schema?src=%FF')).toMatchObject({ status: 400 });
  });

  it("trims the query as Go's strings.TrimSpace does", async () => {
    expect(await raw('/json?q=%C2%85%E3%80%80select+1%C2%A0%0B')).toMatchObject({ status: 200, body: '{"1":1}\n' });
    // U+FEFF is no space to Go (JavaScript's trim() would drop it): it stays, and SQLite reads it as part of a token.
    expect(await raw('/json?q=select+1%EF%BB%BF')).toMatchObject({ status: 500, body: 'SQL logic error: unrecognized token: "1\uFEFF" (1)\n' });
  });

  it('redirects an unclean path with 307 before anything runs, the query kept', async () => {
    expect(await raw('//json?q=select+1')).toEqual({ status: 307, location: '/json?q=select+1', body: '<a href="/json?q=select+1">Temporary Redirect</a>.\n\n' });
    expect(await raw('/./csv?q=select+1&src=main')).toMatchObject({ status: 307, location: '/csv?q=select+1&src=main' });
    expect(await raw('/json/..?q=select+1')).toMatchObject({ status: 307, location: '/?q=select+1' });
    expect(await raw('/json?q=select+1')).toMatchObject({ status: 200 });
  });
});
