/**
 * Platform benchmark: a trivial handler through the full stack (identity, logging, metrics, CSRF,
 * security headers) against a bare node:http handler; the cost of the request-line layer (Go's
 * request handling, request-line.ts) on ordinary requests, as the same trivial handler on an app
 * listener with and without it, and what its native path saves against framing every read in
 * JavaScript; and dev-mode start-to-ready time of the real `tailyard serve`.
 */
import { spawn } from 'node:child_process';
import { createServer, type RequestListener } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInApps as allApps } from '../src/suite.js';
import { startPlatform } from '../src/platform/platform.js';
import { closeGracefully, createAppServer, listenOn } from '../src/platform/tailnet/http-server.js';
import { LLHTTP_HEADER_LIMIT, withRequestLineLayer } from '../src/platform/tailnet/request-line.js';
import { whoamiApp } from '../test/support/whoami-app.js';
import { benchLogger, compare, fmt, load } from './load.js';

const hello: RequestListener = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' });
  res.end('hello, bench@localhost\n');
};

async function bareServer() {
  const server = createServer(hello);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The trivial handler on an app listener, with or without the request-line layer. */
async function appListener(goRequests: boolean) {
  const server = createAppServer(hello, benchLogger(), { goRequests });
  const { port } = await listenOn(server, '127.0.0.1', 0);
  return { url: `http://127.0.0.1:${port}`, close: () => closeGracefully(server, 1000) };
}

/** The trivial handler behind the request-line layer as it was before its native path: every read framed in JavaScript. */
async function framedListener() {
  const server = createServer({ maxHeaderSize: LLHTTP_HEADER_LIMIT }, hello);
  withRequestLineLayer(server, { headTimeoutMs: 20_000, framedOnly: true });
  const { port } = await listenOn(server, '127.0.0.1', 0);
  return { url: `http://127.0.0.1:${port}`, close: () => closeGracefully(server, 1000) };
}

/** Milliseconds from spawning `tailyard serve` to its ready banner; median of `runs`. */
async function startToReady(runs = 5): Promise<number> {
  const bin = join(import.meta.dirname, '../../bin/tailyard.js');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const data = mkdtempSync(join(tmpdir(), 'tailyard-bench-'));
    const start = performance.now();
    const ports = allApps.flatMap((a) => ['--set', `apps.${a.id}.devPort=0`]);
    const child = spawn(process.execPath, [bin, 'serve', '--data', data, '--admin-listen', '127.0.0.1:0', '--log-level', 'warn', ...ports], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/ready in/.test(err)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
    times.push(performance.now() - start);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

export async function run(): Promise<Record<string, string | number>> {
  const data = mkdtempSync(join(tmpdir(), 'tailyard-bench-'));
  const log = benchLogger();
  const platform = await startPlatform({
    config: { dataDir: data, admin: { enabled: false }, dev: { login: 'bench@localhost' }, apps: { whoami: { devPort: 0 } } },
    apps: [whoamiApp],
    log,
  });
  const bare = await bareServer();
  const url = (platform.urls.whoami?.[0] ?? '').replace(/\/$/, '');
  try {
    const { baseline, candidate, ratio } = await compare(
      () => load(bare.url, { path: '/' }),
      () => load(url, { path: '/' }),
    );
    const [without, layered] = [await appListener(false), await appListener(true)];
    // Throughput swings with whatever else the machine runs; this process's CPU time per request
    // (the servers run here, the load generator in a child) is the steadier figure.
    const cpu = { with: [] as number[], without: [] as number[] };
    const measured = async (url: string, into: number[]) => {
      const start = process.cpuUsage();
      const r = await load(url, { path: '/gh/some/path?x=1', seconds: 4 });
      const used = process.cpuUsage(start);
      into.push((used.user + used.system) / (r.rps * 4));
      return r;
    };
    const layer = await compare(
      () => measured(without.url, cpu.without),
      () => measured(layered.url, cpu.with),
    ).finally(() => Promise.all([without.close(), layered.close()]));
    // The native path's gain: the layer against itself framing every read in JavaScript.
    const [framed, native] = [await framedListener(), await appListener(true)];
    const nativeGain = await compare(
      () => load(framed.url, { path: '/gh/some/path?x=1' }),
      () => load(native.url, { path: '/gh/some/path?x=1' }),
    ).finally(() => Promise.all([framed.close(), native.close()]));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const ready = await startToReady();
    return {
      'platform trivial handler rps': Math.round(candidate.rps),
      'bare node:http rps': Math.round(baseline.rps),
      'platform/bare ratio (goal >= 0.6)': fmt(ratio),
      'platform p50/p99 ms': `${candidate.p50}/${candidate.p99}`,
      'errors (platform, bare)': `${candidate.errors + candidate.non2xx}, ${baseline.errors + baseline.non2xx}`,
      'request-line layer: with rps': Math.round(layer.candidate.rps),
      'request-line layer: without rps': Math.round(layer.baseline.rps),
      'request-line layer: with/without ratio': fmt(layer.ratio),
      'request-line layer p50/p99 ms (with, without)': `${layer.candidate.p50}/${layer.candidate.p99}, ${layer.baseline.p50}/${layer.baseline.p99}`,
      'request-line layer: server CPU µs/request (with, without)': `${fmt(median(cpu.with), 1)}, ${fmt(median(cpu.without), 1)}`,
      'request-line layer: CPU per request with/without': fmt(median(cpu.with) / median(cpu.without)),
      'request-line layer: native read / every read framed, rps ratio': fmt(nativeGain.ratio),
      'dev start-to-ready ms, median of 5 (goal < 500)': Math.round(ready),
    };
  } finally {
    await platform.close();
    await bare.close();
  }
}
