/**
 * The platform clock reaches every expiry and timestamp: the whole suite runs under
 * `TAILYARD_TEST_CLOCK`, the test moves it between requests, and pastes expire, identity-provider
 * codes lapse after 2 minutes, and links, audit entries and the SQL query log carry the fixed
 * time. Outside tests the variable is refused before anything opens.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditEntries } from '../../src/platform/audit.js';
import { TEST_CLOCK_ENV } from '../../src/platform/clock.js';
import { ConfigError } from '../../src/platform/config.js';
import { silentLogger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import { builtInApps, suite } from '../../src/suite.js';
import { tempDataDir } from '../support/platform.js';

const T0 = '2026-12-07T12:00:00Z';
const T0S = Date.parse(T0) / 1000;
const at = (secondsAfter: number) => new Date((T0S + secondsAfter) * 1000).toISOString();
const setClock = (iso: string) => {
  process.env[TEST_CLOCK_ENV] = iso;
};

let dataDir: string;
let platform: RunningPlatform;
const url = (id: string) => (platform.urls[id]?.[0] ?? '').replace(/\/$/, '');

const sourceDir = tempDataDir('tailyard-clock-source-');

function settings(dir: string) {
  const source = join(sourceDir, 'source.sqlite');
  const db = new Database(source);
  db.exec('DROP TABLE IF EXISTS t');
  db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1)');
  db.close();
  const apps = Object.fromEntries(builtInApps.map((a) => [a.id, { devPort: 0 }]));
  return {
    dataDir: dir,
    admin: { enabled: false },
    dev: { login: 'amy@example.com' },
    apps: { ...apps, sql: { devPort: 0, sources: [{ source: 'main', label: 'Main', driver: 'sqlite', url: `file:${source}?mode=ro` }] } },
  };
}

beforeAll(async () => {
  setClock(T0);
  dataDir = tempDataDir('tailyard-clock-');
  platform = await startPlatform({ config: settings(dataDir), apps: builtInApps, log: silentLogger(), defaultMetrics: false, ...suite() });
});
afterAll(async () => {
  await platform?.close();
  delete process.env[TEST_CLOCK_ENV];
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(sourceDir, { recursive: true, force: true });
});

describe('under a fixed clock', () => {
  it('a paste expires when the clock passes its lifetime, and not before', async () => {
    setClock(T0);
    const res = await fetch(`${url('paste')}/api/post`, { method: 'POST', headers: { Accept: 'application/json' }, body: new URLSearchParams({ content: 'soon gone', filename: 'a.txt', expires: '1h' }) });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { id: string; expiresAt: string };
    expect(made.expiresAt).toBe(at(3600));
    const read = () => fetch(`${url('paste')}/paste/${made.id}`, { headers: { Accept: 'application/json' } });
    setClock(at(3599));
    const live = await read();
    expect(live.status).toBe(200);
    expect(((await live.json()) as { createdAt: string }).createdAt).toBe(at(0));
    setClock(at(3600));
    expect((await read()).status).toBe(410);
  });

  it('an identity-provider code lasts 2 minutes by the clock', async () => {
    setClock(T0);
    const made = await fetch(`${url('idp')}/clients/new`, { method: 'POST', body: new URLSearchParams({ name: 'rp', redirect_uri: 'http://127.0.0.1:1/cb' }) });
    const client = (await made.json()) as { client_id: string; client_secret: string };
    const code = async () => {
      const q = new URLSearchParams({ client_id: client.client_id, redirect_uri: 'http://127.0.0.1:1/cb', response_type: 'code', scope: 'openid', state: 's' });
      const res = await fetch(`${url('idp')}/authorize?${q}`, { redirect: 'manual' });
      return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    };
    const redeem = (c: string) =>
      fetch(`${url('idp')}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: c, redirect_uri: 'http://127.0.0.1:1/cb' }),
      });
    const late = await code();
    setClock(at(120));
    const refused = await redeem(late);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant', error_description: 'code expired' });

    const fresh = await code();
    setClock(at(239));
    const ok = await redeem(fresh);
    expect(ok.status).toBe(200);
    const idToken = ((await ok.json()) as { id_token: string }).id_token;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iat: number; auth_time: number };
    expect(claims).toMatchObject({ iat: T0S + 239, auth_time: T0S + 120 });
  });

  it('links, their audit entries and the SQL query log carry the clock time', async () => {
    setClock(at(42));
    const saved = await fetch(`${url('links')}/`, { method: 'POST', headers: { 'Sec-Golink': '1' }, body: new URLSearchParams({ short: 'clock', long: 'https://example.com/{{.Now.Format "2006-01-02"}}' }) });
    expect(saved.status).toBe(200);
    const exported = await (await fetch(`${url('links')}/.export`)).text();
    expect(exported).toContain('"Short":"clock"');
    expect(exported).toContain(`"Created":"${at(42).replace('.000Z', 'Z')}"`);
    const visit = await fetch(`${url('links')}/clock`, { redirect: 'manual' });
    expect(visit.headers.get('location')).toBe('https://example.com/2026-12-07');
    const audit = readAuditEntries(join(dataDir, 'links.audit.db'));
    expect(audit.at(-1)).toMatchObject({ time: at(42), action: 'link.create' });

    setClock(at(43));
    const q = await fetch(`${url('sql')}/csv?${new URLSearchParams({ q: 'select n from t', src: 'main' })}`, { headers: { 'Sec-Tailsql': '1' } });
    expect(q.status, await q.clone().text()).toBe(200);
    await platform.close(); // flushes the query log
    const db = new Database(join(dataDir, 'sql.db'), { readonly: true });
    const rows = db.prepare('SELECT timestamp FROM raw_query_log').all() as Array<{ timestamp: string }>;
    db.close();
    expect(rows.map((r) => r.timestamp)).toEqual([at(43).slice(0, 23)]);
  });
});

describe('outside tests', () => {
  it('a fixed clock is refused before the data directory is touched', async () => {
    const dir = tempDataDir('tailyard-clock-refused-');
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const started = startPlatform({ config: settings(dir), apps: builtInApps, log: silentLogger(), defaultMetrics: false, ...suite() });
      await expect(started).rejects.toThrow(ConfigError);
      await expect(started).rejects.toThrow(/TAILYARD_TEST_CLOCK is set .* but NODE_ENV is not "test"/);
    } finally {
      process.env.NODE_ENV = env;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
