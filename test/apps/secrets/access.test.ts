/**
 * Access control (reference §2) and auditing, over real sockets: the grant checks happen before
 * any existence check, list and the page show only what the caller may `info`, malformed grant
 * elements are skipped, and every request touching a secret leaves one durable audit entry
 * (the 304 of a conditional get excepted). Failing closed when the log cannot be written (a
 * real full disk) is audit-log.test.ts's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SECRETS_CAP } from '../../../src/apps/secrets/access.js';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { verifyAuditChain } from '../../../src/platform/audit.js';
import { startTestApp, type TestApp } from '../../support/platform.js';
import { ALL, auditEntries, b64, call, grants } from './helpers.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp(secretsApp, { caps: ALL });
  for (const name of ['dev/a', 'dev/b', 'prod/db', 'ok/x']) await call(t.url, 'put', { Name: name, Value: b64(`value of ${name}`) });
  await call(t.url, 'put', { Name: 'prod/db', Value: b64('v2') });
});
afterAll(() => t.cleanup());
beforeEach(() => t.as({ caps: ALL }));

const last = () => auditEntries(t.dataDir).at(-1);

describe('denial hides existence', () => {
  it('answers 403 alike for an existing and a missing secret, on every endpoint', async () => {
    t.as({ login: 'mallory@example.com', caps: grants({ action: ['get', 'info', 'put', 'activate', 'delete'], secret: ['other/*'] }) });
    const cases: Array<[string, (name: string) => unknown]> = [
      ['get', (n) => ({ Name: n })],
      ['get', (n) => ({ Name: n, Version: 1, UpdateIfChanged: true })],
      ['info', (n) => ({ Name: n })],
      ['put', (n) => ({ Name: n, Value: b64('x') })],
      ['create-version', (n) => ({ Name: n, Version: 50, Value: b64('x') })],
      ['activate', (n) => ({ Name: n, Version: 1 })],
      ['delete-version', (n) => ({ Name: n, Version: 1 })],
      ['delete', (n) => ({ Name: n })],
    ];
    for (const [endpoint, body] of cases) {
      const existing = await call(t.url, endpoint, body('prod/db'));
      const missing = await call(t.url, endpoint, body('prod/nonesuch'));
      expect(existing, endpoint).toMatchObject({ status: 403, text: 'access denied\n' });
      expect(missing, endpoint).toEqual(existing);
    }
    t.as({ caps: ALL });
    expect(await call(t.url, 'info', { Name: 'prod/db' })).toMatchObject({ text: '{"Name":"prod/db","Versions":[1,2],"ActiveVersion":1}' });
    expect((await call(t.url, 'info', { Name: 'prod/nonesuch' })).status).toBe(404);
  });

  it('checks each action separately: get does not imply info, nor the reverse', async () => {
    t.as({ caps: grants({ action: ['get'], secret: ['dev/*'] }) });
    expect((await call(t.url, 'get', { Name: 'dev/a' })).status).toBe(200);
    expect((await call(t.url, 'info', { Name: 'dev/a' })).status).toBe(403);
    expect((await call(t.url, 'get', { Name: 'prod/db' })).status).toBe(403);
    expect((await call(t.url, 'get', { Name: 'dev' })).status).toBe(403);
    t.as({ caps: grants({ action: ['info'], secret: ['dev/*'] }) });
    expect((await call(t.url, 'get', { Name: 'dev/a' })).status).toBe(403);
    expect((await call(t.url, 'info', { Name: 'dev/a' })).status).toBe(200);
  });

  it('needs delete for delete-version, activate for activate', async () => {
    t.as({ caps: grants({ action: ['put', 'get'], secret: ['*'] }) });
    expect((await call(t.url, 'put', { Name: 'dev/b', Value: b64('second') })).text).toBe('2');
    expect((await call(t.url, 'activate', { Name: 'dev/b', Version: 2 })).status).toBe(403);
    expect((await call(t.url, 'delete-version', { Name: 'dev/b', Version: 2 })).status).toBe(403);
    t.as({ caps: grants({ action: ['delete'], secret: ['dev/b'] }) });
    expect((await call(t.url, 'delete-version', { Name: 'dev/b', Version: 2 })).status).toBe(200);
  });

  it('allows create-version with put or with create-version, and denies it with neither', async () => {
    t.as({ caps: grants({ action: ['put'], secret: ['cv/*'] }) });
    expect((await call(t.url, 'create-version', { Name: 'cv/a', Version: 5, Value: b64('x') })).status).toBe(200);
    t.as({ caps: grants({ action: ['create-version'], secret: ['cv/*'] }) });
    expect((await call(t.url, 'create-version', { Name: 'cv/b', Version: 5, Value: b64('x') })).status).toBe(200);
    expect((await call(t.url, 'put', { Name: 'cv/b', Value: b64('y') })).status).toBe(403);
    t.as({ caps: grants({ action: ['get', 'info', 'activate', 'delete'], secret: ['cv/*'] }) });
    expect((await call(t.url, 'create-version', { Name: 'cv/c', Version: 5, Value: b64('x') })).status).toBe(403);
  });
});

describe('list and page filtering', () => {
  it('lists only secrets the caller may info, and null when there are none', async () => {
    t.as({ caps: grants({ action: ['info'], secret: ['dev/*'] }, { action: ['get'], secret: ['prod/*'] }) });
    const names = (JSON.parse((await call(t.url, 'list')).text) as Array<{ Name: string }>).map((s) => s.Name);
    expect(names).toEqual(['dev/a', 'dev/b']);
    t.as({ caps: grants({ action: ['get', 'put', 'delete'], secret: ['*'] }) });
    expect((await call(t.url, 'list')).text).toBe('null');
    t.as({ caps: {} });
    expect((await call(t.url, 'list')).text).toBe('null');
  });

  it('renders the page with only visible names and versions, never values', async () => {
    t.as({ caps: grants({ action: ['info'], secret: ['dev/*'] }) });
    const res = await fetch(`${t.url}/`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('dev/a');
    expect(html).not.toContain('prod/db');
    expect(html).not.toContain('value of');
    expect(html).not.toContain(b64('value of dev/a'));
  });
});

describe('grants', () => {
  it('ignores a malformed grant element instead of failing the caller', async () => {
    t.as({ caps: grants({ action: 'get', secret: ['*'] }, { action: ['get'], secret: ['ok/*'] }, 'junk', null) });
    expect((await call(t.url, 'get', { Name: 'ok/x' })).status).toBe(200);
    expect((await call(t.url, 'get', { Name: 'prod/db' })).status).toBe(403);
  });

  it('accepts Go-style keys and the https:// capability name', async () => {
    t.as({ caps: grants({ ACTION: ['get'], Secret: ['ok/*'] }) });
    expect((await call(t.url, 'get', { Name: 'ok/x' })).status).toBe(200);
    t.as({ caps: { [`https://${SECRETS_CAP}`]: [{ action: ['get'], secret: ['ok/x'] }] } });
    expect((await call(t.url, 'get', { Name: 'ok/x' })).status).toBe(200);
  });
});

describe('audit', () => {
  it('records caller, node, address, action, secret, version read or written, and outcome', async () => {
    t.as({ login: 'bob@example.com', caps: ALL });
    await call(t.url, 'put', { Name: 'audit/a', Value: b64('one') });
    expect(last()).toMatchObject({
      action: 'put',
      principal: { user: 'bob@example.com', node: 'localhost', ip: '127.0.0.1' },
      secret: 'audit/a',
      version: 1,
      authorized: true,
      outcome: 'ok',
    });
    await call(t.url, 'put', { Name: 'audit/a', Value: b64('two') });
    expect(last()).toMatchObject({ action: 'put', version: 2, outcome: 'ok' });
    await call(t.url, 'put', { Name: 'audit/a', Value: b64('two') });
    expect(last()).toMatchObject({ action: 'put', version: 2, outcome: 'unchanged' });
    await call(t.url, 'get', { Name: 'audit/a' });
    expect(last()).toMatchObject({ action: 'get', version: 1, outcome: 'ok' });
    await call(t.url, 'get', { Name: 'audit/a', Version: 1, UpdateIfChanged: false });
    await call(t.url, 'get', { Name: 'audit/missing' });
    expect(last()).toMatchObject({ action: 'get', secret: 'audit/missing', outcome: 'not-found' });
    await call(t.url, 'delete-version', { Name: 'audit/a', Version: 1 });
    expect(last()).toMatchObject({ action: 'delete-version', version: 1, authorized: true, outcome: 'active-version' });
    await call(t.url, 'list');
    expect(last()).toMatchObject({ action: 'list', outcome: 'ok' });
    expect(last()).not.toHaveProperty('secret');
  });

  it('records denials, tagged callers by their tags, and the version a conditional get delivered', async () => {
    t.as({ tags: ['tag:web'], caps: grants({ action: ['get'], secret: ['audit/a'] }) });
    await call(t.url, 'info', { Name: 'audit/a' });
    expect(last()).toMatchObject({ action: 'info', principal: { tags: ['tag:web'] }, authorized: false, outcome: 'denied' });
    expect(last()?.principal).not.toHaveProperty('user');
    await call(t.url, 'get', { Name: 'audit/a', Version: 2, UpdateIfChanged: true });
    expect(last()).toMatchObject({ action: 'get', secret: 'audit/a', version: 1, outcome: 'ok' });
    expect(verifyAuditChain(`${t.dataDir}/secrets.audit.db`)).toMatchObject({ ok: true });
  });
});
