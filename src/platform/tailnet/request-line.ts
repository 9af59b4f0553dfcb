/**
 * The request-line layer of the app listeners: puts a {@link RequestFramer} between each
 * connection and node's HTTP parser, in every mode (dev and host listeners, and the managed
 * backend after its PROXY hand-over, which emits 'connection' on the same server), so every
 * request on a keep-alive connection gets Go's treatment of raw bytes and Go's header limit.
 *
 * Most connections never need it: node's server reads a fresh socket natively (llhttp consumes
 * the handle, no JavaScript per read), and request-line-native.ts leaves it so until a request
 * needs the framer (a request line llhttp refuses, a head longer than a read), then hands the
 * connection over from that request's first byte. Reading in JavaScript costs about a fifth of
 * a small request's time (`npm run bench`).
 *
 * How the framed path sits in between: a 'data' listener, as node documents for its own
 * wrapper, makes node read the socket in JavaScript. The layer adds its listener and takes the
 * server's away, and hands the server's listener each chunk as the framer rewrote it (one call
 * per read, as before, so node's pausing for pipelined requests works unchanged). The raw
 * targets wait, per socket, for their request (`takeRawTarget`), matched by the escaped target
 * so they cannot go astray.
 *
 * Memory: a head is held until complete, up to Go's 1 MiB + 4 KiB. The first 16 KiB of each
 * held head (node's own former limit) are free; beyond that, bytes are taken from one budget per
 * process (64 MiB by default), and a head that finds the budget spent gets 503 and is closed.
 * A head still incomplete after `headTimeoutMs` gets 408, as node's `headersTimeout` would.
 *
 * @example
 *   const server = createServer({ maxHeaderSize: LLHTTP_HEADER_LIMIT }, listener);
 *   withRequestLineLayer(server, { headTimeoutMs: 20_000 });
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { GO_MAX_HEAD_BYTES, type RawTarget, RequestFramer } from './request-framer.js';
import { followNatively } from './request-line-native.js';

/** llhttp's limit behind the layer: an escaped head (each byte at most `%XX`) always fits. */
export const LLHTTP_HEADER_LIMIT = 3 * GO_MAX_HEAD_BYTES + 1024;

/** Held head bytes per connection that need nothing from the budget (node's former limit). */
export const FREE_HEAD_BYTES = 16 * 1024;

/** The bytes of incomplete heads held beyond {@link FREE_HEAD_BYTES}, process-wide. */
export class HeadBudget {
  used = 0;
  /** The most ever held at once (for tests and the bench). */
  peak = 0;

  constructor(readonly limit: number) {}

  take(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    this.peak = Math.max(this.peak, this.used);
    return true;
  }

  give(n: number): void {
    this.used -= n;
  }
}

/** The default budget every app listener shares. */
export const sharedHeadBudget = new HeadBudget(64 * 1024 * 1024);

export interface RequestLineOptions {
  /** How long a head may stay incomplete (node's `headersTimeout`). */
  headTimeoutMs: number;
  budget?: HeadBudget;
  /** Frames every connection in JavaScript, never node's native read (for tests and the bench). */
  framedOnly?: boolean;
  /** Called after each read of a connection is taken in (tests wait on it instead of sleeping). */
  onRead?: (socket: Socket) => void;
}

const pending = new WeakMap<Socket, RawTarget[]>();

/**
 * The target `req` arrived with, when the layer escaped raw bytes in it (Latin-1, one char per
 * byte); undefined when it came as it is.
 */
export function takeRawTarget(req: IncomingMessage): string | undefined {
  const queue = pending.get(req.socket);
  if (queue === undefined || queue.length === 0 || queue[0]?.escaped !== req.url) return undefined;
  return queue.shift()?.raw;
}

const answer = (status: string, body: string, extra = ''): Buffer =>
  Buffer.from(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\n${extra}Connection: close\r\n\r\n${body}`, 'latin1');

/** What Go writes for a head over its limit. */
const TOO_LARGE = answer('431 Request Header Fields Too Large', '431 Request Header Fields Too Large');
const BUSY = answer('503 Service Unavailable', 'too many large request headers at once; retry shortly\n', 'Retry-After: 1\r\n');
const TIMEOUT = answer('408 Request Timeout', 'the request headers did not arrive in time\n');

/** How long a refused connection may go on sending before it is cut (Go waits 500 ms). */
const LINGER_MS = 1000;

/** Puts the layer on every connection `server` gets (see the module comment). */
export function withRequestLineLayer(server: Server, opts: RequestLineOptions): void {
  const budget = opts.budget ?? sharedHeadBudget;
  server.on('connection', (socket: Socket) => {
    // node's server added its listener in its own 'connection' handler, which runs before this one.
    const serverOnData = socket.listeners('data').at(-1) as DataListener | undefined;
    if (!serverOnData) return;
    const onRead = opts.onRead && (() => opts.onRead?.(socket));
    const frame = () => attach(socket, budget, opts.headTimeoutMs, serverOnData, onRead);
    const native = !opts.framedOnly && followNatively(server, socket, {
      onRead,
      handOver: (raw) => {
        frame();
        socket.unshift(raw);
      },
    });
    if (!native) frame();
  });
}

type DataListener = (chunk: Buffer) => void;

function attach(socket: Socket, budget: HeadBudget, headTimeoutMs: number, serverOnData: DataListener, onRead?: () => void): void {
  const framer = new RequestFramer();
  let reserved = 0;
  let timer: NodeJS.Timeout | undefined;

  const release = () => {
    budget.give(reserved);
    reserved = 0;
    clearTimeout(timer);
    timer = undefined;
  };
  const refuse = (response: Buffer) => {
    release();
    socket.removeListener('data', onData);
    socket.on('data', () => {}); // read and drop the rest, so the answer is not lost to a reset
    // A response still being written would be cut into; only an idle connection gets the answer.
    if ((socket as Socket & { _httpMessage?: unknown })._httpMessage) socket.destroy();
    else socket.end(response);
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  const onData: DataListener = (chunk) => {
    // After an upgrade node has let go of the socket (and its parser): nothing is ours to pass on.
    if (!(socket as Socket & { parser?: unknown }).parser) {
      socket.removeListener('data', onData);
      return;
    }
    const r = framer.push(chunk);
    if (r.tooLarge) return refuse(TOO_LARGE);
    const held = framer.heldBytes;
    const want = held > FREE_HEAD_BYTES ? held - FREE_HEAD_BYTES : 0;
    if (want > reserved && !budget.take(want - reserved)) return refuse(BUSY);
    if (want < reserved) budget.give(reserved - want);
    reserved = want;
    if (held > 0) timer ??= setTimeout(() => refuse(TIMEOUT), headTimeoutMs).unref();
    else if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (r.targets.length > 0) {
      const queue = pending.get(socket);
      if (queue) queue.push(...r.targets);
      else pending.set(socket, r.targets);
    }
    if (r.data) serverOnData(r.data);
    if (framer.opaque && !socket.destroyed) {
      // Nothing more to follow: node's own listener takes the connection back.
      socket.removeListener('data', onData);
      socket.on('data', serverOnData);
    }
    onRead?.();
  };
  // Through node's wrapper of `on`: the parser stops reading the handle itself (see above).
  socket.on('data', onData);
  socket.removeListener('data', serverOnData);
  socket.once('close', release);
}
