/**
 * HTTP/1.1 on a raw socket: requests go out exactly as the bytes given (an HTTP client would
 * re-encode the target, clean `//` and `/./`, or refuse raw bytes), and the answers are parsed
 * from the bytes that come back, so the differential recorder and the oracle replays see what a
 * server really sent. Several requests can share one keep-alive connection; a request the server
 * no longer reads (it closed the connection) gets status 0.
 *
 * @example
 *   const [res] = await exchange(port, [rawGet(Buffer.from('/gh/ü'), { Host: 'go' })]);
 *   res.status; header(res, 'location'); res.body;
 */
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  /** 0 when the connection closed before a status line came. */
  status: number;
  /** Header names lower-cased; values as their bytes read as Latin-1 (as Node's own headers). */
  headers: [string, string][];
  body: Buffer;
}

/** The first value of a header, or undefined. */
export function header(res: RawResponse, name: string): string | undefined {
  return res.headers.find(([k]) => k === name)?.[1];
}

/** `GET <target> HTTP/1.1` with these headers, the target's bytes untouched. */
export function rawGet(target: Buffer, headers: Record<string, string>): Buffer {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`);
  return Buffer.concat([Buffer.from('GET ', 'latin1'), target, Buffer.from(` HTTP/1.1\r\n${lines.join('')}\r\n`, 'latin1')]);
}

const NO_ANSWER: RawResponse = { status: 0, headers: [], body: Buffer.alloc(0) };

/**
 * Sends each request on one connection after the previous answer has fully arrived, and
 * returns one answer per request (status 0 for those after the server closed the connection).
 * `guardMs` bounds a server that neither answers nor closes: the exchange then fails.
 */
export function exchange(port: number, requests: Buffer[], guardMs = 60_000): Promise<RawResponse[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const answers: RawResponse[] = [];
    const reader = new ResponseReader();
    let closed = false;
    const finish = () => {
      clearTimeout(guard);
      socket.destroy();
      while (answers.length < requests.length) answers.push(NO_ANSWER);
      resolve(answers);
    };
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${guardMs} ms to request ${answers.length + 1} of ${requests.length}`));
    }, guardMs);
    const sendNext = () => {
      const next = requests[answers.length];
      if (next === undefined || closed) finish();
      else writeSafely(socket, next);
    };
    socket.on('connect', sendNext);
    socket.on('data', (chunk) => {
      reader.push(chunk);
      for (let res = reader.next(false); res; res = reader.next(false)) {
        answers.push(res);
        sendNext();
      }
    });
    // A reset after the server answered and closed is the same as a close here.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      closed = true;
      const last = reader.next(true);
      if (last) answers.push(last);
      finish();
    });
  });
}

/** A server may close while a large request is still being written; that is its answer. */
function writeSafely(socket: Socket, data: Buffer): void {
  if (!socket.destroyed) socket.write(data, () => undefined);
}

/** Cuts responses out of the bytes of one connection. */
class ResponseReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
  }

  /** The next complete response; at `eof`, a body delimited by the close counts as complete. */
  next(eof: boolean): RawResponse | undefined {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    const [statusLine = '', ...lines] = this.buf.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
    const headers = lines.map((l): [string, string] => {
      const colon = l.indexOf(':');
      return [l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim()];
    });
    const rest = this.buf.subarray(end + 4);
    const body = bodyOf(status, headers, rest, eof);
    if (!body) return undefined;
    this.buf = rest.subarray(body.used);
    return { status, headers, body: body.bytes };
  }
}

function bodyOf(status: number, headers: [string, string][], rest: Buffer, eof: boolean): { bytes: Buffer; used: number } | undefined {
  const get = (name: string) => headers.find(([k]) => k === name)?.[1];
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) return { bytes: Buffer.alloc(0), used: 0 };
  if (get('transfer-encoding')?.toLowerCase() === 'chunked') return dechunk(rest);
  const length = get('content-length');
  if (length !== undefined) {
    const n = Number(length);
    return rest.length >= n ? { bytes: rest.subarray(0, n), used: n } : undefined;
  }
  return eof ? { bytes: rest, used: rest.length } : undefined;
}

function dechunk(data: Buffer): { bytes: Buffer; used: number } | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    const start = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = data.indexOf('\r\n', start);
      return trailerEnd < 0 ? undefined : { bytes: Buffer.concat(parts), used: trailerEnd + 2 };
    }
    if (data.length < start + size + 2) return undefined;
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}
