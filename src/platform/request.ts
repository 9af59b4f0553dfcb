/**
 * What apps may reach of the HTTP request beyond hono's API: node's request and response (hono's
 * node adapter puts them in `c.env`), the raw body read the fast way, the socket's addresses, and
 * headers read and written on node's objects. Apps use these instead of casting `c.env`.
 *
 * Why node's objects: hono's `c.req.header()` and `c.req.arrayBuffer()` first build a web
 * `Request` (every header copied, an AbortController, a web stream), which on a small request
 * costs more than the handler (measured by `npm run bench`). Every helper falls back to hono's
 * API outside the node adapter (tests' `app.request`).
 *
 * @example
 *   const body = await rawBody(c);
 *   const accept = requestHeader(c, 'accept') ?? '';
 *   setResponseHeaders(c, { 'Cache-Control': 'no-store' });
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { originalTarget } from './request-target.js';

/** hono's node adapter puts the raw request and response in `c.env`. */
export interface NodeBindings {
  incoming: IncomingMessage;
  outgoing?: ServerResponse;
}

/** Node's request, or undefined outside the node adapter. */
export function nodeRequest(c: Context): IncomingMessage | undefined {
  return (c.env as Partial<NodeBindings> | undefined)?.incoming;
}

/** Node's response, or undefined outside the node adapter. */
export function nodeResponse(c: Context): ServerResponse | undefined {
  return (c.env as Partial<NodeBindings> | undefined)?.outgoing;
}

/** The peer's address as the socket sees it (in managed mode: tailscaled's proxy, not the caller). */
export function remoteAddress(c: Context): string | undefined {
  return nodeRequest(c)?.socket?.remoteAddress;
}

/** The local port the request came in on (e.g. the dev-mode listener's). */
export function localPort(c: Context): number | undefined {
  return nodeRequest(c)?.socket?.localPort;
}

/**
 * The request target exactly as it arrived (Latin-1, one char per byte), e.g. `/a%2Fb?x=1` or
 * `/\xc3\xbc`, even when the platform gave the router a stand-in (request-target.ts); hono's
 * URL is normalised.
 */
export function rawTarget(c: Context): string {
  const incoming = nodeRequest(c);
  if (incoming?.url !== undefined) return originalTarget(incoming) ?? incoming.url;
  const u = new URL(c.req.url);
  return u.pathname + u.search;
}

/**
 * One request header (name in lower case), read from node's already-parsed header object.
 *
 * @example const accept = requestHeader(c, 'accept-encoding') ?? '';
 */
export function requestHeader(c: Context, name: Lowercase<string>): string | undefined {
  const incoming = nodeRequest(c);
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Sets response headers on node's response, as the security headers are: through `c.header` (or
 * more than one header in `c.body`) hono builds a web `Headers` for the answer, which on a small
 * JSON response costs about as much as the handler. A later `c.header` of the same name still
 * wins. Falls back to `c.header` outside the node adapter.
 *
 * @example setResponseHeaders(c, { 'Cache-Control': 'no-store' }); return c.body(json, 200, { 'Content-Type': 'application/json' });
 */
export function setResponseHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  const outgoing = nodeResponse(c);
  for (const k in headers) {
    const v = headers[k] as string;
    if (outgoing) outgoing.setHeader(k, v);
    else c.header(k, v);
  }
}

/** Bodies read so far, by request, so every reader of one request shares one read. */
const bodies = new WeakMap<object, Promise<Buffer>>();

/**
 * The whole request body. Read straight from node's request while nothing has wrapped it yet
 * (no hono body reader, not chunked: the platform's body limit reads chunked bodies through
 * hono); the platform's body limit has already checked Content-Length, and node enforces it
 * while reading. Repeated calls share the first read.
 *
 * @example const form = new URLSearchParams((await rawBody(c)).toString('utf8'));
 */
export function rawBody(c: Context): Promise<Buffer> {
  const incoming = nodeRequest(c);
  const key: object = incoming ?? c.req.raw;
  let body = bodies.get(key);
  if (!body) {
    const untouched =
      incoming !== undefined &&
      typeof incoming.listenerCount === 'function' &&
      !incoming.readableDidRead &&
      incoming.listenerCount('data') === 0 &&
      incoming.listenerCount('readable') === 0 &&
      incoming.headers['transfer-encoding'] === undefined;
    body = untouched ? readNode(incoming) : c.req.arrayBuffer().then((b) => Buffer.from(b));
    bodies.set(key, body);
  }
  return body;
}

function readNode(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('error', reject);
    incoming.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
  });
}
