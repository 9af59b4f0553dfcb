/**
 * A node HTTP server with the graceful close every mode needs, and for apps the request-line
 * layer (request-line.ts) that gives requests Go's treatment of raw bytes and header sizes: stop accepting, let in-flight
 * requests finish within a bound, then drop what is left. A listening server reports failures to
 * accept a connection (EMFILE when out of file descriptors) as 'error' events, which are logged:
 * the server keeps listening, and the process must not die of them.
 *
 * @example
 *   const srv = createAppServer(listener, log);
 *   await listenOn(srv, '127.0.0.1', 8080);
 *   await closeGracefully(srv, 5000);
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { LLHTTP_HEADER_LIMIT, withRequestLineLayer } from './request-line.js';

const HEADERS_TIMEOUT_MS = 20_000;

export interface AppServerOptions {
  /**
   * Go's request handling (request-line.ts): raw bytes ≥ 0x80 in request targets, heads up to
   * 1 MiB. On for the app listeners; the admin listener keeps node's defaults.
   */
  goRequests?: boolean;
}

/** Keep-alive and header limits suited to a long-lived tailnet service. */
export function createAppServer(listener: RequestListener, log: Pick<Logger, 'error'>, opts: AppServerOptions = {}): Server {
  const goRequests = opts.goRequests ?? true;
  const server = createServer(
    {
      requestTimeout: 60_000,
      headersTimeout: HEADERS_TIMEOUT_MS,
      keepAliveTimeout: 5_000,
      ...(goRequests ? { maxHeaderSize: LLHTTP_HEADER_LIMIT } : {}),
    },
    listener,
  );
  if (goRequests) withRequestLineLayer(server, { headTimeoutMs: HEADERS_TIMEOUT_MS });
  // Before it listens, `listenOn` reports the error (EADDRINUSE) to whoever is starting it.
  server.on('error', (err) => {
    if (server.listening) log.error({ err: err.message }, 'HTTP server error (still listening)');
  });
  return server;
}

/** Listens and resolves with the bound address; rejects with the listen error (e.g. EADDRINUSE). */
export function listenOn(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Stops accepting and closes idle keep-alive connections at once; requests already running get
 * up to `graceMs` to finish before their connections are cut.
 */
export async function closeGracefully(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve())); // an error here only means 'already closed'
  // Connections that finish their request while we wait become idle: close those as they appear.
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), 25);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}

export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The IP part of `ip:port` / `[v6]:port` (a bare address stays as it is).
 *
 * @example hostOf('[fd7a::3]:41234') // 'fd7a::3'
 */
export function hostOf(addr: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(addr);
  if (m?.[1]) return m[1];
  const colons = addr.split(':').length - 1;
  return colons === 1 ? (addr.split(':')[0] ?? addr) : addr;
}
