/**
 * The suite's one frame in headless Chromium, on every app's main pages: standards mode
 * (`<!DOCTYPE html>`), one title scheme, a favicon, one `h1`, the suite navigation to every
 * enabled app by its URL (and it works), one date format; and error pages by `Accept` — a page
 * in the frame with human wording and what to do next for browsers, JSON or text for programs.
 *
 * Needs /usr/bin/chromium; without it the suite is skipped with a warning, unless
 * TAILYARD_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtInApps } from '../../src/suite.js';
import { browserAvailable, startSuite, type SuiteInBrowser } from '../support/suite-browser.js';

const haveBrowser = browserAvailable('the suite frame browser test');
const NAMES: Record<string, string> = Object.fromEntries(builtInApps.map((a) => [a.id, a.title]));
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe.skipIf(!haveBrowser)('the suite in a browser', () => {
  let s: SuiteInBrowser;
  let page: Page;

  beforeAll(async () => {
    s = await startSuite();
    page = await s.page({ scheme: 'light' });
  });
  afterAll(() => s?.close());

describe('one frame for every app', () => {
  test('every app has a display name from one place, in the agreed style', () => {
    expect(NAMES).toEqual({ links: 'go/ links', paste: 'paste', secrets: 'secrets', sql: 'SQL console', idp: 'identity provider' });
  });

  test('every main page: standards mode, the title scheme, a favicon, one h1, the suite navigation', async () => {
    const expectedNav = builtInApps.map((a) => ({ name: a.title, href: s.url(a.id) }));
    for (const p of s.pages) {
      const res = await page.goto(s.url(p.app, p.path));
      expect(res?.status(), p.name).toBe(200);
      const facts = await page.evaluate(() => ({
        mode: document.compatMode,
        doctype: document.doctype?.name,
        title: document.title,
        icon: document.querySelector('link[rel="icon"]')?.getAttribute('href'),
        h1: document.querySelectorAll('h1').length,
        nav: Array.from(document.querySelectorAll('nav.suite a')).map((a) => ({ name: a.textContent, href: (a as HTMLAnchorElement).href })),
        current: document.querySelector('nav.suite a[aria-current="page"]')?.textContent,
      }));
      expect(facts.mode, `${p.name}: standards mode`).toBe('CSS1Compat');
      expect(facts.doctype, p.name).toBe('html');
      expect(facts.title, p.name).toMatch(new RegExp(`^.+ · ${NAMES[p.app]?.replace('/', '\\/')} · tailyard$`));
      expect(facts.h1, `${p.name}: one h1`).toBe(1);
      expect(facts.nav, p.name).toEqual(expectedNav);
      expect(facts.current, p.name).toBe(NAMES[p.app]);
      expect(facts.icon, `${p.name}: favicon`).toBeTruthy();
      const icon = await fetch(new URL(facts.icon as string, s.url(p.app)));
      expect(icon.status, `${p.name}: favicon`).toBe(200);
      expect(icon.headers.get('content-type'), p.name).toBe('image/svg+xml');
    }
  });

  test('each app has its own favicon', async () => {
    const icons = new Set<string>();
    for (const app of builtInApps) {
      await page.goto(s.url(app.id));
      const href = await page.getAttribute('link[rel="icon"]', 'href');
      icons.add(await (await fetch(new URL(href as string, s.url(app.id)))).text());
    }
    expect(icons.size).toBe(builtInApps.length);
  });

  test('the suite navigation moves between the apps', async () => {
    await page.goto(s.url('links'));
    await page.getByRole('navigation', { name: 'tailyard apps' }).getByRole('link', { name: 'secrets' }).click();
    await page.waitForURL(s.url('secrets'));
    expect(await page.textContent('h1')).toBe('Secrets');
    await page.getByRole('navigation', { name: 'tailyard apps' }).getByRole('link', { name: 'SQL console' }).click();
    await page.waitForURL(s.url('sql'));
    expect(await page.textContent('h1')).toBe('SQL console');
  });

  test('dates: one format everywhere — local time shown, the UTC instant on hover, RFC 3339 in datetime', async () => {
    for (const p of s.pages.filter((x) => ['links-all', 'links-detail', 'paste-list', 'paste-view'].includes(x.name))) {
      await page.goto(s.url(p.app, p.path));
      const times = await page.$$eval('main time', (els) =>
        els.map((e) => ({ cls: e.className, datetime: e.getAttribute('datetime'), title: e.getAttribute('title'), text: e.textContent, done: (e as HTMLElement).dataset.localised })),
      );
      expect(times.length, p.name).toBeGreaterThan(0);
      for (const t of times) {
        expect(t.cls, p.name).toBe('local');
        expect(t.datetime, p.name).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        expect(t.title, p.name).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
        expect(t.done, `${p.name}: localised by tailyard.js`).toBe('1');
        expect(t.text, p.name).not.toContain('UTC');
      }
    }
  });

  test("paste's live search keeps the page's date format", async () => {
    await page.goto(s.url('paste', '/paste/list'));
    const before = await page.textContent('main time');
    await page.getByRole('searchbox').fill('hello');
    await expect.poll(() => page.$$eval('main time', (els) => els.every((e) => (e as HTMLElement).dataset.localised === '1') && els.length > 0)).toBe(true);
    expect(await page.textContent('main time')).toBe(before);
  });
});

describe('error pages by Accept', () => {
  const MACHINE = /^\s*([a-z]+( [a-z]+)*:|Error: \[\d+\])/;
  // go/ links has no unknown path: every path is a link name (golink's 404 is its home page).
  const apps = builtInApps.filter((a) => a.id !== 'links');

  test('an unknown path: a page in the frame for a browser, with what to do next', async () => {
    for (const app of apps) {
      const res = await page.goto(s.url(app.id, '/no/such/page'));
      expect(res?.status(), app.id).toBe(404);
      expect(await page.evaluate(() => document.compatMode), app.id).toBe('CSS1Compat');
      expect(await page.$$eval('nav.suite a', (a) => a.length), `${app.id}: in the suite frame`).toBe(builtInApps.length);
      expect(await page.$$eval('h1', (h) => h.length), app.id).toBe(1);
      const alert = (await page.textContent('[role="alert"]')) ?? '';
      expect(alert, app.id).not.toMatch(MACHINE);
      expect(alert, app.id).toMatch(/^(There is no page at this address|Nothing is at \/no\/such\/page)\.$/);
      expect(await page.textContent('p.next-step'), `${app.id}: what to do next`).toMatch(/^Check the address/);
    }
  });

  test('the same failure as JSON when Accept names application/json, and as text otherwise', async () => {
    for (const app of apps) {
      const json = await fetch(s.url(app.id, '/no/such/page'), { headers: { Accept: 'application/json' } });
      expect(json.status, app.id).toBe(404);
      expect(json.headers.get('content-type'), app.id).toMatch(/^application\/json/);
      // The platform's code, or the app's own wire format (paste answers as tclip does).
      expect(typeof ((await json.json()) as { error: unknown }).error, app.id).toBe('string');
      const text = await fetch(s.url(app.id, '/no/such/page'));
      expect(text.status, app.id).toBe(404);
      expect(text.headers.get('content-type'), app.id).toMatch(/^text\/plain/);
      // Each app's text as before (Go's `404 page not found`, tailsql's `not found`, paste's sentence).
      expect(await text.text(), app.id).toMatch(/^(404 page not found|not found|not found: nothing is at \/no\/such\/page)\n$/);
      const html = await fetch(s.url(app.id, '/no/such/page'), { headers: { Accept: BROWSER_ACCEPT } });
      expect((await html.text()).startsWith('<!DOCTYPE html>'), app.id).toBe(true);
    }
  });

  test("apps' own failures: human wording in the frame, and a next step", async () => {
    const cases = [
      { app: 'idp', path: '/edit/0123456789abcdef0123456789abcdef', says: 'No client has this ID.' },
      { app: 'paste', path: '/paste/00000000-0000-4000-8000-000000000000', says: 'No paste has the id 00000000-0000-4000-8000-000000000000.' },
    ];
    for (const c of cases) {
      const res = await page.goto(s.url(c.app, c.path));
      expect(res?.status(), c.path).toBe(404);
      expect(await page.$$eval('nav.suite a', (a) => a.length), `${c.app}: in the suite frame`).toBe(builtInApps.length);
      expect(await page.textContent('[role="alert"]'), c.path).toBe(c.says);
      expect(await page.textContent('p.next-step'), c.path).toMatch(/^[A-Z].+\.$/);
    }
  });
});
});
