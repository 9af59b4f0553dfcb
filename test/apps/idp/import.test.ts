/**
 * Moving a tsidp deployment over with `tailyard idp import DIR`: its PKCS#1 signing key keeps its
 * `kid` (past 2^53, kept as the exact decimal string) and signs from then on, and its clients —
 * including a legacy one with a single `redirect_uri` — sign in with their tsidp credentials, so
 * no relying party changes anything. The key is stored sealed, never as PEM or DER.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, tempDataDir } from '../../support/platform.js';
import { ADMIN, cli, follow, startIdp, tokenRequest } from './helpers.js';

const KID = '9210502070016329719';
const GRAFANA = { id: '0123456789abcdef0123456789abcdef', secret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90', cb: 'https://grafana.tail1234.ts.net/login/generic_oauth' };
const LEGACY = { id: 'fedcba9876543210fedcba9876543210', secret: '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', cb: 'http://127.0.0.1:9999/legacy/cb' };

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
let tsidpDir: string;
let dataDir: string;
let t: TestApp;


beforeAll(async () => {
  tsidpDir = mkdtempSync(join(tmpdir(), 'tsidp-state-'));
  dataDir = tempDataDir();
  // Exactly tsidp's format: the kid a bare JSON number, the key PKCS#1 PEM.
  writeFileSync(join(tsidpDir, 'oidc-key.json'), `{"kid":${KID},"key":${JSON.stringify(privateKey.export({ type: 'pkcs1', format: 'pem' }))}}`, { mode: 0o600 });
  copyFileSync(join(import.meta.dirname, 'fixtures/oidc-funnel-clients.json'), join(tsidpDir, 'oidc-funnel-clients.json'));
});
afterAll(async () => {
  await t?.cleanup();
  rmSync(tsidpDir, { recursive: true, force: true });
});

async function signInWith(c: typeof GRAFANA) {
  const cb = await follow(`${t.url}/authorize?client_id=${c.id}&redirect_uri=${encodeURIComponent(c.cb)}&response_type=code&scope=openid%20email`);
  return tokenRequest(t.url, { grant_type: 'authorization_code', code: cb.searchParams.get('code') ?? '', redirect_uri: c.cb }, [c.id, c.secret]);
}

describe('tailyard idp import', () => {
  it('imports the key and both clients, and reports a second run as already present', async () => {
    expect(await cli(['idp', 'import', tsidpDir, '--data', dataDir])).toBe(`signing key ${KID}: imported, now current\nclients: 2 imported, 0 already present\n`);
    expect(await cli(['idp', 'import', tsidpDir, '--data', dataDir])).toContain(`signing key ${KID}: already present\nclients: 0 imported, 2 already present`);
    t = await startIdp({ caps: ADMIN, dataDir });
  });

  it('publishes the kid as the exact decimal string and signs with it', async () => {
    const text = await (await fetch(`${t.url}/.well-known/jwks.json`)).text();
    expect(text).toContain(`"kid": "${KID}"`);
    const r = await signInWith(GRAFANA);
    expect(r.status).toBe(200);
    const idToken = String(r.body.id_token);
    expect(JSON.parse(Buffer.from(idToken.split('.')[0] ?? '', 'base64url').toString()).kid).toBe(KID);
    await expect(compactVerify(idToken, createPublicKey(privateKey))).resolves.toBeTruthy();
  });

  it('lets a legacy client with a single redirect_uri sign in with its tsidp secret', async () => {
    const r = await signInWith(LEGACY);
    expect(r.status).toBe(200);
    const clients = (await (await fetch(`${t.url}/clients/`)).json()) as Array<Record<string, unknown>>;
    expect(clients.find((c) => c.client_id === GRAFANA.id)).toMatchObject({ client_name: 'grafana', created_at: '2025-10-01T12:00:00Z' });
  });

  it('keeps the key sealed and the secrets hashed', async () => {
    await t.close();
    const bytes = readFileSync(join(dataDir, 'idp.db'));
    const der = privateKey.export({ type: 'pkcs1', format: 'der' });
    expect(bytes.includes(der.subarray(0, 64))).toBe(false);
    expect(bytes.includes(privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(0, 64))).toBe(false);
    expect(bytes.toString('latin1')).not.toContain(GRAFANA.secret);
  });

  it('refuses a directory that is not a tsidp state directory', async () => {
    const empty = tempDataDir();
    let printed: string;
    try {
      printed = await cli(['idp', 'import', empty, '--data', empty]);
    } finally {
      process.exitCode = undefined;
      rmSync(empty, { recursive: true, force: true });
    }
    expect(printed).toMatch(/holds neither oidc-key.json nor oidc-funnel-clients.json/);
  });
});
