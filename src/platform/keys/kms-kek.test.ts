/**
 * KmsKek against an in-memory STAND-IN for AWS KMS: no KMS endpoint is reachable from this test
 * environment, and the real `@aws-sdk/client-kms` is deliberately not a dependency. The stand-in
 * models the KMS behaviour the provider relies on: ciphertext blobs name their key, `Decrypt`
 * rejects a mismatched `KeyId` (IncorrectKeyException) and a mismatched `EncryptionContext`
 * (InvalidCiphertextException), and unknown keys fail (NotFoundException).
 */
import { randomBytes, utf8ToBytes } from '@noble/ciphers/utils.js';
import { describe, expect, it } from 'vitest';
import { aeadOpen, aeadSeal, type DataKey, envelope } from './envelope.js';
import { type KmsClient, KmsKek } from './kms-kek.js';
import { LocalKek } from './local-kek.js';

const env = envelope('tailyard/secrets/v1');
const { createDek, unwrapDek, rotateKek } = env;
const sealValue = (dek: DataKey, name: string, version: number, plaintext: Uint8Array) => env.seal(dek, ['value', name, version], plaintext);
const openValue = (dek: DataKey, name: string, version: number, sealed: Uint8Array) => env.open(dek, ['value', name, version], sealed, `secret ${name}`);

class KmsError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** An in-memory stand-in for AWS KMS symmetric keys (see the file comment). */
class FakeKms implements KmsClient {
  private readonly keys = new Map<string, Uint8Array>();
  readonly calls: { op: string; context: Record<string, string> }[] = [];

  createKey(arn: string): void {
    this.keys.set(arn, randomBytes(32));
  }

  async encrypt(input: { KeyId: string; Plaintext: Uint8Array; EncryptionContext: Record<string, string> }) {
    this.calls.push({ op: 'encrypt', context: input.EncryptionContext });
    const sealed = aeadSeal(this.key(input.KeyId), contextBytes(input.EncryptionContext), input.Plaintext);
    const arn = utf8ToBytes(input.KeyId);
    return { CiphertextBlob: Uint8Array.of(arn.length, ...arn, ...sealed) };
  }

  async decrypt(input: { CiphertextBlob: Uint8Array; EncryptionContext: Record<string, string>; KeyId: string }) {
    this.calls.push({ op: 'decrypt', context: input.EncryptionContext });
    const blob = input.CiphertextBlob;
    const arnLen = blob[0] ?? 0;
    const arn = new TextDecoder().decode(blob.subarray(1, 1 + arnLen));
    if (arn !== input.KeyId) throw new KmsError('IncorrectKeyException', 'the ciphertext was encrypted under another key');
    try {
      return { Plaintext: aeadOpen(this.key(arn), contextBytes(input.EncryptionContext), blob.subarray(1 + arnLen), 'blob') };
    } catch {
      throw new KmsError('InvalidCiphertextException', 'InvalidCiphertextException');
    }
  }

  private key(arn: string): Uint8Array {
    const key = this.keys.get(arn);
    if (key === undefined) throw new KmsError('NotFoundException', `key ${arn} does not exist`);
    return key;
  }
}

function contextBytes(ctx: Record<string, string>): Uint8Array {
  return utf8ToBytes(JSON.stringify(Object.entries(ctx).sort(([a], [b]) => (a < b ? -1 : 1))));
}

const ARN_A = 'arn:aws:kms:us-east-1:111122223333:key/aaaaaaaa-0000-0000-0000-000000000001';
const ARN_B = 'arn:aws:kms:us-east-1:111122223333:key/bbbbbbbb-0000-0000-0000-000000000002';

function setup() {
  const kms = new FakeKms();
  kms.createKey(ARN_A);
  kms.createKey(ARN_B);
  return { kms, a: new KmsKek(kms, ARN_A), b: new KmsKek(kms, ARN_B) };
}

describe('KmsKek (against an in-memory KMS stand-in)', () => {
  it('wraps and unwraps DEKs through Encrypt/Decrypt with the AAD as encryption context', async () => {
    const { kms, a } = setup();
    expect(a.id).toBe(`aws-kms:${ARN_A}`);
    const { dek, wrapped } = await createDek(a);
    const row = sealValue(dek, 'prod/db', 1, utf8ToBytes('pw'));
    const again = await unwrapDek(a, wrapped);
    expect(new TextDecoder().decode(openValue(again, 'prod/db', 1, row))).toBe('pw');
    expect(kms.calls.map((c) => c.op)).toEqual(['encrypt', 'decrypt']);
    expect(Object.keys(kms.calls[0]?.context ?? {})).toEqual(['associatedData']);
    expect(kms.calls[0]?.context).toEqual(kms.calls[1]?.context);
    expect(kms.calls[0]?.context.associatedData).toMatch(/^[0-9a-f]+$/);
  });

  it('fails when the DEK id (and so the encryption context) does not match', async () => {
    const { a } = setup();
    const one = await createDek(a);
    const two = await createDek(a);
    await expect(unwrapDek(a, { ...one.wrapped, dekId: two.wrapped.dekId })).rejects.toThrow(/cannot unwrap/);
    await expect(a.unwrap(one.wrapped.wrapped, utf8ToBytes('other'))).rejects.toThrow(
      expect.objectContaining({ cause: expect.objectContaining({ name: 'InvalidCiphertextException' }) }),
    );
  });

  it('fails under another key, and names the key in the error', async () => {
    const { a, b } = setup();
    const { wrapped } = await createDek(a);
    await expect(b.unwrap(wrapped.wrapped, utf8ToBytes('x'))).rejects.toThrow(`KMS Decrypt with ${ARN_B} failed`);
  });

  it('reports KMS being unavailable or answering without data', async () => {
    const down: KmsClient = {
      encrypt: () => Promise.reject(new Error('connect ETIMEDOUT')),
      decrypt: () => Promise.reject(new Error('connect ETIMEDOUT')),
    };
    await expect(createDek(new KmsKek(down, ARN_A))).rejects.toThrow(/KMS Encrypt .* failed/);
    const empty: KmsClient = { encrypt: async () => ({}), decrypt: async () => ({}) };
    await expect(new KmsKek(empty, ARN_A).wrap(randomBytes(32), utf8ToBytes('x'))).rejects.toThrow(/no ciphertext/);
    await expect(new KmsKek(empty, ARN_A).unwrap(randomBytes(64), utf8ToBytes('x'))).rejects.toThrow(/no plaintext/);
  });

  it('requires a full key ARN', () => {
    expect(() => new KmsKek(new FakeKms(), 'alias/secrets')).toThrow(/full key ARN/);
  });

  it('rotates from a local KEK to KMS and on to another KMS key', async () => {
    const { a, b } = setup();
    const local = new LocalKek(randomBytes(32));
    const { dek, wrapped } = await createDek(local);
    const row = sealValue(dek, 's', 7, utf8ToBytes('v'));
    const [toA] = await rotateKek(local, a, [wrapped]);
    const [toB] = await rotateKek(a, b, toA ? [toA] : []);
    expect(toB?.kekId).toBe(b.id);
    const final = await unwrapDek(b, toB ?? wrapped);
    expect(new TextDecoder().decode(openValue(final, 's', 7, row))).toBe('v');
  });
});
