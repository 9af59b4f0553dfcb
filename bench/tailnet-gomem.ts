/**
 * `npm run bench -- tailnet-gomem`: the Go runtime's memory knobs (`tailnet.goMemLimit` →
 * GOMEMLIMIT, `tailnet.goGC` → GOGC) on the tailscaleds managed mode runs, in one run.
 *
 * One tailyard platform per setting, each in its own process with links and secrets on their own
 * nodes: Go's defaults (knobs off), tailyard's defaults, and two alternatives for context. The same
 * client sends go/ redirects and secrets gets to each, interleaved in rounds; reported per setting:
 * requests/s and server CPU per request as ratios to knobs-off (the defaults must keep throughput
 * within 5 %), and each tailscaled's resident and anonymous memory once up (idle) and after the
 * load (about 25 MiB of a tailscaled's RSS is the binary's text, shared and untouched by the knobs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtInApps as allApps } from '../src/suite.js';
import { DEFAULT_GO_GC, DEFAULT_GO_MEM_LIMIT } from '../src/platform/config.js';
import { DialAgent, eventually, findTestBinaries, httpVia, startClientNode, startHeadscale } from '../test/tailnet/harness.js';
import { type Mem, type PlatformProcess, startPlatformProcess } from './tailnet-fixture.js';
import { benchPolicy, type Round, secretsGet, seedSecrets, startLoadGenerator, summarize } from './tailnet-traffic.js';

type Knobs = { goMemLimit?: string | null; goGC?: number | 'off' | null };

/**
 * The settings compared; `defaults` sends no knob, so it runs with whatever tailyard defaults to.
 * `TAILYARD_BENCH_GOMEM` (JSON, e.g. `{"GOGC=25":{"goGC":25}}`) replaces the alternatives.
 */
const SETTINGS: Record<string, Knobs> = {
  off: { goMemLimit: null, goGC: null },
  defaults: {},
  ...((process.env.TAILYARD_BENCH_GOMEM ? JSON.parse(process.env.TAILYARD_BENCH_GOMEM) : null) ?? {
    'GOGC=75': { goMemLimit: null, goGC: 75 },
    'GOMEMLIMIT=40MiB': { goMemLimit: '40MiB', goGC: null },
  }),
};
const ROUNDS = Number(process.env.TAILYARD_BENCH_ROUNDS ?? 3);
const SECONDS = 3;

export async function run(): Promise<Record<string, string | number>> {
  const bins = findTestBinaries();
  if (bins.missing.length) return { skipped: `missing ${bins.missing.join(', ')}; run scripts/build-test-binaries.sh` };
  const hs = await startHeadscale(bins.dir);
  const dir = mkdtempSync(join(tmpdir(), 'tyg-'));
  const cleanups: Array<() => Promise<void>> = [];
  try {
    const alice = await hs.createUser('alice', 'alice@example.com', 'Alice');
    await hs.setPolicy(benchPolicy());
    const appKey = (await hs.createKey({ tags: ['tag:apps'], reusable: true })).key;
    const names = Object.keys(SETTINGS);
    const allAppIds = allApps.map((a) => a.id);
    const [client, ...platforms] = await Promise.all([
      startClientNode(bins.dir, hs, 'gomem-client', (await hs.createKey({ user: alice.id })).key),
      ...names.map((name, i) =>
        startPlatformProcess({ dir, name: `p${i}`, hs, authKey: appKey, binDir: bins.dir, allAppIds, hostnames: { links: `go-${i}`, secrets: `setec-${i}` }, tailnet: SETTINGS[name] }),
      ),
    ]);
    cleanups.push(() => client.close(), ...platforms.map((p) => () => p.stop()));
    const byName = new Map(names.map((n, i) => [n, { i, p: platforms[i] as PlatformProcess }]));
    for (const { i } of byName.values()) {
      await eventually(async () => (await httpVia(client, `go-${i}`, 80, '/')).status > 0, 60_000);
      const agent = new DialAgent(client.client, `setec-${i}`, 80, 4);
      await seedSecrets(agent, `setec-${i}`);
      agent.destroy();
    }
    const idle = new Map(names.map((n) => [n, byName.get(n)?.p.memory().tailscaled ?? {}]));

    const gen = startLoadGenerator({ socketPath: client.client.socketPath, connections: 16, seconds: SECONDS, maxRequests: 60_000 });
    cleanups.push(async () => gen.close());
    const rounds = new Map<string, { go: Round[]; get: Round[] }>(names.map((n) => [n, { go: [], get: [] }]));
    for (let r = 0; r <= ROUNDS; r++) {
      for (const [name, { i, p }] of byName) {
        const go = await gen.round({ host: `go-${i}`, path: '/link5000', expect: 302 }, [p.pid, p.ready.pids.links ?? 0]);
        const get = await gen.round(secretsGet(`setec-${i}`), [p.pid, p.ready.pids.secrets ?? 0]);
        if (r === 0) continue; // warm-up round
        rounds.get(name)?.go.push(go);
        rounds.get(name)?.get.push(get);
      }
    }

    const out: Record<string, string | number> = {
      'defaults (tailnet.goMemLimit / goGC)': `${DEFAULT_GO_MEM_LIMIT ?? 'unset'} / ${DEFAULT_GO_GC ?? 'unset'}`,
      'rounds x seconds, 16 connections': `${ROUNDS} x ${SECONDS}`,
    };
    const off = rounds.get('off') as { go: Round[]; get: Round[] };
    const [offGo, offGet] = [summarize(off.go), summarize(off.get)];
    const mib = (kb: number | undefined) => ((kb ?? 0) / 1024).toFixed(1);
    const both = (m: Mem | undefined) => `${mib(m?.rss)} (${mib(m?.anon)})`;
    for (const [name, { p }] of byName) {
      const r = rounds.get(name) as { go: Round[]; get: Round[] };
      const [go, get] = [summarize(r.go), summarize(r.get)];
      const after = p.memory().tailscaled;
      const before = idle.get(name) ?? {};
      out[`${name}: go/ req/s (x off) | secrets get req/s (x off)`] =
        `${Math.round(go.rps)} (${(go.rps / offGo.rps).toFixed(3)}) | ${Math.round(get.rps)} (${(get.rps / offGet.rps).toFixed(3)})`;
      out[`${name}: server CPU us/req go/ | get (x off)`] = `${Math.round(go.cpuUs)} (${(go.cpuUs / offGo.cpuUs).toFixed(3)}) | ${Math.round(get.cpuUs)} (${(get.cpuUs / offGet.cpuUs).toFixed(3)})`;
      // The knobs act on tailscaled alone: its own CPU per request is the cleanest comparison.
      const ts = (x: typeof go) => x.cpuUsEach[1] ?? 0;
      out[`${name}: tailscaled CPU us/req go/ | get (x off)`] = `${Math.round(ts(go))} (${(ts(go) / ts(offGo)).toFixed(3)}) | ${Math.round(ts(get))} (${(ts(get) / ts(offGet)).toFixed(3)})`;
      out[`${name}: tailscaled RSS (anon) MiB idle -> loaded: links, secrets`] = `${both(before.links)} -> ${both(after.links)}, ${both(before.secrets)} -> ${both(after.secrets)}`;
      // Status 0 is a transport error (e.g. a kept-alive connection the server closed as it was reused).
      if (go.errors || get.errors) out[`${name}: ERRORS (first status)`] = `${go.errors + get.errors} (${go.firstBadStatus ?? get.firstBadStatus})`;
    }
    return out;
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    await hs.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
