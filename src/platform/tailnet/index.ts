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
import { HostMode } from './host.js';
import { ManagedMode } from './managed/mode.js';
import { ServicesMode } from './managed/services-mode.js';
import type { TailnetMode } from './mode.js';

export interface ModeDeps {
  config: PlatformConfig;
  log: Logger;
  dev: DevIdentity;
}

export async function createTailnetMode({ config, log, dev }: ModeDeps): Promise<TailnetMode> {
  switch (config.mode) {
    case 'dev':
      return new DevMode(dev);
    case 'managed':
      return config.tailnet.layout === 'services'
        ? new ServicesMode({ config, log: log.child({ component: 'tailnet' }) })
        : new ManagedMode({ config, log: log.child({ component: 'tailnet' }) });
    case 'host':
      return new HostMode({ config, log: log.child({ component: 'tailnet' }) });
  }
}
