import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope } from './envelope.js';
import { createKeys } from './keys.js';

let dir: string;
const log = { warn: () => {}, info: () => {} };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-keys-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const bytes = (s: string) => new TextEncoder().encode(s);

describe('ctx.keys', () => {
  it('opens <dataDir>/<app>.key, seals under the app’s tag, and reopens what it sealed', async () => {
    const keys = createKeys({ appId: 'notes', dataDir: dir, mode: 'managed', log });
    expect(keys.defaultFile).toBe(path.join(dir, 'notes.key'));
    const sealer = await keys.open({ aadTag: 'tailyard/notes/v1', create: 'when-unused', inUse: [], protects: 'the sealed notes' });
    expect(sealer.file).toBe(path.join(dir, 'notes.key'));
    expect(keys.files()).toEqual([path.join(dir, 'notes.key')]);
    const { dek, wrapped } = await sealer.newDataKey();
    const sealed = sealer.seal(dek, ['note', 1], bytes('hello'));
    keys.close();

    const again = await createKeys({ appId: 'notes', dataDir: dir, mode: 'managed', log }).open({
      aadTag: 'tailyard/notes/v1',
      create: 'when-unused',
      inUse: [wrapped.kekId],
      protects: 'the sealed notes',
    });
    const reopened = await again.openDataKey(wrapped);
    expect(new TextDecoder().decode(again.open(reopened, ['note', 1], sealed, 'note 1'))).toBe('hello');
    expect(() => again.open(reopened, ['note', 2], sealed, 'note 2')).toThrow(/cannot open note 2/);
    // The tag is part of every ciphertext: another app's envelope cannot open it.
    await expect(envelope('tailyard/other/v1').unwrapDek(await again.byId(wrapped.kekId), wrapped)).rejects.toThrow(/cannot unwrap/);
    again.close();
  });
});
