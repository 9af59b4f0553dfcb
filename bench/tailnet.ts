/**
 * Tailnet benchmark: what identity costs on a request that crosses a real tailnet.
 *
 * One run starts Headscale on loopback, a client node (`bench-client`, user alice) and two app
 * nodes, then drives the same client → tailscaled → tailscaled → 127.0.0.2 backend path three ways:
 *   - `bare`:     a bare node:http handler behind the PROXY parser, no identity lookup (baseline);
 *   - `whois-cached`:   the same backend plus the identity lookup as managed mode does it (WhoIs, 2 s micro-cache);
 *   - `whois-uncached`: the same backend with a WhoIs on every request (the raw cost of one LocalAPI call);
 *   - `platform`: the whoami app's `GET /` through the full platform (middleware + WhoIs, default cache).
 * Load is a bounded loop of keep-alive requests over LocalAPI dials, run in a worker thread so it does
 * not share the servers' event loop, interleaved in rounds; every
 * figure is reported next to its ratio to `bare`. Resident memory comes from /proc/<pid>/status.
 *
 * Run: `npm run bench -- tailnet` (needs the binaries from scripts/build-test-binaries.sh).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { silentLogger } from '../src/platform/logging.js';
import { startPlatform } from '../src/platform/platform.js';
import { ProxiedBackend, proxiedPeer } from '../src/platform/tailnet/backend.js';
import { createAppServer } from '../src/platform/tailnet/http-server.js';
import type { ManagedMode } from '../src/platform/tailnet/managed/mode.js';
import { ManagedNode } from '../src/platform/tailnet/managed/node.js';
import { buildServeConfig, installServeConfig } from '../src/platform/tailnet/managed/serve-config.js';
import { prepareNodeDirs } from '../src/platform/tailnet/managed/tailscaled.js';
import { WhoisResolver } from '../src/platform/tailnet/whois.js';
import type { LoadSample, LoadWorkerData } from './tailnet-load.js';
import {
  TEST_TS_ENV,
  eventually,
  findTestBinaries,
  freeTcpPort,
  httpVia,
  rssKb,
  startClientNode,
  startHeadscale,
  testPolicy,
} from '../test/tailnet/harness.js';
import { whoamiApp } from '../test/support/whoami-app.js';

const CONNECTIONS = 8;
const SECONDS_PER_ROUND = 3;
const ROUNDS = 2;
/** Hard cap on requests per round, whatever the speed. */
const MAX_REQUESTS = 50_000;

export async function run(): Promise<Record<string, string | number>> {
  const bins = findTestBinaries();
  if (bins.missing.length) return { skipped: `missing ${bins.missing.join(', ')}; run scripts/build-test-binaries.sh` };
  const log = silentLogger();
  const hs = await startHeadscale(bins.dir);
  const dir = mkdtempSync(join(tmpdir(), 'tailyard-bench-'));
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const alice = await hs.createUser('alice', 'alice@example.com', 'Alice');
    await hs.setPolicy(testPolicy([]));
    const appKey = await hs.createKey({ tags: ['tag:apps'], reusable: true });
    const clientKey = await hs.createKey({ user: alice.id });

    // The bare node: PROXY parser + plain handler; `/whois` adds one uncached WhoIs per request.
    const bareBackend = await ProxiedBackend.listen({ port: 0, log });
    cleanups.push(() => bareBackend.close(0));
    const bareNode = new ManagedNode({
      name: 'bare',
      bin: join(bins.dir, 'tailscaled'),
      dirs: await prepareNodeDirs(dir, 'bare'),
      env: TEST_TS_ENV,
      log,
      controlURL: hs.url,
      authKey: appKey.key,
      advertiseTags: [],
      ephemeral: false,
      upTimeoutMs: 60_000,
      onRunning: (client, status) =>
        installServeConfig(client, buildServeConfig({ backendPort: bareBackend.port, fqdn: status.Self?.DNSName ?? 'bare', tls: false, funnel: false })),
    });
    const uncached = new WhoisResolver(bareNode.client, { cacheMs: 0 });
    const cached = new WhoisResolver(bareNode.client, { cacheMs: 2000 });
    bareBackend.attach(
      createAppServer((req, res) => {
        if (req.url === '/') return void res.end('ok\n');
        const resolver = req.url === '/whois' ? uncached : cached;
        resolver.identify(proxiedPeer(req.socket) ?? '').then(
          (id) => res.end(`${id.kind === 'caller' ? id.caller.login : 'unknown'}\n`),
          () => {
            res.statusCode = 503;
            res.end();
          },
        );
      }),
    );

    const [platform, client] = await Promise.all([
      startPlatform({
        config: {
          mode: 'managed',
          dataDir: join(dir, 'data'),
          admin: { enabled: false },
          log: { level: 'silent' },
          tailnet: { controlURL: hs.url, authKey: appKey.key, env: TEST_TS_ENV, tailscaled: join(bins.dir, 'tailscaled') },
          apps: { whoami: { hostname: 'whoami', backendPort: await freeTcpPort('127.0.0.2'), capName: 'example.com/cap/whoami' } },
        },
        apps: [whoamiApp],
        log,
        defaultMetrics: false,
      }),
      startClientNode(bins.dir, hs, 'bench-client', clientKey.key),
      bareNode.start(),
    ]);
    cleanups.push(() => platform.close(), () => client.close(), () => bareNode.close());
    await eventually(async () => (await httpVia(client, 'whoami', 80, '/')).status === 200, 30_000);
    await eventually(async () => (await httpVia(client, 'bare', 80, '/')).status === 200, 30_000);

    const data: LoadWorkerData = { socketPath: client.client.socketPath, connections: CONNECTIONS, seconds: SECONDS_PER_ROUND, maxRequests: MAX_REQUESTS };
    const worker = new Worker(new URL('./tailnet-load.js', import.meta.url), { workerData: data });
    cleanups.push(async () => void (await worker.terminate()));
    const arms: Record<string, () => Promise<LoadSample>> = {
      bare: () => inWorker(worker, 'bare', '/'),
      'whois-cached': () => inWorker(worker, 'bare', '/whois-cached'),
      'whois-uncached': () => inWorker(worker, 'bare', '/whois'),
      platform: () => inWorker(worker, 'whoami', '/'),
    };
    const samples: Record<string, LoadSample[]> = Object.fromEntries(Object.keys(arms).map((k) => [k, []]));
    for (const arm of Object.keys(arms)) await arms[arm]?.(); // warm-up: dial the connections once
    for (let r = 0; r < ROUNDS; r++) for (const [arm, fn] of Object.entries(arms)) samples[arm]?.push(await fn());

    const mean = (xs: LoadSample[], k: keyof LoadSample) => xs.reduce((a, x) => a + x[k], 0) / xs.length;
    const base = { rps: mean(samples.bare ?? [], 'rps'), p50: mean(samples.bare ?? [], 'p50'), p99: mean(samples.bare ?? [], 'p99') };
    const out: Record<string, string | number> = { connections: CONNECTIONS, 'seconds per round x rounds': `${SECONDS_PER_ROUND} x ${ROUNDS}` };
    for (const [arm, xs] of Object.entries(samples)) {
      const rps = mean(xs, 'rps');
      const p50 = mean(xs, 'p50');
      const p99 = mean(xs, 'p99');
      out[`${arm}: requests/s`] = Math.round(rps);
      out[`${arm}: p50 / p99 latency (ms)`] = `${p50.toFixed(2)} / ${p99.toFixed(2)}`;
      if (arm !== 'bare') {
        out[`${arm}/bare: requests/s ratio`] = (rps / base.rps).toFixed(3);
        out[`${arm}/bare: p50 / p99 ratio`] = `${(p50 / base.p50).toFixed(3)} / ${(p99 / base.p99).toFixed(3)}`;
      }
      out[`${arm}: errors`] = xs.reduce((a, x) => a + x.errors, 0);
    }
    const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;
    const whoamiNode = (platform.mode as ManagedMode).node('whoami');
    out['RSS node (this process)'] = mib(rssKb(process.pid));
    out['RSS tailscaled whoami (app node)'] = mib(rssKb(whoamiNode.pid ?? 0));
    out['RSS tailscaled bare (app node)'] = mib(rssKb(bareNode.pid ?? 0));
    out['RSS tailscaled bench-client'] = mib(rssKb(client.pid ?? 0));
    return out;
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await hs.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one load round in the worker thread. */
function inWorker(w: Worker, host: string, path: string): Promise<LoadSample> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    w.once('error', onError);
    w.once('message', (s: LoadSample) => {
      w.off('error', onError);
      resolve(s);
    });
    w.postMessage({ host, path });
  });
}

// Allow `node dist/bench/tailnet.js` on its own.
if (process.argv[1]?.endsWith('/bench/tailnet.js')) {
  run().then(
    (figures) => {
      for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(44)} ${v}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
