/**
 * The SQL console off the happy path, in headless Chromium: with no sources the page says how to
 * add one; a viewer whose grants open no source is told which grant is missing; a source whose
 * file is missing is marked in the picker with its path and the OS error; `SELEC 1` is called a
 * syntax error; a new query clears the cell inspector; at 320 and 390 px the page never scrolls
 * sideways (wide results scroll in their own box, long history entries wrap; also at 1280 px); in dark mode the
 * editor, its gutter, the completion list and the chart's axis labels have readable contrast
 * (from computed styles and, for the canvas chart, its pixels), and every bar is whole.
 *
 * Needs /usr/bin/chromium; without it the suite is skipped with a warning, unless
 * TAILYARD_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CAP, oracleWorkspace, startSql } from '../apps/sql/helpers.js';
import { contrast, lightness, over, parseColor, type Rgba, contrastOf } from '../support/contrast.js';
import type { TestApp } from '../support/platform.js';

const CHROMIUM = '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.TAILYARD_REQUIRE_BROWSER === '1') throw new Error(`${CHROMIUM} is missing and TAILYARD_REQUIRE_BROWSER=1`);
  process.stderr.write(`\n*** SKIPPING the SQL console first-minute browser test: ${CHROMIUM} is missing ***\n\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'sql-first-minute-'));
const MISSING = join(dir, 'DATA', 'gone.db');
const LONG_WORD = 'x'.repeat(300);
const WIDE_QUERY = `select '${LONG_WORD}' as long_value, ${Array.from({ length: 12 }, (_, i) => `${i} as column_number_${i}`).join(', ')}`;

/** The background colours from `el` up to the root, innermost first (for compositing in Node). */
async function backgrounds(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const find = (s: string): Element | null => {
      // `host >> inner`: an element inside the editor's shadow root.
      const [host, inner] = s.split(' >> ');
      const h = document.querySelector(host as string);
      return inner ? (h?.shadowRoot?.querySelector(inner) ?? null) : h;
    };
    let el: Element | null = find(sel);
    while (el) {
      out.push(getComputedStyle(el).backgroundColor);
      el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    }
    return out;
  }, selector);
}

/** The opaque colour the backgrounds in `stack` (innermost first) paint together, over white. */
function flatten(stack: string[]): Rgba {
  return stack.reduceRight<Rgba>((below, css) => over(parseColor(css), below), [255, 255, 255, 1]);
}

async function colorOf(page: Page, selector: string, pseudo?: string): Promise<string> {
  return page.evaluate(
    ([sel, ps]) => {
      const [host, inner] = (sel as string).split(' >> ');
      const h = document.querySelector(host as string);
      const el = inner ? h?.shadowRoot?.querySelector(inner) : h;
      if (!el) throw new Error(`no ${sel}`);
      return getComputedStyle(el, ps || null).color;
    },
    [selector, pseudo ?? ''] as const,
  );
}

describe.skipIf(!haveBrowser)('SQL console from the first minute', () => {
  let empty: TestApp;
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/bundle-browser.mjs')]);
    oracleWorkspace(dir);
    empty = await startSql();
    t = await startSql({
      appConfig: {
        sources: [
          { source: 'main', label: 'Main database', driver: 'sqlite', url: `file:${join(dir, 'DATA', 'main.db')}?mode=ro` },
          { source: 'gone', label: 'Gone', driver: 'sqlite', url: `file:${MISSING}?mode=ro` },
        ],
        queryTimeout: '30s',
      },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    await empty?.cleanup();
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('states instead of a blank picker', () => {
    let page: Page;
    beforeAll(async () => {
      page = await (await browser.newContext()).newPage();
    });
    afterAll(() => page?.context().close());

    test('no sources: the page says how to add one, with every key, an example and the docs', async () => {
      await page.goto(`${empty.url}/`);
      const text = (await page.textContent('#empty-state')) ?? '';
      expect(await page.textContent('#empty-title')).toBe('No sources yet');
      for (const word of ['apps.sql', '--sql-config', 'sources', 'appSources', 'localSource', 'docs/sql.md', 'In dev mode both are offered when unset']) expect(text).toContain(word);
      const example = JSON.parse((await page.textContent('#empty-example')) ?? '') as { apps: { sql: { sources: unknown[] } } };
      expect(example.apps.sql.sources).toHaveLength(2);
      expect(await page.$('#sources')).toBeNull();
    });

    test('no sources: a query says the source is unknown and what to do', async () => {
      await page.goto(`${empty.url}/?q=select+1`);
      expect(await page.textContent('#error')).toBe('Error: [400] unknown source ""');
      expect(await page.textContent('#error-hint')).toBe('This console has no sources yet: the page says how to add one.');
    });

    test('a viewer whose grants open no source is told which grant is missing', async () => {
      t.as({ login: 'bob@example.com', caps: { [CAP]: [{ src: ['prod-*'] }] } });
      try {
        await page.goto(`${t.url}/`);
        expect(await page.textContent('#empty-title')).toBe('No source you may query');
        const text = (await page.textContent('#empty-state')) ?? '';
        expect(text).toContain('bob@example.com may query none of them: your grants allow "prod-*", which matches no source here.');
        expect(text).toContain('capability tailscale.com/cap/tailsql');
        expect(await page.textContent('#empty-example')).toBe('{ "tailscale.com/cap/tailsql": [{ "src": ["main"] }] }');
        expect(text).not.toContain('gone');
        expect(await page.$('#sources')).toBeNull();
      } finally {
        t.as({});
      }
    });

    test('a source whose file is missing is marked in the picker with its path and the OS error', async () => {
      await page.goto(`${t.url}/`);
      expect(await page.textContent('#sources option[value="gone"]')).toBe('Gone (cannot be opened)');
      expect(await page.textContent('#sources option[value="main"]')).toBe('Main database');
      expect(await page.textContent('#source-problems li[data-source="gone"]')).toBe(`Gone: source "gone" cannot be opened: ${MISSING}: ENOENT: no such file or directory`);
    });

    test('an unknown source lists the ones the viewer may pick', async () => {
      await page.goto(`${t.url}/?q=select+1&src=nosuch`);
      expect(await page.textContent('#error')).toBe('Error: [400] unknown source "nosuch"');
      expect(await page.textContent('#error-hint')).toBe('Pick one of the sources you may query: main (Main database), gone (Gone).');
    });
  });

  describe('running queries', () => {
    let page: Page;
    beforeAll(async () => {
      page = await (await browser.newContext()).newPage();
      await page.goto(`${t.url}/`);
      await page.waitForSelector('#editor .cm-content');
    });
    afterAll(() => page?.context().close());

    const run = async (sql: string) => {
      await page.click('#editor .cm-content');
      await page.keyboard.press('Control+a');
      await page.keyboard.type(sql);
      await page.keyboard.press('Control+Enter');
    };

    test('a typo is a syntax error, not "read-only", and a new query clears the cell inspector', async () => {
      await run('select name from users order by id');
      await page.waitForSelector('#results');
      await page.click('#results tbody tr:first-child td:first-child');
      await page.waitForSelector('#inspector:not([hidden])');
      expect(await page.textContent('#inspector .inspector-value')).toBe('amelie');
      await run('SELEC 1');
      await page.waitForSelector('#error');
      const error = (await page.textContent('#error')) ?? '';
      expect(error).toBe('Error: SQL logic error: near "SELEC": syntax error (1)');
      expect(error).not.toContain('read-only');
      expect(await page.isHidden('#inspector')).toBe(true);
      expect(await page.textContent('#inspector')).toBe('');
    });
  });

  // 1280: the desktop, where a long history entry once made the page 2 079 px wide.
  for (const width of [320, 390, 1280]) {
    test(`at ${width} px nothing scrolls the page sideways: wide results scroll in their box, history wraps`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      await context.addInitScript(
        (q) => localStorage.setItem('tailsql-history', JSON.stringify([{ query: q, source: 'main', ts: 1 }])),
        `select * from users where name = '${LONG_WORD}'`,
      );
      const page = await context.newPage();
      try {
        await page.goto(`${t.url}/?${new URLSearchParams({ q: WIDE_QUERY, src: 'main' })}`);
        await page.waitForSelector('#results');
        await page.waitForSelector('#editor .cm-content');
        // At the left end: the summary also holds a link to /history and the (clear) button.
        await page.click('#history-panel > summary', { position: { x: 4, y: 8 } });
        await page.click('#results tbody tr:first-child td:first-child');
        await page.waitForSelector('#inspector:not([hidden])');
        const m = await page.evaluate(() => {
          const wrap = document.querySelector('.grid-wrap') as HTMLElement;
          const entry = document.querySelector('#history-list code') as HTMLElement;
          const line = Number.parseFloat(getComputedStyle(entry).lineHeight) || 20;
          return {
            page: document.documentElement.scrollWidth,
            viewport: window.innerWidth,
            wrapScrolls: wrap.scrollWidth > wrap.clientWidth,
            wrapRight: wrap.getBoundingClientRect().right,
            entryRight: entry.getBoundingClientRect().right,
            entryLines: entry.getBoundingClientRect().height / line,
            widest: Array.from(document.querySelectorAll('body *'))
              .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.grid-wrap, .cm-scroller'))
              .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${Array.from(e.classList).join('.')}`)
              .slice(0, 5),
          };
        });
        expect(m.widest, 'elements past the right edge').toEqual([]);
        expect(m.page).toBeLessThanOrEqual(m.viewport);
        expect(m.wrapScrolls).toBe(true);
        expect(m.wrapRight).toBeLessThanOrEqual(m.viewport);
        expect(m.entryRight).toBeLessThanOrEqual(m.viewport);
        expect(m.entryLines).toBeGreaterThan(1.5);
        // The server's history (the wide query is in it) and the empty state's example.
        for (const url of [`${t.url}/history`, `${empty.url}/`]) {
          await page.goto(url);
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), url).toBe(true);
        }
      } finally {
        await context.close();
      }
    });
  }

  describe('dark mode', () => {
    let page: Page;
    beforeAll(async () => {
      page = await (await browser.newContext({ colorScheme: 'dark' })).newPage();
      await page.goto(`${t.url}/`);
      await page.waitForSelector('#editor .cm-content');
    });
    afterAll(() => page?.context().close());

    test('the editor, its gutter and active-line cell are dark, with readable text', async () => {
      await page.click('#editor .cm-content');
      await page.keyboard.type('select 1');
      const editorBg = flatten(await backgrounds(page, '#editor >> .cm-editor'));
      const gutterBg = flatten(await backgrounds(page, '#editor >> .cm-gutters'));
      const activeGutterBg = flatten(await backgrounds(page, '#editor >> .cm-activeLineGutter'));
      for (const bg of [editorBg, gutterBg, activeGutterBg]) expect(lightness(`rgb(${bg.slice(0, 3).join(', ')})`)).toBeLessThan(0.1);
      expect(contrastOf(parseColor(await colorOf(page, '#editor >> .cm-content')), editorBg)).toBeGreaterThanOrEqual(7);
      expect(contrastOf(parseColor(await colorOf(page, '#editor >> .cm-gutterElement')), gutterBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastOf(parseColor(await colorOf(page, '#editor >> .cm-activeLineGutter')), activeGutterBg)).toBeGreaterThanOrEqual(4.5);
      // The keyword "select", highlighted.
      const keyword = await page.evaluate(() => {
        const root = document.querySelector('#editor')?.shadowRoot;
        const span = Array.from(root?.querySelectorAll('.cm-line span') ?? []).find((s) => s.textContent === 'select');
        return span ? getComputedStyle(span).color : '';
      });
      expect(contrastOf(parseColor(keyword), editorBg)).toBeGreaterThanOrEqual(4.5);
    });

    test('completion icons are letters any font has, readable on the dark list', async () => {
      await page.click('#editor .cm-content');
      await page.keyboard.press('Control+a');
      await page.keyboard.type('sel');
      await page.waitForSelector('.cm-tooltip-autocomplete .cm-completionIcon');
      const icons = await page.evaluate(() => {
        const root = document.querySelector('#editor')?.shadowRoot;
        return Array.from(root?.querySelectorAll('.cm-completionIcon') ?? []).map((i) => getComputedStyle(i, '::after').content);
      });
      expect(icons.length).toBeGreaterThan(0);
      for (const content of icons) expect(content).toMatch(/^"[A-Za-z]{1,3}"$/);
      const listBg = flatten(await backgrounds(page, '#editor >> .cm-tooltip-autocomplete'));
      expect(lightness(`rgb(${listBg.slice(0, 3).join(', ')})`)).toBeLessThan(0.1);
      expect(contrastOf(parseColor(await colorOf(page, '#editor >> li:not([aria-selected]) .cm-completionIcon')), listBg)).toBeGreaterThanOrEqual(4.5);
      expect(contrastOf(parseColor(await colorOf(page, '#editor >> li:not([aria-selected]) .cm-completionLabel')), listBg)).toBeGreaterThanOrEqual(4.5);
      const selectedBg = flatten(await backgrounds(page, '#editor >> li[aria-selected] .cm-completionIcon'));
      expect(contrastOf(parseColor(await colorOf(page, '#editor >> li[aria-selected] .cm-completionIcon')), selectedBg)).toBeGreaterThanOrEqual(4.5);
      await page.keyboard.press('Escape');
    });

    test('the chart draws readable axis labels and whole bars', async () => {
      await page.click('#editor .cm-content');
      await page.keyboard.press('Control+a');
      await page.keyboard.type("select 'a' as k, 4 as n union all select 'b', 5 union all select 'c', 6");
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('#chart-bar');
      await page.click('#chart-bar');
      await page.waitForSelector('#chart .uplot canvas');
      const chartBg = flatten(await backgrounds(page, '#chart'));
      expect(contrast(await colorOf(page, '#chart'), `rgb(${chartBg.slice(0, 3).join(', ')})`)).toBeGreaterThanOrEqual(7);
      // Read in the page (the canvas's pixels are too many to send): the row crossing the most
      // runs of bar colour, and every other colour drawn (axis text, ticks, grid).
      const drawn = await page.evaluate(() => {
        const canvas = document.querySelector('#chart .uplot canvas') as HTMLCanvasElement;
        const { width, height } = canvas;
        const d = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, width, height).data;
        const isBar = (i: number) => (d[i + 3] as number) > 77 && (d[i + 2] as number) > 150 && (d[i] as number) < 120;
        let bars: number[] = [];
        const others = new Set<string>();
        for (let y = height - 1; y >= 0; y--) {
          const runs: number[] = [];
          let run = 0;
          for (let x = 0; x < width; x++) {
            const i = (y * width + x) * 4;
            if (isBar(i)) run++;
            else {
              if ((d[i + 3] as number) > 0) others.add(`${d[i]},${d[i + 1]},${d[i + 2]},${(d[i + 3] as number) / 255}`);
              if (run) runs.push(run);
              run = 0;
            }
          }
          if (run) runs.push(run);
          if (runs.length > bars.length) bars = runs;
        }
        return { bars, others: [...others] };
      });
      // Bars: as many runs as rows, every one about as wide as the others (none cut at the edge).
      expect(drawn.bars).toHaveLength(3);
      expect(Math.min(...drawn.bars) / Math.max(...drawn.bars)).toBeGreaterThan(0.8);
      // Axis text: the most contrasting colour drawn, composited over the chart's background.
      const strongest = Math.max(...drawn.others.map((c) => contrastOf(c.split(',').map(Number) as Rgba, chartBg)));
      expect(strongest).toBeGreaterThanOrEqual(7);
    });
  });
});
