/**
 * The absolute URL printed for a new paste. tclip prints `https://<MagicDNS name>/paste/<id>`
 * (`http://` when HTTPS is off) whatever name the client used, so a link pasted from the CLI
 * works for everyone on the tailnet (and, on Funnel, on the internet). Here the platform reports
 * where the app is served; this module picks the URL people should share:
 *
 * - managed mode: the node's MagicDNS name, `https://` when the tailnet issues certificates;
 * - dev mode: the loopback address, e.g. `http://127.0.0.1:8081`;
 * - host mode: the first address the app listens on.
 *
 * @example
 *   shareOrigin(['https://paste/', 'https://paste.tail1234.ts.net/']) // 'https://paste.tail1234.ts.net'
 */
import { isIP } from 'node:net';

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
}

/** A MagicDNS (or any fully qualified) name, as opposed to a short name or an address. */
function isQualifiedName(host: string): boolean {
  return host.includes('.') && isIP(host) === 0;
}

/**
 * Picks the origin (no trailing slash) to build paste URLs on from the URLs the app is served
 * at: an HTTPS qualified name first, then any qualified name, then the first URL. `fallback`
 * (e.g. from the request) is used when there are none yet.
 */
export function shareOrigin(urls: readonly string[], fallback = 'http://paste'): string {
  const qualified = urls.filter((u) => isQualifiedName(hostOf(u)));
  const best = qualified.find((u) => u.startsWith('https://')) ?? qualified[0] ?? urls[0];
  return (best ?? fallback).replace(/\/+$/, '');
}
