/**
 * Managed mode with `tailnet.layout: "services"`: one supervised tailscaled (`tailnet.servicesHost`,
 * default `tailyard`) hosts every app as a Tailscale Service (`svc:<app hostname>`), instead of a
 * node per app. Everything past the node is as in node-per-app: each app has its own backend on
 * 127.0.0.2 behind a PROXY v2 forward, WhoIs on the PROXY source (asked with the app's `svc_name`,
 * so grants are those towards the service), and a Host allowlist of the service's names and
 * addresses. See services.ts for what the node does on bring-up, and docs/tailnet.md for what the
 * tailnet needs (Tailscale's control server; Headscale has no Services).
 *
 * @example
 *   const mode = new ServicesMode({ config, log }); // config.tailnet.layout === 'services'
 *   await mode.start(apps); // rejects with ServicesUnavailableError when control gives no service addresses
 */
import { join, resolve } from 'node:path';
import type { IncomingMessage, RequestListener } from 'node:http';
import type { HostAllowlist } from '../../hosts.js';
import { IdentityUnavailableError } from '../../identity.js';
import { type ProxiedBackend, proxiedPeer } from '../backend.js';
import { createAppServer } from '../http-server.js';
import type { LocalApiClient } from '../localapi.js';
import type { Status } from '../localapi-types.js';
import type { AppListenSpec, Identification, NodeHealth, ServedApp, TailnetMode } from '../mode.js';
import { WhoisResolver } from '../whois.js';
import { invalidatesWhois, listenBackend, type ManagedModeOptions, nodeOptions, resolveAuthKey } from './mode.js';
import { ManagedNode } from './node.js';
import { withHsts } from './serve-config.js';
import { advertiseServices, checkServicesVersion, serviceName } from './services.js';
import { findTailscaled, prepareNodeDirs, stopOrphan } from './tailscaled.js';

const TAILNET_PORTS = [80, 443];

interface ServiceApp {
  spec: AppListenSpec;
  service: string;
  backend: ProxiedBackend;
  whois: WhoisResolver;
  served: boolean;
  hosts?: HostAllowlist;
}

export class ServicesMode implements TailnetMode {
  readonly kind = 'managed' as const;
  private readonly apps = new Map<string, ServiceApp>();
  private host: ManagedNode | undefined;
  private addresses: Record<string, string[]> = {};
  private suffix = '';
  /** Decided at the first bring-up: HTTPS when the tailnet issues certificates. */
  private tls: boolean | undefined;

  constructor(private readonly o: ManagedModeOptions) {}

  async start(specs: AppListenSpec[]): Promise<void> {
    const t = this.o.config.tailnet;
    const env = this.o.env ?? process.env;
    const seen = new Set<string>();
    for (const s of specs) {
      if (seen.has(s.hostname)) throw new Error(`two apps use the service name "svc:${s.hostname}"; give each app its own apps.<id>.hostname`);
      seen.add(s.hostname);
    }
    try {
      const bin = findTailscaled(t.tailscaled, env.PATH);
      const authKey = await resolveAuthKey(this.o.config, env);
      const dirs = await prepareNodeDirs(resolve(t.stateDir ?? join(this.o.config.dataDir, 'tailscale')), t.servicesHost);
      const log = this.o.log.child({ node: t.servicesHost });
      await stopOrphan(dirs, log);
      const host = new ManagedNode(
        nodeOptions(t, {
          name: t.servicesHost,
          bin,
          dirs,
          log,
          authKey,
          onRunning: (client, status) => this.onRunning(client, status),
          onNotify: (n) => {
            if (invalidatesWhois(n)) for (const a of this.apps.values()) a.whois.flush();
          },
        }),
      );
      this.host = host;
      for (const spec of specs) {
        const backend = await listenBackend(spec, this.o.log.child({ app: spec.appId }));
        const service = serviceName(spec.hostname);
        const whois = new WhoisResolver(host.client, { cacheMs: t.whoisCacheMs, timeoutMs: 2000, service });
        this.apps.set(spec.appId, { spec, service, backend, whois, served: false });
      }
      await host.start();
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  /** After every (re)start: advertise the services, wait for their addresses, install their serve config. */
  private async onRunning(client: LocalApiClient, status: Status): Promise<void> {
    checkServicesVersion(status.Version);
    this.tls ??= status.CertDomains.length > 0;
    const services = [...this.apps.values()].map((a) => ({ service: a.service, backendPort: a.backend.port }));
    this.addresses = await advertiseServices(client, services, { timeoutMs: this.o.config.tailnet.serviceWaitMs, tls: this.tls });
    this.suffix = status.MagicDNSSuffix;
    for (const a of this.apps.values()) a.hosts?.set(this.names(a), TAILNET_PORTS);
    this.o.log.info({ services: this.addresses, https: this.tls }, 'serving every app as a Tailscale Service');
  }

  /** The service's short name, MagicDNS name and addresses. */
  private names(a: ServiceApp): string[] {
    return [a.spec.hostname, ...(this.suffix ? [`${a.spec.hostname}.${this.suffix}`] : []), ...(this.addresses[a.service] ?? [])];
  }

  async serve(spec: AppListenSpec, listener: RequestListener, hosts: HostAllowlist): Promise<ServedApp> {
    const a = this.entry(spec.appId);
    a.hosts = hosts;
    hosts.set(this.names(a), TAILNET_PORTS);
    a.backend.attach(createAppServer(this.tls ? withHsts(listener) : listener, this.o.log));
    a.served = true;
    return {
      urls: [`${this.baseUrl(spec.appId)}/`],
      ports: [a.backend.port],
      close: async (graceMs) => {
        a.served = false;
        await a.backend.close(graceMs);
      },
    };
  }

  isReady(appId: string): boolean {
    return !!this.apps.get(appId)?.served && !!this.host?.isReady;
  }

  async identify(appId: string, req: IncomingMessage): Promise<Identification> {
    const a = this.ready(appId);
    const peer = proxiedPeer(req.socket);
    if (!peer) throw new IdentityUnavailableError('the connection carried no PROXY source address');
    return a.whois.identify(peer);
  }

  async whoisAddr(appId: string, addr: string): Promise<Identification> {
    return this.ready(appId).whois.identify(addr);
  }

  /** `https://<name>.<tailnet suffix>` with certificates, `http://…` without. */
  baseUrl(appId: string): string | undefined {
    const a = this.apps.get(appId);
    if (!a) return undefined;
    return `${this.tls ? 'https' : 'http'}://${this.suffix ? `${a.spec.hostname}.${this.suffix}` : a.spec.hostname}`;
  }

  health(): Record<string, NodeHealth> {
    const node = this.host?.health() ?? { ready: false, state: 'Stopped' };
    return Object.fromEntries(
      [...this.apps.values()].map((a) => [a.spec.appId, { ...node, ready: node.ready && a.served, service: a.service, addresses: this.addresses[a.service] ?? [], https: !!this.tls }]),
    );
  }

  /** The one node behind every app (tests and the bench reach tailscaled through it). */
  node(appId: string): ManagedNode {
    this.entry(appId);
    return this.host as ManagedNode;
  }

  async close(): Promise<void> {
    await this.host?.close();
    await Promise.all([...this.apps.values()].map((a) => a.backend.close(0)));
    this.apps.clear();
  }

  private ready(appId: string): ServiceApp {
    const a = this.entry(appId);
    if (!this.host?.isReady) throw new IdentityUnavailableError(`the tailnet node "${this.o.config.tailnet.servicesHost}" is not running`);
    return a;
  }

  private entry(appId: string): ServiceApp {
    const a = this.apps.get(appId);
    if (!a) throw new Error(`app "${appId}" was not started in managed mode`);
    return a;
  }
}
