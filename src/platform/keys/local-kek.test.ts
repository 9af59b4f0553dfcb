import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, utf8ToBytes } from '@noble/ciphers/utils.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { envelope } from './envelope.js';
import { LocalKek } from './local-kek.js';

const env = envelope('tailyard/secrets/v1');
const { createDek, unwrapDek } = env;
const associatedData = env.associatedData;

let dir: string;
let file: string;
const log = { warn: vi.fn() };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-kek-'));
  file = path.join(dir, 'secrets.kek');
  log.warn.mockClear();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('LocalKek.openOrCreate', () => {
  it('names a key by the same fingerprint as every release before (it is stored with each wrapped key)', () => {
    expect(new LocalKek(new Uint8Array(32).fill(1)).id).toBe('local:4e188e199fad9d5b');
  });

  it('creates a 0600 hex key file, warns loudly, and reopens to the same key', async () => {
    const kek = LocalKek.openOrCreate(file, { create: true, log });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(String(log.warn.mock.calls[0]?.[1])).toMatch(/Back it up/);

    const { wrapped } = await createDek(kek);
    const again = LocalKek.openOrCreate(file, { create: true, log });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(again.id).toBe(kek.id);
    await expect(unwrapDek(again, wrapped)).resolves.toBeDefined();
  });

  it('refuses a missing file unless asked to create it', () => {
    expect(() => LocalKek.openOrCreate(file, { create: false, log })).toThrow(/does not exist/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it.each([0o640, 0o604, 0o644, 0o660, 0o700 | 0o070])('refuses a file with mode %o', (mode) => {
    LocalKek.openOrCreate(file, { create: true, log });
    fs.chmodSync(file, mode);
    expect(() => LocalKek.openOrCreate(file, { create: false, log })).toThrow(/group or others.*chmod 600/);
  });

  it('accepts an existing 0400 file with upper-case hex and no newline', () => {
    fs.writeFileSync(file, 'AB'.repeat(32), { mode: 0o400 });
    expect(LocalKek.openOrCreate(file, { create: false, log }).id).toMatch(/^local:[0-9a-f]{16}$/);
  });

  it.each([
    ['too short', 'ab'.repeat(31)],
    ['too long', 'ab'.repeat(33)],
    ['not hex', 'zz'.repeat(32)],
    ['raw bytes', String.fromCharCode(...randomBytes(32))],
    ['empty', ''],
    ['two lines', `${'ab'.repeat(32)}\n${'ab'.repeat(32)}\n`],
  ])('refuses a key file that is %s', (_, content) => {
    fs.writeFileSync(file, content, { mode: 0o600 });
    expect(() => LocalKek.openOrCreate(file, { create: false, log })).toThrow(/must hold exactly 64 hex characters/);
  });

  it('refuses a directory', () => {
    fs.mkdirSync(file, { mode: 0o700 });
    expect(() => LocalKek.openOrCreate(file, { create: true, log })).toThrow(/not a regular file/);
  });
});

describe('LocalKek wrap/unwrap', () => {
  it('authenticates the AAD and the key', async () => {
    const kek = new LocalKek(randomBytes(32));
    const dek = randomBytes(32);
    const wrapped = await kek.wrap(dek, associatedData('dek', 'one'));
    await expect(kek.unwrap(wrapped, associatedData('dek', 'one'))).resolves.toEqual(dek);
    await expect(kek.unwrap(wrapped, associatedData('dek', 'two'))).rejects.toThrow(/authentication failed/);
    await expect(new LocalKek(randomBytes(32)).unwrap(wrapped, associatedData('dek', 'one'))).rejects.toThrow();
  });

  it('derives distinct ids for distinct keys, without exposing the key', () => {
    const key = randomBytes(32);
    const hex = Buffer.from(key).toString('hex');
    const id = new LocalKek(key.slice()).id;
    expect(id).not.toContain(hex.slice(0, 16));
    expect(new LocalKek(key.slice()).id).toBe(id);
    expect(new LocalKek(randomBytes(32)).id).not.toBe(id);
  });

  it('refuses a key of the wrong size and stops working after destroy', async () => {
    expect(() => new LocalKek(utf8ToBytes('short'))).toThrow(/32 bytes/);
    const key = randomBytes(32);
    const kek = new LocalKek(key);
    const wrapped = await kek.wrap(randomBytes(32), associatedData('dek', 'x'));
    kek.destroy();
    expect(key.every((b) => b === 0)).toBe(true);
    await expect(kek.unwrap(wrapped, associatedData('dek', 'x'))).rejects.toThrow();
  });
});
