/**
 * The `services` layout of managed mode: one tailscaled advertises every app as a Tailscale
 * Service (`svc:go`, `svc:paste`, …) instead of running a node per app (reference platform.md
 * §1.c, §2.2, §5). Each service's tailnet port 80 (443 with certificates) is forwarded with a
 * PROXY v2 header to the app's own backend on 127.0.0.2, exactly as a node per app would be, so
 * the backend port tells which app (and service) a connection is for; WhoIs is asked with
 * `svc_name` so the caller's grants are those towards the service.
 *
 * What the node must do, in order, on every bring-up: advertise the services in its prefs
 * (`AdvertiseServices`), wait until control has given every service its addresses (the
 * `service-host` node capability in the netmap), then install the serve config with a
 * `Services["svc:name"]` entry per app. Headscale has no Services, so there the wait ends in a
 * ServicesUnavailableError that says so.
 *
 * @example
 *   const addrs = await advertiseServices(client, [{ service: 'svc:go', backendPort: 18080 }], { timeoutMs: 30_000 });
 *   addrs['svc:go'] // ['100.100.1.2', 'fd7a:115c:a1e0::1:2']
 */
import { BACKEND_HOST } from '../backend.js';
import type { LocalApiClient } from '../localapi.js';
import type { ServeConfig, Status } from '../localapi-types.js';

/** The first release whose WhoIs takes `svc_name` (v1.98.10 has none; v1.100.0 has it). */
export const SERVICES_MIN_VERSION = [1, 100] as const;

/** The node capability whose value maps each service to its addresses (`tailcfg.NodeAttrServiceHost`). */
export const SERVICE_HOST_CAP = 'service-host';

export class ServicesUnavailableError extends Error {
  override name = 'ServicesUnavailableError';
}

/** `go` → `svc:go`. */
export function serviceName(hostname: string): string {
  return `svc:${hostname}`;
}

/** The prefs patch that makes the node advertise the services (`PATCH /localapi/v0/prefs`). */
export function servicesPrefs(services: readonly string[]): Record<string, unknown> {
  return { AdvertiseServices: [...services], AdvertiseServicesSet: true };
}

export interface ServedService {
  /** `svc:go`. */
  service: string;
  backendPort: number;
}

/**
 * The serve config for every service: tailnet port 80 forwarded raw with a PROXY v2 header; with
 * certificates, 443 forwarded after tailscaled terminates TLS for `<name>.<suffix>` and 80
 * redirecting to it (as `buildServeConfig` does for a node of its own).
 *
 * @example buildServicesServeConfig([{ service: 'svc:go', backendPort: 18080 }], { tls: false, suffix: 'ts.net' })
 *   // { Services: { 'svc:go': { TCP: { '80': { TCPForward: '127.0.0.2:18080', ProxyProtocol: 2 } } } } }
 */
export function buildServicesServeConfig(services: readonly ServedService[], o: { tls: boolean; suffix: string }): ServeConfig {
  const entries = services.map(({ service, backendPort }) => {
    const forward = { TCPForward: `${BACKEND_HOST}:${backendPort}`, ProxyProtocol: 2 };
    if (!o.tls) return [service, { TCP: { '80': forward } }] as const;
    const fqdn = `${service.slice('svc:'.length)}.${o.suffix}`;
    return [
      service,
      {
        TCP: { '80': { HTTP: true }, '443': { ...forward, TerminateTLS: fqdn } },
        Web: { [`${fqdn}:80`]: { Handlers: { '/': { Redirect: `301:https://${fqdn}\${REQUEST_URI}` } } } },
      },
    ] as const;
  });
  return { Services: Object.fromEntries(entries) };
}

/** Each service's addresses as the netmap gives them (Self's `service-host` capability). */
export function serviceAddresses(status: Status): Record<string, string[]> {
  const values = status.Self?.CapMap?.[SERVICE_HOST_CAP] ?? [];
  const out: Record<string, string[]> = {};
  for (const v of values) {
    if (typeof v !== 'object' || v === null) continue;
    for (const [name, ips] of Object.entries(v)) {
      if (Array.isArray(ips)) out[name] = ips.filter((ip): ip is string => typeof ip === 'string');
    }
  }
  return out;
}

/** Throws unless tailscaled is recent enough to answer WhoIs per service. */
export function checkServicesVersion(version: string): void {
  const [major = 0, minor = 0] = version.split(/[.-]/).map(Number);
  const [wantMajor, wantMinor] = SERVICES_MIN_VERSION;
  if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return;
  throw new ServicesUnavailableError(
    `the services layout needs tailscaled ${wantMajor}.${wantMinor} or newer (its WhoIs must take svc_name, so that grants towards each service are seen), but this one is ${version || 'of an unknown version'}; update tailscaled or use tailnet.layout "node-per-app"`,
  );
}

export interface AdvertiseOptions {
  /** How long control may take to give every service its addresses. */
  timeoutMs: number;
  pollMs?: number;
  signal?: AbortSignal;
  tls?: boolean;
}

/**
 * Advertises the services, waits for their addresses, and installs their serve config (cleared
 * first: tailscaled refuses to change a port's handler type in place). Resolves with each
 * service's addresses; rejects with ServicesUnavailableError when some never arrive.
 */
export async function advertiseServices(client: LocalApiClient, services: readonly ServedService[], o: AdvertiseOptions): Promise<Record<string, string[]>> {
  const names = services.map((s) => s.service);
  await client.patchPrefs(servicesPrefs(names), { signal: o.signal });
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const status = await client.status({ peers: false, signal: o.signal });
    const addrs = serviceAddresses(status);
    const missing = names.filter((n) => !addrs[n]?.length);
    if (missing.length === 0) {
      await client.setServeConfig({}, { signal: o.signal });
      await client.setServeConfig(buildServicesServeConfig(services, { tls: o.tls ?? false, suffix: status.MagicDNSSuffix }), { signal: o.signal });
      return addrs;
    }
    if (Date.now() >= deadline) {
      throw new ServicesUnavailableError(
        `no address for ${missing.join(', ')} reached this node's netmap within ${o.timeoutMs / 1000} s. ` +
          'Tailscale Services need a control server that has them (Tailscale\'s; Headscale has none), a tagged node ' +
          '(tailnet.advertiseTags), and each service defined and this host approved for it in the admin console. ' +
          'Use tailnet.layout "node-per-app" (the default) where Services are not available',
      );
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 250));
  }
}
