/**
 * Listening addresses the configuration gives two listeners at once. Each mode listens somewhere
 * else: dev mode on `serve.<id>.devHost:devPort`, host mode on the machine's tailnet addresses
 * at `hostPort`, managed mode on 127.0.0.2 at `backendPort` (the tailnet ports are each node's
 * own), and the admin listener on `admin.listen`. Two of them on one address would fail at
 * start-up with a bare EADDRINUSE (or, on port 0, never): this names both, where each came from
 * (a plugin's file, or built in), and the key to change. Port 0 (pick a free one) never clashes.
 *
 * @example
 *   portClashes(config, { notes: '/srv/notes.mjs' })
 *   // ['app "notes" (/srv/notes.mjs) wants dev port 8080 on 127.0.0.1, which app "links" (built in) already has; set serve.notes.devPort (or --notes-port) to a free port']
 */
import type { LoadedConfig, ResolvedApp } from './config.js';

interface Claim {
  /** `host:port`, normalised. */
  address: string;
  who: string;
  what: string;
  fix?: string;
}

/** The key that sets app `id`'s port in `mode` (`serve.notes.devPort`). */
export function portSetting(id: string, mode: LoadedConfig['platform']['mode']): string {
  return `serve.${id}.${{ dev: 'devPort', host: 'hostPort', managed: 'backendPort' }[mode]}`;
}

const loopbackName = (host: string) => (host === 'localhost' ? '127.0.0.1' : host.replace(/^\[|\]$/g, ''));

function appClaim(app: ResolvedApp, mode: LoadedConfig['platform']['mode'], source: string): Claim | undefined {
  const id = app.def.id;
  const who = `app "${id}" (${source})`;
  if (mode === 'dev') {
    if (app.devPort === 0) return undefined;
    return { address: `${loopbackName(app.devHost)}:${app.devPort}`, who, what: `dev port ${app.devPort} on ${app.devHost}`, fix: `${portSetting(id, mode)} (or --${id}-port)` };
  }
  if (mode === 'host') {
    if (app.hostPort === 0) return undefined;
    return { address: `tailnet:${app.hostPort}`, who, what: `host port ${app.hostPort}`, fix: portSetting(id, mode) };
  }
  if (app.backendPort === 0) return undefined;
  return { address: `127.0.0.2:${app.backendPort}`, who, what: `backend port ${app.backendPort} on 127.0.0.2`, fix: portSetting(id, mode) };
}

function adminClaim(config: LoadedConfig): Claim | undefined {
  const { admin } = config.platform;
  if (!admin.enabled || !admin.listen) return undefined;
  const idx = admin.listen.lastIndexOf(':');
  const port = Number(admin.listen.slice(idx + 1));
  if (port === 0) return undefined;
  return { address: `${loopbackName(admin.listen.slice(0, idx))}:${port}`, who: 'the admin listener', what: admin.listen, fix: 'admin.listen' };
}

/**
 * One message per listener whose address an earlier one (the admin listener first, then the
 * enabled apps in start-up order) already has. `sources` maps a plugin's app id to its file.
 */
export function portClashes(config: LoadedConfig, sources: Readonly<Record<string, string>> = {}): string[] {
  const claims = [adminClaim(config), ...config.apps.map((a) => appClaim(a, config.platform.mode, sources[a.def.id] ?? 'built in'))];
  const taken = new Map<string, Claim>();
  const problems: string[] = [];
  for (const claim of claims) {
    if (!claim) continue;
    const first = taken.get(claim.address);
    if (!first) {
      taken.set(claim.address, claim);
      continue;
    }
    problems.push(`${claim.who} wants ${claim.what}, which ${first.who} already has; set ${claim.fix} to a free port`);
  }
  return problems;
}
