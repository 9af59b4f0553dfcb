/**
 * Load generation for the benchmarks: autocannon against loopback URLs, bounded in time, and
 * helpers to compare a candidate with a baseline measured in the same run (interleaved rounds,
 * because these machines are noisy).
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { pino } from 'pino';
import type { AppDefinition } from '../src/platform/app.js';
import { createLogger, type Logger } from '../src/platform/logging.js';
import { startPlatform } from '../src/platform/platform.js';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  connections?: number;
  seconds?: number;
  path?: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

const autocannonBin = join(import.meta.dirname, '../../node_modules/.bin/autocannon');

/**
 * Runs autocannon in its own process (so the load generator does not share the server's event
 * loop) and returns its summary. Bounded by `seconds`.
 */
export function load(url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const args = ['-j', '-c', String(opts.connections ?? 50), '-d', String(opts.seconds ?? 4), '-m', opts.method ?? 'GET'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  if (opts.body !== undefined) args.push('-b', opts.body);
  args.push(url + (opts.path ?? ''));
  return jsonFromChild(spawn(autocannonBin, args, { stdio: ['ignore', 'pipe', 'pipe'] })).then((json) => {
    const r = json as {
      requests: { average: number };
      latency: { p50: number; p99: number };
      errors: number;
      timeouts: number;
      non2xx: number;
    };
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
  });
}

/** Resolves with the JSON a load-generator child prints on stdout; rejects with its stderr tail. */
export function jsonFromChild(child: ChildProcessByStdio<null, Readable, Readable>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('exit', (code) => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`load generator exited ${code}: ${err.slice(-500)}`));
      }
    });
  });
}

/**
 * Runs baseline and candidate alternately `rounds` times (after one uncounted warm-up pass of
 * each) and reports the candidate/baseline ratio of mean requests per second.
 */
export async function compare(
  baseline: () => Promise<LoadResult>,
  candidate: () => Promise<LoadResult>,
  rounds = 3,
): Promise<{ baseline: LoadResult; candidate: LoadResult; ratio: number }> {
  // A short first pass of each lets the JIT settle before anything is counted.
  await baseline();
  await candidate();
  const b: LoadResult[] = [];
  const c: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push(await baseline());
    c.push(await candidate());
  }
  const mean = (xs: LoadResult[]): LoadResult => ({
    rps: avg(xs.map((x) => x.rps)),
    p50: avg(xs.map((x) => x.p50)),
    p99: avg(xs.map((x) => x.p99)),
    errors: xs.reduce((n, x) => n + x.errors, 0),
    non2xx: xs.reduce((n, x) => n + x.non2xx, 0),
  });
  const base = mean(b);
  const cand = mean(c);
  return { baseline: base, candidate: cand, ratio: cand.rps / base.rps };
}

function avg(xs: number[]): number {
  return xs.reduce((a, x) => a + x, 0) / xs.length;
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export async function rssMiB(pid: number | 'self' = 'self'): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

export function fmt(n: number, digits = 2): string {
  return n.toFixed(digits);
}

/** The production logger, writing to /dev/null: every line is still formatted and written. */
export function benchLogger(): Logger {
  return createLogger('info', pino.destination({ dest: '/dev/null', sync: false, minLength: 4096 }));
}

/**
 * One app on a loopback dev port with the bench logger, as the benchmarks measure it.
 *
 * @example const links = await startBenchApp(dir, linksApp as AppDefinition); await load(links.url); await links.close();
 */
export async function startBenchApp(dataDir: string, app: AppDefinition, appConfig: Record<string, unknown> = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const platform = await startPlatform({
    config: { dataDir, admin: { enabled: false }, dev: { login: 'bench@localhost' }, apps: { [app.id]: { devPort: 0, ...appConfig } } },
    apps: [app],
    log: benchLogger(),
    defaultMetrics: false,
  });
  return { url: (platform.urls[app.id]?.[0] ?? '').replace(/\/$/, ''), close: () => platform.close() };
}
