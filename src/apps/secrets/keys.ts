/**
 * Data keys in memory: unwrapped on first use and cached by key id, so a `get` costs one
 * XChaCha20-Poly1305 open and no KEK call (which for KMS is a network round trip).
 *
 * A KEK rotation re-wraps data keys but does not change them, so cached keys stay valid through
 * it; a key that is not cached is unwrapped with whichever KEK its row names (the source reloads
 * key files for a KEK it has not seen). `delete` drops a secret's key from the cache and zeroes it.
 *
 * @example
 *   const keys = new DataKeys(kekSource);
 *   const dek = await keys.open(stored.dek);
 */
import type { DataKey, WrappedDek } from '../../platform/keys/envelope.js';
import type { KekSource } from '../../platform/keys/kek-source.js';
import { secretsEnvelope } from './sealing.js';
import type { WriteKey } from './store.js';

export class DataKeys {
  readonly #cache = new Map<string, DataKey>();

  constructor(private readonly kek: KekSource) {}

  /** The cached key, if it was unwrapped before (the fast path of every read). */
  cached(dekId: string): DataKey | undefined {
    return this.#cache.get(dekId);
  }

  /** The plaintext data key of a stored, wrapped one. */
  async open(w: WrappedDek): Promise<DataKey> {
    const hit = this.#cache.get(w.dekId);
    if (hit) return hit;
    const dek = await secretsEnvelope.unwrapDek(await this.kek.byId(w.kekId), w);
    const raced = this.#cache.get(w.dekId);
    if (raced) {
      dek.destroy();
      return raced;
    }
    this.#cache.set(w.dekId, dek);
    return dek;
  }

  /**
   * The key a write to a secret seals with: its existing key, or (for a new or deleted secret)
   * a fresh one wrapped by the KEK `kekId` names.
   */
  async forWrite(existing: WrappedDek | undefined, kekId: string): Promise<WriteKey & { fresh: boolean }> {
    if (existing) return { dek: await this.open(existing), wrapped: existing, fresh: false };
    const { dek, wrapped } = await secretsEnvelope.createDek(await this.kek.byId(kekId));
    return { dek, wrapped, fresh: true };
  }

  /** Caches a fresh key once its row is committed. */
  adopt(dek: DataKey): void {
    this.#cache.set(dek.id, dek);
  }

  /** Forgets and zeroes a key (its secret was deleted). */
  drop(dekId: string): void {
    this.#cache.get(dekId)?.destroy();
    this.#cache.delete(dekId);
  }

  /** Zeroes every cached key. */
  close(): void {
    for (const k of this.#cache.values()) k.destroy();
    this.#cache.clear();
  }
}
