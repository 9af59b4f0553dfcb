import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys } from '../../../platform/keys/keys.js';
import { openAppDatabase } from '../../../platform/storage.js';
import { migrations } from '../schema.js';
import { KeyStore } from '../store/index.js';
import { KeyRing, openIdpKek } from './keys.js';

const log = { warn: () => {}, info: () => {} };
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-idp-keys-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function ring(now: () => number) {
  const db = openAppDatabase(':memory:', migrations);
  const store = new KeyStore(db);
  const kek = await openIdpKek(createKeys({ appId: 'idp', dataDir: dir, mode: 'dev', log }), { provider: 'local' }, []);
  return { store, db, kek, ring: await KeyRing.open(store, kek, { rotationDays: 30, log, now }) };
}

describe('key ring', () => {
  it('starts with a current and a next key, RFC 7638 kids, sealed (no PEM or DER at rest)', async () => {
    const { ring: r, store, db, kek } = await ring(() => 1000);
    const kids = r.kids();
    expect(kids).toHaveLength(2);
    for (const kid of kids) expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = store.published();
    expect(rows.map((k) => k.state)).toEqual(['current', 'next']);
    const signer = await r.signer();
    const der = signer.key.export({ type: 'pkcs8', format: 'der' });
    for (const row of rows) expect(Buffer.from(row.sealedKey).includes(der.subarray(0, 48))).toBe(false);
    kek.close();
    db.close();
  });

  it('rotates on schedule with overlap: next → current → previous, then previous leaves', async () => {
    let now = 1000;
    const { ring: r, db, kek } = await ring(() => now);
    const [a, b] = r.kids();
    expect(await r.rotateIfDue()).toBe(false);
    now += 31 * 86_400;
    expect(await r.rotateIfDue()).toBe(true);
    const afterFirst = r.kids();
    expect(afterFirst[0]).toBe(b);
    expect(afterFirst).toContain(a);
    expect((await r.signer()).kid).toBe(b);
    now += 31 * 86_400;
    await r.rotateIfDue();
    expect(r.kids()).not.toContain(a);
    expect(r.kids()).toContain(b);
    const jwks = JSON.parse(await r.jwks()) as { keys: Array<{ kid: string; use: string; alg: string }> };
    expect(jwks.keys.map((k) => k.kid)).toEqual(r.kids());
    expect(jwks.keys.every((k) => k.use === 'sig' && k.alg === 'RS256')).toBe(true);
    kek.close();
    db.close();
  });
});
