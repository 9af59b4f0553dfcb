/**
 * Data in and out: golink-format export and import (start-up snapshot, admin import with dry run
 * and merge policy, round trip), snapshot errors, click stats across a restart, listings and
 * search, and the small routes (help, OpenSearch, metrics, static).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { resolveOffline } from '../../../src/apps/links/cli.js';
import { tempDataDir, type TestApp } from '../../support/platform.js';
import { ADMIN_CAPS, apiPost, asUser, create, get, getHTML, startLinks } from './helpers.js';

/**
 * A golink export written by hand in golink's format, with its quirks: a stale Clicks key,
 * lower-case keys, a zero time, and a destination as long as a destination may be (16 KiB).
 */
const LONG_PATH = 'p'.repeat(16 * 1024 - 'https://huge.example/'.length);
const GOLINK_EXPORT = [
  '{"Short":"a","Long":"https://a.example/","Created":"0001-01-01T00:00:00Z","LastEdit":"0001-01-01T00:00:00Z","Owner":"a@example.com"}',
  '{"Short":"cs","Long":"https://cs.github.com/?q=1\\u0026r=2","Created":"2022-06-03T22:15:29.993978392Z","LastEdit":"2022-06-08T04:27:32Z","Owner":"amelie@example.com","Clicks":12}',
  '{"short":"Meet-Notes","long":"https://notes.example/{{.Now.Format \\"2006\\"}}","created":"2023-01-02T03:04:05+02:00","lastedit":"2023-01-02T03:04:05Z","owner":""}',
  '',
  `{"Short":"huge","Long":"https://huge.example/${LONG_PATH}","Created":"2024-01-01T00:00:00Z","LastEdit":"2024-01-01T00:00:00Z","Owner":"x@example.com"}`,
].join('\n');

function withFile(content: string): { path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'links-snap-'));
  const path = join(dir, 'links.jsonl');
  writeFileSync(path, content);
  return { path, dir };
}

describe('export and the start-up snapshot', () => {
  let t: TestApp;
  let file: { path: string; dir: string };
  beforeAll(async () => {
    file = withFile(GOLINK_EXPORT);
    const dataDir = tempDataDir();
    // A link that exists before the snapshot is loaded wins over the snapshot's.
    const first = await startLinks({ dataDir, login: 'me@example.com' });
    await create(first, 'cs', 'https://mine.example/');
    await first.close();
    t = await startLinks({ dataDir, appConfig: { snapshot: file.path } });
  });
  afterAll(async () => {
    await t.cleanup();
    rmSync(file.dir, { recursive: true });
  });

  test('snapshot links resolve, existing links win', async () => {
    expect((await get(t, '/cs')).headers.get('location')).toBe('https://mine.example/');
    expect((await get(t, '/meetnotes')).headers.get('location')).toBe(`https://notes.example/${new Date().getUTCFullYear()}`);
    // The longest destination allowed imported whole.
    expect(((await (await get(t, '/.detail/huge')).json()) as { Long: string }).Long).toBe(`https://huge.example/${LONG_PATH}`);
  });

  test('/.export is golink JSON Lines sorted by Short, times in RFC 3339, zero time kept', async () => {
    const res = await get(t, '/.export');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const lines = (await res.text()).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('{"Short":"Meet-Notes","Long":"https://notes.example/{{.Now.Format \\"2006\\"}}","Created":"2023-01-02T01:04:05Z","LastEdit":"2023-01-02T03:04:05Z","Owner":""}');
    expect(lines[1]).toBe('{"Short":"a","Long":"https://a.example/","Created":"0001-01-01T00:00:00Z","LastEdit":"0001-01-01T00:00:00Z","Owner":"a@example.com"}');
    expect(lines[2]).toMatch(/^\{"Short":"cs","Long":"https:\/\/mine.example\/","Created":"[^"]+","LastEdit":"[^"]+","Owner":"me@example.com"\}$/);
    expect(lines[3]?.startsWith('{"Short":"huge"')).toBe(true);
  });

  test('export → import into a fresh instance → export is identical', async () => {
    const exported = await (await get(t, '/.export')).text();
    const fresh = await startLinks({ caps: ADMIN_CAPS });
    try {
      const res = await fetch(`${fresh.url}/.import`, { method: 'POST', body: exported, headers: { 'Sec-Golink': '1' } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { added: string[] }).added).toHaveLength(4);
      expect(await (await get(fresh, '/.export')).text()).toBe(exported);
    } finally {
      await fresh.cleanup();
    }
  });

  test('the offline resolver reads the same file and follows aliases', () => {
    const aliases = withFile(`${GOLINK_EXPORT}\n{"Short":"chat","Long":"/meet-notes"}\n{"Short":"l1","Long":"http://go/l2"}\n{"Short":"l2","Long":"/l1"}\n`);
    try {
      expect(resolveOffline('go/chat', { fromBackup: aliases.path })).toBe(`https://notes.example/${new Date().getUTCFullYear()}`);
      expect(resolveOffline('cs/x', { fromBackup: aliases.path })).toBe('https://cs.github.com/?q=1&r=2/x');
      expect(() => resolveOffline('go/l1', { fromBackup: aliases.path })).toThrow(/loop: l1 → l2 → l1/);
      expect(() => resolveOffline('go/nope', { fromBackup: aliases.path })).toThrow(/not found/);
    } finally {
      rmSync(aliases.dir, { recursive: true });
    }
  });

  test('the offline resolver reads a data directory', async () => {
    expect(resolveOffline('meet-notes', { data: t.dataDir })).toBe(`https://notes.example/${new Date().getUTCFullYear()}`);
    expect(resolveOffline('go/cs/x?y=1', { data: t.dataDir })).toBe('https://mine.example/x?y=1');
  });
});

describe('snapshot errors', () => {
  test.each([
    ['{"Short":"bad",', /links\.jsonl:2: not valid JSON/],
    ['["array"]', /links\.jsonl:2: expected a JSON object/],
    ['{"Short":"bad","Long":"x","Created":"yesterday"}', /links\.jsonl:2: "Created" is not an RFC 3339 time/],
    ['{"Short":5,"Long":"x"}', /links\.jsonl:2: "Short" must be a string/],
    ['{"Short":"bad","Long":"https://x/{{.Path}"}', /links\.jsonl:2: long contains an invalid template/],
    ['{"Short":"bad","Long":"https://x/\\u0000"}', /links\.jsonl:2: long contains a control character \(U\+0000\)/],
    ['{"Short":"bad","Long":""}', /links\.jsonl:2: short and long required/],
    ['{"Short":"b/ad","Long":"https://x/"}', /links\.jsonl:2: short may only contain/],
    [`{"Short":"bad","Long":"https://x/{{${'('.repeat(200)}1${')'.repeat(200)}}}"}`, /links\.jsonl:2: long contains an invalid template/],
  ])('%j is skipped at start-up and logged with its line number; the other lines load', async (line, message) => {
    const file = withFile(`{"Short":"ok","Long":"https://ok.example/"}\n${line}\n\n{"Short":"after","Long":"https://after.example/"}\n`);
    const warnings: Array<{ msg: string; err: string }> = [];
    const log = pino({ level: 'warn' }, { write: (s: string) => void warnings.push(JSON.parse(s)) });
    const t = await startLinks({ appConfig: { snapshot: file.path }, log });
    try {
      expect((await get(t, '/ok')).status).toBe(302);
      expect((await get(t, '/after')).status).toBe(302);
      expect((await get(t, '/bad')).status).toBe(404);
      expect(warnings.filter((w) => w.msg === 'skipped a snapshot line').map((w) => w.err)).toEqual([expect.stringMatching(message)]);
    } finally {
      await t.cleanup();
      rmSync(file.dir, { recursive: true });
    }
  });
});

describe('admin import into a running instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: 'admin@example.com', caps: ADMIN_CAPS });
    await create(t, 'cs', 'https://mine.example/');
  });
  afterAll(() => t.cleanup());

  const post = (body: string, query: string) => fetch(`${t.url}/.import${query}`, { method: 'POST', body, headers: { 'Sec-Golink': '1' } });

  test('dry run reports and writes nothing', async () => {
    const res = await post(GOLINK_EXPORT, '?policy=overwrite&dry_run=1');
    expect(await res.json()).toEqual({ dryRun: true, policy: 'overwrite', added: ['a', 'Meet-Notes', 'huge'], updated: ['cs'], skipped: [], unchanged: [] });
    expect((await get(t, '/a')).status).toBe(404);
  });

  test('skip keeps existing links; overwrite replaces them; the history says import', async () => {
    const skip = (await (await post(GOLINK_EXPORT, '?policy=skip')).json()) as { added: string[]; skipped: string[] };
    expect(skip).toMatchObject({ added: ['a', 'Meet-Notes', 'huge'], skipped: ['cs'] });
    expect((await get(t, '/cs')).headers.get('location')).toBe('https://mine.example/');
    const over = (await (await post(GOLINK_EXPORT, '?policy=overwrite')).json()) as { updated: string[]; unchanged: string[] };
    expect(over).toMatchObject({ updated: ['cs'], unchanged: ['a', 'Meet-Notes', 'huge'] });
    expect((await get(t, '/cs')).headers.get('location')).toBe('https://cs.github.com/?q=1&r=2');
    expect(await (await getHTML(t, '/.detail/cs')).text()).toContain('<strong>import</strong>');
  });

  test('a bad line is a 400 naming it, and nothing is imported', async () => {
    const res = await post('{"Short":"new1","Long":"x"}\nnot json\n', '');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^import:2: not valid JSON/);
    expect((await get(t, '/new1')).status).toBe(404);
  });

  test.each([
    ['{"Short":"new2","Long":"https://x/{{.Path}"}', 'import:2: long contains an invalid template: template: long:1: '],
    ['{"Short":"new2","Long":"https://x/\\n"}', 'import:2: long contains a control character (U+000A), which no URL can hold'],
    ['{"Short":"new2","Long":""}', 'import:2: short and long required'],
    ['{"Short":"-new2","Long":"https://x/"}', 'import:2: short may only contain letters, numbers, dash, underscore, and period (and must not start with dash or period)'],
  ])('a link POST / would refuse is refused by the import too: %s', async (line, message) => {
    const res = await post(`{"Short":"new1","Long":"https://new1.example/"}\n${line}\n`, '');
    expect(res.status).toBe(400);
    expect((await res.text()).startsWith(message)).toBe(true);
    expect((await get(t, '/new1')).status).toBe(404);
    const link = JSON.parse(line) as { Short: string; Long: string };
    expect((await apiPost(t, '/', { short: link.Short, long: link.Long })).status).toBe(400);
  });

  test('the HTML form (multipart upload) shows the report', async () => {
    const form = new FormData();
    form.set('file', new Blob(['{"Short":"up","Long":"https://up.example/"}\n']), 'links.jsonl');
    form.set('policy', 'skip');
    const res = await fetch(`${t.url}/.import`, { method: 'POST', body: form, headers: { Accept: 'text/html', 'Sec-Fetch-Site': 'same-origin' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Added</dt><dd>1: up</dd>');
    expect((await get(t, '/up')).status).toBe(302);
  });

  test('non-admins get 403', async () => {
    asUser(t, { login: 'bob@example.com' });
    expect((await post('{"Short":"x","Long":"y"}', '')).status).toBe(403);
    expect((await getHTML(t, '/.import')).status).toBe(403);
    asUser(t, { login: 'admin@example.com', caps: ADMIN_CAPS });
    expect((await getHTML(t, '/.import')).status).toBe(200);
  });
});

describe('click stats', () => {
  test('clicks survive a restart; popular links and listings show them', async () => {
    const dataDir = tempDataDir();
    let t = await startLinks({ dataDir });
    await create(t, 'hot', 'https://hot.example/');
    await create(t, 'warm', 'https://warm.example/');
    await create(t, 'cold', 'https://cold.example/');
    for (let i = 0; i < 3; i++) await get(t, '/hot');
    await get(t, '/Warm');
    await t.close();
    t = await startLinks({ dataDir });
    try {
      await get(t, '/hot');
      const csv = await (await get(t, '/.export-stats')).text();
      expect(csv).toMatch(/^(hot|warm),\d+,\d+\n/);
      const rows = csv.trim().split('\n').map((l) => l.split(','));
      const total = (id: string) => rows.filter((r) => r[0] === id).reduce((n, r) => n + Number(r[2]), 0);
      expect([total('hot'), total('warm'), total('cold')]).toEqual([4, 1, 0]);
      for (const window of ['7d', '30d', 'all']) {
        const home = await (await getHTML(t, `/?popular=${window}`)).text();
        expect(home.indexOf('go/hot')).toBeLessThan(home.indexOf('go/warm'));
        expect(home).not.toContain('go/cold');
      }
      const all = await (await getHTML(t, '/.all')).text();
      expect(all).toMatch(/go\/hot<\/a>[\s\S]*?data-label="Clicks">4</);
    } finally {
      await t.cleanup();
    }
  });

  test('clicks reach the database within the flush interval, without a clean shutdown', async () => {
    const t = await startLinks({ appConfig: { statsFlushMs: 200 } });
    try {
      await create(t, 'tick', 'https://tick.example/');
      await get(t, '/tick');
      await new Promise((r) => setTimeout(r, 500));
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(join(t.dataDir, 'links.db'), { readonly: true });
      expect(db.prepare("SELECT sum(clicks) FROM stats WHERE id = 'tick'").pluck().get()).toBe(1);
      db.close();
    } finally {
      await t.cleanup();
    }
  });
});

describe('listings, search and small routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startLinks({ login: 'amy@example.com' });
    await create(t, 'docs', 'https://docs.example/', { description: 'Engineering handbook' });
    await create(t, 'github', 'https://github.com/org');
    asUser(t, { login: 'Bob@Example.com' });
    await create(t, 'bobs-page', 'https://bob.example/');
    asUser(t, { login: 'amy@example.com' });
  });
  afterAll(() => t.cleanup());

  test('/.all lists every link sorted by name with owner and clicks', async () => {
    const html = await (await getHTML(t, '/.all')).text();
    expect(html).toContain('Results (3 total)');
    expect(html.indexOf('go/bobs-page')).toBeLessThan(html.indexOf('go/docs'));
    expect(html).toContain('href="/.export"');
  });

  test('/.search?q=owner: is case-insensitive', async () => {
    const html = await (await getHTML(t, '/.search?q=owner:bob@example.com')).text();
    expect(html).toContain('Results (1 total)');
    expect(html).toContain('go/bobs-page');
  });

  test('full-text search covers name, destination, description and owner', async () => {
    for (const [q, hit] of [['handbook', 'docs'], ['github.com', 'github'], ['git', 'github'], ['bob', 'bobs-page'], ['bobspage', 'bobs-page']]) {
      const html = await (await getHTML(t, `/.search?q=${encodeURIComponent(q as string)}`)).text();
      expect(html, q).toContain(`go/${hit}`);
      expect(html, q).toContain('Results (1 total)');
    }
    expect(await (await getHTML(t, '/.search?q=zzz')).text()).toContain('Results (0 total)');
    expect(await (await getHTML(t, '/.search?q=owner:amy@example.com%20handbook')).text()).toContain('Results (1 total)');
  });

  test('htmx requests get only the results fragment', async () => {
    const res = await get(t, '/.search?q=docs', { 'HX-Request': 'true' });
    const html = await res.text();
    expect(html.startsWith('<div id="results"')).toBe(true);
    expect(html).not.toContain('<html');
  });

  test('/.help documents the template language', async () => {
    const html = await (await getHTML(t, '/.help')).text();
    expect(html).toContain('PathEscape');
    expect(html).toContain('.Now');
    expect(html).toContain('Sec-Golink');
  });

  test('/.opensearch describes the service and pages link to it', async () => {
    const res = await get(t, '/.opensearch');
    expect(res.headers.get('content-type')).toBe('application/opensearchdescription+xml');
    expect(await res.text()).toContain(`template="${t.url}/{searchTerms}"`);
    expect(await (await getHTML(t, '/')).text()).toContain('<link rel="search" type="application/opensearchdescription+xml" href="/.opensearch"');
  });

  test('/.metrics has golink’s metric names without per-path not-found series', async () => {
    await get(t, '/docs');
    await get(t, '/nope-1');
    await get(t, '/nope-2');
    const text = await (await get(t, '/.metrics')).text();
    expect(text).toContain('golink_clicks_total{path="docs"} 1');
    expect(text).toMatch(/^golink_not_found_total 2$/m);
    expect(text).toMatch(/^golinks_total 3$/m);
  });

  test('/.static serves the stylesheet and favicon', async () => {
    const css = await get(t, '/.static/base.css');
    expect(css.status).toBe(302);
    expect((await get(t, css.headers.get('location') ?? '')).headers.get('content-type')).toContain('text/css');
    expect((await get(t, '/.static/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await get(t, '/.static/')).status).toBe(200);
  });

  test('the favicon is the app’s static file: pages link it by its hash, golink’s path serves the same bytes', async () => {
    const html = await (await getHTML(t, '/')).text();
    const href = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(href).toMatch(/^\/\.tailyard\/static\/links-favicon\.svg\?v=[0-9a-f]{12}$/);
    const asset = await get(t, href);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('image/svg+xml');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const golinks = await get(t, '/.static/favicon.svg');
    expect(Buffer.from(await golinks.arrayBuffer())).toEqual(Buffer.from(await asset.arrayBuffer()));
    expect(createHash('sha256').update(Buffer.from(await (await get(t, href)).arrayBuffer())).digest('hex').slice(0, 12)).toBe(href.slice(-12));
  });

  test('other methods on / answer 200 with an empty body', async () => {
    const res = await fetch(`${t.url}/`, { method: 'PUT', headers: { 'Sec-Golink': '1' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  test('POST / still works for another API client', async () => {
    expect((await apiPost(t, '/', { short: 'late', long: 'https://late.example/' })).status).toBe(200);
  });
});
