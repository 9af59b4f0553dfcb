/**
 * The SQL console against real tailsql on tailsql's own request shapes, in the same run, with
 * wrk (8 connections, interleaved rounds after a warm-up of each): a small `/json` query (goal
 * ≥ 1.0×), a 10 000-row `/csv` export, and the console page with a result. Both serve the same
 * SQLite file with the same source config, on loopback.
 *
 * tailsql is whatever binary `TAILYARD_BENCH_TAILSQL` names (built from its source, see
 * docs/compatibility.md; never committed). Without it, the small query is compared with bare
 * `node:http` answering the same bytes (issue 19: tailsql measured 0.18× bare, so ≥ 0.2× bare).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fmt } from './load.js';
import { hasWrk, wrk } from './wrk.js';

const SMALL = 'select id, name from t where id = 42';
const CSV = 'select id, name, score, big, note from t where id <= 10000';
const PAGE = 'select id, name, score from t where id <= 50';

interface Shape {
  name: string;
  path: string;
  headers: Record<string, string>;
}

const SHAPES: Shape[] = [
  { name: 'small /json', path: `/json?${new URLSearchParams({ q: SMALL, src: 'main' })}`, headers: { 'Sec-Tailsql': '1' } },
  { name: '/csv 10 000 rows', path: `/csv?${new URLSearchParams({ q: CSV, src: 'main' })}`, headers: { 'Sec-Tailsql': '1' } },
  { name: 'the page, 50 rows', path: `/?${new URLSearchParams({ q: PAGE, src: 'main' })}`, headers: { Cookie: 'tailsqlQuery=1' } },
];

const ROUNDS = 3;

/** Runs `tailsql --local PORT` on `file` and waits until it accepts connections. */
async function startTailsql(bin: string, dir: string, file: string): Promise<{ url: string; child: ChildProcess }> {
  const config = join(dir, 'tailsql.hujson');
  writeFileSync(config, JSON.stringify({ sources: [{ source: 'main', label: 'main', driver: 'sqlite', url: `file:${file}?mode=ro` }] }));
  const port = 20_000 + (process.pid % 20_000);
  const child = spawn(bin, ['--config', config, '--local', String(port)], { cwd: dir, stdio: 'ignore' });
  child.on('error', () => undefined);
  for (let i = 0; i < 200; i++) {
    if (await accepts(port)) return { url: `http://127.0.0.1:${port}`, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`tailsql (${bin}) did not start on port ${port}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function body(url: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(url, { headers, redirect: 'manual' });
  if (res.status !== 200) throw new Error(`${url}: status ${res.status}`);
  return res.text();
}

/** Interleaved rounds of baseline and console; the ratio of mean requests per second. */
async function ratio(baseUrl: string, consoleUrl: string, shape: Shape): Promise<{ base: number; ours: number; p50: number; errors: number }> {
  const opts = { headers: shape.headers, connections: 8 };
  await wrk(baseUrl + shape.path, { ...opts, seconds: 2 });
  await wrk(consoleUrl + shape.path, { ...opts, seconds: 2 });
  const base: number[] = [];
  const ours: number[] = [];
  let p50 = 0;
  let errors = 0;
  for (let i = 0; i < ROUNDS; i++) {
    base.push((await wrk(baseUrl + shape.path, opts)).rps);
    const r = await wrk(consoleUrl + shape.path, opts);
    ours.push(r.rps);
    p50 += r.p50 / ROUNDS;
    errors += r.errors + r.non2xx;
  }
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  return { base: mean(base), ours: mean(ours), p50, errors };
}

/** The figures (see the module comment); `consoleUrl` serves source `main` on `file`. */
export async function tailsqlShapes(dir: string, file: string, consoleUrl: string): Promise<Record<string, string | number>> {
  const figures: Record<string, string | number> = {};
  if (!(await hasWrk())) return { 'tailsql request shapes': 'skipped: wrk is not installed (apt-get install wrk)' };
  const bin = process.env.TAILYARD_BENCH_TAILSQL;
  if (!bin) {
    const small = SHAPES[0] as Shape;
    const answer = await body(consoleUrl + small.path, small.headers);
    const bare = await bareServer(answer);
    try {
      const r = await ratio(`http://127.0.0.1:${(bare.address() as { port: number }).port}`, consoleUrl, small);
      figures['small /json rps: bare node:http / console'] = `${Math.round(r.base)} / ${Math.round(r.ours)}`;
      figures['small /json / bare node:http (goal >= 0.2; TAILYARD_BENCH_TAILSQL unset)'] = fmt(r.ours / r.base);
      figures['small /json errors (must be 0)'] = r.errors;
    } finally {
      bare.close();
    }
    return figures;
  }
  const tailsql = await startTailsql(bin, dir, file);
  try {
    for (const shape of SHAPES) {
      const [theirs, ours] = [await body(tailsql.url + shape.path, shape.headers), await body(consoleUrl + shape.path, shape.headers)];
      if (shape.name !== 'the page, 50 rows' && theirs !== ours) throw new Error(`${shape.name}: the console's answer differs from tailsql's`);
      const r = await ratio(tailsql.url, consoleUrl, shape);
      figures[`${shape.name} rps: tailsql / console`] = `${Math.round(r.base)} / ${Math.round(r.ours)} (p50 ${fmt(r.p50)} ms)`;
      figures[`${shape.name} / tailsql${shape === SHAPES[0] ? ' (goal >= 1.0)' : ''}`] = fmt(r.ours / r.base);
      figures[`${shape.name} errors (must be 0)`] = r.errors;
    }
  } finally {
    tailsql.child.kill('SIGKILL');
  }
  return figures;
}

/** node:http answering `text` as NDJSON to every request: the floor of any Node server. */
function bareServer(text: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/x-ndjson');
    res.end(text);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
