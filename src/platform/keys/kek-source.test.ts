import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finishRotation, type KekSourceOptions, keyFilePath, loadKekId, nextKeyFile, openKekSource } from './kek-source.js';
import { LocalKek } from './local-kek.js';

let dir: string;
const warnings: string[] = [];
const log = { warn: (_o: object, msg?: string) => void warnings.push(msg ?? ''), info: () => {} };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-kek-'));
  warnings.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const local = { provider: 'local' as const };
const newKey = (file: string) => LocalKek.openOrCreate(file, { create: true, log: { warn: () => {} } }).id;

/** The secrets app's policy: created in dev mode only. */
const secrets = (o: Partial<KekSourceOptions> = {}): KekSourceOptions => ({
  file: path.join(dir, 'secrets.key'),
  mode: 'dev',
  inUse: [],
  create: 'dev-only',
  owner: 'secrets',
  protects: 'the stored secrets',
  initCommand: 'tailyard secret init-kek',
  log,
  ...o,
});

/** The identity provider's policy: created in every mode while nothing is sealed. */
const idp = (o: Partial<KekSourceOptions> = {}): KekSourceOptions => ({
  file: path.join(dir, 'idp.key'),
  mode: 'managed',
  inUse: [],
  create: 'when-unused',
  owner: 'idp',
  protects: 'the signing keys in idp.db',
  log,
  ...o,
});

describe('openKekSource (local, created in dev mode only)', () => {
  it('creates the key file (0600) with a warning in dev mode only', async () => {
    const src = await openKekSource(local, secrets());
    const file = path.join(dir, 'secrets.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(src.initialId).toBe(loadKekId(file));
    expect(warnings.join('\n')).toMatch(/secrets key file; NOT FOR PRODUCTION USE. Back it up/);
    src.close();
  });

  it('refuses to start without a key file in managed or host mode, saying how to create one', async () => {
    for (const mode of ['managed', 'host'] as const) {
      await expect(openKekSource(local, secrets({ mode }))).rejects.toThrow(/tailyard secret init-kek --key-file/);
    }
    expect(fs.existsSync(path.join(dir, 'secrets.key'))).toBe(false);
  });

  it('refuses a key file that is not the KEK the database names, and a missing one for a used database', async () => {
    const file = path.join(dir, 'secrets.key');
    newKey(file);
    await expect(openKekSource(local, secrets({ inUse: ['local:0000'] }))).rejects.toThrow(/the stored secrets are sealed by KEK local:0000: wrong key file/);
    fs.rmSync(file);
    await expect(openKekSource(local, secrets({ inUse: ['local:0000'] }))).rejects.toThrow(/does not exist, but the stored secrets are sealed by KEK local:0000: restore that key file/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('honours a configured key file path', () => {
    expect(keyFilePath({ provider: 'local', keyFile: '/etc/k' }, path.join(dir, 'secrets.key'))).toBe('/etc/k');
    expect(keyFilePath(local, path.join(dir, 'secrets.key'))).toBe(path.join(dir, 'secrets.key'));
  });

  it('finds a KEK staged by a rotation, and finishes a committed rotation at start-up', async () => {
    const file = path.join(dir, 'secrets.key');
    const oldId = newKey(file);
    const src = await openKekSource(local, secrets({ mode: 'managed', inUse: [oldId] }));
    const nextId = newKey(nextKeyFile(file));
    expect((await src.byId(nextId)).id).toBe(nextId);
    await expect(src.byId('local:nope')).rejects.toThrow(/no key file holds KEK/);
    src.close();

    finishRotation(file, oldId, log);
    expect(fs.existsSync(nextKeyFile(file))).toBe(true);
    finishRotation(file, nextId, log);
    expect(fs.existsSync(nextKeyFile(file))).toBe(false);
    expect(loadKekId(file)).toBe(nextId);
    expect(loadKekId(`${file}.retired-${oldId.replace('local:', '')}`)).toBe(oldId);
  });
});

describe('openKekSource (local, created while nothing is sealed)', () => {
  it('is created 0600 on a fresh database in every mode, with a warning naming the owner', async () => {
    for (const mode of ['dev', 'managed', 'host'] as const) {
      const file = path.join(dir, mode, 'idp.key');
      const src = await openKekSource(local, idp({ mode, file }));
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      src.close();
    }
    expect(warnings).toHaveLength(3);
    expect(warnings.every((w) => w.includes('idp key file'))).toBe(true);
  });

  it('refuses to start over when sealed keys exist but the file is missing, or another key is there', async () => {
    await expect(openKekSource(local, idp({ inUse: ['local:0011223344556677'] }))).rejects.toThrow(
      /idp key file .* does not exist, but the signing keys in idp.db are sealed by KEK local:0011223344556677: restore that key file/,
    );
    expect(fs.existsSync(path.join(dir, 'idp.key'))).toBe(false);
    newKey(path.join(dir, 'idp.key'));
    await expect(openKekSource(local, idp({ inUse: ['local:0011223344556677'] }))).rejects.toThrow(/wrong key file/);
  });
});

describe('openKekSource (aws-kms)', () => {
  it('explains that the AWS SDK must be installed when it is missing', async () => {
    const arn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await expect(openKekSource({ provider: 'aws-kms', keyArn: arn }, idp())).rejects.toThrow(/npm install @aws-sdk\/client-kms/);
  });
});
