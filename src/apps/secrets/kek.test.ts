import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalKek } from './crypto/local-kek.js';
import { finishRotation, keyFilePath, loadKekId, nextKeyFile, openKekSource } from './kek.js';

let dir: string;
const warnings: unknown[] = [];
const log = { warn: (...a: unknown[]) => warnings.push(a), info: () => {} };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-kek-'));
  warnings.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const local = { provider: 'local' as const };
const newKey = (file: string) => LocalKek.openOrCreate(file, { create: true, log: { warn: () => {} } }).id;

describe('openKekSource (local)', () => {
  it('creates the key file (0600) with a warning in dev mode only', async () => {
    const src = await openKekSource(local, { dataDir: dir, mode: 'dev', dbKekId: undefined, log });
    const file = path.join(dir, 'secrets.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(src.initialId).toBe(loadKekId(file));
    expect(JSON.stringify(warnings)).toMatch(/NOT FOR PRODUCTION|Back it up/);
    src.close();
  });

  it('refuses to start without a key file in managed or host mode, saying how to create one', async () => {
    for (const mode of ['managed', 'host'] as const) {
      await expect(openKekSource(local, { dataDir: dir, mode, dbKekId: undefined, log })).rejects.toThrow(/tailyard secret init-kek/);
    }
    expect(fs.existsSync(path.join(dir, 'secrets.key'))).toBe(false);
  });

  it('refuses a key file that is not the KEK the database names, and a missing one for a used database', async () => {
    const file = path.join(dir, 'secrets.key');
    newKey(file);
    await expect(openKekSource(local, { dataDir: dir, mode: 'dev', dbKekId: 'local:0000', log })).rejects.toThrow(/wrong key file/);
    fs.rmSync(file);
    await expect(openKekSource(local, { dataDir: dir, mode: 'dev', dbKekId: 'local:0000', log })).rejects.toThrow(/restore that key file/);
  });

  it('honours a configured key file path', () => {
    expect(keyFilePath({ provider: 'local', keyFile: '/etc/k' }, dir)).toBe('/etc/k');
    expect(keyFilePath(local, dir)).toBe(path.join(dir, 'secrets.key'));
  });

  it('finds a KEK staged by a rotation, and finishes a committed rotation at start-up', async () => {
    const file = path.join(dir, 'secrets.key');
    const oldId = newKey(file);
    const src = await openKekSource(local, { dataDir: dir, mode: 'managed', dbKekId: oldId, log });
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

describe('openKekSource (aws-kms)', () => {
  it('explains that the AWS SDK must be installed when it is missing', async () => {
    const arn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    await expect(openKekSource({ provider: 'aws-kms', keyArn: arn }, { dataDir: dir, mode: 'managed', dbKekId: undefined, log })).rejects.toThrow(
      /npm install @aws-sdk\/client-kms/,
    );
  });
});
