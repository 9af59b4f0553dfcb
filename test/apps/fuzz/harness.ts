/**
 * The seeded fuzzer's parts, shared by every app's run: a small PRNG (same seed, same run),
 * generators of request targets, headers and bodies (well-formed and broken forms, JSON,
 * multipart, invalid UTF-8), a raw-socket sender (so nothing a client library would fix up is
 * fixed up), and the loop that collects every 5xx not explicitly excused.
 *
 * @example
 *   const { failures } = await run(t, 500, prng(SEED), make, async () => false);
 *   expect(failures).toEqual([]);
 */
import { connect } from 'node:net';
import type { TestApp } from '../../support/platform.js';

/** mulberry32: a tiny, good-enough PRNG, so a failure replays exactly. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
export type Rng = ReturnType<typeof prng>;


export const GARBAGE = ['%', '%z', '%zz', '%0', '%00', '%FF', '%C3%BC', '%2F', '%2f', '%25', '%23', '%3F', '%2e%2e', '..', '.', '//', ';', '+', '(x)', '[y]', '~', ':', '@', '\u0000', '\u0001', ' ', '\t', 'ü', "'\"<>"];

/** Words that make plausible names, ids and values. */
export const WORDS = ['a', 'docs', 'Team-Wiki', 'x_y', 'q.v', 'fail', 'tmpl', 'loop', '-bad', '.bad', 'a b', 'é', ''];

/** A path segment or value: words and percent-encoding garbage, now and then very long. */
export function segment(r: Rng, words: readonly string[] = WORDS): string {
  if (r.chance(0.05)) return 'x'.repeat(r.pick([300, 3000, 9000]));
  let s = '';
  for (let n = r.int(4); n >= 0; n--) s += r.chance(0.4) ? r.pick(GARBAGE) : r.pick(words);
  return s;
}


/** A route, extra segments, and a query string of `keys` (and random ones). */
export function target(r: Rng, routes: readonly string[], keys: readonly string[] = ['q', 'x', 'a', 'policy', 'dry_run', 'page']): string {
  let path = r.pick(routes);
  for (let n = r.int(4); n > 0; n--) path += `/${segment(r)}`;
  if (r.chance(0.5)) {
    const pairs = Array.from({ length: r.int(4) + 1 }, () => `${r.pick([...keys, segment(r)])}=${segment(r)}`);
    path += `?${pairs.join(r.pick(['&', '&&', ';']))}`;
  }
  return path;
}


export interface Req {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}


function multipart(r: Rng, fields: Record<string, string>): { type: string; body: string } {
  const b = 'fuzzBoundary';
  const parts = Object.entries(fields).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const body = `${parts.join('')}--${b}--\r\n`;
  switch (r.int(5)) {
    case 0:
      return { type: 'multipart/form-data', body };
    case 1:
      return { type: `multipart/form-data; boundary=${b}`, body: body.slice(0, r.int(body.length)) };
    case 2:
      return { type: 'multipart/form-data; boundary=other', body };
    case 3:
      return { type: `multipart/form-data; boundary=${b}`, body: `--${b}\r\n\r\nno headers\r\n--${b}--\r\n` };
    default:
      return { type: `multipart/form-data; boundary=${b}`, body };
  }
}


/** A body and its Content-Type: well-formed or broken forms, JSON and noise. */
export function body(r: Rng, fields: Record<string, string>): { type: string | undefined; body: string } {
  switch (r.int(7)) {
    case 0:
      return { type: 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() };
    case 1:
      return { type: 'application/x-www-form-urlencoded', body: `${segment(r)}=${segment(r)}&&=&%zz=%&${segment(r)}` };
    case 2:
      return multipart(r, fields);
    case 3:
      return { type: r.pick(['application/json', 'application/json; charset=utf-8']), body: r.pick(['{', '{"Name":', '[]', 'null', '"x"', '{"Name":"a","Value":"!!"}', `${'['.repeat(5000)}`, JSON.stringify(fields)]) };
    case 4:
      return { type: r.pick(['text/plain', 'application/octet-stream', 'garbage', '', 'multipart/mixed; boundary=x']), body: segment(r) };
    case 5:
      return { type: undefined, body: '' };
    default:
      return { type: 'application/x-www-form-urlencoded', body: new URLSearchParams({ ...fields, huge: 'h'.repeat(r.pick([1000, 70_000, 1_100_000])) }).toString() };
  }
}


/** One request, sent as raw bytes. */
export function send(port: number, req: Req): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(20_000, () => socket.destroy(new Error(`timeout: ${req.method} ${req.target}`)));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(err)));
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const split = raw.indexOf('\r\n\r\n');
      const head = split < 0 ? raw : raw.slice(0, split);
      let text = split < 0 ? '' : raw.slice(split + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(head)) {
        let out = '';
        for (let i = 0; i < text.length; ) {
          const eol = text.indexOf('\r\n', i);
          const size = Number.parseInt(text.slice(i, eol), 16);
          if (!(size > 0)) break;
          out += text.slice(eol + 2, eol + 2 + size);
          i = eol + 4 + size;
        }
        text = out;
      }
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, text: Buffer.from(text, 'latin1').toString('utf8') });
    });
    const headers = Object.entries({ Host: `127.0.0.1:${port}`, ...req.headers, 'Content-Length': String(req.body.length), Connection: 'close' })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    // write, not end: a half-closed socket reads to node's server as a client that went away.
    socket.write(Buffer.concat([Buffer.from(`${req.method} ${req.target} HTTP/1.1\r\n${headers}\r\n`, 'utf8'), req.body]));
  });
}


/** Headers of the links and secrets runs: the Content-Type, an API marker, now and then browser headers. */
export function headers(r: Rng, type: string | undefined, api: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = {};
  if (type !== undefined) h['Content-Type'] = type;
  if (r.chance(0.7)) Object.assign(h, api);
  if (r.chance(0.3)) h.Accept = r.pick(['text/html', 'application/json', '*/*', 'TEXT/HTML;q=0.1']);
  if (r.chance(0.1)) h['Sec-Fetch-Site'] = r.pick(['same-origin', 'cross-site', 'none', 'garbage']);
  if (r.chance(0.05)) h.Origin = r.pick(['http://evil.example', 'null', '%']);
  return h;
}


/** The status, the response head (status line and headers) and the de-chunked body text. */
export type Answer = { status: number; head: string; text: string };

/** Sends `count` requests made by `make`; every 5xx that `allowed` does not excuse is a failure. */
export async function run(t: TestApp, count: number, r: Rng, make: (r: Rng) => Req, allowed: (req: Req, res: Answer) => Promise<boolean>, after?: (req: Req, res: Answer) => void) {
  const port = Number(new URL(t.url).port);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const req = make(r);
    const res = await send(port, req);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500 && !(await allowed(req, res))) failures.push(`#${i} ${req.method} ${req.target.slice(0, 200)} ${JSON.stringify(req.headers)} → ${res.status} ${res.text.slice(0, 200)}`);
    after?.(req, res);
  }
  return { failures, statuses };
}


/** Numbers that overflow 32 and 64 bits, doubles and SQLite integers, or are not numbers at all. */
export const HUGE_NUMBERS = ['99999999999999999999', '9'.repeat(400), '-99999999999999999999', '1e400', '-1', '0', '2147483648', '4294967296', '9223372036854775808', '1.5', 'NaN', '0x10', ''];

/** Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, truncated sequences. */
export function invalidUtf8(r: Rng): Buffer {
  const bad = r.pick([[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]);
  return Buffer.concat([Buffer.from(segment(r)), Buffer.from(bad), Buffer.from(segment(r))]);
}

/** A query string of `params` (each with its plausible values, or garbage, huge numbers and repeats). */
export function query(r: Rng, params: Readonly<Record<string, readonly string[]>>): string {
  const names = Object.keys(params);
  const pairs: string[] = [];
  for (let n = r.int(4); n >= 0; n--) {
    // Garbage goes out percent-encoded, mostly: raw, most of it makes a request line node refuses before any app sees it.
    const garbage = () => (r.chance(0.8) ? encodeURIComponent(segment(r)) : segment(r));
    const name = r.chance(0.9) ? r.pick(names) : garbage();
    const values = params[name] ?? [];
    const value = r.chance(0.75) && values.length ? encodeURIComponent(r.pick(values)) : r.chance(0.5) ? r.pick(HUGE_NUMBERS) : garbage();
    pairs.push(`${name}=${value}`);
  }
  return pairs.join(r.pick(['&', '&', '&&', ';']));
}

/**
 * Headers a browser or a client might send, some of them wrong: Accept, Content-Type (given),
 * Sec-Fetch-Site, Origin, a cookie, and the app's API markers now and then.
 */
export function browserHeaders(r: Rng, self: string, type: string | undefined, extra: Readonly<Record<string, readonly string[]>> = {}): Record<string, string> {
  const h: Record<string, string> = {};
  if (type !== undefined) h['Content-Type'] = type;
  if (r.chance(0.6)) h.Accept = r.pick(['text/html', 'text/html,application/xhtml+xml,*/*;q=0.8', 'application/json', 'text/plain', '*/*', 'TEXT/HTML;q=0.1', 'application/json;q=0', 'image/*', '', ',,,', 'text/plain;q=abc']);
  if (r.chance(0.4)) h['Sec-Fetch-Site'] = r.pick(['same-origin', 'same-origin', 'none', 'cross-site', 'same-site', 'garbage', '']);
  if (r.chance(0.2)) h.Origin = r.pick([self, self, 'http://evil.example', 'null', '%', '']);
  if (r.chance(0.1)) h['Accept-Encoding'] = r.pick(['gzip', 'zstd', 'br, gzip;q=0', '*']);
  for (const [name, values] of Object.entries(extra)) if (r.chance(0.4)) h[name] = r.pick(values);
  return h;
}
