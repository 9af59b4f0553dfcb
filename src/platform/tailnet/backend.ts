/**
 * The managed-mode backend listener: a plain TCP server on 127.0.0.2 that admits a connection only
 * when it starts with a valid PROXY header (sent by the app's tailscaled), records the caller's
 * tailnet `ip:port` from that header, and then hands the socket to a node HTTP server.
 *
 * Why 127.0.0.2: userspace tailscaled forwards every tailnet port it does not serve to
 * 127.0.0.1:<same port>, so a backend on 127.0.0.1 could be reached raw by any tailnet peer, which
 * could then write its own PROXY header and claim any identity. Nothing forwards to 127.0.0.2.
 *
 * @example
 *   const backend = await ProxiedBackend.listen({ port: 18080, log });
 *   backend.attach(createAppServer(listener, log));
 *   // in the request handler: proxiedPeer(req.socket) → '100.64.0.3:51234'
 */
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { readProxyHeader, sourceOf } from './proxy-protocol.js';

/** The loopback address backends bind to (never 127.0.0.1; see the module comment). */
export const BACKEND_HOST = '127.0.0.2';

const peers = new WeakMap<Socket, string>();

/** The tailnet `ip:port` the PROXY header named for this connection, or undefined if it had none. */
export function proxiedPeer(socket: Socket): string | undefined {
  return peers.get(socket);
}

export interface ProxiedBackendOptions {
  host?: string;
  port: number;
  log: Logger;
  /** How long a connection may take to send its PROXY header (ms). */
  headerTimeoutMs?: number;
}

export class ProxiedBackend {
  private http: HttpServer | undefined;
  private readonly sockets = new Set<Socket>();
  /** Connections dropped for a missing or bad PROXY header (for tests and metrics). */
  rejected = 0;

  private constructor(
    private readonly server: NetServer,
    readonly port: number,
    private readonly log: Logger,
    private readonly headerTimeoutMs: number,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Binds the listener (rejects with EADDRINUSE etc.); connections are dropped until `attach`. */
  static listen(opts: ProxiedBackendOptions): Promise<ProxiedBackend> {
    const host = opts.host ?? BACKEND_HOST;
    const server = createServer({ pauseOnConnect: true });
    return new Promise((resolve, reject) => {
      // Before listening, an error is the bind failing (EADDRINUSE); after, a connection that
      // could not be accepted (EMFILE): logged, and the server keeps listening.
      server.on('error', (err) => {
        if (server.listening) opts.log.error({ err: err.message }, 'backend listener error (still listening)');
        else reject(err);
      });
      server.listen({ host, port: opts.port, exclusive: true }, () => {
        const addr = server.address();
        const port = typeof addr === 'object' && addr ? addr.port : opts.port;
        resolve(new ProxiedBackend(server, port, opts.log, opts.headerTimeoutMs ?? 5000));
      });
    });
  }

  /** Starts handing admitted connections to `http` (which must not listen itself). */
  attach(http: HttpServer): void {
    this.http = http;
    // The HTTP server never listens itself, so its connection tracking (header/request timeouts,
    // closeIdleConnections) would never start; node starts it on 'listening', so signal that once.
    http.emit('listening');
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    readProxyHeader(socket, { timeoutMs: this.headerTimeoutMs }).then(
      ({ header, rest }) => {
        const http = this.http;
        if (!http || socket.destroyed) {
          socket.destroy();
          return;
        }
        peers.set(socket, sourceOf(header));
        if (rest.length) socket.unshift(rest);
        http.emit('connection', socket);
        socket.resume();
      },
      (err: Error) => {
        this.rejected++;
        this.log.warn({ remote: `${socket.remoteAddress}:${socket.remotePort}`, err: err.message }, 'dropping backend connection without a valid PROXY header');
        socket.destroy();
      },
    );
  }

  /**
   * Stops accepting, closes idle keep-alive connections, lets running requests finish for up to
   * `graceMs`, then destroys what is left.
   */
  async close(graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const deadline = Date.now() + graceMs;
    while (this.sockets.size > 0 && Date.now() < deadline) {
      this.http?.closeIdleConnections();
      await new Promise((r) => setTimeout(r, 25));
    }
    for (const s of this.sockets) s.destroy();
    // Stops the HTTP server's connection-checking timer; it reports 'not running', which is expected.
    this.http?.close(() => {});
    await closed;
  }
}
