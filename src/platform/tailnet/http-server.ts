/**
 * A node HTTP server with the graceful close every mode needs: stop accepting, let in-flight
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

/** Keep-alive and header limits suited to a long-lived tailnet service. */
export function createAppServer(listener: RequestListener, log: Pick<Logger, 'error'>): Server {
  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 }, listener);
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
