/**
 * Screenshots of every app's main pages, light and dark, for the README's gallery: starts the
 * whole suite with sample data through the browser tests' harness (test/support/suite-browser.ts)
 * and writes `docs/screenshots/<page>-<light|dark>.png` at 1280×800 (the visible part of the page).
 *
 * Run with `npm run screenshots` (needs /usr/bin/chromium). Dates are shown in UTC so the
 * pictures do not depend on the machine's time zone.
 *
 * @example npm run screenshots   # then commit docs/screenshots/
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { browserAvailable, startSuite } from '../test/support/suite-browser.js';

const OUT = resolve(import.meta.dirname, '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  if (!browserAvailable('the screenshots')) process.exit(1);
  process.env.TZ = 'UTC';
  mkdirSync(OUT, { recursive: true });
  const suite = await startSuite();
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await suite.page({ scheme });
      for (const p of suite.pages) {
        await page.goto(suite.url(p.app, p.path));
        await page.waitForLoadState('networkidle');
        const file = join(OUT, `${p.name}-${scheme}.png`);
        await page.screenshot({ path: file });
        process.stderr.write(`wrote ${file}\n`);
      }
    }
  } finally {
    await suite.close();
  }
}

await main();
