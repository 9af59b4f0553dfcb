/**
 * The request-line layer's fast path: a connection stays with node's native read (llhttp
 * consumes the socket in C++, no JavaScript per read) for as long as that gives the very answers
 * the framed path would (request-line.ts), and is handed to the framed path, from the start of
 * the request in question, the moment it might not.
 *
 * Why that is exact: the framer changes nothing but request lines with bytes ≥ 0x80, and llhttp
 * refuses every such line (anywhere in it), before the request is dispatched. So each request
 * llhttp accepts natively is one the framer would have handed it unchanged. What remains is to
 * find, when llhttp refuses one, where that request starts, and to keep Go's head limit:
 * - a read that ends inside a head (a long head, a slow client) hands the connection over at
 *   once, from the head's first byte, so the framed path holds it, counts it against Go's limit
 *   and the memory budget, and times it out, as ever; a head completed natively is thus shorter
 *   than two reads (≤ 64 KiB each), far below Go's 1 MiB;
 * - a read that ends inside a body is followed by a framer fed copies of the reads (node's
 *   `getCurrentBuffer`) until a read ends between requests, so the framer knows where the body
 *   ends in the read where a refusal may come;
 * - on llhttp's refusal inside a head (so nothing of that request reached the app), the framer
 *   locates the request's start in the read (the last head that begins before the place llhttp
 *   stopped), llhttp is reset, and the bytes from there on go to the framed path. Requests
 *   answered before stay answered, in order: node's own per-connection state (its queue of
 *   responses) is kept.
 * Whether a read ends between requests is read off node's parser (the last head complete, its
 * message too), so an ordinary read costs two property reads and one native call.
 * Anything else (an upgrade, a framing the framer does not follow, a refusal of a request already
 * dispatched) stays with node, which answers as it would behind the framer.
 *
 * This reaches into node's HTTP server (the parser's execute callback, `headersCompleted`,
 * `getCurrentBuffer` and `initialize`, as node 20 sets them up in `_http_server`);
 * `followNatively` checks each piece and declines (the caller then frames the connection in
 * JavaScript) when something is not as expected, and on any node major version but the one the
 * tests run on (20): another could keep the names and change what they mean, and framing in
 * JavaScript is right everywhere, only slower.
 *
 * @example
 *   if (!followNatively(server, socket, { handOver: (raw) => frame(socket, raw) })) frame(socket);
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { RequestFramer } from './request-framer.js';

/** The slots of node's `HTTPParser` this uses, as its constructor numbers them. */
interface ParserClass {
  REQUEST: number;
  kOnExecute: number;
  kLenientNone: number;
  kLenientAll: number;
}

interface NodeParser {
  [slot: number]: unknown;
  _consumed?: boolean;
  _headers: unknown[];
  _url: string;
  /** The last request dispatched (null once it was read and answered). */
  incoming: { complete: boolean; upgrade?: boolean } | null;
  /** Whether the head of the last message llhttp began is complete. */
  headersCompleted(): boolean;
  getCurrentBuffer(): Buffer;
  initialize(type: number, resource: object, maxHeaderSize: number, lenient: number, connections?: object): void;
}

export interface NativeHandOver {
  /** Frames the connection from now on, starting with `raw` (the bytes of the request in question onwards). */
  handOver(raw: Buffer): void;
  /** Called after each native read is taken in. */
  onRead?: () => void;
}

/** The server's list of connections node checks for header and request timeouts. */
function connectionsOf(server: Server): object | undefined {
  const key = Object.getOwnPropertySymbols(server).find((s) => s.description === 'http.server.connections');
  return key ? ((server as unknown as Record<symbol, object>)[key] ?? undefined) : undefined;
}

/**
 * Leaves `socket` to node's native read and watches it (see the module comment). False when node
 * does not read it natively (a socket read before, as after a PROXY header with bytes behind it)
 * or its parser is not as expected: the caller frames it in JavaScript instead.
 */
/** The node major version whose HTTP server internals this follows (see the module comment). */
const FOLLOWED_NODE_MAJOR = 20;
const nodeMajor = Number(process.versions.node.split('.')[0]);

export function followNatively(server: Server, socket: Socket, to: NativeHandOver): boolean {
  if (nodeMajor !== FOLLOWED_NODE_MAJOR) return false;
  const parser = (socket as Socket & { parser?: NodeParser }).parser;
  if (!parser?._consumed || socket.readableLength > 0) return false;
  const P = parser.constructor as unknown as Partial<ParserClass>;
  if (typeof P.kOnExecute !== 'number' || typeof P.REQUEST !== 'number') return false;
  const execute = parser[P.kOnExecute];
  const methods = [parser.getCurrentBuffer, parser.initialize, parser.headersCompleted];
  if (typeof execute !== 'function' || methods.some((m) => typeof m !== 'function')) return false;
  const slots = P as ParserClass;
  const lenient = (server as Server & { insecureHTTPParser?: boolean }).insecureHTTPParser ? slots.kLenientAll : slots.kLenientNone;

  /** Follows a message that runs past the end of a read (see the module comment). */
  let shadow: RequestFramer | undefined;
  /** Set once the connection is not ours to watch any more. */
  let done = false;

  const handOver = (raw: Buffer) => {
    done = true;
    // llhttp is reset (its state: the refused or partial head), node's connection state kept.
    parser._headers = [];
    parser._url = '';
    // The async resource as node's own (`HTTPServerAsyncResource`): its type and the socket.
    const resource = { type: 'HTTPINCOMINGMESSAGE', socket };
    parser.initialize(slots.REQUEST, resource, (server as Server & { maxHeaderSize?: number }).maxHeaderSize ?? 0, lenient, connectionsOf(server));
    to.handOver(raw);
  };

  /** After llhttp refused a request at `at` in the current read: hands over from its start when that is certain. */
  const takeOver = (at: unknown): boolean => {
    // A refusal past a complete head (in a body) concerns a request node has dispatched: its own to answer.
    if (parser.headersCompleted() || typeof at !== 'number') return false;
    const chunk = parser.getCurrentBuffer();
    const { heads } = (shadow ?? new RequestFramer()).pushLocating(chunk);
    const start = heads.findLast((h) => h <= at);
    if (start === undefined) return false;
    handOver(chunk.subarray(start));
    return true;
  };

  const onExecute = (ret: unknown): unknown => {
    if (done || parser.incoming?.upgrade) {
      done = true;
      return execute(ret);
    }
    if (ret instanceof Error) {
      // node's own follow-up of a read that went well (timers, pausing behind a slow reader).
      if (takeOver((ret as Error & { bytesParsed?: unknown }).bytesParsed)) return execute(0);
      done = true;
      return execute(ret);
    }
    // Between requests: the last head is complete, and its message too.
    const between = parser.headersCompleted() && (parser.incoming === null || parser.incoming.complete);
    if (!between || shadow) {
      shadow ??= new RequestFramer();
      const r = shadow.push(parser.getCurrentBuffer());
      // Not followed by the framer: llhttp alone decides from here, as it would behind it. A
      // head over Go's limit in one read cannot be (reads are at most 64 KiB): the same.
      if (shadow.opaque || r.tooLarge) done = true;
      else if (shadow.heldBytes > 0) handOver(shadow.heldHead());
      else if (between) shadow = undefined;
    }
    return execute(ret);
  };
  const { onRead } = to;
  parser[slots.kOnExecute] = onRead
    ? (ret: unknown) => {
        const result = onExecute(ret);
        onRead();
        return result;
      }
    : onExecute;
  return true;
}
