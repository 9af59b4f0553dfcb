/**
 * The signing keys: RSA-2048 / RS256 (what every relying party of tsidp accepts), sealed at rest
 * under the KEK, rotated with overlap. The JWKS always publishes the `current` key (which signs),
 * the `next` one (published a full period before it signs, so relying parties have it cached) and
 * the `previous` one (so tokens it signed keep verifying until the following rotation).
 *
 * New keys get an RFC 7638 thumbprint as `kid`; a key imported from tsidp keeps its decimal `kid`.
 * Each private key is sealed (XChaCha20-Poly1305, associated data `idp-signing-key` + kid) under
 * its own data key, which the KEK wraps: the platform's envelope (`ctx.keys`), under the tag
 * {@link IDP_AAD_TAG}. The key file is `<dataDir>/idp.key` (or `apps.idp.kek`), created on a
 * fresh database in every mode; once keys are sealed, a missing or different key stops start-up
 * (starting over would change every `kid` relying parties cached).
 *
 * A rotation made by another process (`tailyard idp rotate-key`) bumps `key_state.generation`;
 * the ring checks it at most once a second and reloads.
 *
 * @example
 *   const kek = await openIdpKek(ctx.keys, config.kek, keyStore.kekIds());
 *   const ring = await KeyRing.open(new KeyStore(db), kek, { rotationDays: 90, log });
 *   const jws = await signJwt(claims, await ring.signer(), 'JWT');
 */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { JWK } from 'jose';
import type { Logger } from 'pino';
import type { KekConfig } from '../../../platform/keys/config.js';
import type { Keys, Sealer } from '../../../platform/keys/keys.js';
import type { KeyRow, KeyStore } from '../store/index.js';
import type { SigningKey } from './jwt.js';

const generateRsa = promisify(generateKeyPair);

/**
 * The associated-data tag of the signing keys: the secrets app's, which the idp has sealed under
 * since its first release. It is part of every sealed key, so it never changes.
 */
export const IDP_AAD_TAG = 'tailyard/secrets/v1';

/**
 * The KEK sealing the signing keys: created on a fresh database in every mode (nothing can be
 * lost then), checked against the KEKs the stored keys name.
 *
 * @example const kek = await openIdpKek(ctx.keys, config.kek, new KeyStore(db).kekIds());
 */
export function openIdpKek(keys: Keys, kek: KekConfig, sealedBy: readonly string[]): Promise<Sealer> {
  return keys.open({ aadTag: IDP_AAD_TAG, kek, create: 'when-unused', inUse: sealedBy, protects: 'the signing keys in idp.db' });
}

interface LoadedKey {
  row: KeyRow;
  key: KeyObject;
  publicKey: KeyObject;
}

export interface KeyRingOptions {
  /** Rotate when the current key is older than this (0: only on demand). */
  rotationDays: number;
  log: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
}

/** A JWKS entry in tsidp's field order. */
export interface PublicJwk {
  use: 'sig';
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  n: string;
  e: string;
}

export class KeyRing {
  #keys: LoadedKey[] = [];
  #generation = -1;
  #checkedAt = 0;
  #jwks = '';
  /** The first keys of a new database, while they are being generated. */
  #first: Promise<void> | undefined;
  /** Why the first keys could not be made, if they could not. */
  #firstFailure: string | undefined;

  private constructor(
    private readonly store: KeyStore,
    private readonly kek: Sealer,
    private readonly opts: KeyRingOptions,
  ) {}

  /** Loads the keys, creating the first `current` and `next` keys of a new database. */
  /** Opens the ring; a new database gets its first keys before this resolves. */
  static async open(store: KeyStore, kek: Sealer, opts: KeyRingOptions): Promise<KeyRing> {
    const ring = await KeyRing.start(store, kek, opts);
    await ring.#first;
    return ring;
  }

  /**
   * Opens the ring without waiting for a new database's first keys: they are generated in the
   * thread pool while the server starts (that was most of a first start-up), and whatever needs
   * a key waits for them.
   */
  static async start(store: KeyStore, kek: Sealer, opts: KeyRingOptions): Promise<KeyRing> {
    const ring = new KeyRing(store, kek, opts);
    if (store.published().length === 0) {
      ring.#first = ring.generateFirst();
      ring.#first.catch((err: Error) => {
        ring.#firstFailure = err.message;
        opts.log.warn({ err: err.message }, 'creating the first signing keys failed');
      });
    } else {
      await ring.reload();
    }
    return ring;
  }

  private async generateFirst(): Promise<void> {
    const now = this.now();
    const [current, next] = await Promise.all([newRsaKey(), newRsaKey()]);
    this.store.addInitial([await this.seal(current, 'current', 'generated', now), await this.seal(next, 'next', 'generated', now)]);
    this.opts.log.info({}, 'created the first signing keys');
    await this.reload();
  }

  /** For `/healthz`: ready once a current key is loaded (a new database makes its first keys at start). */
  health(): { ready: boolean; detail?: string } {
    if (this.#keys.some((k) => k.row.state === 'current')) return { ready: true };
    if (this.#firstFailure !== undefined) return { ready: false, detail: `creating the first signing keys failed: ${this.#firstFailure}` };
    return { ready: false, detail: 'creating the first signing keys' };
  }

  private now(): number {
    return this.opts.now?.() ?? Math.floor(Date.now() / 1000);
  }

  /** The key that signs now. */
  async signer(): Promise<SigningKey> {
    await this.fresh();
    const current = this.#keys.find((k) => k.row.state === 'current');
    if (!current) throw new Error('no current signing key');
    return { kid: current.row.kid, alg: 'RS256', key: current.key };
  }

  /** The JWKS document (indented, tsidp's format), ready to send. */
  async jwks(): Promise<string> {
    await this.fresh();
    return this.#jwks;
  }

  /** The public key for `kid` (to verify our own tokens: logout hints, JWT access tokens). */
  async publicKey(kid: string): Promise<KeyObject | undefined> {
    await this.fresh();
    return this.#keys.find((k) => k.row.kid === kid)?.publicKey;
  }

  /** The published `kid`s, current first. */
  kids(): string[] {
    return this.#keys.map((k) => k.row.kid);
  }

  /** Rotates now: next → current → previous, with a new next key. Returns the new current kid. */
  async rotate(): Promise<string> {
    await this.reload();
    const next = this.#keys.find((k) => k.row.state === 'next');
    const now = this.now();
    const fresh = await this.seal(await newRsaKey(), 'next', 'generated', now);
    const promote = next?.row ?? (await this.seal(await newRsaKey(), 'current', 'generated', now));
    this.store.rotate(promote, fresh, now);
    await this.reload();
    this.opts.log.info({ kid: promote.kid }, 'rotated the signing key');
    return promote.kid;
  }

  /** Rotates if the current key is older than the configured period; true if it did. */
  async rotateIfDue(): Promise<boolean> {
    if (this.opts.rotationDays <= 0) return false;
    await this.fresh();
    const current = this.#keys.find((k) => k.row.state === 'current');
    const since = current?.row.activatedAt ?? current?.row.createdAt ?? 0;
    if (this.now() - since < this.opts.rotationDays * 86_400) return false;
    await this.rotate();
    return true;
  }

  /** Makes `key` (tsidp's) the current key under its own `kid`; the old current key stays published as previous. */
  async adopt(kid: string, key: KeyObject): Promise<void> {
    if (this.store.has(kid)) throw new Error(`a signing key with kid ${kid} is already stored`);
    this.store.rotate(await this.seal(key, 'current', 'tsidp-import', this.now(), kid), undefined, this.now());
    await this.reload();
  }

  private async fresh(): Promise<void> {
    if (this.#first) await this.#first;
    const t = Date.now();
    if (t - this.#checkedAt < 1000) return;
    this.#checkedAt = t;
    if (this.store.generation() !== this.#generation) await this.reload();
  }

  private async reload(): Promise<void> {
    const generation = this.store.generation();
    const rows = this.store.published();
    const keys: LoadedKey[] = [];
    for (const row of rows) {
      const key = this.#keys.find((k) => k.row.kid === row.kid)?.key ?? (await this.unseal(row));
      keys.push({ row, key, publicKey: createPublicKey(key) });
    }
    this.#keys = keys;
    this.#generation = generation;
    this.#checkedAt = Date.now();
    this.#jwks = `${JSON.stringify({ keys: keys.map((k) => publicJwk(k.row.kid, k.publicKey)) }, null, 2)}\n`;
  }

  private async seal(key: KeyObject, state: KeyRow['state'], source: string, now: number, kid?: string): Promise<KeyRow> {
    const jwk = createPublicKey(key).export({ format: 'jwk' }) as JWK;
    // jose loads on demand: it is only needed when a key is made, and costs start-up otherwise.
    const id = kid ?? (await (await import('jose')).calculateJwkThumbprint({ kty: 'RSA', n: jwk.n, e: jwk.e }));
    const der = key.export({ type: 'pkcs8', format: 'der' });
    const { dek, wrapped } = await this.kek.newDataKey();
    try {
      const sealedKey = this.kek.seal(dek, ['idp-signing-key', id], der);
      return {
        kid: id,
        alg: 'RS256',
        state,
        publicJwk: JSON.stringify({ kty: 'RSA', n: jwk.n, e: jwk.e }),
        sealedKey,
        dekId: wrapped.dekId,
        kekId: wrapped.kekId,
        wrappedDek: wrapped.wrapped,
        source,
        createdAt: now,
        activatedAt: state === 'current' ? now : null,
      };
    } finally {
      der.fill(0);
      dek.destroy();
    }
  }

  private async unseal(row: KeyRow): Promise<KeyObject> {
    const dek = await this.kek.openDataKey({ dekId: row.dekId, kekId: row.kekId, wrapped: row.wrappedDek });
    try {
      const der = this.kek.open(dek, ['idp-signing-key', row.kid], row.sealedKey, `signing key ${row.kid}`);
      try {
        return createPrivateKey({ key: Buffer.from(der.buffer, der.byteOffset, der.byteLength), format: 'der', type: 'pkcs8' });
      } finally {
        der.fill(0);
      }
    } finally {
      dek.destroy();
    }
  }
}

async function newRsaKey(): Promise<KeyObject> {
  const { privateKey } = await generateRsa('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  return privateKey;
}

function publicJwk(kid: string, key: KeyObject): PublicJwk {
  const jwk = key.export({ format: 'jwk' }) as JWK;
  return { use: 'sig', kty: 'RSA', kid, alg: 'RS256', n: jwk.n as string, e: jwk.e as string };
}
