/**
 * Every answer of setec's API that is not a success, pinned byte for byte: status, Content-Type
 * and body. setec's CLI prints these bodies verbatim and its Go client decides by status, so
 * none may change, whatever the request's `Accept` says: the API routes answer in setec's wire
 * format and never through the platform's error renderer (which would turn a browser's or a
 * JSON client's error into a page or `{"error": …}`).
 *
 * Requests go out through `node:http`, which adds no `Accept` of its own (as setec's Go client
 * sends none); each error is asked again with curl's `*\/*`, a JSON client's and a browser's
 * `Accept`, and must come back the same. The platform's own refusals in front of the API (its
 * 413 before reading a body, its 404 for a path no route has) are pinned as setec's client and
 * curl see them.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { startTestApp, type TestApp } from '../../support/platform.js';
import { ALL, b64, grants } from './helpers.js';

interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(secretsApp, { caps: ALL });
});
afterAll(() => t.cleanup());

const SETEC_HEADERS = { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' };

/** One request exactly as given (no headers added but Host, Content-Length and Connection). */
function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const url = new URL(path, t.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'POST', headers: opts.headers ?? SETEC_HEADERS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (endpoint: string, body: unknown, headers: Record<string, string> = SETEC_HEADERS) =>
  send(`/api/${endpoint}`, { headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

const TEXT = 'text/plain; charset=utf-8';
const text = (status: number, body: string): Answer => ({ status, contentType: TEXT, body });

const ACCEPTS = ['*/*', 'application/json', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'];

/** Asserts the answer, then that every `Accept` gets the same one. */
async function pinned(ask: (extra: Record<string, string>) => Promise<Answer>, want: Answer): Promise<void> {
  expect(await ask({})).toEqual(want);
  for (const accept of ACCEPTS) expect(await ask({ Accept: accept }), accept).toEqual(want);
}

describe("setec's API errors, byte for byte", () => {
  it('the request pipeline: method, Content-Type, the no-browsers header, the body', async () => {
    await pinned((h) => send('/api/get', { method: 'GET', headers: h }), text(400, 'only POST requests allowed\n'));
    await pinned((h) => send('/api/list', { method: 'PUT', headers: { ...SETEC_HEADERS, ...h }, body: '{}' }), text(400, 'only POST requests allowed\n'));
    await pinned((h) => api('list', {}, { 'Content-Type': 'text/plain', ...h }), text(400, 'request body must be json\n'));
    await pinned((h) => api('list', {}, { 'Content-Type': 'application/json', ...h }), text(403, 'access denied\n'));
    await pinned((h) => api('get', '', { ...SETEC_HEADERS, ...h }), text(400, 'bad request: empty request body\n'));
    await pinned((h) => api('get', '{"Version": -1}', { ...SETEC_HEADERS, ...h }), text(400, 'bad request: Version: -1 is not an integer from 0 to 4294967295\n'));
    await pinned((h) => api('get', '[]', { ...SETEC_HEADERS, ...h }), text(400, 'bad request: request body must be a JSON object, not an array\n'));
    await pinned(
      (h) => api('put', { Name: 'p/x', Value: 'a-_b' }, { ...SETEC_HEADERS, ...h }),
      text(400, 'bad request: Value: not standard base64 (alphabet A-Z a-z 0-9 + /, padded with =)\n'),
    );
  });

  it('names and sizes: empty, too long, too large', async () => {
    await pinned((h) => api('info', { Name: '' }, { ...SETEC_HEADERS, ...h }), text(400, 'bad request: the secret name must not be empty\n'));
    await pinned(
      (h) => api('info', { Name: 'n'.repeat(1025) }, { ...SETEC_HEADERS, ...h }),
      text(400, 'bad request: the secret name is too long: the limit is 1024 bytes of UTF-8\n'),
    );
    const over = Buffer.alloc((1 << 20) + 1, 1).toString('base64');
    await pinned((h) => api('put', { Name: 'big', Value: over }, { ...SETEC_HEADERS, ...h }), text(413, 'secret value too large: the limit is 1 MiB\n'));
  });

  it('access, existence and versions', async () => {
    const name = 'pin/versions';
    expect(await api('put', { Name: name, Value: b64('one') })).toEqual({ status: 200, contentType: 'application/json', body: '1' });
    expect(await api('put', { Name: name, Value: b64('two') })).toEqual({ status: 200, contentType: 'application/json', body: '2' });
    await pinned((h) => api('info', { Name: 'pin/missing' }, { ...SETEC_HEADERS, ...h }), text(404, 'not found\n'));
    await pinned((h) => api('activate', { Name: name, Version: 0 }, { ...SETEC_HEADERS, ...h }), text(400, 'invalid version, please specify a version > 0\n'));
    await pinned((h) => api('create-version', { Name: name, Version: 2, Value: b64('x') }, { ...SETEC_HEADERS, ...h }), text(412, 'version already set\n'));
    await pinned(
      (h) => api('delete-version', { Name: name, Version: 1 }, { ...SETEC_HEADERS, ...h }),
      text(409, 'cannot delete the active version; activate another version first\n'),
    );
    await pinned((h) => api('get', { Name: name, Version: 1, UpdateIfChanged: true }, { ...SETEC_HEADERS, ...h }), {
      status: 304,
      contentType: 'application/json',
      body: '',
    });
    expect(await api('create-version', { Name: 'pin/last', Version: 4294967295, Value: b64('x') })).toEqual({ status: 200, contentType: 'application/json', body: '{}' });
    await pinned(
      (h) => api('put', { Name: 'pin/last', Value: b64('y') }, { ...SETEC_HEADERS, ...h }),
      text(409, 'no version numbers left for this secret (the highest, 4294967295, is used)\n'),
    );
    t.as({ caps: grants({ action: ['info'], secret: ['other/*'] }) });
    try {
      await pinned((h) => api('get', { Name: name }, { ...SETEC_HEADERS, ...h }), text(403, 'access denied\n'));
    } finally {
      t.as({ caps: ALL });
    }
  });

  it('a value that fails to open: a generic 500', async () => {
    const name = 'pin/broken';
    await api('put', { Name: name, Value: b64('sealed') });
    // A second connection to the live database (WAL) breaks the sealed row under the server.
    const db = new Database(join(t.dataDir, 'secrets.db'));
    try {
      db.prepare('UPDATE versions SET sealed = ? WHERE name = ?').run(Buffer.alloc(64, 7), name);
    } finally {
      db.close();
    }
    await pinned((h) => api('get', { Name: name }, { ...SETEC_HEADERS, ...h }), text(500, 'internal error\n'));
  });

  it("the platform's refusals in front of the API, as setec's client and curl see them", async () => {
    const huge = JSON.stringify({ Name: 'huge', Value: Buffer.alloc(2 << 20).toString('base64') });
    for (const h of [{}, { Accept: '*/*' }] as Array<Record<string, string>>) {
      expect(await api('put', huge, { ...SETEC_HEADERS, ...h })).toEqual({
        status: 413,
        contentType: 'text/plain; charset=UTF-8',
        body: 'request body too large: the limit for /api/put is 1463640 bytes\n',
      });
      expect(await api('nonesuch', {}, { ...SETEC_HEADERS, ...h })).toEqual({ status: 404, contentType: 'text/plain; charset=UTF-8', body: '404 page not found\n' });
    }
  });
});
