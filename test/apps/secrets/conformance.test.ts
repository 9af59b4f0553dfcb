/**
 * Black-box conformance with setec's wire behaviour (reference §1), over real sockets: the
 * request pipeline and its order, the status matrix (§1.5), JSON decoding rules (§1.3), version
 * semantics (§1.6), conditional get (§1.7), and the deliberate improvements (4xx instead of
 * setec's 500s for client mistakes, version numbers never reused after delete).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { startTestApp, type TestApp } from '../../support/platform.js';
import { ALL, auditEntries, b64, call } from './helpers.js';

let t: TestApp;
let seq = 0;
/** A fresh secret name per test. */
const fresh = (prefix = 'conf') => `${prefix}/s${++seq}`;

beforeAll(async () => {
  t = await startTestApp(secretsApp, { caps: ALL });
});
afterAll(() => t.cleanup());

const put = async (name: string, value: string) => call(t.url, 'put', { Name: name, Value: b64(value) });
const getValue = async (name: string, version = 0) => {
  const r = await call(t.url, 'get', { Name: name, Version: version, UpdateIfChanged: false });
  return { status: r.status, body: r.status === 200 ? (JSON.parse(r.text) as { Value: string; Version: number }) : undefined };
};
const info = async (name: string) => {
  const r = await call(t.url, 'info', { Name: name });
  return r.status === 200 ? (JSON.parse(r.text) as { Name: string; Versions: number[]; ActiveVersion: number }) : r.status;
};
const text = (s: string) => Buffer.from(s, 'base64').toString('utf8');

describe('request pipeline (§1.2), in order', () => {
  it('answers a non-POST with 400 "only POST requests allowed" as plain text', async () => {
    // (Without Origin or Sec-Fetch-Site these pass the platform's cross-origin check, as setec's
    // Go client's requests do; a browser's cross-site request would get the platform's 403 first.)
    for (const [method, contentType] of [['GET', 'text/plain'], ['PUT', 'application/json'], ['DELETE', 'application/json']] as const) {
      const r = await call(t.url, 'get', {}, { method, contentType, sec: null });
      expect(r).toMatchObject({ status: 400, text: 'only POST requests allowed\n' });
      expect(r.contentType).toBe('text/plain; charset=utf-8');
    }
  });

  it('requires a JSON Content-Type (before the Sec header), accepting parameters', async () => {
    expect(await call(t.url, 'list', {}, { contentType: 'application/xml', sec: null })).toMatchObject({ status: 400, text: 'request body must be json\n' });
    expect(await call(t.url, 'list', {}, { contentType: null })).toMatchObject({ status: 400, text: 'request body must be json\n' });
    expect(await call(t.url, 'list', {}, { contentType: 'text/plain' })).toMatchObject({ status: 400 });
    expect((await call(t.url, 'list', {}, { contentType: 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await call(t.url, 'list', {}, { contentType: 'Application/JSON' })).status).toBe(200);
  });

  it('requires Sec-X-Tailscale-No-Browsers: setec exactly (403)', async () => {
    expect(await call(t.url, 'list', {}, { sec: null })).toMatchObject({ status: 403, text: 'access denied\n' });
    expect(await call(t.url, 'list', {}, { sec: 'SETEC' })).toMatchObject({ status: 403, text: 'access denied\n' });
    expect(await call(t.url, 'list', {}, { sec: 'tailscale' })).toMatchObject({ status: 403 });
  });

  it('answers an undecodable body with 400 "bad request…"', async () => {
    const bad = ['', '{', '[]', '"x"', '{"Name": 5}', '{"Version": -1}', '{"Version": 1.5}', '{"Version": 1e2}', '{"Version": 4294967296}', '{"Version": "1"}', '{"UpdateIfChanged": "true"}'];
    for (const raw of bad) {
      const r = await call(t.url, 'get', undefined, { raw });
      expect(r.status, raw).toBe(400);
      expect(r.text, raw).toMatch(/^bad request/);
    }
  });

  it('rejects values that are not strict, padded, standard base64 (400)', async () => {
    const name = fresh();
    for (const Value of ['aGVsbG8', 'aGV sbG8=', 'a-_b', '====', 'aGVsbG8=x']) {
      const r = await call(t.url, 'put', { Name: name, Value });
      expect(r.status, Value).toBe(400);
    }
    expect(await info(name)).toBe(404);
    expect((await call(t.url, 'put', { Name: name, Value: 'aGVs\nbG8=' })).text).toBe('1');
  });

  it('refuses an empty name with 400 on every endpoint that takes one', async () => {
    const bodies: Record<string, unknown> = {
      get: { Name: '' },
      info: { Name: '' },
      put: { Name: '', Value: b64('x') },
      'create-version': { Name: '', Version: 3, Value: b64('x') },
      activate: { Name: '', Version: 1 },
      delete: { Name: '' },
      'delete-version': { Name: '', Version: 1 },
    };
    for (const [endpoint, body] of Object.entries(bodies)) {
      const r = await call(t.url, endpoint, body);
      expect(r.status, endpoint).toBe(400);
      expect(r.text).toMatch(/name must not be empty/);
    }
    expect((await call(t.url, 'put', null)).status).toBe(400);
  });

  it('matches keys case-insensitively, ignores unknown keys and bytes after the JSON value', async () => {
    const name = fresh();
    expect((await call(t.url, 'put', { name, vAlUe: b64('lower'), Extra: [1, 2] })).text).toBe('1');
    const r = await call(t.url, 'get', undefined, { raw: `{"NAME":${JSON.stringify(name)},"version":1,"updateifchanged":false} trailing` });
    expect(r.status).toBe(200);
    expect(text((JSON.parse(r.text) as { Value: string }).Value)).toBe('lower');
    expect((await call(t.url, 'list', undefined, { raw: 'null' })).status).toBe(200);
  });

  it('does not route sub-paths or unknown methods to the API', async () => {
    expect((await call(t.url, 'get/', { Name: 'x' })).status).toBe(404);
    expect((await call(t.url, 'nonesuch', {})).status).toBe(404);
  });
});

describe('value size limit (413)', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await startTestApp(secretsApp, { caps: ALL, appConfig: { maxValueBytes: 1024 } });
  });
  afterAll(() => small.cleanup());

  it('accepts a value at the limit and refuses one byte more, on put and create-version', async () => {
    const ok = Buffer.alloc(1024, 7).toString('base64');
    const over = Buffer.alloc(1025, 7).toString('base64');
    expect((await call(small.url, 'put', { Name: 'big', Value: ok })).status).toBe(200);
    const r = await call(small.url, 'put', { Name: 'big', Value: over });
    expect(r).toMatchObject({ status: 413, text: 'secret value too large: the limit is 1 KiB\n' });
    expect((await call(small.url, 'create-version', { Name: 'big', Version: 9, Value: over })).status).toBe(413);
    expect(await call(small.url, 'info', { Name: 'big' })).toMatchObject({ text: '{"Name":"big","Versions":[1],"ActiveVersion":1}' });
  });

  it('refuses a request body far over the limit before reading it', async () => {
    const r = await call(small.url, 'put', { Name: 'huge', Value: Buffer.alloc(100_000).toString('base64') });
    expect(r.status).toBe(413);
  });

  it('by default accepts values up to 1 MiB (whose base64 exceeds the platform default body limit)', async () => {
    const value = Buffer.alloc(1 << 20, 'a').toString('base64');
    expect((await call(t.url, 'put', { Name: fresh(), Value: value })).status).toBe(200);
    const over = Buffer.alloc((1 << 20) + 1, 'a').toString('base64');
    expect((await call(t.url, 'put', { Name: fresh(), Value: over })).status).toBe(413);
  });
});

describe('version semantics (§1.4, §1.6)', () => {
  it('first put is version 1 and active; later puts are inactive; dedupe compares with the latest', async () => {
    const name = fresh();
    expect(await put(name, 'one')).toMatchObject({ status: 200, text: '1', contentType: 'application/json' });
    expect(await info(name)).toEqual({ Name: name, Versions: [1], ActiveVersion: 1 });
    expect((await put(name, 'two')).text).toBe('2');
    expect(await info(name)).toEqual({ Name: name, Versions: [1, 2], ActiveVersion: 1 });
    expect((await put(name, 'two')).text).toBe('2');
    expect((await put(name, 'one')).text).toBe('3');
    expect(await info(name)).toEqual({ Name: name, Versions: [1, 2, 3], ActiveVersion: 1 });
  });

  it('get returns the active value for version 0, a given version otherwise, 404 when missing', async () => {
    const name = fresh();
    await put(name, 'one');
    await put(name, 'two');
    const active = await getValue(name);
    expect(active.body?.Version).toBe(1);
    expect(text(active.body?.Value ?? '')).toBe('one');
    expect(text((await getValue(name, 2)).body?.Value ?? '')).toBe('two');
    expect((await getValue(name, 3)).status).toBe(404);
    expect((await getValue(fresh())).status).toBe(404);
    expect((await call(t.url, 'info', { Name: fresh() })).text).toBe('not found\n');
  });

  it('stores and returns an empty value (Value "" or null)', async () => {
    const name = fresh();
    expect((await call(t.url, 'put', { Name: name, Value: null })).text).toBe('1');
    expect((await getValue(name)).body).toEqual({ Value: '', Version: 1 });
    expect((await call(t.url, 'put', { Name: name, Value: '' })).text).toBe('1');
  });

  it('create-version: 0 → 400, always activates, claimed → 412, put continues from the highest', async () => {
    const name = fresh();
    expect(await call(t.url, 'create-version', { Name: name, Version: 0, Value: b64('x') })).toMatchObject({
      status: 400,
      text: 'invalid version, please specify a version > 0\n',
    });
    expect(await call(t.url, 'create-version', { Name: name, Version: 100, Value: b64('hundred') })).toMatchObject({ status: 200, text: '{}' });
    expect(await info(name)).toEqual({ Name: name, Versions: [100], ActiveVersion: 100 });
    expect((await put(name, 'next')).text).toBe('101');
    expect((await call(t.url, 'create-version', { Name: name, Version: 10, Value: b64('ten') })).status).toBe(200);
    expect(await info(name)).toEqual({ Name: name, Versions: [10, 100, 101], ActiveVersion: 10 });
    expect(await call(t.url, 'create-version', { Name: name, Version: 100, Value: b64('again') })).toMatchObject({ status: 412, text: 'version already set\n' });
    expect((await put(name, 'after')).text).toBe('102');
  });

  it('activate: switches, is a no-op for the active version, 404 for a missing version or secret, 400 for 0', async () => {
    const name = fresh();
    await put(name, 'one');
    await put(name, 'two');
    expect(await call(t.url, 'activate', { Name: name, Version: 2 })).toMatchObject({ status: 200, text: '{}' });
    expect(await info(name)).toMatchObject({ ActiveVersion: 2 });
    expect((await call(t.url, 'activate', { Name: name, Version: 2 })).status).toBe(200);
    expect((await call(t.url, 'activate', { Name: name, Version: 7 })).status).toBe(404);
    expect((await call(t.url, 'activate', { Name: fresh(), Version: 1 })).status).toBe(404);
    const zero = await call(t.url, 'activate', { Name: name, Version: 0 });
    expect(zero.status).toBe(400);
    expect(zero.text).toMatch(/invalid version/);
  });

  it('delete-version: refuses the active version with a 4xx message, tombstones the number', async () => {
    const name = fresh();
    await put(name, 'one');
    await put(name, 'two');
    const active = await call(t.url, 'delete-version', { Name: name, Version: 1 });
    expect(active.status).toBe(409);
    expect(active.text).toMatch(/cannot delete the active version/);
    expect((await call(t.url, 'delete-version', { Name: name, Version: 0 })).status).toBe(400);
    expect(await call(t.url, 'delete-version', { Name: name, Version: 2 })).toMatchObject({ status: 200, text: '{}' });
    expect((await getValue(name, 2)).status).toBe(404);
    expect((await call(t.url, 'delete-version', { Name: name, Version: 2 })).status).toBe(404);
    expect((await call(t.url, 'delete-version', { Name: fresh(), Version: 2 })).status).toBe(404);
    expect(await info(name)).toEqual({ Name: name, Versions: [1], ActiveVersion: 1 });
    expect((await call(t.url, 'create-version', { Name: name, Version: 2, Value: b64('reuse') })).status).toBe(412);
    expect((await put(name, 'three')).text).toBe('3');
  });

  it('delete: a missing secret is a no-op; a deleted secret is gone', async () => {
    expect(await call(t.url, 'delete', { Name: fresh() })).toMatchObject({ status: 200, text: '{}' });
    const name = fresh();
    await put(name, 'one');
    expect(await call(t.url, 'delete', { Name: name })).toMatchObject({ status: 200, text: '{}' });
    expect(await info(name)).toBe(404);
    expect((await getValue(name)).status).toBe(404);
    expect((await getValue(name, 1)).status).toBe(404);
    expect((await call(t.url, 'activate', { Name: name, Version: 1 })).status).toBe(404);
    const list = JSON.parse((await call(t.url, 'list')).text) as Array<{ Name: string }> | null;
    expect((list ?? []).map((s) => s.Name)).not.toContain(name);
  });

  it('never reuses version numbers after delete (improvement over setec)', async () => {
    const name = fresh();
    await put(name, 'one');
    await put(name, 'two');
    await put(name, 'three');
    await call(t.url, 'delete', { Name: name });
    expect((await put(name, 'reborn')).text).toBe('4');
    expect(await info(name)).toEqual({ Name: name, Versions: [4], ActiveVersion: 4 });
    expect((await call(t.url, 'create-version', { Name: name, Version: 2, Value: b64('x') })).status).toBe(412);
    // A poller still holding version 1 of the old secret sees the new value instead of 304 forever.
    const r = await call(t.url, 'get', { Name: name, Version: 1, UpdateIfChanged: true });
    expect(r.status).toBe(200);
    expect(text((JSON.parse(r.text) as { Value: string }).Value)).toBe('reborn');
  });
});

describe('conditional get (§1.7)', () => {
  it('answers 304 with no body and no audit entry when the active version is unchanged', async () => {
    const name = fresh();
    await put(name, 'one');
    const before = auditEntries(t.dataDir).length;
    const r = await call(t.url, 'get', { Name: name, Version: 1, UpdateIfChanged: true });
    expect(r).toEqual({ status: 304, text: '', contentType: 'application/json' });
    expect(auditEntries(t.dataDir).length).toBe(before);
  });

  it('returns the active value when it differs, even if the old version is gone', async () => {
    const name = fresh();
    await put(name, 'one');
    await put(name, 'two');
    await call(t.url, 'activate', { Name: name, Version: 2 });
    await call(t.url, 'delete-version', { Name: name, Version: 1 });
    const r = await call(t.url, 'get', { Name: name, Version: 1, UpdateIfChanged: true });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ Value: b64('two'), Version: 2 });
  });

  it('is a plain get with version 0, and 404 for a missing secret', async () => {
    const name = fresh();
    await put(name, 'one');
    expect((await call(t.url, 'get', { Name: name, Version: 0, UpdateIfChanged: true })).status).toBe(200);
    expect((await call(t.url, 'get', { Name: fresh(), Version: 3, UpdateIfChanged: true })).status).toBe(404);
  });
});

describe('responses (§1.1, §1.3)', () => {
  it('lists null when nothing is visible, else sorted by name bytes with versions ascending', async () => {
    const empty = await startTestApp(secretsApp, { caps: ALL });
    try {
      expect(await call(empty.url, 'list')).toMatchObject({ status: 200, text: 'null' });
      for (const n of ['b', 'a/b', 'B', 'a', '<tag>']) await call(empty.url, 'put', { Name: n, Value: b64(n) });
      await call(empty.url, 'put', { Name: 'a', Value: b64('a2') });
      const r = await call(empty.url, 'list');
      expect(r.text).toBe(
        '[{"Name":"\\u003ctag\\u003e","Versions":[1],"ActiveVersion":1},{"Name":"B","Versions":[1],"ActiveVersion":1},' +
          '{"Name":"a","Versions":[1,2],"ActiveVersion":1},{"Name":"a/b","Versions":[1],"ActiveVersion":1},{"Name":"b","Versions":[1],"ActiveVersion":1}]',
      );
    } finally {
      await empty.cleanup();
    }
  });

  it('counts calls by method and outcome in tailyard_secrets_api_calls_total', async () => {
    await call(t.url, 'get', { Name: fresh() });
    const metrics = await t.platform.metrics.registry.metrics();
    expect(metrics).toMatch(/tailyard_secrets_api_calls_total\{method="get",outcome="not-found"\} \d+/);
    expect(metrics).toMatch(/tailyard_secrets_api_calls_total\{method="put",outcome="ok"\} \d+/);
  });
});
