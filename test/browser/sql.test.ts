/**
 * The SQL console in headless Chromium: run a query with the keyboard, browse the schema and
 * insert a name, cancel a slow query, download CSV, the permalink round trip, the grid's sort and
 * inspector, Alt+number source switching; and with JavaScript off, the form, the table, the CSV
 * download and permalinks. Links on another site (a page served from `localhost`, which is
 * another site than `127.0.0.1`): a permalink opens unrun until Query is pressed, and `/csv`
 * refuses to run even with the console's cookie.
 *
 * Needs /usr/bin/chromium; without it the suite is skipped with a warning, unless
 * TAILYARD_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../support/platform.js';
import { oracleWorkspace, startSql } from '../apps/sql/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.TAILYARD_REQUIRE_BROWSER === '1') throw new Error(`${CHROMIUM} is missing and TAILYARD_REQUIRE_BROWSER=1`);
  process.stderr.write(`\n*** SKIPPING the SQL console browser test: ${CHROMIUM} is missing ***\n\n`);
}

const ENDLESS = 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c';
const dir = mkdtempSync(join(tmpdir(), 'sql-browser-'));

describe.skipIf(!haveBrowser)('SQL console in a browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // The bundles are built by `npm run build`; build them here too so this file runs on its own.
    execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/bundle-browser.mjs')]);
    oracleWorkspace(dir);
    t = await startSql({
      appConfig: {
        sources: [
          { source: 'main', label: 'Main database', driver: 'sqlite', url: `file:${join(dir, 'DATA', 'main.db')}?mode=ro` },
          { source: 'other', label: 'Other', driver: 'sqlite', url: `file:${join(dir, 'DATA', 'other.db')}?mode=ro` },
        ],
        queryTimeout: '30s',
      },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('with JavaScript', () => {
    let context: BrowserContext;
    let page: Page;
    const violations: string[] = [];

    beforeAll(async () => {
      context = await browser.newContext({ acceptDownloads: true });
      page = await context.newPage();
      // CSP violations caused by what we serve (scripts, markup). Chromium's own editing commands
      // (typing over a selection in contenteditable) try a style attribute with no source file;
      // the browser blocks those itself, and they are not ours to fix.
      await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
      await page.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) => {
          if (e.sourceFile) (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`);
        }),
      );
    });
    afterAll(() => context?.close());

    const editorText = () => page.evaluate(() => (document.getElementById('query') as HTMLTextAreaElement).value);

    test('runs a query typed with the keyboard (Ctrl+Enter) and keeps a permalink', async () => {
      await page.goto(`${t.url}/`);
      await page.waitForSelector('#editor .cm-content');
      await page.keyboard.type('select name, score from users order by id');
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('#results');
      expect(await page.textContent('#results tbody tr:first-child')).toContain('amelie');
      expect(await page.textContent('#row-count')).toBe('4 rows total');
      expect(new URL(page.url()).searchParams.get('q')).toBe('select name, score from users order by id');
      const history = await page.evaluate(() => JSON.parse(localStorage.getItem('tailsql-history') ?? '[]'));
      expect(history[0]).toMatchObject({ query: 'select name, score from users order by id', source: 'main' });
    });

    test('sorts by a column and inspects a cell', async () => {
      await page.click('#results thead th:nth-child(2)');
      expect(await page.textContent('#results tbody tr:first-child td:nth-child(2)')).toBe('-0.25');
      await page.click('#results tbody tr:first-child td:first-child');
      await page.waitForSelector('#inspector:not([hidden])');
      expect(await page.textContent('#inspector .inspector-value')).toBe('bob, the "builder"');
    });

    test('opens the permalink in a new tab with the same result', async () => {
      const other = await context.newPage();
      await other.goto(page.url());
      expect(await other.textContent('#results tbody')).toContain('amelie');
      expect(await other.evaluate(() => (document.getElementById('query') as HTMLTextAreaElement).value)).toBe('select name, score from users order by id');
      await other.close();
    });

    test('browses the schema and inserts a column name into the editor', async () => {
      await page.click('#schema-panel > summary');
      await page.waitForSelector('#schema-tree .schema-list');
      expect(await page.textContent('#schema-tree')).toContain('events');
      await page.click('#schema-tree li.schema-object:has(button[data-insert="users"]) summary .kind');
      await page.click('#schema-tree button[data-insert="email"]');
      expect(await editorText()).toContain('email');
    });

    test('switches source with Alt+2', async () => {
      await page.keyboard.press('Alt+2');
      expect(await page.inputValue('#sources')).toBe('other');
      await page.keyboard.press('Alt+1');
      expect(await page.inputValue('#sources')).toBe('main');
    });

    test('cancels a slow query on the server', async () => {
      await page.click('#editor .cm-content');
      await page.keyboard.press('Control+a');
      await page.keyboard.type(ENDLESS);
      await page.click('#send-query');
      await page.waitForSelector('#status:not([hidden])');
      await page.waitForFunction(() => document.getElementById('elapsed')?.textContent !== '0.0 s');
      await page.click('#cancel-query');
      await page.waitForSelector('#error');
      expect(await page.textContent('#error')).toBe('Error: query cancelled');
      expect(await page.isHidden('#status')).toBe(true);
    });

    test('downloads the result as CSV', async () => {
      await page.click('#editor .cm-content');
      await page.keyboard.press('Control+a');
      await page.keyboard.type('select id, name from users order by id');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-button')]);
      expect(readFileSync((await download.path()) as string, 'utf8')).toBe('id,name\n1,amelie\n2,"bob, the ""builder"""\n3,ünïcødé 名前\n4,\n');
    });

    test('draws a chart for label + number results', async () => {
      await page.click('#editor .cm-content');
      await page.keyboard.press('Control+a');
      await page.keyboard.type('select kind, count(*) as n from events group by kind order by kind');
      await page.keyboard.press('Shift+Enter');
      await page.waitForSelector('#chart-bar');
      await page.click('#chart-bar');
      await page.waitForSelector('#chart .uplot canvas');
      expect(violations).toEqual([]);
    });
  });

  describe('links on another site', () => {
    let context: BrowserContext;
    let page: Page;
    let chat: Server;
    let chatUrl: string;
    const QUERY = 'select id, name from users order by id';

    beforeAll(async () => {
      const consoleUrl = new URL(t.url);
      const to = (path: string) => `${t.url}${path}?${new URLSearchParams({ q: QUERY, src: 'main' })}`;
      const html = `<!doctype html><a id="permalink" href="${to('/')}">permalink</a> <a id="csv" href="${to('/csv')}">csv</a>`;
      chat = createServer((_req, res) => res.end(html));
      await new Promise<void>((resolve) => chat.listen(0, '127.0.0.1', resolve));
      // localhost is another site than the console's 127.0.0.1.
      chatUrl = `http://localhost:${(chat.address() as AddressInfo).port}/`;
      expect(consoleUrl.hostname).toBe('127.0.0.1');
      context = await browser.newContext({ acceptDownloads: true });
      page = await context.newPage();
    });
    afterAll(async () => {
      await context?.close();
      await new Promise((resolve) => chat?.close(resolve));
    });

    test('a permalink opens with the query filled in, runs only when Query is pressed, and then downloads', async () => {
      await page.goto(chatUrl);
      await Promise.all([page.waitForURL(`${t.url}/**`), page.click('#permalink')]);
      await page.waitForSelector('#not-run');
      expect(await page.inputValue('#query')).toBe(QUERY);
      expect(await page.$('#results')).toBeNull();
      await page.waitForSelector('#editor .cm-content');
      await page.click('#send-query');
      await page.waitForSelector('#results');
      expect(await page.textContent('#row-count')).toBe('4 rows total');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-button')]);
      expect(readFileSync((await download.path()) as string, 'utf8')).toContain('1,amelie\n');
    });

    test('a /csv link does not run, even with the console cookie', async () => {
      await page.goto(`${t.url}/`);
      expect((await context.cookies(t.url)).map((c) => c.name)).toContain('tailsqlQuery');
      await page.goto(chatUrl);
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(`${t.url}/csv`)), page.click('#csv')]);
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('[403] cross-site request refused: /csv was requested by another site (Sec-Fetch-Site: cross-site)');
    });
  });

  describe('without JavaScript', () => {
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
      page = await context.newPage();
    });
    afterAll(() => context?.close());

    test('the form runs a query and shows the table at a permalink', async () => {
      await page.goto(`${t.url}/`);
      await page.fill('#query', 'select id, title from users order by id');
      await page.selectOption('#sources', 'main');
      await page.click('#send-query');
      await page.waitForSelector('#results');
      expect(await page.textContent('#row-count')).toBe('4 rows total');
      expect(await page.textContent('#results tbody tr:nth-child(2) td.null')).toBe('(null)');
      const url = page.url();
      expect(new URL(url).searchParams.get('q')).toBe('select id, title from users order by id');
      await page.goto('about:blank');
      await page.goto(url);
      expect(await page.inputValue('#query')).toBe('select id, title from users order by id');
      expect(await page.textContent('#results')).toContain('mascot');
    });

    test('explains the query plan', async () => {
      await page.fill('#query', 'select * from events where user_id = 1');
      await page.click('#explain-query');
      await page.waitForSelector('.plan-tree');
      expect(await page.textContent('.plan-tree')).toMatch(/events_user/);
    });

    test('downloads CSV from the form', async () => {
      await page.fill('#query', 'select 1 as one');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-button')]);
      expect(readFileSync((await download.path()) as string, 'utf8')).toBe('one\n1\n');
    });

    test('shows the schema page', async () => {
      await page.goto(`${t.url}/schema?src=main`);
      expect(await page.textContent('main')).toContain('active_users');
      expect(await page.textContent('main')).toContain('events_user');
    });
  });
});
