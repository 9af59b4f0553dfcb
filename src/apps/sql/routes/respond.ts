/**
 * Turning a running query into an HTTP response, and the request helpers every route uses
 * (the query parameters, the client going away).
 *
 * An answer is gathered for a moment before committing to 200, so an error in the query's first
 * steps still gets its proper status, and a small result goes out whole with a Content-Length.
 * A larger one then streams with backpressure (the database is read only as fast as the client
 * takes it), and an error cuts the connection. A client that goes away stops the query. When an
 * export cap is configured it is announced (`X-Tailsql-Row-Cap`) and a cut is reported in
 * `X-Tailsql-Truncated`: a header when the answer was sent whole, else a trailer.
 *
 * @example
 *   return streamResponse(c, run, { 'Content-Type': 'text/csv' });
 */
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/app.js';
import { goFormValue } from '../../../platform/go/query.js';
import { nodeResponse, rawTarget, setResponseHeaders } from '../../../platform/request.js';
import { type Chunk, QueryError } from '../drivers/types.js';
import { textFromBytes } from '../format/raw-text.js';
import type { ClientGone, RunningQuery } from '../service.js';

export type Ctx = Context<AppEnv>;

/**
 * Calls back when the client closes the connection before the response is complete. (A plain
 * listener on node's response: an AbortController per request costs more than a small query.)
 */
export function clientGone(c: Ctx): ClientGone {
  const out = nodeResponse(c);
  return {
    get gone() {
      return out?.destroyed === true && !out.writableFinished;
    },
    subscribe(fn) {
      if (!out) return () => undefined;
      const listener = () => {
        if (!out.writableFinished) fn();
      };
      out.once('close', listener);
      return () => out.off('close', listener);
    },
  };
}

/**
 * First value of a query parameter, '' when absent, read from the raw target as Go's `FormValue`
 * reads it (a pair with a `;` or a bad `%` escape does not count: platform/go/query.ts). Its bytes
 * are kept as Go keeps them: an invalid UTF-8 byte is held escaped (format/raw-text.ts), so
 * `src=%FF` names no source and is quoted `"\xff"`, and the page shows a query's bytes as sent.
 */
export function param(c: Ctx, name: string): string {
  const target = rawTarget(c);
  const q = target.indexOf('?');
  return q < 0 ? '' : textFromBytes(goFormValue(target.slice(q + 1), name), 'escape');
}

/** A result this small, complete within {@link GATHER_MS}, is sent in one piece (with a length). */
const SMALL_BODY = 64 * 1024;
const GATHER_MS = 25;

function bytesOf(chunk: Chunk): Uint8Array {
  if (chunk.kind !== 'text') return new Uint8Array();
  return typeof chunk.text === 'string' ? Buffer.from(chunk.text) : chunk.text;
}

/** Streams `run` as the response body (or sends it whole when it is small and quick). */
export async function streamResponse(c: Ctx, run: RunningQuery, headers: Record<string, string>, cap: number): Promise<Response> {
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const until = Date.now() + GATHER_MS;
  try {
    for (;;) {
      const chunk = await run.stream.next();
      if (chunk === null) {
        ended = true;
        break;
      }
      const bytes = bytesOf(chunk);
      parts.push(bytes);
      size += bytes.length;
      if (size >= SMALL_BODY || Date.now() >= until) break;
    }
  } catch (err) {
    run.finish(err);
    throw err;
  }
  const h: Record<string, string> = { ...headers, Vary: 'Accept-Encoding' };
  if (cap > 0) h['X-Tailsql-Row-Cap'] = String(cap);
  if (ended) {
    run.finish();
    if (cap > 0) h['X-Tailsql-Truncated'] = String(run.stream.summary.truncated);
    // A small answer is the hot path: its headers go straight onto node's response.
    // (One header, Content-Type, stays with the body: hono would otherwise write its default.)
    const { 'Content-Type': type = 'application/octet-stream', ...rest } = h;
    setResponseHeaders(c, rest);
    return c.body(parts.length === 1 ? (parts[0] as Uint8Array<ArrayBuffer>) : Buffer.concat(parts), 200, { 'Content-Type': type });
  }
  const out = nodeResponse(c);
  const announce = cap > 0 && out !== undefined;
  if (announce) Object.assign(h, { Trailer: 'X-Tailsql-Truncated', 'Transfer-Encoding': 'chunked' });
  const end = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    run.finish();
    if (announce) out.addTrailers({ 'X-Tailsql-Truncated': String(run.stream.summary.truncated) });
    controller.close();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        for (const p of parts) controller.enqueue(p);
      },
      async pull(controller) {
        try {
          const chunk = await run.stream.next();
          if (chunk === null) end(controller);
          else controller.enqueue(bytesOf(chunk));
        } catch (err) {
          run.finish(err);
          controller.error(err);
        }
      },
      cancel() {
        run.finish(new QueryError('cancelled', 'the client went away'));
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, { status: 200, headers: h });
}
