/**
 * The tailnet bench runs each tailyard under test in a process of its own, as users run it, so
 * that its resident memory is its own (not the load generator's, nor the other platform's). This
 * is that process: it starts the platform with every app in `allApps` (the config decides which
 * are enabled), prints one `READY <json>` line naming each app's tailscaled pid, and shuts down
 * gracefully on SIGTERM.
 *
 * @example
 *   spawn(process.execPath, ['dist/bench/tailnet-platform.js', JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] })
 *   // stdout: READY {"pids":{"links":1234,"secrets":1240},"apps":["links","secrets"]}
 */
import { builtInApps as allApps } from '../src/suite.js';
import { silentLogger } from '../src/platform/logging.js';
import { startPlatform } from '../src/platform/platform.js';
import type { ManagedMode } from '../src/platform/tailnet/managed/mode.js';

/** What the READY line carries. */
export interface PlatformReady {
  apps: string[];
  /** Each app's tailscaled pid. */
  pids: Record<string, number>;
  /** Each app's LocalAPI socket (the bench asks tailscaled's own WhoIs through it). */
  sockets: Record<string, string>;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as unknown;
  const platform = await startPlatform({ config, apps: allApps, log: silentLogger(), defaultMetrics: false });
  const mode = platform.mode as ManagedMode;
  const apps = platform.config.apps.map((a) => a.def.id);
  const ready: PlatformReady = {
    apps,
    pids: Object.fromEntries(apps.map((id) => [id, mode.node(id).pid ?? 0])),
    sockets: Object.fromEntries(apps.map((id) => [id, mode.node(id).client.socketPath])),
  };
  process.stdout.write(`READY ${JSON.stringify(ready)}\n`);
  process.once('SIGTERM', () => {
    void platform.close().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`tailnet-platform: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
