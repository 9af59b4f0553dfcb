/**
 * A seeded, bounded fuzz run over the routes of the links and secrets apps: random methods,
 * request targets (percent-encoding garbage, dot segments, NUL, long strings), headers
 * (content types, multipart boundaries, browser and API markers) and bodies (malformed JSON,
 * malformed multipart, urlencoded garbage, huge fields), sent as raw bytes on a socket.
 *
 * No request may be answered with a 5xx, with one exception the links app owes to golink: a
 * link the fuzzer itself saved may fail when visited (its template fails, or the URL it expands
 * to does not parse: golink answers 500 with the error text; its alias chain loops: 508). The
 * fuzzer tracks the names it saved and allows those answers only for them. Same seed, same run.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { linksApp } from '../../src/apps/links/index.js';
import { linkID, trimPunctuation } from '../../src/apps/links/resolve.js';
import { secretsApp } from '../../src/apps/secrets/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { startTestApp, type TestApp } from '../support/platform.js';
import { ALL } from './secrets/helpers.js';

const SEED = 0x5eed_2026;
const LINK_REQUESTS = 800;
const SECRET_REQUESTS = 400;

/** mulberry32: a tiny, good-enough PRNG, so a failure replays exactly. */
function prng(seed: number) {
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
type Rng = ReturnType<typeof prng>;

const GARBAGE = ['%', '%z', '%zz', '%0', '%00', '%FF', '%C3%BC', '%2F', '%2f', '%25', '%23', '%3F', '%2e%2e', '..', '.', '//', ';', '+', '(x)', '[y]', '~', ':', '@', '\u0000', '\u0001', ' ', '\t', 'ü', "'\"<>"];
const NAMES = ['a', 'docs', 'Team-Wiki', 'x_y', 'q.v', 'fail', 'tmpl', 'loop', '-bad', '.bad', 'a b', 'é', ''];
const DESTS = [
  'https://example.com/',
  'https://example.com',
  'https://example.com/x?k=v&a=1#frag',
  'http://host.example/foo%2f/bar',
  'https://example.com/{{.Path}}',
  'https://example.com/{{PathEscape .Path}}?q={{QueryEscape .Path}}',
  '{{if .Path}}https://example.com/s/{{.Path}}{{else}}https://example.com/{{end}}',
  'https://example.com/{{.Invalid}}',
  'https://example.com/{{index .Path 99}}',
  'https://example.com/{{.User}}',
  'https://example.com/%zz',
  '{{.Path}}',
  '/{{.Path}}',
  'https://example.com/{{printf "%999999d" 1}}',
  'https://example.com/{{range 1000000}}x{{end}}',
  'https://example.com/{{if Match "(a+)+$" .Path}}y{{end}}',
  'https://example.com/{{',
  'https://example.com/\n',
  `https://example.com/${'(('.repeat(300)}`,
  `{{${'('.repeat(500)}1${')'.repeat(500)}}}`,
];

function segment(r: Rng): string {
  if (r.chance(0.05)) return 'x'.repeat(r.pick([300, 3000, 9000]));
  let s = '';
  for (let n = r.int(4); n >= 0; n--) s += r.chance(0.4) ? r.pick(GARBAGE) : r.pick(NAMES);
  return s;
}

function target(r: Rng, routes: readonly string[]): string {
  let path = r.pick(routes);
  for (let n = r.int(4); n > 0; n--) path += `/${segment(r)}`;
  if (r.chance(0.5)) {
    const pairs = Array.from({ length: r.int(4) + 1 }, () => `${r.pick(['q', 'x', 'a', 'policy', 'dry_run', 'page', segment(r)])}=${segment(r)}`);
    path += `?${pairs.join(r.pick(['&', '&&', ';']))}`;
  }
  return path;
}

interface Req {
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
function body(r: Rng, fields: Record<string, string>): { type: string | undefined; body: string } {
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

/** One request, sent as raw bytes; the status and the (de-chunked) body text. */
function send(port: number, req: Req): Promise<{ status: number; text: string }> {
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
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), text: Buffer.from(text, 'latin1').toString('utf8') });
    });
    const headers = Object.entries({ Host: `127.0.0.1:${port}`, ...req.headers, 'Content-Length': String(req.body.length), Connection: 'close' })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    // write, not end: a half-closed socket reads to node's server as a client that went away.
    socket.write(Buffer.concat([Buffer.from(`${req.method} ${req.target} HTTP/1.1\r\n${headers}\r\n`, 'utf8'), req.body]));
  });
}

function headers(r: Rng, type: string | undefined, api: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = {};
  if (type !== undefined) h['Content-Type'] = type;
  if (r.chance(0.7)) Object.assign(h, api);
  if (r.chance(0.3)) h.Accept = r.pick(['text/html', 'application/json', '*/*', 'TEXT/HTML;q=0.1']);
  if (r.chance(0.1)) h['Sec-Fetch-Site'] = r.pick(['same-origin', 'cross-site', 'none', 'garbage']);
  if (r.chance(0.05)) h.Origin = r.pick(['http://evil.example', 'null', '%']);
  return h;
}

type Answer = { status: number; text: string };

async function run(t: TestApp, count: number, r: Rng, make: (r: Rng) => Req, allowed: (req: Req, res: Answer) => Promise<boolean>, after?: (req: Req, res: Answer) => void) {
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

describe('fuzz: links', () => {
  let t: TestApp;
  const saved = new Set<string>();
  beforeAll(async () => {
    t = await startTestApp(linksApp as AppDefinition, { login: 'fuzz@example.com' });
  });
  afterAll(() => t.cleanup());

  const routes = ['/', '/', '/a', '/docs', '/fail', '/tmpl', '/loop', '/.detail', '/.delete', '/.restore', '/.import', '/.search', '/.all', '/.export', '/.export-stats', '/.resolve', '/.help', '/.opensearch', '/.static', '/.metrics', '/.nothing', '/a+', ''];

  function make(r: Rng): Req {
    const save = r.chance(0.25);
    const fields: Record<string, string> = save || r.chance(0.3) ? { short: r.pick(NAMES), long: r.pick(DESTS) } : {};
    if (r.chance(0.2)) fields.data = `{"Short":"${r.pick(NAMES)}","Long":${JSON.stringify(r.pick(DESTS))}}\n${r.pick(['', '{oops', '["x"]'])}`;
    const b = body(r, fields);
    const method = save ? 'POST' : r.pick(['GET', 'GET', 'GET', 'POST', 'HEAD', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'FOO']);
    const path = save ? r.pick(['/', '/', '/.detail/a', '/.detail/tmpl', '/.import']) : target(r, routes);
    return { method, target: path, headers: headers(r, b.type, { 'Sec-Golink': '1' }), body: Buffer.from(b.body, 'utf8') };
  }

  /** The link a go-link or /.resolve request names (the target ends at a blank, as in a request line). */
  function savedLinkOf(req: Req): boolean {
    const path = (req.target.split(/[ \t]/)[0] as string).replace(/^\/\.resolve\//, '/').split('?')[0] as string;
    let first: string;
    try {
      first = decodeURIComponent(path.split('/')[1] ?? '');
    } catch {
      return false;
    }
    return saved.has(linkID(first)) || saved.has(linkID(trimPunctuation(first)));
  }

  /**
   * Every link name a successful write may have stored: `short` fields (a save or a rename) and
   * the `Short` of import lines, whichever way the body carried them.
   */
  function submittedNames(req: Req): string[] {
    const text = req.body.toString('utf8');
    let decoded = text;
    try {
      decoded = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {}
    const names = [...`${text}\n${decoded}`.matchAll(/"Short":"([^"]*)"/gi)].map((m) => m[1] as string);
    const short = new URLSearchParams(text).get('short');
    if (short) names.push(short);
    for (const m of text.matchAll(/name="short"\r\n\r\n([^\r]*)/g)) names.push(m[1] as string);
    return names;
  }

  test(`${LINK_REQUESTS} requests, seed ${SEED}: no 5xx except the visits of links the fuzzer saved to fail`, async () => {
    const r = prng(SEED);
    const port = Number(new URL(t.url).port);
    /** A HEAD has no body to read the error from: the same request as a GET must show it. */
    const expansionError = async (req: Req, res: Answer): Promise<boolean> =>
      req.method === 'HEAD' ? expansionError({ ...req, method: 'GET' }, await send(port, { ...req, method: 'GET' })) : /^(template: |parse "|\{"error":"(template: |parse \\"))/.test(res.text);
    const { failures, statuses } = await run(
      t,
      LINK_REQUESTS,
      r,
      make,
      async (req, res) => savedLinkOf(req) && (res.status === 508 || (res.status === 500 && (await expansionError(req, res)))),
      (req, res) => {
        const writes = /^\/(\?|$|\.detail\/|\.import)/.test(req.target);
        if (req.method === 'POST' && writes && res.status >= 200 && res.status < 400) for (const name of submittedNames(req)) saved.add(linkID(name));
      },
    );
    expect(failures).toEqual([]);
    // The run reached the app: links were saved and visited, and most answers were not errors.
    expect(saved.size).toBeGreaterThan(3);
    expect(statuses.get(302) ?? 0).toBeGreaterThan(10);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(30);
  }, 120_000);
});

describe('fuzz: secrets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(secretsApp as AppDefinition, { caps: ALL });
  });
  afterAll(() => t.cleanup());

  const endpoints = ['list', 'get', 'info', 'put', 'create-version', 'activate', 'delete', 'delete-version'];

  function make(r: Rng): Req {
    const name = r.pick(['db', 'db', 'prod/db', 'a', '', 'ü', 'x'.repeat(r.pick([10, 2000])), segment(r)]);
    const fields: Record<string, string> = { Name: name };
    const sane = r.chance(0.6);
    const json = JSON.stringify({
      Name: sane || r.chance(0.9) ? name : 5,
      Value: sane ? Buffer.from(segment(r)).toString('base64') : r.pick(['!!notbase64', '', 'A'.repeat(r.pick([8, 200_000]))]),
      Version: sane ? r.pick([0, 1, 2, 3]) : r.pick([-1, 1.5, 4294967295, 4294967296, '1', null]),
      UpdateIfChanged: sane ? r.chance(0.5) : 'yes',
    });
    let b: { type: string | undefined; body: string } = r.chance(0.75) ? { type: 'application/json', body: r.chance(0.8) ? json : json.slice(0, r.int(json.length)) } : body(r, fields);
    if (r.chance(0.05)) b = { type: 'application/json', body: `{"Name":"${'\\u0000'.repeat(10)}","Value":"${'A'.repeat(4)}"}` };
    const method = r.chance(0.8) ? 'POST' : r.pick(['GET', 'PUT', 'DELETE', 'HEAD']);
    const path = r.chance(0.85) ? `/api/${r.pick(endpoints)}` : target(r, ['/', '/api', '/api/', '/api/get/x', '/.x', '/api/%zz', '/api/../api/get']);
    return { method, target: path, headers: headers(r, b.type, { 'Sec-X-Tailscale-No-Browsers': 'setec' }), body: Buffer.from(b.body, 'utf8') };
  }

  test(`${SECRET_REQUESTS} requests, seed ${SEED}: no 5xx at all`, async () => {
    const { failures, statuses } = await run(t, SECRET_REQUESTS, prng(SEED + 1), make, async () => false);
    expect(failures).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(30);
  }, 120_000);
});
