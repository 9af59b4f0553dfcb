import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalKek } from '../secrets/crypto/local-kek.js';
import { idpKeyFile, openIdpKek } from './kek.js';

let dir: string;
const warnings: string[] = [];
const log = { warn: (_o: object, msg?: string) => void warnings.push(msg ?? ''), info: () => {} };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-idp-kek-'));
  warnings.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the idp key-encryption key', () => {
  it('is created 0600 on a fresh database in every mode, with an idp warning', async () => {
    for (const mode of ['dev', 'managed', 'host'] as const) {
      const sub = path.join(dir, mode);
      const kek = await openIdpKek({ provider: 'local' }, { dataDir: sub, mode, log, sealedBy: [] });
      expect(fs.statSync(path.join(sub, 'idp.key')).mode & 0o777).toBe(0o600);
      kek.close();
    }
    expect(warnings.every((w) => w.includes('idp key file'))).toBe(true);
  });

  it('refuses to start over when sealed keys exist but the file is missing, or another key is there', async () => {
    await expect(openIdpKek({ provider: 'local' }, { dataDir: dir, mode: 'managed', log, sealedBy: ['local:0011223344556677'] })).rejects.toThrow(
      /does not exist, but the signing keys in idp.db are sealed by KEK local:0011223344556677: restore that key file/,
    );
    expect(fs.existsSync(path.join(dir, 'idp.key'))).toBe(false);
    LocalKek.openOrCreate(path.join(dir, 'idp.key'), { create: true, log }).destroy();
    await expect(openIdpKek({ provider: 'local' }, { dataDir: dir, mode: 'managed', log, sealedBy: ['local:0011223344556677'] })).rejects.toThrow(/wrong key file/);
  });

  it('uses the configured key file', () => {
    expect(idpKeyFile({ provider: 'local', keyFile: '/etc/tailyard/idp.key' }, dir)).toBe('/etc/tailyard/idp.key');
    expect(idpKeyFile({ provider: 'local' }, dir)).toBe(path.join(dir, 'idp.key'));
  });
});
