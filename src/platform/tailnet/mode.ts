/**
 * The one interface behind the three tailnet modes (dev, managed, host).
 *
 * A mode decides where each app listens and who is calling. The platform gives it a node
 * `RequestListener` per app (hono behind the shared middleware) and asks it, per request, for the
 * caller. Everything mode-specific (loopback guard, tailscaled supervision, PROXY protocol, WhoIs)
 * stays behind this interface.
 */
import type { IncomingMessage, RequestListener } from 'node:http';
import type { HostAllowlist } from '../hosts.js';
import type { Caller } from '../identity.js';

/** Where and how one app is served. */
export interface AppListenSpec {
  appId: string;
  /** The tailnet hostname (managed mode), e.g. `go`. */
  hostname: string;
  /** Dev mode listen address (must be loopback) and port. */
  devHost: string;
  devPort: number;
  /** Host mode: the port on the machine's tailnet addresses. */
  hostPort: number;
  /** Managed mode: the backend port on 127.0.0.2 that tailscaled forwards to. */
  backendPort: number;
  /** Whether the app is exposed on Funnel (its public paths then admit anonymous callers). */
  funnel: boolean;
}

export interface ServedApp {
  /** URLs users reach the app at, for the start-up banner. */
  urls: string[];
  /** The local ports its listeners are bound to (the data-directory lock records them). */
  ports: number[];
  /** Stops accepting, lets in-flight requests finish within `graceMs`, then closes the rest. */
  close(graceMs: number): Promise<void>;
}

/** Per-node state for `/healthz`. */
export interface NodeHealth {
  ready: boolean;
  state: string;
  lastError?: string;
  [extra: string]: unknown;
}

/**
 * The result of identifying a request: a caller, or `unknown` when the peer is not a tailnet node
 * (WhoIs 404; anonymous on Funnel paths, 403 elsewhere). Throws `IdentityUnavailableError` when
 * identity cannot be established at all (503).
 */
export type Identification = { kind: 'caller'; caller: Caller } | { kind: 'unknown'; remoteAddr: string };

export interface TailnetMode {
  readonly kind: 'dev' | 'managed' | 'host';
  /** Joins the tailnet (brings nodes up) before any app is served. Dev mode does nothing. */
  start(apps: AppListenSpec[]): Promise<void>;
  /**
   * Starts serving one app. The mode fills `hosts` with the names the app is reached by (and
   * keeps it current); the platform has already wrapped `listener` with the Host check.
   */
  serve(app: AppListenSpec, listener: RequestListener, hosts: HostAllowlist): Promise<ServedApp>;
  /** False while the app's node is down (its requests then get 503). */
  isReady(appId: string): boolean;
  identify(appId: string, req: IncomingMessage): Promise<Identification>;
  /**
   * WhoIs on a tailnet address (`ip` or `ip:port`) through the app's node, with `identify`'s
   * outcomes; for apps that must look a user up outside a request from them (the idp re-checks
   * the user's node when a relying party refreshes a token). Optional for stand-in modes.
   */
  whoisAddr?(appId: string, addr: string): Promise<Identification>;
  /** The app's canonical base URL (no trailing slash), e.g. `https://idp.tail1234.ts.net`, once served. */
  baseUrl?(appId: string): string | undefined;
  health(): Record<string, NodeHealth>;
  /** Stops nodes (and logs out ephemeral ones). Called after every app is closed. */
  close(): Promise<void>;
}
