import { randomBytes, utf8ToBytes } from '@noble/ciphers/utils.js';
import { describe, expect, it } from 'vitest';
import { associatedData, DataKey, envelope, EnvelopeError, type KekProvider } from './envelope.js';
import { LocalKek } from './local-kek.js';

const TAG = 'tailyard/secrets/v1';
const env = envelope(TAG);
const { createDek, unwrapDek, rotateKek } = env;
const sealValue = (dek: DataKey, name: string, version: number, plaintext: Uint8Array) => env.seal(dek, ['value', name, version], plaintext);
const openValue = (dek: DataKey, name: string, version: number, sealed: Uint8Array) => env.open(dek, ['value', name, version], sealed, `secret ${name}`);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const newKek = () => new LocalKek(randomBytes(32));

describe('associatedData', () => {
  it('starts with the schema tag and length-prefixes every field', () => {
    const ad = env.associatedData('value', 'a', 1);
    const want = [TAG, 'value', 'a', '1'].flatMap((f) => [0, 0, 0, f.length, ...utf8ToBytes(f)]);
    expect([...ad]).toEqual(want);
    expect(associatedData(TAG, 'value', 'a', 1)).toEqual(ad);
  });

  it('binds the tag: the same fields under another tag do not open', async () => {
    const kek = newKek();
    const { dek, wrapped } = await createDek(kek);
    const sealed = env.seal(dek, ['note', 1], utf8ToBytes('v'));
    const other = envelope('tailyard/other/v1');
    expect(() => other.open(dek, ['note', 1], sealed, 'the note')).toThrow(EnvelopeError);
    await expect(other.unwrapDek(kek, wrapped)).rejects.toThrow(/cannot unwrap/);
  });

  it('encodes field lists that would collide when joined differently', () => {
    const a = env.associatedData('value', 'a|b', 1);
    const b = env.associatedData('value', 'a', 'b|1');
    const c = env.associatedData('value', 'a|b|1');
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
    expect(b).not.toEqual(c);
  });
});

describe('values', () => {
  it('round-trips, with a fresh nonce every time', async () => {
    const { dek } = await createDek(newKek());
    const value = utf8ToBytes('hello, world');
    const one = sealValue(dek, 'prod/db', 3, value);
    const two = sealValue(dek, 'prod/db', 3, value);
    expect(one).not.toEqual(two);
    expect(one.length).toBe(1 + 24 + value.length + 16);
    expect(text(openValue(dek, 'prod/db', 3, one))).toBe('hello, world');
    expect(text(openValue(dek, 'prod/db', 3, two))).toBe('hello, world');
  });

  it('round-trips an empty value', () => {
    const dek = DataKey.generate();
    expect(openValue(dek, 'x', 1, sealValue(dek, 'x', 1, new Uint8Array(0)))).toEqual(new Uint8Array(0));
  });

  it('refuses a ciphertext moved to another name or version', () => {
    const dek = DataKey.generate();
    const row = sealValue(dek, 'prod/db', 3, utf8ToBytes('s3cret'));
    expect(() => openValue(dek, 'prod/db2', 3, row)).toThrow(EnvelopeError);
    expect(() => openValue(dek, 'prod/db', 4, row)).toThrow(/authentication failed/);
    expect(() => openValue(dek, 'prod/db', 3, row)).not.toThrow();
  });

  it('refuses a value under another DEK, a flipped bit, and truncated or foreign input', () => {
    const dek = DataKey.generate();
    const row = sealValue(dek, 'x', 1, utf8ToBytes('v'));
    expect(() => openValue(DataKey.generate(), 'x', 1, row)).toThrow(EnvelopeError);
    for (const i of [0, 5, row.length - 1]) {
      const bad = row.slice();
      bad[i] = (bad[i] ?? 0) ^ 1;
      expect(() => openValue(dek, 'x', 1, bad)).toThrow(EnvelopeError);
    }
    expect(() => openValue(dek, 'x', 1, row.subarray(0, 40))).toThrow(/not a sealed value/);
  });

  it('never puts the plaintext in an error message', () => {
    const dek = DataKey.generate();
    const row = sealValue(dek, 'x', 1, utf8ToBytes('TOPSECRET'));
    expect(() => openValue(dek, 'y', 1, row)).toThrow(expect.objectContaining({ message: expect.not.stringContaining('TOPSECRET') }));
  });

  it('refuses to use a destroyed DEK', () => {
    const dek = DataKey.generate();
    dek.destroy();
    expect(() => sealValue(dek, 'x', 1, utf8ToBytes('v'))).toThrow(/destroyed/);
  });

  it('zeroes the key bytes it owns on destroy', () => {
    const raw = randomBytes(32);
    new DataKey('id', raw).destroy();
    expect(raw.every((b) => b === 0)).toBe(true);
  });
});

describe('DEK wrapping', () => {
  it('unwraps to a DEK that opens what the original sealed', async () => {
    const kek = newKek();
    const { dek, wrapped } = await createDek(kek);
    expect(wrapped.kekId).toBe(kek.id);
    expect(wrapped.dekId).toBe(dek.id);
    const row = sealValue(dek, 'a', 1, utf8ToBytes('v'));
    const again = await unwrapDek(kek, wrapped);
    expect(text(openValue(again, 'a', 1, row))).toBe('v');
  });

  it('fails with the wrong KEK, even one claiming the right id', async () => {
    const kek = newKek();
    const { wrapped } = await createDek(kek);
    await expect(unwrapDek(newKek(), wrapped)).rejects.toThrow(/wrapped by KEK local:/);
    const impostor: KekProvider = { id: kek.id, wrap: (d, a) => newKek().wrap(d, a), unwrap: (w, a) => newKek().unwrap(w, a) };
    await expect(unwrapDek(impostor, wrapped)).rejects.toThrow(/cannot unwrap data key/);
  });

  it('binds a wrapped DEK to its id: swapping ids fails', async () => {
    const kek = newKek();
    const a = await createDek(kek);
    const b = await createDek(kek);
    await expect(unwrapDek(kek, { ...a.wrapped, dekId: b.wrapped.dekId })).rejects.toThrow(EnvelopeError);
  });

  it('does not hand out a DEK when wrapping fails', async () => {
    const failing: KekProvider = {
      id: 'broken',
      wrap: () => Promise.reject(new Error('KMS down')),
      unwrap: () => Promise.reject(new Error('KMS down')),
    };
    await expect(createDek(failing)).rejects.toThrow('KMS down');
  });
});

describe('rotateKek', () => {
  it('re-wraps DEKs under the new KEK without touching values', async () => {
    const oldKek = newKek();
    const newer = newKek();
    const deks = await Promise.all([createDek(oldKek), createDek(oldKek)]);
    const rows = deks.map(({ dek }, i) => sealValue(dek, `s${i}`, 1, utf8ToBytes(`value ${i}`)));

    const rotated = await rotateKek(oldKek, newer, deks.map((d) => d.wrapped));
    expect(rotated.map((w) => w.kekId)).toEqual([newer.id, newer.id]);
    expect(rotated.map((w) => w.dekId)).toEqual(deks.map((d) => d.dek.id));
    for (const [i, w] of rotated.entries()) {
      const dek = await unwrapDek(newer, w);
      expect(text(openValue(dek, `s${i}`, 1, rows[i] as Uint8Array))).toBe(`value ${i}`);
    }
    await expect(unwrapDek(oldKek, rotated[0] as (typeof rotated)[0])).rejects.toThrow(EnvelopeError);
  });

  it('is resumable: DEKs already under the new KEK pass through', async () => {
    const oldKek = newKek();
    const newer = newKek();
    const a = await createDek(oldKek);
    const b = await createDek(newer);
    const rotated = await rotateKek(oldKek, newer, [a.wrapped, b.wrapped]);
    expect(rotated[1]).toBe(b.wrapped);
    expect(rotated[0]?.kekId).toBe(newer.id);
  });

  it('refuses DEKs wrapped by a third KEK', async () => {
    const { wrapped } = await createDek(newKek());
    await expect(rotateKek(newKek(), newKek(), [wrapped])).rejects.toThrow(EnvelopeError);
  });
});
