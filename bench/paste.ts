/**
 * paste benchmark, each figure a ratio to the platform's trivial handler (the whoami test app's
 * `GET /` through the same middleware) measured in the same run:
 *
 * - `POST /api/post` of a 4 KiB file (tclip's CLI request: urlencoded, `Accept: text/plain`), with
 *   the creation rate limit raised out of the way;
 * - `GET /paste/{id}` of a 4 KiB highlighted file (goal >= 0.5: highlighting happens once, the
 *   render cache serves the page, gzipped once for browsers), as a browser asks for it and
 *   without compression;
 * - resident memory of a paste server that has viewed 1 000 distinct pastes out of 100 000 stored,
 *   as growth over the same server on an empty database (goal < 60 MB); both run in their own
 *   process (bench/paste-server.ts) so nothing else is counted.
 *
 *   npm run bench -- paste
 *   TAILYARD_BENCH_SECONDS=1 TAILYARD_BENCH_PASTES=5000 npm run bench -- paste   # a quick smoke run
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pasteApp } from '../src/apps/paste/index.js';
import { pasteMigrations } from '../src/apps/paste/schema.js';
import { PasteStore } from '../src/apps/paste/store.js';
import type { AppDefinition } from '../src/platform/app.js';
import { appDatabasePath, openAppDatabase } from '../src/platform/storage.js';
import { whoamiApp } from '../test/support/whoami-app.js';
import { compare, fmt, load, rssMiB, startBenchApp } from './load.js';

const SECONDS = Number(process.env.TAILYARD_BENCH_SECONDS ?? 4);
const STORED = Number(process.env.TAILYARD_BENCH_PASTES ?? 100_000);
const VIEWED = Math.min(1000, STORED);

/** About 4 KiB of Python: the paste the throughput figures post and view. */
const FILE_4K = (() => {
  const block = `def handler_NUM(event, context):\n    """Handle event NUM and report what happened."""\n    items = [x * NUM for x in event.get("items", []) if x % 3 != 0]\n    return {"status": 200, "count": len(items), "total": sum(items)}\n\n`;
  let out = '';
  for (let i = 0; out.length < 4096; i++) out += block.replaceAll('NUM', String(i));
  return out.slice(0, 4096);
})();

const startApp = (app: AppDefinition, dataDir: string, appConfig: Record<string, unknown> = {}) => startBenchApp(dataDir, app, appConfig);

/** Fills a data directory with `n` pastes of about 1 KiB of code each. */
function seed(dataDir: string, n: number): string[] {
  const db = openAppDatabase(appDatabasePath(dataDir, 'paste'), pasteMigrations);
  const store = new PasteStore(db);
  const author = { key: 'bench@localhost', login: 'bench@localhost', displayName: 'bench', node: 'localhost', tags: [], profilePicURL: '' };
  const ids: string[] = [];
  const insert = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
      ids.push(id);
      const content = `// snippet ${i}\nfunction compute${i}(input) {\n  const values = input.map((v) => v * ${i % 97});\n  return values.filter((v) => v % 2 === 0).reduce((a, b) => a + b, 0);\n}\n`.repeat(4);
      store.insert({ id, createdAt: new Date().toISOString(), expiresAt: null, author, filename: `snippet${i}.js`, language: 'javascript', content, unlisted: false, burn: false });
    }
  });
  for (let i = 0; i < n; i += 5000) insert(i, Math.min(n, i + 5000));
  db.close();
  return ids;
}

/** Starts bench/paste-server.js on `dataDir`; resolves with its URL, pid and a stop function. */
async function serverProcess(dataDir: string) {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'paste-server.js'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`paste-server exited ${code}`)));
  });
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { url, pid: child.pid ?? 0, stop };
}

/** RSS (MiB) of a paste server on `dataDir` after it has served `ids` (and its home page, which loads the renderers). */
async function rssAfterViewing(dataDir: string, ids: readonly string[]): Promise<number> {
  const server = await serverProcess(dataDir);
  try {
    await (await fetch(`${server.url}/`)).arrayBuffer();
    for (const id of ids) {
      const res = await fetch(`${server.url}/paste/${id}`);
      if (res.status !== 200) throw new Error(`GET /paste/${id}: ${res.status}`);
      await res.arrayBuffer();
    }
    return await rssMiB(server.pid);
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  const dir = mkdtempSync(join(tmpdir(), 'tailyard-bench-paste-'));
  const paste = await startApp(pasteApp as AppDefinition, join(dir, 'throughput'), { rateLimit: { perMinute: 1e9, burst: 1e9 } });
  const trivial = await startApp(whoamiApp as AppDefinition, join(dir, 'whoami'));
  try {
    const body = new URLSearchParams([
      ['content', FILE_4K],
      ['filename', 'handlers.py'],
    ]).toString();
    const post = { method: 'POST' as const, body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/plain' }, path: '/api/post', seconds: SECONDS };
    const created = await fetch(`${paste.url}/api/post`, { method: 'POST', body, headers: post.headers });
    const viewPath = new URL(await created.text()).pathname;
    await (await fetch(`${paste.url}${viewPath}`)).arrayBuffer();

    const posting = await compare(
      () => load(trivial.url, { path: '/', seconds: SECONDS }),
      () => load(paste.url, post),
    );
    out['platform trivial handler: requests/s'] = Math.round(posting.baseline.rps);
    out['POST /api/post, 4 KiB file: requests/s'] = Math.round(posting.candidate.rps);
    out['  ratio to the trivial handler '] = fmt(posting.ratio);
    out['  p50/p99 ms'] = `${posting.candidate.p50}/${posting.candidate.p99}`;

    // As a browser asks for it (gzip; the page is about 29 KB of highlighted HTML, 4 KB gzipped).
    const browser = { path: viewPath, seconds: SECONDS, headers: { Accept: 'text/html', 'Accept-Encoding': 'gzip, deflate, br' } };
    const viewing = await compare(
      () => load(trivial.url, { path: '/', seconds: SECONDS }),
      () => load(paste.url, browser),
    );
    out['GET /paste/{id}, 4 KiB highlighted (browser, gzip): requests/s'] = Math.round(viewing.candidate.rps);
    out['  ratio to the trivial handler (goal >= 0.5)'] = fmt(viewing.ratio);
    out['  p50/p99 ms '] = `${viewing.candidate.p50}/${viewing.candidate.p99}`;
    const plain = await compare(
      () => load(trivial.url, { path: '/', seconds: SECONDS }),
      () => load(paste.url, { path: viewPath, seconds: SECONDS }),
    );
    out['GET /paste/{id} without compression: requests/s'] = Math.round(plain.candidate.rps);
    out['  ratio to the trivial handler'] = fmt(plain.ratio);
    out['errors and non-2xx (post, view, plain view)'] = [posting, viewing, plain].map((r) => r.candidate.errors + r.candidate.non2xx).join(', ');
  } finally {
    await paste.close();
    await trivial.close();
  }

  try {
    const empty = await rssAfterViewing(join(dir, 'empty'), []);
    const ids = seed(join(dir, 'full'), STORED);
    const step = Math.floor(ids.length / VIEWED);
    const full = await rssAfterViewing(join(dir, 'full'), Array.from({ length: VIEWED }, (_, i) => ids[i * step] as string));
    out[`RSS: empty database / ${VIEWED} viewed of ${STORED} stored (MiB)`] = `${empty} / ${full}`;
    out['  growth (goal < 60 MB)'] = `${fmt(full - empty, 1)} MiB`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
