/**
 * Picks the tailnet mode the config asks for: `dev` (loopback, one configured identity),
 * `managed` (one supervised tailscaled per app hostname, the tsnet equivalent; or, with
 * `tailnet.layout: "services"`, one tailscaled hosting every app as a Tailscale Service) or `host`
 * (the machine's own tailscaled).
 *
 * @example const mode = await createTailnetMode({ config, log, dev: { login: 'me@localhost', capMap: {} } });
 */
import type { Logger } from 'pino';
import type { PlatformConfig } from '../config.js';
import { DevMode, type DevIdentity } from './dev.js';
import type { TailnetMode } from './mode.js';

export interface ModeDeps {
  config: PlatformConfig;
  log: Logger;
  dev: DevIdentity;
}

export async function createTailnetMode({ config, log, dev }: ModeDeps): Promise<TailnetMode> {
  switch (config.mode) {
    case 'dev':
      return new DevMode(dev, log);
    // The tailnet modes load on demand: their LocalAPI client (undici) is a tenth of a second of
    // start-up that dev mode never needs.
    case 'managed': {
      const opts = { config, log: log.child({ component: 'tailnet' }) };
      if (config.tailnet.layout === 'services') return new (await import('./managed/services-mode.js')).ServicesMode(opts);
      return new (await import('./managed/mode.js')).ManagedMode(opts);
    }
    case 'host':
      return new (await import('./host.js')).HostMode({ config, log: log.child({ component: 'tailnet' }) });
  }
}
