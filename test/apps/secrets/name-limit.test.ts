/**
 * Secret names have a length limit (`apps.secrets.maxNameBytes`, default 1 KiB of UTF-8). A name
 * over it cannot exist, so every endpoint that takes a name refuses it with 400 before the
 * access check and before any audit entry: a caller without grants cannot grow the audit log
 * with huge names, and what a denied request with a name at the limit writes is bounded.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { startTestApp, type TestApp, tempDataDir } from '../../support/platform.js';
import { ALL, auditEntries, b64, call, grants } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(secretsApp, { caps: ALL });
});
afterAll(() => t.cleanup());
beforeEach(() => t.as({ caps: ALL }));

/** The bytes of the audit chain's lines (what an export of it holds). */
const auditBytes = () => auditEntries(t.dataDir).reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)) + 1, 0);
const TOO_LONG = 'bad request: the secret name is too long: the limit is 1024 bytes of UTF-8\n';

/** A request body naming `name` for each endpoint that takes a name. */
const BODIES: Array<[string, (name: string) => unknown]> = [
  ['get', (n) => ({ Name: n })],
  ['get', (n) => ({ Name: n, Version: 1, UpdateIfChanged: true })],
  ['info', (n) => ({ Name: n })],
  ['put', (n) => ({ Name: n, Value: b64('x') })],
  ['create-version', (n) => ({ Name: n, Version: 7, Value: b64('x') })],
  ['activate', (n) => ({ Name: n, Version: 1 })],
  ['delete-version', (n) => ({ Name: n, Version: 1 })],
  ['delete', (n) => ({ Name: n })],
];

describe('the name limit', () => {
  it('accepts a name of exactly 1024 bytes of UTF-8 and refuses one byte more, on every endpoint', async () => {
    const atLimit = `lim/${'€'.repeat(340)}`; // 4 + 340 × 3 = 1024 bytes, 344 characters
    expect(Buffer.byteLength(atLimit)).toBe(1024);
    expect((await call(t.url, 'put', { Name: atLimit, Value: b64('v') })).text).toBe('1');
    expect(await call(t.url, 'get', { Name: atLimit })).toMatchObject({ status: 200, text: `{"Value":"${b64('v')}","Version":1}` });

    const over = `${atLimit}x`;
    for (const [endpoint, body] of BODIES) {
      expect(await call(t.url, endpoint, body(over)), endpoint).toMatchObject({ status: 400, text: TOO_LONG });
    }
    expect((await call(t.url, 'list')).text).not.toContain(`${atLimit}x`);
  });

  it('counts bytes, not characters: 342 three-byte characters are too long', async () => {
    const name = '€'.repeat(342);
    expect(name.length).toBeLessThan(1024);
    expect(await call(t.url, 'put', { Name: name, Value: b64('v') })).toMatchObject({ status: 400, text: TOO_LONG });
  });

  it('refuses before the access check and writes no audit entry, however long the name', async () => {
    t.as({ login: 'mallory@example.com', caps: {} });
    const before = auditBytes();
    const huge = 'n'.repeat(1_300_000);
    for (const [endpoint, body] of BODIES) {
      expect(await call(t.url, endpoint, body(huge)), endpoint).toMatchObject({ status: 400, text: TOO_LONG });
      expect(await call(t.url, endpoint, body('x'.repeat(1025))), endpoint).toMatchObject({ status: 400, text: TOO_LONG });
    }
    expect(auditBytes()).toBe(before);
  });

  it('bounds what a denied request writes: one entry, at most the escaped name plus a little', async () => {
    t.as({ login: 'mallory@example.com', caps: grants({ action: ['get'], secret: ['mine/*'] }) });
    // Control characters are the worst case: JSON writes each byte as \u00XX.
    const worst = '\u0001'.repeat(1024);
    for (const [endpoint, body] of BODIES) {
      const before = auditBytes();
      const count = auditEntries(t.dataDir).length;
      expect(await call(t.url, endpoint, { ...(body(worst) as object), Extra: 'z'.repeat(100_000) }), endpoint).toMatchObject({ status: 403 });
      expect(auditEntries(t.dataDir).length, endpoint).toBe(count + 1);
      expect(auditBytes() - before, endpoint).toBeLessThan(6 * 1024 + 1024);
      expect(auditEntries(t.dataDir).at(-1), endpoint).toMatchObject({ secret: worst, authorized: false, outcome: 'denied' });
      expect(JSON.stringify(auditEntries(t.dataDir).at(-1))).not.toContain('zzz');
    }
  });
});

describe('a configured name limit', () => {
  it('applies the configured limit and names it', async () => {
    const small = await startTestApp(secretsApp, { caps: ALL, appConfig: { maxNameBytes: 16 } });
    try {
      expect((await call(small.url, 'put', { Name: 'a'.repeat(16), Value: b64('v') })).status).toBe(200);
      expect(await call(small.url, 'info', { Name: 'a'.repeat(17) })).toMatchObject({
        status: 400,
        text: 'bad request: the secret name is too long: the limit is 16 bytes of UTF-8\n',
      });
    } finally {
      await small.cleanup();
    }
  });

  it('refuses a limit that is not a positive integer up to 8 KiB', async () => {
    for (const maxNameBytes of [0, -1, 1.5, 8193, '1024']) {
      await expect(startTestApp(secretsApp, { appConfig: { maxNameBytes } }), String(maxNameBytes)).rejects.toThrow(/maxNameBytes/);
    }
  });

  it('warns at start-up about stored names a lowered limit has made unreachable', async () => {
    const dataDir = tempDataDir();
    const first = await startTestApp(secretsApp, { caps: ALL, dataDir });
    await call(first.url, 'put', { Name: 'long/'.repeat(10), Value: b64('v') });
    await call(first.url, 'put', { Name: 'short', Value: b64('v') });
    await first.close();
    const warnings: Array<Record<string, unknown>> = [];
    const log = pino({ level: 'warn' }, { write: (s: string) => void warnings.push(JSON.parse(s) as Record<string, unknown>) });
    const second = await startTestApp(secretsApp, { caps: ALL, dataDir, appConfig: { maxNameBytes: 16 }, log });
    try {
      expect(warnings).toContainEqual(expect.objectContaining({ secrets: 1, maxNameBytes: 16, msg: expect.stringMatching(/longer than maxNameBytes/) }));
      expect((await call(second.url, 'get', { Name: 'short' })).status).toBe(200);
    } finally {
      await second.cleanup();
    }
  });
});
