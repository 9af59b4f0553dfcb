/**
 * The whole suite in a browser, for the suite-wide browser tests and the screenshots script:
 * every built-in app on its own loopback port (dev mode, real SQLite in a temp dir), a little
 * data in each (a link, a paste, a secret, an OIDC client; the SQL console reads links and
 * paste), headless Chromium, and the list of every app's main pages.
 *
 * @example
 *   const s = await startSuite();
 *   const page = await s.page({ scheme: 'dark', phone: true });
 *   await page.goto(s.url('links', '/.all'));
 *   await s.close();
 */
import { existsSync, rmSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { silentLogger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import { builtInApps, suite } from '../../src/suite.js';
import { tempDataDir } from './platform.js';

export const CHROMIUM = '/usr/bin/chromium';

/** True when the browser is there; else prints why the caller's suite is skipped (fails in CI). */
export function browserAvailable(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.TAILYARD_REQUIRE_BROWSER === '1') throw new Error(`${CHROMIUM} is missing and TAILYARD_REQUIRE_BROWSER=1`);
  process.stderr.write(`\n*** SKIPPING ${what}: ${CHROMIUM} is missing ***\n\n`);
  return false;
}

/** One main page of one app. */
export interface MainPage {
  app: string;
  /** A file-name friendly name, e.g. `links-home`. */
  name: string;
  path: string;
}

export interface SuiteInBrowser {
  platform: RunningPlatform;
  /** The app's origin, e.g. `http://127.0.0.1:40123`, plus `path`. */
  url(app: string, path?: string): string;
  /** Every app's main pages, with the sample data's ids filled in. */
  pages: MainPage[];
  /** A fresh page: light or dark colour scheme, desktop (1280×800) or phone (390×844). */
  page(o: { scheme: 'light' | 'dark'; phone?: boolean }): Promise<Page>;
  close(): Promise<void>;
}

const APP_IDS = builtInApps.map((a) => a.id);

/** Starts every built-in app with sample data and a browser (see the module comment). */
export async function startSuite(): Promise<SuiteInBrowser> {
  const dataDir = tempDataDir('tailyard-suite-');
  const platform = await startPlatform({
    config: {
      dataDir,
      admin: { enabled: false },
      dev: { login: 'amy@example.com' },
      serve: Object.fromEntries(APP_IDS.map((id) => [id, { devPort: 0 }])),
      apps: { sql: { appSources: ['links', 'paste'] } },
    },
    apps: builtInApps,
    log: silentLogger(),
    defaultMetrics: false,
    ...suite(),
  });
  const url = (app: string, path = '/') => `${(platform.urls[app]?.[0] ?? '').replace(/\/$/, '')}${path}`;
  let browser: Browser | undefined;
  try {
    const ids = await sampleData(url);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const opened = browser;
    const pages: MainPage[] = [
      { app: 'links', name: 'links-home', path: '/' },
      { app: 'links', name: 'links-all', path: '/.all' },
      { app: 'links', name: 'links-detail', path: '/.detail/docs' },
      { app: 'links', name: 'links-help', path: '/.help' },
      { app: 'paste', name: 'paste-new', path: '/' },
      { app: 'paste', name: 'paste-list', path: '/paste/list' },
      { app: 'paste', name: 'paste-view', path: `/paste/${ids.paste}` },
      { app: 'paste', name: 'paste-help', path: '/help' },
      { app: 'secrets', name: 'secrets-list', path: '/' },
      { app: 'sql', name: 'sql-console', path: `/?q=${encodeURIComponent('SELECT short, long FROM links')}&src=links` },
      { app: 'sql', name: 'sql-schema', path: '/schema?src=links' },
      { app: 'sql', name: 'sql-history', path: '/history' },
      { app: 'idp', name: 'idp-clients', path: '/' },
      { app: 'idp', name: 'idp-client', path: `/edit/${ids.client}` },
      { app: 'idp', name: 'idp-new', path: '/new' },
    ];
    return {
      platform,
      url,
      pages,
      async page(o) {
        const context = await opened.newContext({
          colorScheme: o.scheme,
          viewport: o.phone ? { width: 390, height: 844 } : { width: 1280, height: 800 },
          deviceScaleFactor: 1,
          isMobile: o.phone ?? false,
          hasTouch: o.phone ?? false,
        });
        return context.newPage();
      },
      async close() {
        await opened.close();
        await platform.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Posts a little data to each app through its own API; returns the ids the pages need. */
async function sampleData(url: (app: string, path?: string) => string): Promise<{ paste: string; client: string }> {
  const ok = async (res: Response, what: string) => {
    if (!res.ok) throw new Error(`sample data: ${what} answered ${res.status}: ${await res.text()}`);
    return res;
  };
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);
  for (const [short, long] of [
    ['docs', 'https://example.com/docs/{{.Path}}'],
    ['wiki', 'https://wiki.example.com/'],
    ['oncall', 'https://example.com/a/very/long/path/that/should/wrap/on/a/phone/without/making/the/page/wider/than/the/screen'],
  ]) {
    await ok(await fetch(url('links'), { method: 'POST', headers: { 'Sec-Golink': '1' }, body: form({ short: short as string, long: long as string }) }), `link ${short}`);
  }
  const paste = (await (
    await ok(
      await fetch(url('paste', '/api/post'), {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: form({ filename: 'hello.py', content: 'def hello(name):\n    return f"hello, {name}"\n\nprint(hello("tailnet"))\n' }),
      }),
      'paste',
    )
  ).json()) as { id: string };
  const value = Buffer.from('s3cr3t').toString('base64');
  for (const name of ['prod/db-password', 'ci/deploy-token']) {
    await ok(
      await fetch(url('secrets', '/api/put'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' },
        body: JSON.stringify({ Name: name, Value: value }),
      }),
      `secret ${name}`,
    );
  }
  const client = (await (
    await ok(await fetch(url('idp', '/clients/new'), { method: 'POST', body: form({ name: 'grafana', redirect_uri: 'https://grafana.example.com/login/generic_oauth' }) }), 'idp client')
  ).json()) as { client_id: string };
  return { paste: paste.id, client: client.client_id };
}
