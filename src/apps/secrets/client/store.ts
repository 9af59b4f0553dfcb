/**
 * `SecretStore`: a service's view of its secrets, in the spirit of setec's `Store` (reference
 * §4.2). The secrets it declares are fetched when it opens; afterwards reads are synchronous and
 * never block, and a background poll keeps them fresh with conditional gets (a 304 costs no
 * value transfer and no audit entry). When the server is unreachable the last good value keeps
 * being served and the error is only logged. An optional file cache lets a service start while
 * the server is down; if every declared secret is in the cache the store opens without asking
 * the server, then refreshes in the background.
 *
 * @example
 *   const store = await SecretStore.open({ client, secrets: ['prod/db'], cacheFile: '/var/cache/app/secrets.json' });
 *   const password = store.getString('prod/db');
 *   store.onChange('prod/db', () => reconnect());
 *   // … on shutdown:
 *   store.close();
 */
import type { SecretsClient, SecretValue } from './client.js';
import { FileCache } from './cache.js';
import { ValueNotChangedError } from './errors.js';

export interface SecretStoreOptions {
  client: Pick<SecretsClient, 'get' | 'getIfChanged'>;
  /** The secrets this service uses; at least one. */
  secrets: readonly string[];
  /** How often to poll (ms, ±10 % jitter); default one hour; 0 or less disables polling. */
  pollIntervalMs?: number;
  /** A file cache for cold starts (0600). */
  cacheFile?: string;
  /** Bounds the wait for secrets missing from the cache at open (default: wait until they exist). */
  signal?: AbortSignal;
  /** Receives poll and cache errors (default: ignored). */
  onError?: (err: unknown, name?: string) => void;
}

type Listener = (value: Uint8Array, version: number) => void;

const MAX_BACKOFF_MS = 4000;

export class SecretStore {
  readonly #client: SecretStoreOptions['client'];
  readonly #values = new Map<string, SecretValue>();
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #cache: FileCache | undefined;
  readonly #onError: (err: unknown, name?: string) => void;
  readonly #pollMs: number;
  #timer: NodeJS.Timeout | undefined;
  #refreshing: Promise<void> | undefined;
  #closed = false;

  private constructor(opts: SecretStoreOptions) {
    this.#client = opts.client;
    this.#cache = opts.cacheFile === undefined ? undefined : new FileCache(opts.cacheFile);
    this.#onError = opts.onError ?? (() => {});
    this.#pollMs = opts.pollIntervalMs ?? 3_600_000;
  }

  /** Opens a store: loads the cache, fetches what it lacks (retrying with backoff), starts polling. */
  static async open(opts: SecretStoreOptions): Promise<SecretStore> {
    const names = [...new Set(opts.secrets)];
    if (names.length === 0 || names.some((n) => n === '')) throw new Error('SecretStore: declare at least one secret, with non-empty names');
    const store = new SecretStore(opts);
    const cached = store.#readCache();
    for (const name of names) {
      const hit = cached[name];
      if (hit) store.#values.set(name, hit);
    }
    const missing = names.filter((n) => !store.#values.has(n));
    for (const name of missing) store.#values.set(name, await fetchWithBackoff(() => opts.client.get(name), opts.signal));
    store.#writeCache();
    if (missing.length === 0) void store.refresh();
    store.#schedule();
    return store;
  }

  /** The current value of a declared secret (a copy). Throws for a secret that was not declared. */
  get(name: string): Uint8Array {
    return new Uint8Array(this.#entry(name).value);
  }

  /** The current value as UTF-8 text. */
  getString(name: string): string {
    return new TextDecoder().decode(this.#entry(name).value);
  }

  /** The version currently held. */
  version(name: string): number {
    return this.#entry(name).version;
  }

  /** Calls `fn` whenever a poll brings a new value of `name`; returns an unsubscribe function. */
  onChange(name: string, fn: Listener): () => void {
    this.#entry(name);
    const set = this.#listeners.get(name) ?? new Set<Listener>();
    this.#listeners.set(name, set);
    set.add(fn);
    return () => set.delete(fn);
  }

  /** Polls every secret now (concurrent calls share one poll). Errors go to `onError`. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#poll().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** Stops polling. Values stay readable. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
  }

  async #poll(): Promise<void> {
    let changed = false;
    for (const [name, held] of [...this.#values]) {
      let next: SecretValue;
      try {
        next = await this.#client.getIfChanged(name, held.version);
      } catch (err) {
        if (!(err instanceof ValueNotChangedError)) this.#onError(err, name);
        continue;
      }
      if (next.version === held.version) continue;
      this.#values.set(name, next);
      changed = true;
      for (const fn of this.#listeners.get(name) ?? []) {
        try {
          fn(new Uint8Array(next.value), next.version);
        } catch (err) {
          this.#onError(err, name);
        }
      }
    }
    if (changed) this.#writeCache();
  }

  #schedule(): void {
    if (this.#pollMs <= 0 || this.#closed) return;
    const delay = this.#pollMs * (0.9 + Math.random() * 0.2);
    this.#timer = setTimeout(() => {
      void this.refresh().finally(() => this.#schedule());
    }, delay);
    this.#timer.unref();
  }

  #entry(name: string): SecretValue {
    const v = this.#values.get(name);
    if (!v) throw new Error(`SecretStore: secret ${JSON.stringify(name)} was not declared`);
    return v;
  }

  #readCache(): Record<string, SecretValue> {
    if (!this.#cache) return {};
    try {
      return this.#cache.read();
    } catch (err) {
      this.#onError(err);
      return {};
    }
  }

  #writeCache(): void {
    if (!this.#cache) return;
    try {
      this.#cache.write(Object.fromEntries(this.#values));
    } catch (err) {
      this.#onError(err);
    }
  }
}

/** Calls `fetchOnce` until it succeeds, backing off from 1 ms to 4 s; stops when `signal` aborts. */
async function fetchWithBackoff<T>(fetchOnce: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let delay = 1; ; delay = Math.min(delay * 2, MAX_BACKOFF_MS)) {
    try {
      return await fetchOnce();
    } catch (err) {
      if (signal?.aborted) throw err;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        signal?.addEventListener('abort', () => {
          clearTimeout(t);
          resolve();
        }, { once: true });
      });
      if (signal?.aborted) throw err;
    }
  }
}
