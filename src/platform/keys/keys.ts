/**
 * `AppContext.keys`: envelope sealing under a key-encryption key, for apps that keep data sealed
 * at rest (the secrets app's values, the identity provider's signing keys, a plugin's tokens).
 *
 * `keys.open(...)` opens the app's KEK (its `kek` config: a local key file, `<dataDir>/<app>.key`
 * by default, or AWS KMS; see `kek-source.ts` for when a key file may be created) and returns a
 * {@link Sealer}: fresh data keys wrapped by the KEK, unwrapping of stored ones, and sealing
 * under the app's associated-data tag. The tag is part of every stored ciphertext, so an app
 * passes the same tag forever (the identity provider keeps the `tailyard/secrets/v1` it has
 * always sealed under). Sealers are closed (keys zeroed) when the platform shuts down, after the
 * apps' close hooks.
 *
 * @example
 *   const sealer = await ctx.keys.open({ aadTag: 'tailyard/notes/v1', kek: config.kek, create: 'when-unused', inUse: store.kekIds(), protects: 'the sealed notes' });
 *   const { dek, wrapped } = await sealer.newDataKey();
 *   const sealed = sealer.seal(dek, ['note', id], bytes);
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { KekConfig } from './config.js';
import { type AadField, type DataKey, type Envelope, envelope, type WrappedDek } from './envelope.js';
import { type KekSource, type KeyCreation, keyFilePath, openKekSource } from './kek-source.js';

export interface KeyOpenOptions {
  /** The associated-data tag every ciphertext of the app starts with, e.g. `tailyard/notes/v1`. Never change it for existing data. */
  aadTag: string;
  /** The app's `kek` config (default: the local key file). */
  kek?: KekConfig;
  /** The local key file when `kek` names none (default `<dataDir>/<app>.key`). */
  file?: string;
  /** When a missing key file may be created: `dev-only` or `when-unused` (see kek-source.ts). */
  create: KeyCreation;
  /** The KEK ids the app's stored data is sealed by (empty for a new database). */
  inUse: readonly string[];
  /** What the key protects, for messages: "the stored secrets", "the signing keys in idp.db". */
  protects: string;
  /** The command that creates the key file by hand, named when one is missing. */
  initCommand?: string;
}

/** An open KEK with the app's envelope: data keys and sealing. */
export interface Sealer extends KekSource {
  /** The envelope operations under the app's tag. */
  readonly envelope: Envelope;
  /** The local key file (undefined for KMS). */
  readonly file: string | undefined;
  /** A fresh data key, wrapped by the KEK opened at start-up. */
  newDataKey(): Promise<{ dek: DataKey; wrapped: WrappedDek }>;
  /** A stored data key, unwrapped by the KEK its row names. */
  openDataKey(w: WrappedDek): Promise<DataKey>;
  seal(dek: DataKey, fields: readonly AadField[], plaintext: Uint8Array): Uint8Array;
  open(dek: DataKey, fields: readonly AadField[], sealed: Uint8Array, what: string): Uint8Array;
}

/** What an app gets as `ctx.keys`. */
export interface Keys {
  /** The app's default local key file, `<dataDir>/<app>.key`. */
  readonly defaultFile: string;
  open(o: KeyOpenOptions): Promise<Sealer>;
}

/** The platform's side of an app's {@link Keys}: which key files it opened, and closing them. */
export interface ManagedKeys extends Keys {
  /** The local key files opened so far (the SQL console may never read them). */
  files(): string[];
  close(): void;
}

/**
 * The keys service of one app.
 *
 * @example
 *   const keys = createKeys({ appId: 'idp', dataDir, mode: 'dev', log });
 */
export function createKeys(o: { appId: string; dataDir: string; mode: 'dev' | 'managed' | 'host'; log: Pick<Logger, 'warn' | 'info'> }): ManagedKeys {
  const defaultFile = path.join(path.resolve(o.dataDir), `${o.appId}.key`);
  const opened: Sealer[] = [];
  return {
    defaultFile,
    async open(opts) {
      const kek = opts.kek ?? { provider: 'local' };
      const file = opts.file ?? defaultFile;
      const source = await openKekSource(kek, { ...opts, file, mode: o.mode, owner: o.appId, log: o.log });
      const sealer = sealerOf(source, envelope(opts.aadTag), kek.provider === 'local' ? keyFilePath(kek, file) : undefined);
      opened.push(sealer);
      return sealer;
    },
    files: () => opened.flatMap((s) => (s.file ? [s.file] : [])),
    close() {
      for (const s of opened.splice(0)) s.close();
    },
  };
}

function sealerOf(source: KekSource, env: Envelope, file: string | undefined): Sealer {
  return {
    initialId: source.initialId,
    byId: (id) => source.byId(id),
    close: () => source.close(),
    envelope: env,
    file,
    newDataKey: async () => env.createDek(await source.byId(source.initialId)),
    openDataKey: async (w) => env.unwrapDek(await source.byId(w.kekId), w),
    seal: (dek, fields, plaintext) => env.seal(dek, fields, plaintext),
    open: (dek, fields, sealed, what) => env.open(dek, fields, sealed, what),
  };
}
