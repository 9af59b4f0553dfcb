/**
 * go/ links benchmark: redirects per second for `GET /{short}` through the full platform with
 * 10 000 links, as a ratio to a bare node:http server answering the same 302 in the same run
 * (goal >= 0.7), p99 latency, and resident memory with 100 000 links. For context it also
 * measures the platform's own ceiling: a trivial handler (the whoami test app's `GET /`) through
 * the same middleware, against the same bare server.
 *
 * Templates are untrusted code, bounded by a byte and step budget (issue 8 §2); two parts measure
 * that: golink templates redirected with the budget on against the same app with it off (goal
 * >= 0.95), and the hostile templates of `test/apps/links/attacks.ts` visited back to back by one
 * connection while a plain link is under load, against the plain link alone (goals: plain-link
 * throughput >= 0.9, RSS growth < 50 MB). They are their own section, `links-templates`;
 * `TAILYARD_BENCH_SECONDS` shortens its load rounds (default 4) for a smoke run.
 *
 *   npm run bench -- links
 *   TAILYARD_BENCH_SECONDS=1 npm run bench -- links-templates
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LinksConfig } from '../src/apps/links/config.js';
import { LinkExpander } from '../src/apps/links/expand.js';
import { linksApp } from '../src/apps/links/index.js';
import { LinkStore } from '../src/apps/links/store.js';
import { migrations } from '../src/apps/links/schema.js';
import type { AppDefinition } from '../src/platform/app.js';
import { appDatabasePath, openAppDatabase } from '../src/platform/storage.js';
import { ATTACKS, DEEP_PARENTHESES, HEAVIEST_ALLOWED } from '../test/apps/links/attacks.js';
import { whoamiApp } from '../test/support/whoami-app.js';
import { compare, fmt, jsonFromChild, load, type LoadResult, rssMiB, startBenchApp } from './load.js';

/** Fills a data directory with `n` links `link0` … `link{n-1}` and the `extra` ones, unchecked. */
function seed(dataDir: string, n: number, extra: Record<string, string> = {}): void {
  const db = openAppDatabase(appDatabasePath(dataDir, 'links'), migrations);
  const store = new LinkStore(db);
  store.transaction(() => {
    for (let i = 0; i < n; i++) store.save({ short: `link${i}`, long: `https://example.com/docs/${i}`, owner: `user${i % 50}@example.com` }, 'bench');
    for (const [short, long] of Object.entries(extra)) store.save({ short, long, owner: 'bench@localhost' }, 'bench');
  });
  db.close();
}

const startApp = (dataDir: string, app: AppDefinition) => startBenchApp(dataDir, app);

const startLinks = (dataDir: string) => startApp(dataDir, linksApp as AppDefinition);

/** The links app with template metering off: the baseline of what the budget costs. */
const unmeteredLinksApp: AppDefinition = {
  ...(linksApp as AppDefinition),
  create: (services) => linksApp.create({ ...services, config: { ...(services.config as LinksConfig), unmeteredTemplates: true } }),
};

/** golink templates of the kinds people save, and the request path each is visited with. */
const GOLINK_TEMPLATES: Record<string, { long: string; path: string }> = {
  search: { long: 'https://www.google.com/{{if .Path}}search?q={{QueryEscape .Path}}{{end}}', path: '/search/tailscale%20acl%20tags' },
  cal: { long: 'https://cal.example/{{.Now.Format "2006-01-02"}}/{{with .Path}}{{PathEscape .}}{{end}}', path: '/cal/team%20sync' },
  gh: { long: '{{if Match "^[0-9]+$" .Path}}https://github.com/x/y/issues/{{.Path}}{{else}}https://github.com/x/y/{{TrimPrefix .Path "/"}}{{end}}', path: '/gh/1234' },
};

/** Seconds per load round of the template parts. */
const SECONDS = Number(process.env.TAILYARD_BENCH_SECONDS ?? 4);

/** The heaviest template the limits allow: nearly every step of the budget, and a 302. */

/**
 * One connection visiting `paths` in turn, back to back, for `seconds` (autocannon in its own
 * process, so it does not share the server's event loop).
 */
function attackLoad(url: string, paths: readonly string[], seconds: number): Promise<LoadResult> {
  const script = `
    import autocannon from 'autocannon';
    const paths = ${JSON.stringify(paths)};
    let i = 0;
    const r = await autocannon({
      url: ${JSON.stringify(url)}, connections: 1, duration: ${seconds},
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
    });
    process.stdout.write(JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
  return jsonFromChild(child) as Promise<LoadResult>;
}

/** Runs `fn` while sampling this process's RSS every 100 ms; returns its result and the peak (MiB). */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = await rssMiB();
  const timer = setInterval(() => {
    void rssMiB().then((m) => {
      peak = Math.max(peak, m);
    });
  }, 100);
  try {
    const result = await fn();
    return { result, peak: Math.max(peak, await rssMiB()) };
  } finally {
    clearInterval(timer);
  }
}

/** Expansions per second of one template by `expander`, for about `ms` milliseconds. */
function expansionsPerSecond(expander: LinkExpander, long: string, path: string, ms: number): number {
  const env = { path: decodeURIComponent(path.slice(path.indexOf('/', 1) + 1)), query: '', user: 'bench@localhost' };
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) expander.location(long, env);
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

/** The template engine alone, budget on against off, in alternating rounds (no HTTP noise). */
function engineOverhead(out: Record<string, string | number>): void {
  const on = new LinkExpander({ maxBytes: 1024 * 1024 });
  const off = new LinkExpander({ maxBytes: Number.POSITIVE_INFINITY });
  for (const [name, { long, path }] of Object.entries(GOLINK_TEMPLATES)) {
    let onTotal = 0;
    let offTotal = 0;
    for (let round = 0; round < 6; round++) {
      const a = expansionsPerSecond(off, long, path, 100 * SECONDS);
      const b = expansionsPerSecond(on, long, path, 100 * SECONDS);
      if (round > 0) {
        offTotal += a;
        onTotal += b;
      }
    }
    out[`template ${name}: engine only, budget on/off expansions ratio`] = `${fmt(onTotal / offTotal)} (${Math.round(onTotal / 5)} / ${Math.round(offTotal / 5)} per s)`;
  }
}

/** Templates with the budget on against off, on the same golink templates. */
async function budgetOverhead(out: Record<string, string | number>): Promise<void> {
  const links = Object.fromEntries(Object.entries(GOLINK_TEMPLATES).map(([k, v]) => [k, v.long]));
  const onDir = mkdtempSync(join(tmpdir(), 'tailyard-bench-links-'));
  const offDir = mkdtempSync(join(tmpdir(), 'tailyard-bench-links-'));
  seed(onDir, 0, links);
  seed(offDir, 0, links);
  const on = await startLinks(onDir);
  const off = await startApp(offDir, unmeteredLinksApp);
  try {
    for (const [name, { path }] of Object.entries(GOLINK_TEMPLATES)) {
      const r = await compare(
        () => load(off.url, { path, seconds: SECONDS }),
        () => load(on.url, { path, seconds: SECONDS }),
      );
      out[`template ${name}: budget on/off redirects ratio (goal >= 0.95)`] = `${fmt(r.ratio)} (${Math.round(r.candidate.rps)} / ${Math.round(r.baseline.rps)} rps)`;
      out[`  ${name}: p99 on/off ms; errors`] = `${fmt(r.candidate.p99, 1)}/${fmt(r.baseline.p99, 1)}; ${r.candidate.errors + r.baseline.errors}`;
    }
  } finally {
    await on.close();
    await off.close();
    rmSync(onDir, { recursive: true, force: true });
    rmSync(offDir, { recursive: true, force: true });
  }
}

/** A plain link under load, alone and while hostile templates are visited, in the same process. */
async function attackSection(out: Record<string, string | number>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tailyard-bench-links-'));
  const attacks = { ...Object.fromEntries(ATTACKS.map((a) => [a.short, a.long])), 'stored-deep-parens': DEEP_PARENTHESES };
  seed(dir, 1000, { ...attacks, heaviest: HEAVIEST_ALLOWED });
  const app = await startLinks(dir);
  const phases: Array<[string, string[]]> = [
    ['issue attacks and variations, cycled', Object.keys(attacks).map((s) => `/${s}`)],
    ['heaviest allowed template (range 99990, a 302)', ['/heaviest']],
    // The floor: what any second client costs the plain link, hostile or not.
    ['benign second client on a plain link (reference)', ['/link7']],
  ];
  try {
    const plain = () => load(app.url, { path: '/link500', seconds: SECONDS });
    await plain(); // warm-up
    for (const [name, paths] of phases) {
      let alonePeak = 0;
      let attackPeak = 0;
      let attacker: LoadResult | undefined;
      const r = await compare(
        async () => {
          const { result, peak } = await withPeakRss(plain);
          alonePeak = Math.max(alonePeak, peak);
          return result;
        },
        async () => {
          const { result, peak } = await withPeakRss(async () => {
            const [p, a] = await Promise.all([plain(), attackLoad(app.url, paths, SECONDS)]);
            attacker = a;
            return p;
          });
          attackPeak = Math.max(attackPeak, peak);
          return result;
        },
      );
      out[`attack: ${name}`] = `${Math.round(attacker?.rps ?? 0)} visits/s by one connection`;
      out[`  ${name}: plain-link throughput during/alone (goal >= 0.9)`] = `${fmt(r.ratio)} (${Math.round(r.candidate.rps)} / ${Math.round(r.baseline.rps)} rps)`;
      out[`  ${name}: plain-link p99 during/alone`] = `${fmt(r.candidate.p99 / Math.max(r.baseline.p99, 1))} (${fmt(r.candidate.p99, 1)} / ${fmt(r.baseline.p99, 1)} ms)`;
      out[`  ${name}: RSS growth over the plain link alone, MB (goal < 50)`] = fmt(Math.max(attackPeak - alonePeak, 0), 1);
      out[`  ${name}: plain-link errors`] = r.candidate.errors;
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

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

/** The `links-templates` section: what the template budget costs, and what attacks cost others. */
export async function runTemplates(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  engineOverhead(out);
  await budgetOverhead(out);
  await attackSection(out);
  return out;
}
