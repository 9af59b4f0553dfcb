/**
 * Turning a running query into an HTTP response, and the shared request helpers of the routes.
 *
 * A streamed answer fetches the first chunk before committing to 200, so an error in the query's
 * first step still gets its proper status; after that the body streams with backpressure (the
 * database is read only as fast as the client takes it) and an error cuts the connection. A
 * client that goes away stops the query. When an export cap is configured it is announced up
 * front (`X-Tailsql-Row-Cap`) and a cut is reported in the `X-Tailsql-Truncated` trailer.
 *
 * @example
 *   return streamResponse(c, run, { 'Content-Type': 'text/csv' });
 */
import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/app.js';
import type { NodeBindings } from '../../platform/middleware.js';
import { QueryError } from './drivers/types.js';
import { httpError, SqlError } from './errors.js';
import type { RunningQuery } from './service.js';

export type Ctx = Context<AppEnv>;

function outgoingOf(c: Ctx): ServerResponse | undefined {
  return (c.env as Partial<NodeBindings & { outgoing: ServerResponse }> | undefined)?.outgoing;
}

/** Aborted when the client closes the connection before the response is complete. */
export function clientGone(c: Ctx): AbortSignal {
  const ctl = new AbortController();
  const out = outgoingOf(c);
  out?.once('close', () => {
    if (!out.writableFinished) ctl.abort();
  });
  return ctl.signal;
}

/** Wraps a route handler so any failure is answered by {@link errorResponse} (unexpected ones logged). */
export function handler(fn: (c: Ctx) => Response | Promise<Response>): (c: Ctx) => Promise<Response> {
  return async (c) => {
    try {
      return await fn(c);
    } catch (err) {
      if (!(err instanceof SqlError) && !(err instanceof QueryError)) c.get('log').error({ err: (err as Error).message }, 'sql request failed');
      return errorResponse(c, err);
    }
  };
}

/** Go's `http.Error`: plain text, the message and a newline. */
export function errorResponse(c: Ctx, err: unknown): Response {
  const f = httpError(err);
  c.header('Content-Type', 'text/plain; charset=utf-8');
  return c.body(f.body, f.status as 400);
}

/** First value of a query parameter, '' when absent (Go's `FormValue`). */
export function param(c: Ctx, name: string): string {
  return c.req.query(name) ?? '';
}

/** Streams `run` as the response body. */
export async function streamResponse(c: Ctx, run: RunningQuery, headers: Record<string, string>, cap: number): Promise<Response> {
  let first: Awaited<ReturnType<RunningQuery['stream']['next']>>;
  try {
    first = await run.stream.next();
  } catch (err) {
    run.finish(err);
    throw err;
  }
  const out = outgoingOf(c);
  const announce = cap > 0 && out !== undefined;
  const h: Record<string, string> = { ...headers, 'Vary': 'Accept-Encoding' };
  if (announce) Object.assign(h, { 'X-Tailsql-Row-Cap': String(cap), Trailer: 'X-Tailsql-Truncated', 'Transfer-Encoding': 'chunked' });
  const encode = (chunk: NonNullable<typeof first>) => Buffer.from(chunk.kind === 'text' ? chunk.text : '');
  const end = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    run.finish();
    if (announce) out.addTrailers({ 'X-Tailsql-Truncated': String(run.stream.summary.truncated) });
    controller.close();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (first === null) end(controller);
        else controller.enqueue(encode(first));
      },
      async pull(controller) {
        try {
          const chunk = await run.stream.next();
          if (chunk === null) end(controller);
          else controller.enqueue(encode(chunk));
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
