/**
 * Start to ready of the release bundle against dist/: spawn to the first /healthz 200 of
 * `tailyard serve` in dev mode (scripts/serve-probe.mjs), both in the same run, interleaved run by
 * run so a busy machine slows both alike; medians. Each variant restarts on its own data
 * directory, created by a first start that is not counted (it creates keys, which a restart
 * does not). The bundle is rebuilt from the current build first (scripts/release.mjs) and run
 * in place: its one dependency, better-sqlite3, resolves from the repository's node_modules.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '../..');
const RUNS = 7;

/** What scripts/serve-probe.mjs exports (plain JavaScript, shared with scripts/check-release.mjs). */
interface ServeProbe {
  startServe(opts: { bin: string; dataDir: string }): Promise<{ readyMs: number; stop(): Promise<void> }>;
  median(values: number[]): number;
}

export async function run(): Promise<Record<string, string | number>> {
  execFileSync(process.execPath, [join(root, 'scripts', 'release.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const probe = (await import(pathToFileURL(join(root, 'scripts', 'serve-probe.mjs')).href)) as ServeProbe;
  const variants = {
    bundle: join(root, 'release', 'package', 'bin', 'tailyard.js'),
    dist: join(root, 'bin', 'tailyard.js'),
  };
  const times: Record<string, number[]> = { bundle: [], dist: [] };
  const dataDirs: Record<string, string> = {};
  for (const [name, bin] of Object.entries(variants)) {
    dataDirs[name] = mkdtempSync(join(tmpdir(), `tailyard-bench-${name}-`));
    await (await probe.startServe({ bin, dataDir: dataDirs[name] as string })).stop();
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [name, bin] of Object.entries(variants)) {
      const s = await probe.startServe({ bin, dataDir: dataDirs[name] as string });
      times[name]?.push(s.readyMs);
      await s.stop();
    }
  }
  const summary = (t: number[]) => `${Math.round(probe.median(t))} (${Math.round(Math.min(...t))}–${Math.round(Math.max(...t))})`;
  const bundle = times.bundle ?? [];
  const dist = times.dist ?? [];
  return {
    [`bundle start-to-ready ms, median of ${RUNS} (goal < 300)`]: summary(bundle),
    [`dist/ start-to-ready ms, median of ${RUNS}`]: summary(dist),
    'bundle/dist ratio of medians': (probe.median(bundle) / probe.median(dist)).toFixed(2),
  };
}
