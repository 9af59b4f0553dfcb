/**
 * go/ links benchmark: redirects per second for `GET /{short}` through the full platform with
 * 10 000 links, as a ratio to a bare node:http server answering the same 302 in the same run
 * (goal >= 0.7), p99 latency, and resident memory with 100 000 links. For context it also
 * measures the platform's own ceiling: a trivial handler (the whoami test app's `GET /`) through
 * the same middleware, against the same bare server.
 *
 *   npm run bench -- links
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linksApp } from '../src/apps/links/index.js';
import { LinkStore, linksMigrations } from '../src/apps/links/store.js';
import type { AppDefinition } from '../src/platform/app.js';
import { startPlatform } from '../src/platform/platform.js';
import { appDatabasePath, openAppDatabase } from '../src/platform/storage.js';
import { whoamiApp } from '../test/support/whoami-app.js';
import { benchLogger, compare, fmt, load, rssMiB } from './load.js';

/** Fills a data directory with `n` links `link0` … `link{n-1}`. */
function seed(dataDir: string, n: number): void {
  const db = openAppDatabase(appDatabasePath(dataDir, 'links'), linksMigrations);
  const store = new LinkStore(db);
  store.transaction(() => {
    for (let i = 0; i < n; i++) store.save({ short: `link${i}`, long: `https://example.com/docs/${i}`, owner: `user${i % 50}@example.com` }, 'bench');
  });
  db.close();
}

async function startApp(dataDir: string, app: AppDefinition) {
  const log = benchLogger();
  const platform = await startPlatform({
    config: { dataDir, admin: { enabled: false }, dev: { login: 'bench@localhost' }, apps: { [app.id]: { devPort: 0 } } },
    apps: [app],
    log,
    defaultMetrics: false,
  });
  return { url: (platform.urls[app.id]?.[0] ?? '').replace(/\/$/, ''), close: () => platform.close() };
}

const startLinks = (dataDir: string) => startApp(dataDir, linksApp as AppDefinition);

/** A bare node:http server answering every request with the same 302 the app sends. */
async function bareRedirect(location: string) {
  const server = createServer((_req, res) => {
    res.writeHead(302, { Location: location });
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function run(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  const small = mkdtempSync(join(tmpdir(), 'tailyard-bench-links-'));
  seed(small, 10_000);
  const app = await startLinks(small);
  const plain = await bareRedirect('https://example.com/docs/5000');
  const withPath = await bareRedirect('https://example.com/docs/5000/a/b?x=1');
  try {
    await load(app.url, { path: '/link5000', seconds: 1 }); // warm-up
    const a = await compare(
      () => load(plain.url, { path: '/link5000' }),
      () => load(app.url, { path: '/link5000' }),
    );
    out['GET /{short}: redirects/s'] = Math.round(a.candidate.rps);
    out['bare node:http 302: requests/s'] = Math.round(a.baseline.rps);
    out['links/bare ratio (goal >= 0.7)'] = fmt(a.ratio);
    out['GET /{short}: p50/p99 ms'] = `${a.candidate.p50}/${a.candidate.p99}`;
    out['bare: p50/p99 ms'] = `${a.baseline.p50}/${a.baseline.p99}`;
    const b = await compare(
      () => load(withPath.url, { path: '/link5000/a/b?x=1' }),
      () => load(app.url, { path: '/link5000/a/b?x=1' }),
    );
    out['GET /{short}/a/b?x=1 (path + query merge): redirects/s'] = Math.round(b.candidate.rps);
    out['  ratio to bare'] = fmt(b.ratio);
    out['  p50/p99 ms'] = `${b.candidate.p50}/${b.candidate.p99}`;
    out['errors'] = a.candidate.errors + b.candidate.errors;
    const trivial = await startApp(join(small, 'whoami'), whoamiApp as AppDefinition);
    try {
      const c = await compare(
        () => load(trivial.url, { path: '/' }),
        () => load(app.url, { path: '/link5000' }),
      );
      out['platform trivial handler: requests/s (the ceiling)'] = Math.round(c.baseline.rps);
      out['GET /{short} / trivial handler ratio'] = fmt(c.ratio);
    } finally {
      await trivial.close();
    }
  } finally {
    await app.close();
    await plain.close();
    await withPath.close();
    rmSync(small, { recursive: true, force: true });
  }

  const big = mkdtempSync(join(tmpdir(), 'tailyard-bench-links-'));
  seed(big, 100_000);
  const before = await rssMiB();
  const app100k = await startLinks(big);
  try {
    await load(app100k.url, { path: '/link99999', seconds: 2 });
    const res = await fetch(`${app100k.url}/.all`);
    await res.arrayBuffer();
    out['RSS before start / with 100 000 links after load and /.all (MiB)'] = `${before} / ${await rssMiB()}`;
  } finally {
    await app100k.close();
    rmSync(big, { recursive: true, force: true });
  }
  return out;
}
