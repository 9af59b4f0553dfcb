/**
 * go/ links in headless Chromium: create a link, follow go/name/extra?x=1 to a local echo server,
 * edit, rename (warned that the old name stops working), delete (through a confirmation page),
 * restore (offered where the deleted link is visited), and live search with htmx.
 *
 * Needs /usr/bin/chromium; without it the suite is skipped with a warning, unless
 * TAILYARD_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { linksApp } from '../../src/apps/links/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { startTestApp, type TestApp } from '../support/platform.js';

const CHROMIUM = '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.TAILYARD_REQUIRE_BROWSER === '1') throw new Error(`${CHROMIUM} is missing and TAILYARD_REQUIRE_BROWSER=1`);
  process.stderr.write(`\n*** SKIPPING the go/ links browser test: ${CHROMIUM} is missing ***\n\n`);
}

/** A tiny server that answers every request with its own path and query. */
async function echoServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`echo ${req.url}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

describe.skipIf(!haveBrowser)('go/ links in a browser', () => {
  let t: TestApp;
  let echo: { server: Server; url: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp(linksApp as AppDefinition, { login: 'amy@example.com' });
    echo = await echoServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    echo?.server.close();
    await t?.cleanup();
  });

  test('create a link from the home page', async () => {
    await page.goto(`${t.url}/`);
    // golink autofocuses the name field on the home page.
    expect(await page.evaluate('document.activeElement && document.activeElement.name')).toBe('short');
    await page.getByLabel('Name').fill('echo');
    await page.getByLabel('Destination').fill(`${echo.url}/base`);
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.textContent('main')).toContain('go/echo has been saved.');
  });

  test('follow go/echo/extra?x=1 to the destination with path and query', async () => {
    await page.goto(`${t.url}/echo/extra?x=1`);
    expect(page.url()).toBe(`${echo.url}/base/extra?x=1`);
    expect(await page.textContent('body')).toBe('echo /base/extra?x=1');
  });

  test('edit the destination on the detail page', async () => {
    await page.goto(`${t.url}/echo+`);
    expect(page.url()).toBe(`${t.url}/.detail/echo`);
    await page.getByLabel('Destination').fill(`${echo.url}/edited`);
    await page.getByLabel('Description').fill('where echoes live');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${t.url}/.detail/echo?saved=1`);
    expect(await page.textContent('main')).toContain(`destination → ${echo.url}/edited`);
    await page.goto(`${t.url}/echo/x`);
    expect(page.url()).toBe(`${echo.url}/edited/x`);
  });

  test('rename the link: the form warns that the old name stops working', async () => {
    await page.goto(`${t.url}/.detail/echo`);
    expect(await page.textContent('form[aria-label="Edit link"] label')).toContain('the old name echo then stops working');
    await page.getByLabel('Name').fill('echo-two');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${t.url}/.detail/echo-two?saved=1`);
    expect(await page.textContent('main')).toContain('renamed echo → echo-two');
    await page.goto(`${t.url}/echotwo`);
    expect(page.url()).toBe(`${echo.url}/edited`);
  });

  test('delete it: the danger zone leads to a confirmation page, which deletes', async () => {
    await page.goto(`${t.url}/.detail/echo-two`);
    await page.getByText('Danger zone').click();
    await page.getByRole('link', { name: 'Delete go/echo-two…' }).click();
    await page.waitForURL(`${t.url}/.delete/echo-two`);
    // Nothing is deleted until the confirmation is sent.
    expect((await fetch(`${t.url}/.detail/echo-two`)).status).toBe(200);
    expect(await page.textContent('h1')).toContain('Delete go/echo-two?');
    await page.getByRole('button', { name: 'Delete go/echo-two' }).click();
    await expect.poll(() => page.textContent('h1')).toContain('Link go/echo-two deleted');
  });

  test('visiting the deleted link offers Restore, not "Create it now"', async () => {
    const res = await page.goto(`${t.url}/echo-two`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('go/echo-two was deleted');
    expect(await page.textContent('main')).not.toContain('Create it now');
    await page.getByRole('button', { name: 'Restore go/echo-two' }).click();
    await page.waitForURL(`${t.url}/.detail/echo-two?restored=1`);
    await page.goto(`${t.url}/echo-two`);
    expect(page.url()).toBe(`${echo.url}/edited`);
  });

  test('restore from the detail page too', async () => {
    await fetch(`${t.url}/.delete/echo-two`, { method: 'POST', headers: { 'Sec-Golink': '1' } });
    await page.goto(`${t.url}/.detail/echo-two`);
    await page.getByRole('button', { name: 'Restore go/echo-two' }).click();
    await page.waitForURL(`${t.url}/.detail/echo-two?restored=1`);
    await page.goto(`${t.url}/echo-two`);
    expect(page.url()).toBe(`${echo.url}/edited`);
  });

  test("golink's API still deletes at once", async () => {
    const res = await fetch(`${t.url}/.delete/echo-two`, { method: 'POST', headers: { 'Sec-Golink': '1' } });
    expect(res.status).toBe(200);
    expect((await fetch(`${t.url}/echo-two`, { redirect: 'manual' })).status).toBe(404);
    await fetch(`${t.url}/.restore/echo-two`, { method: 'POST', headers: { 'Sec-Golink': '1' } });
  });

  test('live search filters the list as you type (htmx)', async () => {
    await page.goto(`${t.url}/`);
    await page.getByLabel('Name').fill('other');
    await page.getByLabel('Destination').fill('https://other.invalid/');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForLoadState();
    await page.goto(`${t.url}/.all`);
    expect(await page.textContent('#results')).toContain('Results (2 total)');
    await page.getByLabel('Search links').pressSequentially('echoes');
    await expect.poll(() => page.textContent('#results')).toContain('Results (1 total)');
    expect(await page.textContent('#results')).toContain('go/echo-two');
    // htmx kept the address in sync, so the result can be shared or reloaded without JS.
    expect(page.url()).toContain('/.search?q=echoes');
  });
});
