/**
 * Managed mode, the tsnet equivalent: each app gets its own tailnet node (one supervised
 * tailscaled per app hostname), its tailnet port 80 (and 443 with HTTPS) forwarded with a PROXY v2
 * header to the app's backend listener on 127.0.0.2, and every request identified by WhoIs on the
 * PROXY source against that app's own tailscaled.
 *
 * @example
 *   const mode = new ManagedMode({ config, log });
 *   await mode.start(apps);                 // all nodes Running (or a clear error)
 *   const served = await mode.serve(apps[0], listener);
 *   await mode.identify('links', req);      // { kind: 'caller', caller } | { kind: 'unknown', ... }
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, RequestListener } from 'node:http';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { PlatformConfig } from '../../config.js';
import { appListener, listenFailure } from '../../ports.js';
import type { HostAllowlist } from '../../hosts.js';
import { IdentityUnavailableError } from '../../identity.js';
import { ProxiedBackend, proxiedPeer } from '../backend.js';
import { createAppServer } from '../http-server.js';
import type { LocalApiClient } from '../localapi.js';
import type { Notify, Status } from '../localapi-types.js';
import type { AppListenSpec, Identification, NodeHealth, ServedApp, TailnetMode } from '../mode.js';
import { WhoisResolver } from '../whois.js';
import { ManagedNode, type ManagedNodeOptions } from './node.js';
import { buildServeConfig, installServeConfig, withHsts } from './serve-config.js';
import { findTailscaled, goRuntimeEnv, prepareNodeDirs, stopOrphan } from './tailscaled.js';

/** The tailnet ports tailscaled serves an app on (80, and 443 with certificates). */
const TAILNET_PORTS = [80, 443];

export interface ManagedModeOptions {
  config: PlatformConfig;
  log: Logger;
  /** Where `TS_AUTHKEY` and PATH are read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/** What changes over an app node's life: its names, whether it serves HTTPS, whether the app is attached. */
interface ServeState {
  fqdn: string;
  tls: boolean;
  served: boolean;
  /** Every name the node is reached by: short name, MagicDNS name, certificate names, tailnet IPs. */
  names: string[];
  /** The app's Host allowlist once it is served (kept current on every bring-up). */
  hosts?: HostAllowlist;
}

interface AppNode {
  spec: AppListenSpec;
  node: ManagedNode;
  backend: ProxiedBackend;
  whois: WhoisResolver;
  view: ServeState;
}

export class ManagedMode implements TailnetMode {
  readonly kind = 'managed' as const;
  private readonly apps = new Map<string, AppNode>();

  constructor(private readonly o: ManagedModeOptions) {}

  async start(specs: AppListenSpec[]): Promise<void> {
    const t = this.o.config.tailnet;
    const env = this.o.env ?? process.env;
    const bin = findTailscaled(t.tailscaled, env.PATH);
    const authKey = await resolveAuthKey(this.o.config, env);
    const root = resolve(t.stateDir ?? join(this.o.config.dataDir, 'tailscale'));
    const seen = new Set<string>();
    for (const s of specs) {
      if (seen.has(s.hostname)) throw new Error(`two apps use the tailnet hostname "${s.hostname}"; give each app its own apps.<id>.hostname`);
      seen.add(s.hostname);
    }
    try {
      for (const spec of specs) this.apps.set(spec.appId, await this.prepare(spec, bin, root, authKey));
      const results = await Promise.allSettled([...this.apps.values()].map((a) => a.node.start()));
      const failed = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
      if (failed.length) throw new Error(`cannot join the tailnet:\n  ${failed.join('\n  ')}`);
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  private async prepare(spec: AppListenSpec, bin: string, root: string, authKey: string | undefined): Promise<AppNode> {
    const log = this.o.log.child({ app: spec.appId });
    const dirs = await prepareNodeDirs(root, spec.hostname);
    await stopOrphan(dirs, log);
    const backend = await listenBackend(spec, log);
    const view: ServeState = { fqdn: spec.hostname, tls: false, served: false, names: [spec.hostname] };
    // Set once the node exists: WhoIs shares the node's LocalAPI client (and its connection pool).
    let whois: WhoisResolver | undefined;
    const node = new ManagedNode(
      nodeOptions(this.o.config.tailnet, {
        name: spec.hostname,
        bin,
        dirs,
        log,
        authKey,
        onRunning: (client, status) => this.onRunning(spec, backend.port, view, client, status),
        onNotify: (n) => {
          if (invalidatesWhois(n)) whois?.flush();
        },
      }),
    );
    whois = new WhoisResolver(node.client, { cacheMs: this.o.config.tailnet.whoisCacheMs, timeoutMs: 2000 });
    return { spec, node, backend, whois, view };
  }

  /** After every (re)start: install the serve config for the certificates the node has now. */
  private async onRunning(spec: AppListenSpec, backendPort: number, view: ServeState, client: LocalApiClient, status: Status): Promise<void> {
    const fqdn = (status.Self?.DNSName ?? '').replace(/\.$/, '') || spec.hostname;
    const tls = status.CertDomains.length > 0;
    // The HTTP server was built for one protocol (HSTS or not); a change after serving waits for a restart.
    if (view.served && tls !== view.tls) {
      this.o.log.warn({ app: spec.appId, tls }, "the node's HTTPS certificates changed since start-up; restart tailyard to switch protocols");
    }
    const useTls = view.served ? view.tls : tls;
    view.fqdn = useTls ? (status.CertDomains[0] ?? fqdn) : fqdn;
    view.tls = useTls;
    view.names = [spec.hostname, fqdn.split('.')[0] ?? '', fqdn, ...status.CertDomains, ...status.TailscaleIPs];
    view.hosts?.set(view.names, TAILNET_PORTS);
    await installServeConfig(client, buildServeConfig({ backendPort, fqdn: view.fqdn, tls: useTls, funnel: spec.funnel }));
    const url = `${useTls ? 'https' : 'http'}://${view.fqdn}/`;
    if (useTls) this.o.log.info({ app: spec.appId, url }, 'serving HTTPS with the tailnet certificate; port 80 redirects to it');
    else this.o.log.info({ app: spec.appId, url }, 'serving plain HTTP: the tailnet offers no HTTPS certificate for this node (enable HTTPS certificates in the tailnet to get them)');
    if (spec.funnel && !useTls) this.o.log.warn({ app: spec.appId }, 'funnel needs HTTPS certificates; the app is not on Funnel');
  }

  async serve(spec: AppListenSpec, listener: RequestListener, hosts: HostAllowlist): Promise<ServedApp> {
    const entry = this.entry(spec.appId);
    const { view } = entry;
    view.hosts = hosts;
    hosts.set(view.names, TAILNET_PORTS);
    const server = createAppServer(view.tls ? withHsts(listener) : listener, this.o.log);
    entry.backend.attach(server);
    view.served = true;
    const scheme = view.tls ? 'https' : 'http';
    return {
      urls: [...new Set([`${scheme}://${entry.spec.hostname}/`, `${scheme}://${view.fqdn}/`])],
      ports: [entry.backend.port],
      close: async (graceMs) => {
        view.served = false;
        await entry.backend.close(graceMs);
      },
    };
  }

  isReady(appId: string): boolean {
    const e = this.apps.get(appId);
    return !!e && e.view.served && e.node.isReady;
  }

  async identify(appId: string, req: IncomingMessage): Promise<Identification> {
    const e = this.entry(appId);
    if (!e.node.isReady) throw new IdentityUnavailableError(`the tailnet node "${e.spec.hostname}" is not running`);
    const peer = proxiedPeer(req.socket);
    if (!peer) throw new IdentityUnavailableError('the connection carried no PROXY source address');
    return e.whois.identify(peer);
  }

  async whoisAddr(appId: string, addr: string): Promise<Identification> {
    const e = this.entry(appId);
    if (!e.node.isReady) throw new IdentityUnavailableError(`the tailnet node "${e.spec.hostname}" is not running`);
    return e.whois.identify(addr);
  }

  /** `https://<fqdn>` with tailnet certificates, `http://<fqdn>` without. */
  baseUrl(appId: string): string | undefined {
    const e = this.apps.get(appId);
    return e?.view.served ? `${e.view.tls ? 'https' : 'http'}://${e.view.fqdn}` : undefined;
  }

  health(): Record<string, NodeHealth> {
    return Object.fromEntries(
      [...this.apps.values()].map((e) => [e.spec.appId, { ...e.node.health(), hostname: e.spec.hostname, fqdn: e.view.fqdn, https: e.view.tls }]),
    );
  }

  /** The supervised node behind an app (tests and the bench use it to reach tailscaled). */
  node(appId: string): ManagedNode {
    return this.entry(appId).node;
  }

  /** How often the app's WhoIs cache was flushed by an IPN-bus event (tests and the bench). */
  whoisFlushes(appId: string): number {
    return this.entry(appId).whois.flushes;
  }

  /** Connections the app's backend dropped for lacking a valid PROXY header. */
  rejectedConnections(appId: string): number {
    return this.entry(appId).backend.rejected;
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.apps.values()].map(async (e) => {
        await e.node.close();
        await e.backend.close(0);
      }),
    );
    this.apps.clear();
  }

  private entry(appId: string): AppNode {
    const e = this.apps.get(appId);
    if (!e) throw new Error(`app "${appId}" was not started in managed mode`);
    return e;
  }
}

/** Whether a bus message means the node's netmap or state changed (cached WhoIs answers are dropped). */
export function invalidatesWhois(n: Notify): boolean {
  return n.State != null || n.NetMap !== undefined || n.SelfChange !== undefined || n.PeerChanges !== undefined;
}

/** The supervised-node options every managed tailscaled gets from the `tailnet` config. */
export function nodeOptions(
  t: PlatformConfig['tailnet'],
  o: Pick<ManagedNodeOptions, 'name' | 'bin' | 'dirs' | 'log' | 'authKey' | 'onRunning' | 'onNotify'>,
): ManagedNodeOptions {
  return {
    ...o,
    env: { ...goRuntimeEnv(t), ...t.env },
    controlURL: t.controlURL,
    advertiseTags: t.advertiseTags,
    ephemeral: t.ephemeral,
    upTimeoutMs: t.upTimeoutMs,
  };
}

/** Binds an app's backend on 127.0.0.2; the error names the setting to change. */
export function listenBackend(spec: AppListenSpec, log: Logger): Promise<ProxiedBackend> {
  return ProxiedBackend.listen({ port: spec.backendPort, log }).catch((err: Error) => {
    const failure = listenFailure(err, appListener(spec.appId, 'managed'), `127.0.0.2:${spec.backendPort}`);
    throw failure === err ? new Error(`app "${spec.appId}": cannot listen on 127.0.0.2:${spec.backendPort} (serve.${spec.appId}.backendPort): ${err.message}`) : failure;
  });
}

/** `tailnet.authKey`, else the contents of `tailnet.authKeyFile`, else `TS_AUTHKEY`; undefined if none. */
export async function resolveAuthKey(config: PlatformConfig, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const t = config.tailnet;
  if (t.authKey) return t.authKey;
  if (t.authKeyFile) {
    try {
      const key = (await readFile(t.authKeyFile, 'utf8')).trim();
      if (key) return key;
    } catch (err) {
      throw new Error(`cannot read tailnet.authKeyFile ${t.authKeyFile}: ${(err as Error).message}`);
    }
    throw new Error(`tailnet.authKeyFile ${t.authKeyFile} is empty`);
  }
  return env.TS_AUTHKEY || undefined;
}
