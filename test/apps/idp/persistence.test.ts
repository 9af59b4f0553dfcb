/**
 * State that must survive: a restart logs nobody out, `backup` → `restore` (with the key file,
 * which backups leave out) keeps every `kid` and sign-in, a missing key file stops start-up with
 * instructions, nothing usable is stored in plaintext, and the signing key rotates with overlap
 * (on demand with `tailyard idp rotate-key`, noticed by a running server; and on schedule).
 */
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupDataDir, restoreDataDir } from '../../../src/platform/backup.js';
import { type TestApp, tempDataDir } from '../../support/platform.js';
import { ADMIN, cli, follow, newClient, startIdp, tokenRequest } from './helpers.js';

const CB = 'https://rp.example/cb';
const apps: TestApp[] = [];
const dirs: string[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir?: string, appConfig: Record<string, unknown> = {}): Promise<TestApp> {
  const t = await startIdp({ caps: ADMIN, dataDir, appConfig });
  apps.push(t);
  if (!dataDir) dirs.push(t.dataDir);
  return t;
}

async function kids(url: string): Promise<string[]> {
  return ((await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
}

/** Signs in with a fresh client; returns it and the token response. */
async function signIn(url: string) {
  const rp = await newClient(url, [CB]);
  const cb = await follow(`${url}/authorize?client_id=${rp.client_id}&redirect_uri=${encodeURIComponent(CB)}&response_type=code&scope=openid`);
  const t = await tokenRequest(url, { grant_type: 'authorization_code', code: cb.searchParams.get('code') ?? '', redirect_uri: CB }, [rp.client_id, rp.client_secret]);
  return { rp, tokens: t.body as Record<string, string> };
}

const kidOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()).kid as string;


describe('persistence', () => {
  it('a restart logs nobody out and keeps the keys', async () => {
    const t1 = await start();
    const before = await kids(t1.url);
    const { rp, tokens } = await signIn(t1.url);
    await t1.close();
    const t2 = await start(t1.dataDir);
    expect(await kids(t2.url)).toEqual(before);
    expect((await fetch(`${t2.url}/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } })).status).toBe(200);
    const r = await tokenRequest(t2.url, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }, [rp.client_id, rp.client_secret]);
    expect(r.status).toBe(200);
  });

  it('backup → restore with the key file keeps every kid and sign-in; without it start-up says what to restore', async () => {
    const t = await start();
    const before = await kids(t.url);
    const { rp, tokens } = await signIn(t.url);
    const backup = tempDataDir();
    const restored = tempDataDir();
    const bare = tempDataDir();
    dirs.push(backup, restored, bare);
    rmSync(backup, { recursive: true });
    await backupDataDir(t.dataDir, backup);
    expect(existsSync(join(backup, 'idp.key'))).toBe(false);
    restoreDataDir(backup, restored);
    copyFileSync(join(t.dataDir, 'idp.key'), join(restored, 'idp.key'));
    const t2 = await start(restored);
    expect(await kids(t2.url)).toEqual(before);
    const r = await tokenRequest(t2.url, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }, [rp.client_id, rp.client_secret]);
    expect(r.status).toBe(200);
    expect(before).toContain(kidOf(String(r.body.id_token)));

    restoreDataDir(backup, bare);
    await expect(startIdp({ dataDir: bare })).rejects.toThrow(/idp key file .* does not exist, but the signing keys in idp.db are sealed by KEK local:[0-9a-f]+: restore that key file/);
  });

  it('stores no client secret, token or code in plaintext', async () => {
    const t = await start();
    const { rp, tokens } = await signIn(t.url);
    await t.close();
    const db = readFileSync(join(t.dataDir, 'idp.db')).toString('latin1') + (existsSync(join(t.dataDir, 'idp.db-wal')) ? readFileSync(join(t.dataDir, 'idp.db-wal')).toString('latin1') : '');
    for (const secret of [rp.client_secret, tokens.access_token, tokens.refresh_token]) expect(db).not.toContain(secret);
    expect(db).not.toContain('PRIVATE KEY');
  });
});

describe('signing-key rotation', () => {
  it('tailyard idp rotate-key: next becomes current, current stays published, and a running server follows', async () => {
    const t = await start();
    const [current, next] = await kids(t.url);
    const out = await cli(['idp', 'rotate-key', '--data', t.dataDir]);
    expect(out).toContain(`current signing key: ${next}`);
    await new Promise((r) => setTimeout(r, 1100));
    const after = await kids(t.url);
    expect(after[0]).toBe(next);
    expect(after).toContain(current);
    expect(after).toHaveLength(3);
    const { tokens } = await signIn(t.url);
    expect(kidOf(tokens.id_token ?? '')).toBe(next);
  });

  it('rotates on schedule when the current key is older than keyRotationDays', async () => {
    const t = await start(undefined, { keyRotationDays: 1 });
    const [current, next] = await kids(t.url);
    await t.close();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 86_400_000);
    const t2 = await start(t.dataDir, { keyRotationDays: 1 });
    // The first maintenance runs right after start-up, without holding it up.
    await expect.poll(async () => (await kids(t2.url))[0], { timeout: 10_000 }).toBe(next);
    const after = await kids(t2.url);
    expect(after).toContain(current);
  });
});
