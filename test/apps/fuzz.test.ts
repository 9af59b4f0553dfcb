/**
 * A seeded, bounded fuzz run over the routes of the links and secrets apps (paste, the SQL
 * console and the identity provider have theirs in fuzz/, on the same harness): random methods,
 * request targets (percent-encoding garbage, dot segments, NUL, long strings), headers
 * (content types, multipart boundaries, browser and API markers) and bodies (malformed JSON,
 * malformed multipart, urlencoded garbage, huge fields), sent as raw bytes on a socket.
 *
 * No request may be answered with a 5xx, with one exception the links app owes to golink: a
 * link the fuzzer itself saved may fail when visited (its template fails, or the URL it expands
 * to does not parse: golink answers 500 with the error text; its alias chain loops: 508). The
 * fuzzer tracks the names it saved and allows those answers only for them. Same seed, same run.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { linksApp } from '../../src/apps/links/index.js';
import { linkID, trimPunctuation } from '../../src/apps/links/resolve.js';
import { secretsApp } from '../../src/apps/secrets/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { startTestApp, type TestApp } from '../support/platform.js';
import { type Answer, body, headers, prng, type Req, type Rng, run, segment, send, target, WORDS } from './fuzz/harness.js';
import { ALL } from './secrets/helpers.js';

const SEED = 0x5eed_2026;
const LINK_REQUESTS = 800;
const SECRET_REQUESTS = 400;

/** Link names: the harness's words, which its segments mix in too. */
const NAMES = WORDS;
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
