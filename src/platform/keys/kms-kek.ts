/**
 * A key-encryption key in AWS KMS: DEKs are wrapped by KMS `Encrypt` and unwrapped by `Decrypt`,
 * so the KEK never leaves KMS and every unwrap is authorized and logged by AWS.
 *
 * The KMS client is injected through the minimal {@link KmsClient} interface, which the
 * aggregated client of `@aws-sdk/client-kms` satisfies as is:
 *
 *   import { KMS } from '@aws-sdk/client-kms';
 *   const kek = new KmsKek(new KMS({ region: 'us-east-1' }), keyArn);
 *
 * tailyard itself does not depend on the SDK; deployments that use KMS install it.
 *
 * The AAD travels as the KMS encryption context `{"associatedData": hex(aad)}`, the convention of
 * tink-go-awskms that setec uses (reference §3.3). KMS authenticates the context, so `Decrypt`
 * with another context fails, and it appears in CloudTrail, which is fine: AAD holds no secrets.
 */
import { bytesToHex } from '@noble/ciphers/utils.js';
import type { KekProvider } from './envelope.js';

/** The two KMS calls this provider makes, shaped like `@aws-sdk/client-kms`'s `KMS` methods. */
export interface KmsClient {
  encrypt(input: {
    KeyId: string;
    Plaintext: Uint8Array;
    EncryptionContext: Record<string, string>;
  }): Promise<{ CiphertextBlob?: Uint8Array | undefined }>;
  decrypt(input: {
    CiphertextBlob: Uint8Array;
    EncryptionContext: Record<string, string>;
    KeyId: string;
  }): Promise<{ Plaintext?: Uint8Array | undefined }>;
}

/**
 * A KEK that is a symmetric AWS KMS key, named by its full key ARN.
 *
 * @example
 *   const kek = new KmsKek(new KMS({ region }), 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-…');
 *   const { dek, wrapped } = await createDek(kek);
 */
export class KmsKek implements KekProvider {
  readonly id: string;

  constructor(
    private readonly client: KmsClient,
    private readonly keyArn: string,
  ) {
    if (!keyArn.startsWith('arn:')) throw new Error(`KMS key must be a full key ARN, got ${JSON.stringify(keyArn)}`);
    this.id = `aws-kms:${keyArn}`;
  }

  async wrap(dek: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    let out: { CiphertextBlob?: Uint8Array | undefined };
    try {
      out = await this.client.encrypt({ KeyId: this.keyArn, Plaintext: dek, EncryptionContext: context(aad) });
    } catch (err) {
      throw new Error(`KMS Encrypt with ${this.keyArn} failed`, { cause: err });
    }
    if (out.CiphertextBlob === undefined) throw new Error(`KMS Encrypt with ${this.keyArn} returned no ciphertext`);
    return out.CiphertextBlob;
  }

  async unwrap(wrapped: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
    let out: { Plaintext?: Uint8Array | undefined };
    try {
      out = await this.client.decrypt({ CiphertextBlob: wrapped, EncryptionContext: context(aad), KeyId: this.keyArn });
    } catch (err) {
      throw new Error(`KMS Decrypt with ${this.keyArn} failed`, { cause: err });
    }
    if (out.Plaintext === undefined) throw new Error(`KMS Decrypt with ${this.keyArn} returned no plaintext`);
    return out.Plaintext;
  }
}

function context(aad: Uint8Array): Record<string, string> {
  return { associatedData: bytesToHex(aad) };
}
