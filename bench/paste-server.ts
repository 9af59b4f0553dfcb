/**
 * The paste app alone in its own process, for the memory figure of `bench/paste.ts`: starts the
 * platform (dev mode, production logger to /dev/null) on the data directory given as the only
 * argument, prints the app's URL on stdout, and closes on SIGTERM.
 *
 *   node dist/bench/paste-server.js /tmp/paste-data
 */
import { pasteApp } from '../src/apps/paste/index.js';
import type { AppDefinition } from '../src/platform/app.js';
import { startPlatform } from '../src/platform/platform.js';
import { benchLogger } from './load.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: paste-server.js DATA_DIR');
const platform = await startPlatform({
  config: { dataDir, admin: { enabled: false }, dev: { login: 'bench@localhost' }, apps: { paste: { devPort: 0 } } },
  apps: [pasteApp as AppDefinition],
  log: benchLogger(),
  defaultMetrics: false,
});
process.stdout.write(`${(platform.urls.paste?.[0] ?? '').replace(/\/$/, '')}\n`);
process.once('SIGTERM', () => {
  void platform.close().then(() => process.exit(0));
});
