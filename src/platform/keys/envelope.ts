/**
 * Envelope encryption at rest, for every app that keeps sealed data (the secrets app's values,
 * the identity provider's signing keys).
 *
 * Data is sealed with XChaCha20-Poly1305 under a data key (DEK) with a fresh random 24-byte
 * nonce. DEKs are stored only wrapped by a key-encryption key (KEK) from a {@link KekProvider}
 * (a local key file, AWS KMS). A store can give each record (or each batch) its own DEK;
 * rotating the KEK then re-wraps the few DEKs ({@link Envelope.rotateKek}) and never touches
 * the sealed data.
 *
 * Every ciphertext carries associated data naming what it is (e.g. `value` + secret name +
 * version; `dek` + DEK id for wrapped DEKs), all under the app's schema tag: `envelope(tag)`
 * binds it. The tag is part of every stored ciphertext, so an app keeps passing the tag its data
 * was sealed under (the secrets app and the identity provider both use `tailyard/secrets/v1`).
 * The fields are length-prefixed, so no two field lists encode alike. A row copied to another
 * name or version, or a DEK swapped for another, fails to decrypt instead of yielding the wrong
 * data.
 *
 * Sealed format: `0x01 ‖ nonce (24) ‖ ciphertext ‖ tag (16)`.
 *
 * @example
 *   const env = envelope('tailyard/notes/v1');
 *   const { dek, wrapped } = await env.createDek(kek);
 *   const sealed = env.seal(dek, ['note', 42], bytes);
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { bytesToHex, concatBytes, randomBytes, utf8ToBytes } from '@noble/ciphers/utils.js';

/** Where a KEK lives. `wrap`/`unwrap` must authenticate `aad`: a wrong `aad` must make `unwrap` reject. */
export interface KekProvider {
  /** Stable identifier of this key, recorded next to every DEK it wraps (e.g. `local:1f2e…`). */
  readonly id: string;
  wrap(dek: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
}

/** A DEK as stored: its id, the KEK that wrapped it, and the wrapped bytes. */
export interface WrappedDek {
  readonly dekId: string;
  readonly kekId: string;
  readonly wrapped: Uint8Array;
}

/** A ciphertext that does not open, a KEK mismatch, or a malformed key. Never includes secret bytes. */
export class EnvelopeError extends Error {
  override name = 'EnvelopeError';
}

const FORMAT = 0x01;
const KEY_BYTES = 32;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;

/** One field of associated data. */
export type AadField = string | number;

/**
 * Length-prefixed associated data: the schema tag, then each field as a 4-byte big-endian
 * length and its UTF-8 bytes.
 *
 * @example
 *   associatedData('tailyard/secrets/v1', 'value', 'prod/db', 3) // tailyard/secrets/v1 | value | prod/db | 3
 */
export function associatedData(tag: string, ...fields: readonly AadField[]): Uint8Array {
  const parts = [tag, ...fields].map((f) => {
    const bytes = utf8ToBytes(String(f));
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, bytes.length);
    return concatBytes(len, bytes);
  });
  return concatBytes(...parts);
}

/**
 * XChaCha20-Poly1305 seal with a random nonce, in the sealed format above.
 *
 * @example
 *   const sealed = aeadSeal(key, associatedData('tailyard/notes/v1', 'note'), utf8ToBytes('hi'));
 */
export function aeadSeal(key: Uint8Array, ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  return concatBytes(Uint8Array.of(FORMAT), nonce, xchacha20poly1305(key, nonce, ad).encrypt(plaintext));
}

/**
 * Opens {@link aeadSeal}'s output; throws {@link EnvelopeError} naming `what` if it does not authenticate.
 *
 * @example
 *   const plaintext = aeadOpen(key, associatedData('tailyard/notes/v1', 'note'), sealed, 'the note');
 */
export function aeadOpen(key: Uint8Array, ad: Uint8Array, sealed: Uint8Array, what: string): Uint8Array {
  if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== FORMAT) {
    throw new EnvelopeError(`cannot open ${what}: not a sealed value (bad length or format byte)`);
  }
  const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
  try {
    return xchacha20poly1305(key, nonce, ad).decrypt(sealed.subarray(1 + NONCE_BYTES));
  } catch {
    throw new EnvelopeError(`cannot open ${what}: authentication failed (wrong key, or altered or moved ciphertext)`);
  }
}

/**
 * A plaintext DEK in memory. Call {@link DataKey.destroy} when done to zero it.
 *
 * @example
 *   const sealed = dek.seal(associatedData('tailyard/notes/v1', 'note', 1), bytes);
 */
export class DataKey {
  readonly id: string;
  readonly #key: Uint8Array;
  #destroyed = false;

  /** Takes ownership of `key` (32 bytes): it is zeroed by `destroy`. */
  constructor(id: string, key: Uint8Array) {
    if (key.length !== KEY_BYTES) throw new EnvelopeError(`data key ${id} has ${key.length} bytes, want ${KEY_BYTES}`);
    this.id = id;
    this.#key = key;
  }

  /** A fresh random DEK with a random 128-bit id. */
  static generate(): DataKey {
    return new DataKey(bytesToHex(randomBytes(16)), randomBytes(KEY_BYTES));
  }

  seal(ad: Uint8Array, plaintext: Uint8Array): Uint8Array {
    return aeadSeal(this.#live(), ad, plaintext);
  }

  open(ad: Uint8Array, sealed: Uint8Array, what: string): Uint8Array {
    return aeadOpen(this.#live(), ad, sealed, what);
  }

  /** This key wrapped by `kek`, bound to `ad` (an envelope passes its tag, `dek` and this key's id). */
  async wrapWith(kek: KekProvider, ad: Uint8Array): Promise<WrappedDek> {
    const wrapped = await kek.wrap(this.#live(), ad);
    return { dekId: this.id, kekId: kek.id, wrapped };
  }

  /** Zeroes the key; any later use throws. */
  destroy(): void {
    this.#key.fill(0);
    this.#destroyed = true;
  }

  #live(): Uint8Array {
    if (this.#destroyed) throw new EnvelopeError(`data key ${this.id} was destroyed`);
    return this.#key;
  }
}

/** Envelope operations under one schema tag (see the module comment). */
export interface Envelope {
  readonly tag: string;
  /** The associated data of `fields` under this envelope's tag. */
  associatedData(...fields: readonly AadField[]): Uint8Array;
  /** Seals `plaintext` under `dek`; it opens only with the same fields. */
  seal(dek: DataKey, fields: readonly AadField[], plaintext: Uint8Array): Uint8Array;
  /** Opens {@link Envelope.seal}'s output; `what` names it in errors. The caller owns (and should zero) the plaintext. */
  open(dek: DataKey, fields: readonly AadField[], sealed: Uint8Array, what: string): Uint8Array;
  /** A new DEK, and its wrapped form to store. */
  createDek(kek: KekProvider): Promise<{ dek: DataKey; wrapped: WrappedDek }>;
  /** Unwraps a stored DEK with `kek`, which must be the KEK that wrapped it. */
  unwrapDek(kek: KekProvider, w: WrappedDek): Promise<DataKey>;
  /**
   * Re-wraps DEKs from one KEK to another; data sealed under the DEKs stays valid as it is.
   * DEKs already under `to` are returned unchanged, so an interrupted rotation can be re-run.
   */
  rotateKek(from: KekProvider, to: KekProvider, deks: readonly WrappedDek[]): Promise<WrappedDek[]>;
}

/**
 * The envelope operations under the schema tag `tag`.
 *
 * @example
 *   const env = envelope('tailyard/secrets/v1');
 *   const dek = await env.unwrapDek(kek, row.dek);
 */
export function envelope(tag: string): Envelope {
  const ad = (...fields: readonly AadField[]) => associatedData(tag, ...fields);
  const unwrapDek = async (kek: KekProvider, w: WrappedDek): Promise<DataKey> => {
    if (w.kekId !== kek.id) {
      throw new EnvelopeError(`data key ${w.dekId} is wrapped by KEK ${w.kekId}, but the configured KEK is ${kek.id}`);
    }
    let raw: Uint8Array;
    try {
      raw = await kek.unwrap(w.wrapped, ad('dek', w.dekId));
    } catch (err) {
      throw new EnvelopeError(`cannot unwrap data key ${w.dekId} with KEK ${kek.id}`, { cause: err });
    }
    if (raw.length !== KEY_BYTES) {
      raw.fill(0);
      throw new EnvelopeError(`data key ${w.dekId} unwrapped to ${raw.length} bytes, want ${KEY_BYTES}`);
    }
    return new DataKey(w.dekId, raw);
  };
  return {
    tag,
    associatedData: ad,
    seal: (dek, fields, plaintext) => dek.seal(ad(...fields), plaintext),
    open: (dek, fields, sealed, what) => dek.open(ad(...fields), sealed, what),
    async createDek(kek) {
      const dek = DataKey.generate();
      try {
        return { dek, wrapped: await dek.wrapWith(kek, ad('dek', dek.id)) };
      } catch (err) {
        dek.destroy();
        throw err;
      }
    },
    unwrapDek,
    async rotateKek(from, to, deks) {
      const out: WrappedDek[] = [];
      for (const w of deks) {
        if (w.kekId === to.id) {
          out.push(w);
          continue;
        }
        const dek = await unwrapDek(from, w);
        try {
          out.push(await dek.wrapWith(to, ad('dek', dek.id)));
        } finally {
          dek.destroy();
        }
      }
      return out;
    },
  };
}
