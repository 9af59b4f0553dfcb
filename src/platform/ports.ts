/**
 * Addresses the configuration gives two listeners at once. Each mode listens somewhere else: dev
 * mode on `serve.<id>.devHost:devPort`, host mode on the machine's tailnet addresses at
 * `hostPort`, managed mode on 127.0.0.2 at `backendPort` behind a tailnet name of its own
 * (`serve.<id>.hostname`: a node, or a service), and the admin listener on `admin.listen`. Two
 * on one port would fail at start-up with a bare EADDRINUSE (or, on port 0, never); two nodes
 * asking for one name would get `go` and `go-1` from the tailnet. This names both, where each
 * came from (a plugin's file, or built in), and the key to change. Port 0 (pick a free one)
 * never clashes.
 *
 * What the configuration cannot know (another program on the port, a port below 1024 without
 * the right to bind it) surfaces when a listener binds: `listenFailure` turns that error into one
 * naming the listener, the address, the cause in words and the key (and flag) to change.
 *
 * @example
 *   portClashes(config, { notes: '/srv/notes.mjs' })
 *   // ['app "notes" (/srv/notes.mjs) wants dev port 8080 on 127.0.0.1, which app "links" (built in) already has; set serve.notes.devPort (or --notes-port) to a free port']
 */
import { ConfigError, type LoadedConfig, type ResolvedApp } from './config.js';

type Mode = LoadedConfig['platform']['mode'];

interface Claim {
  /** What is claimed, normalised: `host:port`, or `name:<hostname>`. */
  address: string;
  who: string;
  what: string;
  /** The change that ends the clash. */
  fix: string;
}

/** The key that sets app `id`'s port in `mode` (`serve.notes.devPort`). */
export function portSetting(id: string, mode: Mode): string {
  return `serve.${id}.${{ dev: 'devPort', host: 'hostPort', managed: 'backendPort' }[mode]}`;
}

const loopbackName = (host: string) => (host === 'localhost' ? '127.0.0.1' : host.replace(/^\[|\]$/g, ''));

function appClaims(app: ResolvedApp, mode: Mode, source: string): Claim[] {
  const id = app.def.id;
  const who = `app "${id}" (${source})`;
  const freePort = `set ${portSetting(id, mode)}${mode === 'dev' ? ` (or --${id}-port)` : ''} to a free port`;
  if (mode === 'dev') {
    return app.devPort === 0 ? [] : [{ address: `${loopbackName(app.devHost)}:${app.devPort}`, who, what: `dev port ${app.devPort} on ${app.devHost}`, fix: freePort }];
  }
  if (mode === 'host') return app.hostPort === 0 ? [] : [{ address: `tailnet:${app.hostPort}`, who, what: `host port ${app.hostPort}`, fix: freePort }];
  const name: Claim = { address: `name:${app.hostname}`, who, what: `the tailnet name "${app.hostname}"`, fix: `set serve.${id}.hostname to another name` };
  if (app.backendPort === 0) return [name];
  return [name, { address: `127.0.0.2:${app.backendPort}`, who, what: `backend port ${app.backendPort} on 127.0.0.2`, fix: freePort }];
}

function adminClaim(config: LoadedConfig): Claim[] {
  const { admin } = config.platform;
  if (!admin.enabled || !admin.listen) return [];
  const idx = admin.listen.lastIndexOf(':');
  const port = Number(admin.listen.slice(idx + 1));
  if (port === 0) return [];
  return [{ address: `${loopbackName(admin.listen.slice(0, idx))}:${port}`, who: 'the admin listener', what: admin.listen, fix: 'set admin.listen to a free port' }];
}

/**
 * One message per claim an earlier one (the admin listener first, then the enabled apps in
 * start-up order) already has. `sources` maps a plugin's app id to its file.
 */
export function portClashes(config: LoadedConfig, sources: Readonly<Record<string, string>> = {}): string[] {
  const { mode } = config.platform;
  const claims = [...adminClaim(config), ...config.apps.flatMap((a) => appClaims(a, mode, sources[a.def.id] ?? 'built in'))];
  const taken = new Map<string, Claim>();
  const problems: string[] = [];
  for (const claim of claims) {
    const first = taken.get(claim.address);
    if (first) problems.push(`${claim.who} wants ${claim.what}, which ${first.who} already has; ${claim.fix}`);
    else taken.set(claim.address, claim);
  }
  return problems;
}

/**
 * Throws a `ConfigError` listing every clash (see {@link portClashes}).
 *
 * @example checkPorts(resolveConfig(raw, apps), { notes: '/srv/notes.mjs' });
 */
export function checkPorts(config: LoadedConfig, sources: Readonly<Record<string, string>> = {}): void {
  const clashes = portClashes(config, sources);
  if (clashes.length) throw new ConfigError(`invalid configuration:\n${clashes.map((c) => `  ${c}`).join('\n')}`);
}

/** A listener, for a bind error's message: who it is and the setting (and flag) that moves it. */
export interface ListenerSetting {
  who: string;
  key: string;
  flag?: string;
}

/** The setting that moves app `id`'s listener in `mode`, and its flag in dev mode. */
export function appListener(id: string, mode: Mode, source = 'built in'): ListenerSetting {
  return { who: `app "${id}" (${source})`, key: portSetting(id, mode), flag: mode === 'dev' ? `--${id}-port` : undefined };
}

/** Bind errors in words, with what to do; other codes keep Node's message. */
const BIND_CAUSES: Record<string, (change: string) => string> = {
  EADDRINUSE: (change) => `the address is in use (another program, or another tailyard, listens there); ${change} to a free port, or stop that program`,
  EACCES: (change) => `permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE); ${change} to a port from 1024 up`,
  EADDRNOTAVAIL: (change) => `the address is not one of this machine's; ${change}`,
};

/**
 * A `ConfigError` for a listener that could not bind (in use, not allowed, no such address), or
 * `err` itself for any other failure. The address is the one the error names, else `address`.
 *
 * @example
 *   await listenOn(server, host, port).catch((err) => { throw listenFailure(err, appListener('links', 'dev')); });
 *   // app "links" (built in) cannot listen on 127.0.0.1:8080: the address is in use (…); set serve.links.devPort (or --links-port) to a free port, or stop that program
 */
export function listenFailure(err: unknown, listener: ListenerSetting, address?: string): unknown {
  const e = err as (NodeJS.ErrnoException & { address?: string; port?: number }) | undefined;
  const cause = BIND_CAUSES[e?.code ?? ''];
  if (!cause) return err;
  if (e?.address !== undefined && e.port !== undefined) address = `${e.address.includes(':') ? `[${e.address}]` : e.address}:${e.port}`;
  const change = `set ${listener.key}${listener.flag ? ` (or ${listener.flag})` : ''}`;
  return new ConfigError(`${listener.who} cannot listen on ${address}: ${cause(change)}`);
}
