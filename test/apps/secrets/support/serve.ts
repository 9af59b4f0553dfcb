/**
 * A child process for the crash test: the real platform in dev mode with only the secrets app,
 * on the data directory given as argv[2], with the top-level settings in the JSON of argv[3] (if
 * any) merged into its config. Prints `URL <url>` once it is serving; it is meant to be killed,
 * not stopped.
 */
import { secretsApp } from '../../../../src/apps/secrets/index.js';
import type { AppDefinition } from '../../../../src/platform/app.js';
import { silentLogger } from '../../../../src/platform/logging.js';
import { startPlatform } from '../../../../src/platform/platform.js';
import type { DevMode } from '../../../../src/platform/tailnet/dev.js';
import { ALL } from '../helpers.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: serve.ts DATA_DIR [SETTINGS_JSON]');
const settings = JSON.parse(process.argv[3] ?? '{}') as Record<string, unknown> & { apps?: { secrets?: Record<string, unknown> } };
const platform = await startPlatform({
  config: { dataDir, admin: { enabled: false }, dev: { login: 'crash@example.com' }, ...settings, apps: { secrets: { ...settings.apps?.secrets, devPort: 0 } } },
  apps: [secretsApp as AppDefinition],
  log: silentLogger(),
  defaultMetrics: false,
});
(platform.mode as DevMode).setIdentity({ login: 'crash@example.com', capMap: ALL });
process.stdout.write(`URL ${(platform.urls.secrets?.[0] ?? '').replace(/\/$/, '')}\n`);
