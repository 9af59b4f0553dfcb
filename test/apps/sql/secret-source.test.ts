/**
 * A source whose connection string is a secret in the secrets app, read in-process as the SQL
 * app (`app:sql`, allowed by `apps.secrets.appGrants.sql`), audited like any read, and switched
 * when a new version is activated, without a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETS_CAP } from '../../../src/apps/secrets/access.js';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { sqlApp } from '../../../src/apps/sql/index.js';
import type { AppDefinition } from '../../../src/platform/app.js';
import { readAuditEntries } from '../../../src/platform/audit.js';
import { CAP, type MultiApp, oracleWorkspace, q, startApps } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-secret-'));
oracleWorkspace(dir);
let apps: MultiApp;
const ALL_SECRETS = { action: ['get', 'info', 'put', 'create-version', 'activate', 'delete'], secret: ['*'] };

beforeAll(async () => {
  apps = await startApps([secretsApp as AppDefinition, sqlApp as AppDefinition], {
    secrets: { appGrants: { sql: [{ action: ['get'], secret: ['db/*'] }] } },
    sql: {
      sources: [
        { source: 'vault', label: 'From a secret', driver: 'sqlite', secret: 'db/url' },
        { source: 'nogrant', driver: 'sqlite', secret: 'other/url' },
        { source: 'sneaky', driver: 'sqlite', secret: 'db/sneaky' },
      ],
    },
  });
  apps.as({ [SECRETS_CAP]: [ALL_SECRETS], [CAP]: [{ src: ['*'] }] });
});
afterAll(async () => {
  await apps?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function secretsCall(endpoint: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${apps.url('secrets')}/api/${endpoint}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${endpoint}: ${res.status} ${await res.text()}`);
  return res.json();
}
const put = (name: string, value: string) => secretsCall('put', { Name: name, Value: Buffer.from(value).toString('base64') }) as Promise<number>;
const csv = async (sql: string, src: string) => {
  const res = await fetch(apps.url('sql') + q('/csv', sql, src), { headers: { 'Sec-Tailsql': '1' } });
  return { status: res.status, text: await res.text() };
};

describe('secret-backed sources', () => {
  it('connect with the active version and switch when a new one is activated', async () => {
    await put('db/url', `file:${join(dir, 'DATA', 'main.db')}?mode=ro`);
    expect(await csv("select name from sqlite_schema where type = 'table' order by name", 'vault')).toEqual({ status: 200, text: 'name\nevents\nusers\n' });
    const v2 = await put('db/url', `file:${join(dir, 'DATA', 'other.db')}?mode=ro`);
    // A new version is not active until activated: still the first database.
    expect((await csv("select count(*) as n from sqlite_schema where name = 'users'", 'vault')).text).toBe('n\n1\n');
    await secretsCall('activate', { Name: 'db/url', Version: v2 });
    expect(await csv('select a, b from t order by a', 'vault')).toEqual({ status: 200, text: 'a,b\n1,x\n2,\n' });
  });

  it('are audited as the SQL app, and a check of an unchanged version is not', () => {
    const entries = readAuditEntries(join(apps.dataDir, 'secrets.audit.db')) as Array<{ action: string; secret?: string; principal: { tags?: string[] }; outcome: string; version?: number }>;
    const reads = entries.filter((e) => e.action === 'get' && e.principal.tags?.includes('app:sql'));
    expect(reads.map((e) => [e.secret, e.version, e.outcome])).toEqual([
      ['db/url', 1, 'ok'],
      ['db/url', 2, 'ok'],
    ]);
  });

  it('fail with a clear error when the secrets app grants the SQL app nothing', async () => {
    await put('other/url', `file:${join(dir, 'DATA', 'main.db')}`);
    const res = await csv('select 1', 'nogrant');
    expect(res.status).toBe(503);
    expect(res.text).toBe('source "nogrant": cannot read secret "other/url": access denied\n');
  });

  it('cannot point at the secrets database', async () => {
    await put('db/sneaky', `file:${join(apps.dataDir, 'secrets.db')}?mode=ro`);
    const res = await csv('select 1', 'sneaky');
    expect(res.status).toBe(400);
    expect(res.text).toContain("secrets.db belongs to tailyard's secrets store and can never be a SQL source");
  });
});
