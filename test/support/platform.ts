/**
 * Test helpers: start the real platform (dev mode, real sockets, real SQLite in a temp dir) with
 * one or more apps, and switch the dev caller between requests. As in production, the platform
 * knows every built-in app (the others disabled: their SQL views and private files still count)
 * and gets the suite's page frame and shared static files.
 *
 * @example
 *   const t = await startTestApp(whoamiApp, { login: 'alice@example.com' });
 *   const res = await fetch(`${t.url}/whoami`);
 *   await t.close();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppDefinition } from '../../src/platform/app.js';
import type { CapMap } from '../../src/platform/identity.js';
import { silentLogger, type Logger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import type { DevMode } from '../../src/platform/tailnet/dev.js';
import { builtInApps, suite } from '../../src/suite.js';

export interface TestCaller {
  login?: string;
  /** Replaces the caller's capabilities (default: the app's full access). */
  caps?: CapMap;
  tags?: string[];
}

export interface TestAppOptions extends TestCaller {
  /** The app's own config section (plus platform keys such as capName). */
  appConfig?: Record<string, unknown>;
  /** Extra top-level settings. */
  settings?: Record<string, unknown>;
  /** Reuse a data directory (to test persistence across restarts). */
  dataDir?: string;
  log?: Logger;
}

export interface TestApp {
  url: string;
  dataDir: string;
  platform: RunningPlatform;
  /** Switches the caller for the following requests. */
  as(caller: TestCaller): void;
  /** Closes the platform (the data directory stays until `cleanup`). */
  close(): Promise<void>;
  /** Closes and deletes the data directory. */
  cleanup(): Promise<void>;
}

export function tempDataDir(prefix = 'tailyard-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** `defs` first, then every other built-in app, with the serve sections that disable the others. */
export function withBuiltIns(defs: readonly AppDefinition[]): { apps: AppDefinition[]; serve: Record<string, { enabled: false }> } {
  const others = builtInApps.filter((b) => !defs.some((d) => d.id === b.id));
  return { apps: [...defs, ...others], serve: Object.fromEntries(others.map((o) => [o.id, { enabled: false as const }])) };
}

export async function startTestApp(def: AppDefinition, opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const known = withBuiltIns([def]);
  const platform = await startPlatform({
    config: {
      dataDir,
      admin: { enabled: false },
      dev: { login: opts.login ?? 'alice@example.com' },
      serve: known.serve,
      ...opts.settings,
      apps: { [def.id]: { devPort: 0, ...opts.appConfig } },
    },
    apps: known.apps,
    log: opts.log ?? silentLogger(),
    defaultMetrics: false,
    ...suite(),
  });
  const url = (platform.urls[def.id]?.[0] ?? '').replace(/\/$/, '');
  const capName = platform.config.apps[0]?.capName ?? def.defaultCapName;
  const mode = platform.mode as DevMode;
  const as = (c: TestCaller) =>
    mode.setIdentity({ login: c.login ?? 'alice@example.com', capMap: c.caps ?? { [capName]: def.fullAccessCaps }, tags: c.tags });
  as(opts);
  return {
    url,
    dataDir,
    platform,
    as,
    close: () => platform.close(),
    cleanup: async () => {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
