/**
 * The Host allowlist: each app answers only to the names it is meant to be reached by.
 *
 * Why: a page on an attacker's domain whose name re-resolves to the app's address (127.0.0.1 in
 * dev mode, the app's tailnet IP otherwise) is same-origin with the app as far as the browser is
 * concerned (DNS rebinding), so cross-origin checks pass and the visitor's identity is used. The
 * browser still sends the attacker's name in `Host`, so refusing unknown names closes it. The
 * check runs on node's request, before identity, routing or logging, for every app alike.
 *
 * The tailnet layer fills in the names it knows (dev: loopback names and the app's hostname;
 * managed: the node's short name, FQDN and tailnet IPs; host: the machine's), each accepted bare
 * and with the ports the app is reached on; `serve.<id>.extraHosts` adds names for reverse proxies.
 * The 421 goes through the error renderer when the platform gives one (an HTML page for browsers).
 *
 * @example
 *   const hosts = new HostAllowlist(['go.example.com']);
 *   hosts.set(['127.0.0.1', 'localhost', '[::1]', 'go'], [8080]);
 *   hosts.allows('localhost:8080'); // true
 *   hosts.allows('evil.example:8080'); // false → 421
 */
import type { RequestListener } from 'node:http';
import type { AppFailure } from './errors.js';

export class HostAllowlist {
  private allowed = new Set<string>();
  private names: string[] = [];

  /** `extra` names are kept across `set` calls (e.g. a reverse proxy's public name). */
  constructor(private readonly extra: readonly string[] = []) {
    this.set([], []);
  }

  /**
   * Replaces the names the tailnet layer knows. Each name (a DNS name, an IPv4 address, or an
   * IPv6 address with or without brackets) is accepted bare and as `name:port` for every port.
   */
  set(names: readonly string[], ports: readonly number[]): void {
    const all = [...new Set([...names, ...this.extra].map(normalizeName).filter(Boolean))];
    const allowed = new Set<string>();
    for (const name of all) {
      allowed.add(name);
      for (const port of ports) allowed.add(`${name}:${port}`);
    }
    // An extra entry may name its port itself ("proxy.example:8443").
    for (const e of this.extra) allowed.add(normalizeHost(e));
    this.allowed = allowed;
    this.names = all;
  }

  /** Whether a request with this `Host` header is for this app. */
  allows(host: string | undefined): boolean {
    // Clients send a name as it was set (lower case, no trailing dot): one lookup, no new string.
    return host !== undefined && (this.allowed.has(host) || this.allowed.has(normalizeHost(host)));
  }

  /** The accepted names, for error messages. */
  describe(): string {
    return this.names.join(', ') || '(none yet)';
  }
}

/** Lower-cases a name, drops a trailing dot, and brackets a bare IPv6 address. */
function normalizeName(name: string): string {
  const n = name.trim().toLowerCase().replace(/\.$/, '');
  return n.includes(':') && !n.startsWith('[') ? `[${n}]` : n;
}

/** Lower-cases a `Host` value and drops the trailing dot of its name (`go.ts.net.:80` → `go.ts.net:80`). */
function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.(?=:\d+$|$)/, '');
}

export interface HostGuardOptions {
  /** How to add a name, appended to the 421 message (e.g. "add it to serve.links.extraHosts"). */
  hint?: string;
  /** Counts refusals (for metrics). */
  onRefused?: () => void;
  /** Renders the refusal for the request's `Accept` (default: the plain-text message). */
  render?: (accept: string | undefined, failure: AppFailure) => { type: string; body: string };
}

/**
 * Wraps a node listener: requests whose `Host` the allowlist does not accept get 421 Misdirected
 * Request naming the expected hosts, and never reach the app.
 *
 * @example createAppServer(hostGuard(hosts, listener, { hint: 'add it to serve.links.extraHosts' }), log)
 */
export function hostGuard(hosts: HostAllowlist, listener: RequestListener, o: HostGuardOptions = {}): RequestListener {
  return (req, res) => {
    if (hosts.allows(req.headers.host)) {
      listener(req, res);
      return;
    }
    o.onRefused?.();
    const message = `misdirected request: this server answers only to ${hosts.describe()}${o.hint ? `; ${o.hint}` : ''}`;
    const { type, body } = o.render?.(req.headers.accept, { status: 421, code: 'misdirected', message }) ?? { type: 'text/plain; charset=utf-8', body: `${message}\n` };
    res.writeHead(421, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  };
}
