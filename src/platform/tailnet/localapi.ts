/**
 * A small client for tailscaled's LocalAPI (HTTP over its unix socket).
 *
 * Why in-house and not the `tslocal` npm package: tslocal needs Node >= 22 (it relies on
 * `JSON.rawJSON` and the JSON.parse source-text reviver); on Node 20 every write that contains one of
 * its BigInt-typed integers throws, so get-then-set of a serve config with `ProxyProtocol` crashes.
 * It also has no `start`, `login-interactive`, prefs, `logout`, streaming `watch-ipn-bus` or `dial`,
 * and no timeouts. This client is built on `node:http` with `socketPath`, always sends
 * `Host: local-tailscaled.sock` (tailscaled answers 403 to any other Host), bounds every call with a
 * timeout and an optional AbortSignal, and validates responses (zod, and a hand-checked decoder
 * for WhoIs, the one call on the request path; plain numbers for IDs, unknown fields tolerated).
 *
 * @example
 *   const lc = new LocalApiClient({ socketPath: '/run/tailyard/go/tailscaled.sock' });
 *   const st = await lc.status();
 *   for await (const n of lc.watchIpnBus(NotifyMask.InitialState, { signal })) if (n.State === 6) break;
 */
import { request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { type Dispatcher, Pool } from 'undici';
import type { z } from 'zod';
import {
  NotifySchema,
  PrefsSchema,
  StatusSchema,
  type MaskedPrefs,
  type Notify,
  type Prefs,
  type ServeConfig,
  type StartOptions,
  type Status,
} from './localapi-types.js';
import { decodeWhoIs, type WhoIs, WhoIsShapeError } from './whois-decode.js';

/** The Host header tailscaled insists on (`apitype.LocalAPIHost`). */
export const LOCALAPI_HOST = 'local-tailscaled.sock';

/** A LocalAPI call failed: transport error, timeout, or a non-2xx status (then `status` is set). */
export class LocalApiError extends Error {
  override name = 'LocalApiError';
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** WhoIs found no node for the address (404): not a tailnet peer. */
export class PeerNotFoundError extends LocalApiError {
  override name = 'PeerNotFoundError';
}

/** Nothing is listening on the socket (ENOENT / ECONNREFUSED): tailscaled is not running (yet). */
export class DaemonNotRunningError extends LocalApiError {
  override name = 'DaemonNotRunningError';
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's default timeout (ms). */
  timeoutMs?: number;
}

export interface LocalApiClientOptions {
  socketPath: string;
  /** Default per-call timeout (ms); 10 s unless set. */
  timeoutMs?: number;
  /** Most keep-alive connections the request/response calls keep open at once (default 16). */
  maxSockets?: number;
}

/** How long an idle keep-alive connection to the LocalAPI is kept (ms). */
const IDLE_SOCKET_MS = 15_000;

type Headers = Record<string, string>;
const NO_HEADERS: Headers = Object.freeze({}) as Headers;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class LocalApiClient {
  readonly socketPath: string;
  private readonly timeoutMs: number;
  /**
   * Request/response calls (WhoIs on every identity miss) share a bounded pool of keep-alive
   * connections of their own, driven by undici: on the WhoIs miss path it costs about a third
   * less CPU per call than node:http (measured by `npm run bench -- tailnet-whois`), and the bound
   * caps what a burst of misses can open against tailscaled. The IPN-bus stream and `dial` take
   * connections of their own (node:http), which never return to the pool.
   */
  private readonly pool: Pool;

  constructor(opts: LocalApiClientOptions) {
    this.socketPath = opts.socketPath;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    // The origin's host is the Host header tailscaled insists on.
    // error-events: undici's Pool emits no 'error': failures reach each request's promise.
    this.pool = new Pool(`http://${LOCALAPI_HOST}`, {
      socketPath: opts.socketPath,
      connections: opts.maxSockets ?? 16,
      keepAliveTimeout: IDLE_SOCKET_MS,
      keepAliveMaxTimeout: IDLE_SOCKET_MS,
    });
  }

  /** Closes the pooled connections (calls in flight fail). */
  async close(): Promise<void> {
    await this.pool.destroy();
  }

  /** `GET status`; `peers: false` skips the peer list (cheaper on big tailnets). */
  async status(opts: CallOptions & { peers?: boolean } = {}): Promise<Status> {
    const q = opts.peers === false ? '?peers=false' : '';
    return this.json('GET', `status${q}`, StatusSchema, undefined, opts);
  }

  /**
   * Who is behind `addr` (`ip` or `ip:port`, IPv6 as `[v6]:port`); with `service`, the grants are
   * those towards that Tailscale Service (tailscaled >= 1.100). Throws PeerNotFoundError when
   * tailscaled knows no such node.
   */
  async whois(addr: string, opts: CallOptions & { service?: string } = {}): Promise<WhoIs> {
    // With a Tailscale Service (`svc:name`), CapMap holds the grants the caller has to that service.
    const svc = opts.service ? `&svc_name=${encodeURIComponent(opts.service)}` : '';
    const res = await this.raw('GET', `whois?addr=${encodeURIComponent(addr)}${svc}`, undefined, NO_HEADERS, opts);
    if (res.status === 404) throw new PeerNotFoundError(`whois ${addr}: no such tailnet peer`, 404);
    try {
      return decodeWhoIs(checkOk(res, 'whois'));
    } catch (err) {
      if (err instanceof WhoIsShapeError) throw new LocalApiError(`whois: ${err.message}`);
      throw err;
    }
  }

  /** `POST start`: sets prefs (all but Persist) and, if given, the auth key for the next login. */
  async start(options: StartOptions, opts: CallOptions = {}): Promise<void> {
    checkOk(await this.raw('POST', 'start', JSON.stringify(options), NO_HEADERS, opts), 'start');
  }

  /** `POST login-interactive`: starts a login; with an auth key set by `start`, no URL is needed. */
  async loginInteractive(opts: CallOptions = {}): Promise<void> {
    checkOk(await this.raw('POST', 'login-interactive', '', NO_HEADERS, opts), 'login-interactive');
  }

  async getPrefs(opts: CallOptions = {}): Promise<Prefs> {
    return this.json('GET', 'prefs', PrefsSchema, undefined, opts);
  }

  /** `PATCH prefs`, e.g. `{WantRunning: true, WantRunningSet: true}`; returns the new prefs. */
  async patchPrefs(prefs: MaskedPrefs, opts: CallOptions = {}): Promise<Prefs> {
    return this.json('PATCH', 'prefs', PrefsSchema, JSON.stringify(prefs), opts);
  }

  /** `POST logout`: drops the node key (an ephemeral node disappears from the tailnet). */
  async logout(opts: CallOptions = {}): Promise<void> {
    checkOk(await this.raw('POST', 'logout', '', NO_HEADERS, opts), 'logout');
  }

  /** The current serve config and its ETag (pass the ETag to `setServeConfig` to avoid lost updates). */
  async getServeConfig(opts: CallOptions = {}): Promise<{ config: ServeConfig; etag: string }> {
    const res = await this.raw('GET', 'serve-config', undefined, NO_HEADERS, opts);
    const text = checkOk(res, 'serve-config');
    const config = (text.trim() ? JSON.parse(text) : {}) as ServeConfig;
    return { config: config ?? {}, etag: String(res.headers.etag ?? '') };
  }

  /** Replaces the whole serve config; with `etag`, fails (412) if it changed since it was read. */
  async setServeConfig(config: ServeConfig, opts: CallOptions & { etag?: string } = {}): Promise<void> {
    const headers: Headers = opts.etag ? { 'if-match': opts.etag } : NO_HEADERS;
    checkOk(await this.raw('POST', 'serve-config', JSON.stringify(config), headers, opts), 'serve-config');
  }

  /**
   * Streams the IPN bus (newline-delimited `ipn.Notify`). The stream has no timeout; end it with
   * the signal or by breaking out of the loop.
   *
   * @example for await (const n of lc.watchIpnBus(NotifyMask.InitialState, { signal })) console.log(n.State);
   */
  async *watchIpnBus(mask: number, opts: { signal?: AbortSignal } = {}): AsyncGenerator<Notify> {
    const res = await this.open('GET', `watch-ipn-bus?mask=${mask}`, opts.signal);
    try {
      if ((res.statusCode ?? 0) >= 300) {
        const body = await readBody(res);
        throw errorFromResponse({ status: res.statusCode ?? 0, headers: res.headers, body }, 'watch-ipn-bus');
      }
      res.setEncoding('utf8');
      let buf = '';
      for await (const chunk of res as AsyncIterable<string>) {
        buf += chunk;
        let nl = buf.indexOf('\n');
        while (nl >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) yield parseBody(NotifySchema, line, 'watch-ipn-bus');
          nl = buf.indexOf('\n');
        }
      }
    } finally {
      res.destroy();
    }
  }

  /**
   * Opens a TCP connection through the tailnet from this node (`POST dial`, upgraded to `ts-dial`).
   * Host names resolve through the netmap, short names included.
   *
   * @example const sock = await lc.dial('whoami', 80); http.request({ createConnection: () => sock, ... });
   */
  dial(host: string, port: number, opts: CallOptions = {}): Promise<Socket> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    return new Promise<Socket>((resolve, reject) => {
      const req = request({
        socketPath: this.socketPath,
        path: '/localapi/v0/dial',
        method: 'POST',
        agent: false,
        signal: opts.signal,
        headers: {
          Host: LOCALAPI_HOST,
          Connection: 'upgrade',
          Upgrade: 'ts-dial',
          'Dial-Host': host,
          'Dial-Port': String(port),
          'Dial-Network': 'tcp',
        },
      });
      const timer = setTimeout(() => req.destroy(new LocalApiError(`dial ${host}:${port}: timed out after ${timeoutMs} ms`, undefined, 'ETIMEDOUT')), timeoutMs);
      req.on('upgrade', (_res, socket, head) => {
        clearTimeout(timer);
        if (head.length) socket.unshift(head);
        resolve(socket);
      });
      req.on('response', (res) => {
        clearTimeout(timer);
        readBody(res).then(
          (body) => reject(errorFromResponse({ status: res.statusCode ?? 0, headers: res.headers, body }, `dial ${host}:${port}`)),
          reject,
        );
      });
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(transportError(err, `dial ${host}:${port}`, this.socketPath));
      });
      req.end();
    });
  }

  private async json<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body: string | undefined,
    opts: CallOptions,
  ): Promise<z.output<S>> {
    const res = await this.raw(method, path, body, NO_HEADERS, opts);
    return parseBody(schema, checkOk(res, path), path);
  }

  /**
   * One request/response call on the pool. The time limit is undici's own per-request headers and
   * body timeouts (no AbortSignal per call: on the WhoIs miss path those cost more than the rest of
   * the client). A GET whose reused connection tailscaled had just closed is retried once on a
   * fresh one (the keep-alive race: nothing was answered).
   */
  private async raw(method: Dispatcher.HttpMethod, path: string, body: string | undefined, headers: Headers, opts: CallOptions, retried = false): Promise<RawResponse> {
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    let answered = false;
    try {
      const res = await this.pool.request({
        path: `/localapi/v0/${path}`,
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body,
        signal: opts.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      answered = true;
      return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!answered && !retried && method === 'GET' && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE')) {
        return this.raw(method, path, body, headers, opts, true);
      }
      if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
        throw new LocalApiError(`${callName(path)}: timed out after ${timeoutMs} ms`, undefined, 'ETIMEDOUT');
      }
      throw transportError(err as Error, callName(path), this.socketPath);
    }
  }

  /** Opens a streaming request; resolves with the response as soon as headers arrive. */
  private open(method: string, path: string, signal: AbortSignal | undefined): Promise<IncomingMessage> {
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({ socketPath: this.socketPath, path: `/localapi/v0/${path}`, method, agent: false, signal, headers: { Host: LOCALAPI_HOST } });
      req.on('response', resolve);
      req.on('error', (err) => reject(transportError(err, path.split('?')[0] ?? path, this.socketPath)));
      req.end();
    });
  }
}

/** `whois?addr=…` → `whois` (for messages). */
function callName(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(new LocalApiError('response aborted', undefined, 'ECONNRESET')));
  });
}

function checkOk(res: RawResponse, what: string): string {
  if (res.status >= 200 && res.status < 300) return res.body;
  throw errorFromResponse(res, what);
}

function errorFromResponse(res: RawResponse, what: string): LocalApiError {
  let msg = res.body.trim();
  try {
    const parsed: unknown = JSON.parse(msg);
    if (parsed && typeof parsed === 'object' && 'error' in parsed && typeof parsed.error === 'string') msg = parsed.error;
  } catch {
    // plain-text error (http.Error): keep the text
  }
  return new LocalApiError(`${what}: HTTP ${res.status}: ${msg || '(empty body)'}`, res.status);
}

function parseBody<S extends z.ZodType>(schema: S, text: string, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LocalApiError(`${what}: response is not JSON: ${text.slice(0, 200)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LocalApiError(`${what}: unexpected response shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}

function transportError(err: Error, what: string, socketPath: string): LocalApiError {
  const code = (err as NodeJS.ErrnoException).code;
  if (err instanceof LocalApiError) return err;
  if (code === 'ENOENT' || code === 'ECONNREFUSED') {
    return new DaemonNotRunningError(`${what}: tailscaled is not running (no LocalAPI at ${socketPath})`, undefined, code);
  }
  if (err.name === 'AbortError') return new LocalApiError(`${what}: aborted`, undefined, 'ABORT_ERR');
  return new LocalApiError(`${what}: ${err.message}`, undefined, code);
}
