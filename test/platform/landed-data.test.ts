/**
 * A data directory written by the landed version (test/fixtures/landed-data, see its README)
 * opens unchanged: every sealed secret version reads back, the identity provider unseals its
 * signing keys (sealed under the associated-data tag it has always passed) and signs with them,
 * and the secrets audit log, a JSON Lines file then, moves into `secrets.audit.db` byte for byte
 * and still verifies.
 */
import { createPublicKey, verify } from 'node:crypto';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idpApp } from '../../src/apps/idp/index.js';
import { secretsApp } from '../../src/apps/secrets/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { auditLogPath, verifyAuditChain } from '../../src/platform/audit.js';
import { exportAuditChain } from '../../src/platform/audit-store.js';
import { silentLogger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import { call } from '../apps/secrets/helpers.js';
import { tempDataDir } from '../support/platform.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/landed-data');
const KIDS = ['PVt9QtH-tKT3t5a_Hi20oYlSuNKtFtWmzeen4ccOiOw', 'jlRsnFlNSiIAA_fcOjUUXEADjSWzkQlKuiSXitXEdzE'];

let dataDir: string;
let platform: RunningPlatform;
const url = (id: string) => (platform.urls[id]?.[0] ?? '').replace(/\/$/, '');

beforeAll(async () => {
  dataDir = tempDataDir('tailyard-landed-');
  chmodSync(dataDir, 0o700);
  cpSync(FIXTURE, dataDir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  // git keeps no file modes: the data directory must be private, as it was when written.
  for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o600);
  platform = await startPlatform({
    config: { dataDir, admin: { enabled: false }, dev: { login: 'amy@example.com' }, apps: { secrets: { devPort: 0 }, idp: { devPort: 0 } } },
    apps: [secretsApp as AppDefinition, idpApp as AppDefinition],
    log: silentLogger(),
    defaultMetrics: false,
  });
});
afterAll(async () => {
  await platform?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const value = async (body: Record<string, unknown>) => {
  const res = await call(url('secrets'), 'get', body);
  expect(res.status, res.text).toBe(200);
  const got = JSON.parse(res.text) as { Value: string; Version: number };
  return { version: got.Version, value: Buffer.from(got.Value, 'base64').toString('utf8') };
};

describe('a data directory written by the landed version', () => {
  it('moves the secrets audit log into its database at start-up, byte for byte, and it verifies', () => {
    const landed = readFileSync(join(FIXTURE, 'secrets.audit.jsonl'));
    expect(existsSync(join(dataDir, 'secrets.audit.jsonl'))).toBe(false);
    expect(readFileSync(join(dataDir, 'secrets.audit.jsonl.migrated'))).toEqual(landed);
    const chunks: Buffer[] = [];
    exportAuditChain(auditLogPath(dataDir, 'secrets'), (c) => chunks.push(c));
    expect(Buffer.concat(chunks).subarray(0, landed.length)).toEqual(landed);
    expect(verifyAuditChain(auditLogPath(dataDir, 'secrets'))).toMatchObject({ ok: true, firstSeq: 1, oldest: null });
  });

  it('reads every secret version sealed then', async () => {
    expect(await value({ Name: 'prod/db-url', Version: 1 })).toEqual({ version: 1, value: 'postgres://app:hunter2@db.example/app' });
    expect(await value({ Name: 'prod/db-url', Version: 2 })).toEqual({ version: 2, value: 'postgres://app:correct-horse@db.example/app' });
    expect(await value({ Name: 'prod/db-url' })).toEqual({ version: 1, value: 'postgres://app:hunter2@db.example/app' });
    expect(await value({ Name: 'dev/token' })).toEqual({ version: 1, value: 'tok-123' });
  });

  it('keeps the identity provider signing keys, and signs with the current one', async () => {
    const jwks = (await (await fetch(`${url('idp')}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string; n: string; e: string }> };
    expect(jwks.keys.map((k) => k.kid)).toEqual(KIDS);
    // A client and a code flow: the ID token is signed by the unsealed current key.
    const made = await fetch(`${url('idp')}/clients/new`, { method: 'POST', body: new URLSearchParams({ name: 'rp', redirect_uri: 'http://127.0.0.1:1/cb' }) });
    expect(made.status).toBe(200);
    const client = (await made.json()) as { client_id: string; client_secret: string };
    const authorize = await fetch(`${url('idp')}/authorize?${new URLSearchParams({ client_id: client.client_id, redirect_uri: 'http://127.0.0.1:1/cb', response_type: 'code', scope: 'openid', state: 's' })}`, { redirect: 'manual' });
    const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const token = await fetch(`${url('idp')}/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:1/cb' }),
    });
    expect(token.status).toBe(200);
    const idToken = ((await token.json()) as { id_token: string }).id_token;
    const [head = '', payload = '', signature = ''] = idToken.split('.');
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { kid: string };
    expect(header.kid).toBe(KIDS[0]);
    const jwk = jwks.keys[0] as { n: string; e: string };
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    expect(verify('RSA-SHA256', Buffer.from(`${head}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
  });
});
