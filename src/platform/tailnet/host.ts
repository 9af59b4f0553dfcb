/**
 * Host mode: for a machine that already runs tailscaled (with a kernel TUN device). tailyard uses
 * that daemon's LocalAPI socket, listens on the node's tailnet addresses on each app's `hostPort`,
 * and identifies callers by WhoIs on the TCP peer address (which, on a TUN node, is the caller's
 * tailnet address). There is one hostname, the machine's, so apps are told apart by port.
 *
 * @example
 *   const mode = new HostMode({ config, log }); // config.tailnet.socket: '/var/run/tailscale/tailscaled.sock'
 *   await mode.start(apps);                     // fails unless tailscaled is Running
 *   await mode.serve(app, listener);            // http://<machine>:<hostPort>/
 */
import type { IncomingMessage, RequestListener, Server } from 'node:http';
import type { Logger } from 'pino';
import type { PlatformConfig } from '../config.js';
import type { HostAllowlist } from '../hosts.js';
import { IdentityUnavailableError } from '../identity.js';
import { closeGracefully, createAppServer, formatHostPort, listenOn } from './http-server.js';
import { LocalApiClient } from './localapi.js';
import { IpnState, NotifyMask, stateName, type Status } from './localapi-types.js';
import type { AppListenSpec, Identification, NodeHealth, ServedApp, TailnetMode } from './mode.js';
import { WhoisResolver } from './whois.js';

export interface HostModeOptions {
  config: PlatformConfig;
  log: Logger;
}

export class HostMode implements TailnetMode {
  readonly kind = 'host' as const;
  private readonly client: LocalApiClient;
  private readonly whois: WhoisResolver;
  private status: Status | undefined;
  private running = false;
  private lastError: string | undefined;
  private readonly served = new Set<string>();
  private readonly bases = new Map<string, string>();
  private readonly watch = new AbortController();

  constructor(private readonly o: HostModeOptions) {
    this.client = new LocalApiClient({ socketPath: o.config.tailnet.socket });
    this.whois = new WhoisResolver(this.client, { cacheMs: o.config.tailnet.whoisCacheMs, timeoutMs: 2000 });
  }

  async start(_apps: AppListenSpec[]): Promise<void> {
    const socket = this.o.config.tailnet.socket;
    let st: Status;
    try {
      st = await this.client.status({ peers: false });
    } catch (err) {
      throw new Error(`host mode needs the machine's tailscaled: ${(err as Error).message} (set tailnet.socket to its LocalAPI socket)`);
    }
    if (st.BackendState !== 'Running') {
      throw new Error(`the machine's tailscaled (${socket}) is ${st.BackendState}, not Running: run \`tailscale up\` first`);
    }
    if (st.TailscaleIPs.length === 0) throw new Error(`the machine's tailscaled (${socket}) has no tailnet address yet`);
    this.status = st;
    this.running = true;
    void this.follow();
  }

  async serve(app: AppListenSpec, listener: RequestListener, hosts: HostAllowlist): Promise<ServedApp> {
    const st = this.requireStatus();
    const servers: Server[] = [];
    // Port 0 (tests) picks a free port on the first address; the others then use the same one.
    let port = app.hostPort;
    try {
      for (const ip of st.TailscaleIPs) {
        const server = createAppServer(listener, this.o.log);
        port = (await listenOn(server, ip, port)).port;
        servers.push(server);
      }
    } catch (err) {
      await Promise.all(servers.map((s) => closeGracefully(s, 0)));
      throw new Error(`app "${app.appId}": cannot listen on the tailnet addresses, port ${app.hostPort} (apps.${app.appId}.hostPort): ${(err as Error).message}`);
    }
    this.served.add(app.appId);
    const name = (st.Self?.DNSName ?? '').replace(/\.$/, '');
    const short = name.split('.')[0] ?? '';
    const names = [short, name, ...st.TailscaleIPs].filter(Boolean);
    hosts.set(names, [port]);
    this.bases.set(app.appId, `http://${formatHostPort(name || (st.TailscaleIPs[0] ?? ''), port)}`);
    return {
      urls: [...new Set(names)].map((h) => `http://${formatHostPort(h, port)}/`),
      ports: [port],
      close: async (graceMs) => {
        this.served.delete(app.appId);
        await Promise.all(servers.map((s) => closeGracefully(s, graceMs)));
      },
    };
  }

  isReady(appId: string): boolean {
    return this.running && this.served.has(appId);
  }

  async identify(_appId: string, req: IncomingMessage): Promise<Identification> {
    if (!this.running) throw new IdentityUnavailableError(`the machine's tailscaled is not running${this.lastError ? `: ${this.lastError}` : ''}`);
    const { remoteAddress, remotePort } = req.socket;
    if (!remoteAddress || !remotePort) throw new IdentityUnavailableError('the connection has no peer address');
    return this.whois.identify(formatHostPort(remoteAddress.replace(/^::ffff:/, ''), remotePort));
  }

  async whoisAddr(_appId: string, addr: string): Promise<Identification> {
    if (!this.running) throw new IdentityUnavailableError(`the machine's tailscaled is not running${this.lastError ? `: ${this.lastError}` : ''}`);
    return this.whois.identify(addr);
  }

  baseUrl(appId: string): string | undefined {
    return this.bases.get(appId);
  }

  health(): Record<string, NodeHealth> {
    const h: NodeHealth = {
      ready: this.running,
      state: this.running ? 'Running' : 'NotRunning',
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ips: this.status?.TailscaleIPs ?? [],
      socket: this.o.config.tailnet.socket,
    };
    return Object.fromEntries([...this.served].map((id) => [id, h]));
  }

  async close(): Promise<void> {
    this.watch.abort();
    await this.client.close();
  }

  private requireStatus(): Status {
    if (!this.status) throw new Error('host mode was not started');
    return this.status;
  }

  /** Tracks the daemon's state on its IPN bus; readiness drops while it is not Running. */
  private async follow(): Promise<void> {
    const signal = this.watch.signal;
    while (!signal.aborted) {
      try {
        for await (const n of this.client.watchIpnBus(NotifyMask.InitialState | NotifyMask.RateLimit, { signal })) {
          if (n.State != null) {
            this.running = n.State === IpnState.Running;
            this.lastError = this.running ? undefined : `tailscaled is ${stateName(n.State)}`;
          }
          if (n.State != null || n.NetMap !== undefined) this.whois.flush();
        }
        this.running = false;
        this.lastError = 'the IPN bus stream ended (tailscaled restarting?)';
      } catch (err) {
        if (signal.aborted) return;
        this.running = false;
        this.lastError = (err as Error).message;
        this.o.log.warn({ err: this.lastError }, "lost the machine's tailscaled; retrying");
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
