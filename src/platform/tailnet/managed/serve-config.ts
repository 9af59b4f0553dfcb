/**
 * The serve config each app's tailscaled runs with, and the HSTS header that goes with HTTPS.
 *
 * Without certificates (Headscale, or a tailnet without HTTPS): tailnet port 80 is forwarded as raw
 * TCP with a PROXY v2 header to the app's backend on 127.0.0.2. With certificates (`CertDomains`
 * non-empty): port 443 is forwarded the same way after tailscaled terminates TLS with the tailnet
 * certificate, and port 80 answers with a permanent redirect to `https://<fqdn>` keeping path and
 * query (tailscaled's own Redirect handler), so plain HTTP never reaches the app.
 *
 * @example
 *   buildServeConfig({ backendPort: 18080, fqdn: 'go.tail1234.ts.net', tls: true, funnel: false })
 *   // { TCP: { '80': { HTTP: true }, '443': { TCPForward: '127.0.0.2:18080', TerminateTLS: 'go.tail1234.ts.net', ProxyProtocol: 2 } },
 *   //   Web: { 'go.tail1234.ts.net:80': { Handlers: { '/': { Redirect: '301:https://go.tail1234.ts.net${REQUEST_URI}' } } } } }
 */
import type { RequestListener } from 'node:http';
import { isIP } from 'node:net';
import { BACKEND_HOST } from '../backend.js';
import type { LocalApiClient } from '../localapi.js';
import type { ServeConfig } from '../localapi-types.js';

export interface ServeSpec {
  backendPort: number;
  /** The node's MagicDNS name without the trailing dot. */
  fqdn: string;
  /** True when the tailnet issues certificates for this node (`status.CertDomains` non-empty). */
  tls: boolean;
  funnel: boolean;
}

export function buildServeConfig(s: ServeSpec): ServeConfig {
  const forward = { TCPForward: `${BACKEND_HOST}:${s.backendPort}`, ProxyProtocol: 2 };
  if (!s.tls) return { TCP: { '80': forward } };
  return {
    TCP: { '80': { HTTP: true }, '443': { ...forward, TerminateTLS: s.fqdn } },
    Web: { [`${s.fqdn}:80`]: { Handlers: { '/': { Redirect: `301:https://${s.fqdn}\${REQUEST_URI}` } } } },
    ...(s.funnel ? { AllowFunnel: { [`${s.fqdn}:443`]: true } } : {}),
  };
}

/**
 * Replaces the node's serve config. It is cleared first because tailscaled refuses to change a
 * port's handler type in place (e.g. TCP to HTTP when certificates appear).
 */
export async function installServeConfig(client: LocalApiClient, config: ServeConfig): Promise<void> {
  await client.setServeConfig({});
  await client.setServeConfig(config);
}

export const HSTS_VALUE = 'max-age=31536000';

/**
 * Adds `Strict-Transport-Security` to every response whose Host is a DNS name with a dot (the
 * FQDN the certificate is for; browsers ignore HSTS on bare hosts and IPs anyway). Use it only when
 * the backend receives HTTPS traffic exclusively, i.e. when `buildServeConfig` ran with `tls: true`.
 *
 * @example createAppServer(withHsts(listener), log)
 */
export function withHsts(listener: RequestListener): RequestListener {
  return (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (host.includes('.') && isIP(host) === 0) res.setHeader('Strict-Transport-Security', HSTS_VALUE);
    listener(req, res);
  };
}
