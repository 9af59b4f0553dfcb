/**
 * Dev mode, the embedded default: no tailnet, every listener on loopback, and one configured dev
 * identity for every request. Asking for any non-loopback address is refused, so `npm start` can
 * never expose an all-capabilities identity to the network.
 */
import { isIP, type Socket } from 'node:net';
import type { RequestListener } from 'node:http';
import type { Logger } from 'pino';
import type { HostAllowlist } from '../hosts.js';
import type { Caller, CapMap } from '../identity.js';
import { makeCaller, TAGGED_LOGIN } from '../identity.js';
import { closeGracefully, createAppServer, formatHostPort, hostOf, listenOn } from './http-server.js';
import type { AppListenSpec, Identification, NodeHealth, ServedApp, TailnetMode } from './mode.js';

export class NotLoopbackError extends Error {
  override name = 'NotLoopbackError';
}

/**
 * Throws unless `host` is a loopback address (127.0.0.0/8, ::1, or the name `localhost`).
 *
 * @example assertLoopback('127.0.0.1'); // ok
 * @example assertLoopback('0.0.0.0');   // throws NotLoopbackError
 */
export function assertLoopback(host: string, what = 'listen address'): void {
  if (isLoopback(host)) return;
  throw new NotLoopbackError(
    `dev mode only listens on loopback, but the ${what} is "${host}"; use 127.0.0.1 (or ::1), or run in managed/host mode to serve the tailnet`,
  );
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./i.test(h) || /^0*:0*:0*:0*:0*:0*:0*:0*1$/.test(h);
  return false;
}

export class DevMode implements TailnetMode {
  readonly kind = 'dev' as const;
  private readonly served = new Set<string>();
  private readonly bases = new Map<string, string>();
  /** A keep-alive connection keeps its caller until the dev identity changes. */
  private readonly perConnection = new WeakMap<Socket, { dev: DevIdentity; id: Identification }>();

  constructor(
    private dev: DevIdentity,
    private readonly log: Pick<Logger, 'error'>,
  ) {}

  /** Swaps the dev identity of a running platform (tests switch callers this way). */
  setIdentity(dev: DevIdentity): void {
    this.dev = dev;
  }

  async start(apps: AppListenSpec[]): Promise<void> {
    for (const app of apps) assertLoopback(app.devHost, `listen address of ${app.appId}`);
  }

  async serve(app: AppListenSpec, listener: RequestListener, hosts: HostAllowlist): Promise<ServedApp> {
    assertLoopback(app.devHost, `listen address of ${app.appId}`);
    const server = createAppServer(listener, this.log);
    const addr = await listenOn(server, app.devHost === 'localhost' ? '127.0.0.1' : app.devHost, app.devPort);
    // The loopback names, and the app's hostname for a hosts-file entry such as "127.0.0.1 go".
    hosts.set(['127.0.0.1', 'localhost', '[::1]', app.devHost, app.hostname], [addr.port]);
    this.served.add(app.appId);
    this.bases.set(app.appId, `http://${formatHostPort(addr.address, addr.port)}`);
    return {
      urls: [`http://${formatHostPort(addr.address, addr.port)}/`],
      ports: [addr.port],
      close: async (graceMs) => {
        await closeGracefully(server, graceMs);
        this.served.delete(app.appId);
      },
    };
  }

  isReady(appId: string): boolean {
    return this.served.has(appId);
  }

  async identify(_appId: string, req: { socket: Socket }): Promise<Identification> {
    const { socket } = req;
    const cached = this.perConnection.get(socket);
    if (cached?.dev === this.dev) return cached.id;
    const { remoteAddress = '', remotePort = 0 } = socket;
    // The dev caller stands in for whoever is on this machine; still refuse anything non-local.
    const id: Identification = isLoopback(remoteAddress)
      ? { kind: 'caller', caller: devCaller(this.dev, formatHostPort(remoteAddress, remotePort)) }
      : { kind: 'unknown', remoteAddr: `${remoteAddress}:${remotePort}` };
    this.perConnection.set(socket, { dev: this.dev, id });
    return id;
  }

  /** A loopback address is the dev caller's machine; anything else is unknown. */
  async whoisAddr(_appId: string, addr: string): Promise<Identification> {
    const host = hostOf(addr);
    return isLoopback(host) ? { kind: 'caller', caller: devCaller(this.dev, addr) } : { kind: 'unknown', remoteAddr: addr };
  }

  baseUrl(appId: string): string | undefined {
    return this.bases.get(appId);
  }

  health(): Record<string, NodeHealth> {
    return Object.fromEntries([...this.served].map((id) => [id, { ready: true, state: 'dev' }]));
  }

  async close(): Promise<void> {}
}

/** The configured dev identity: a login and the capabilities it holds. */
export interface DevIdentity {
  login: string;
  capMap: CapMap;
  /** Makes the dev caller a tagged node (login `tagged-devices`). */
  tags?: readonly string[];
}

export function devCaller(dev: DevIdentity, remoteAddr = ''): Caller {
  const tagged = (dev.tags?.length ?? 0) > 0;
  return makeCaller({
    kind: tagged ? 'tagged' : 'user',
    login: tagged ? TAGGED_LOGIN : dev.login,
    displayName: tagged ? 'Tagged Devices' : (dev.login.split('@')[0] ?? dev.login),
    tags: dev.tags ?? [],
    nodeName: 'localhost',
    nodeFQDN: 'localhost',
    addresses: ['127.0.0.1'],
    remoteAddr,
    capMap: dev.capMap,
  });
}
