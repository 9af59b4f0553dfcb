/**
 * Where an app's key-encryption key comes from, at start-up and while running.
 *
 * Local provider: a key file (format in `local-kek.ts`). Whether a missing file may be created
 * is the app's policy: `dev-only` (the secrets app: in dev mode, with a loud warning; managed
 * and host mode stop start-up with instructions) or `when-unused` (the identity provider: in
 * every mode, since nothing can be lost while nothing is sealed). Once data is sealed, a missing
 * file or one holding another KEK than the data names stops start-up: silently starting over
 * would lose the data.
 *
 * Rotation (the secrets app's `rotate.ts`) writes the new key to `<keyFile>.next`, re-wraps every
 * data key in one transaction, then renames `.next` over the key file. A running server that
 * meets a data key wrapped by a KEK it does not hold reloads both files ({@link KekSource.byId}),
 * so it keeps serving through a rotation; a start-up that finds a committed rotation whose
 * rename did not happen finishes it.
 *
 * AWS KMS provider: `@aws-sdk/client-kms`, loaded on demand (tailyard does not depend on it).
 *
 * @example
 *   const kek = await openKekSource(config.kek, { file, mode, inUse: [store.kekId()], create: 'dev-only', owner: 'secrets', protects: 'the stored secrets', log });
 *   const provider = await kek.byId(store.kekId() ?? kek.initialId);
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { fsyncDir } from '../files.js';
import type { KekConfig } from './config.js';
import type { KekProvider } from './envelope.js';
import { type KmsClient, KmsKek } from './kms-kek.js';
import { LocalKek } from './local-kek.js';

/** The KEKs a server can use, found by id. */
export interface KekSource {
  /** The id of the KEK loaded at start-up (new data keys are wrapped by it). */
  readonly initialId: string;
  /** The KEK with this id; a local source reloads its key files once if it does not hold it. */
  byId(id: string): Promise<KekProvider>;
  /** Zeroes keys held in memory. */
  close(): void;
}

/** When a missing local key file may be created (never once data is sealed). */
export type KeyCreation = 'dev-only' | 'when-unused';

/** What {@link openKekSource} needs to know about the app and its data. */
export interface KekSourceOptions {
  /** The local key file when the config names none (the platform's default: `<dataDir>/<app>.key`). */
  file: string;
  mode: 'dev' | 'managed' | 'host';
  /** The KEK ids the stored data is wrapped by (empty for a new database). */
  inUse: readonly string[];
  create: KeyCreation;
  /** Who owns the key, for messages: `secrets` → "the secrets key file". */
  owner: string;
  /** What the key protects, for messages, e.g. "the stored secrets", "the signing keys in idp.db". */
  protects: string;
  /** The command that creates a key file by hand (named when one is missing), e.g. `tailyard secret init-kek`. */
  initCommand?: string;
  log: Pick<Logger, 'warn' | 'info'>;
}

/** The local key file path for a config: its `keyFile`, else `fallback`. */
export function keyFilePath(kek: KekConfig, fallback: string): string {
  return path.resolve(kek.provider === 'local' && kek.keyFile !== undefined ? kek.keyFile : fallback);
}

/** The file a rotation stages its new key in. */
export function nextKeyFile(keyFile: string): string {
  return `${keyFile}.next`;
}

/**
 * Opens the configured KEK for a server, checking it matches the data (see the module comment).
 * Throws with instructions if the key is missing when it may not be created, or is the wrong key.
 */
export async function openKekSource(config: KekConfig, o: KekSourceOptions): Promise<KekSource> {
  if (config.provider === 'aws-kms') return openKms(config.keyArn, o);
  const file = keyFilePath(config, o.file);
  const label = `the ${o.owner} key file ${file}`;
  if (o.inUse[0] !== undefined) finishRotation(file, o.inUse[0], o.log);
  if (!fs.existsSync(file)) {
    if (o.inUse.length > 0) {
      throw new Error(
        `${label} does not exist, but ${o.protects} are sealed by KEK ${o.inUse.join(', ')}: ` +
          'restore that key file from where you keep it (tailyard backup does not copy key files)',
      );
    }
    if (o.create === 'dev-only' && o.mode !== 'dev') {
      const how = o.initCommand ? `Create it with \`${o.initCommand} --key-file ${file}\`` : 'Create it';
      throw new Error(`${label} does not exist. ${how} and back it up (without it ${o.protects} cannot be decrypted)`);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const quiet = { warn: () => {} };
    LocalKek.openOrCreate(file, { create: true, log: quiet }).destroy();
    o.log.warn(
      { path: file },
      o.create === 'dev-only'
        ? `dev mode: created a new ${o.owner} key file; NOT FOR PRODUCTION USE. Back it up: without it ${o.protects} can never be decrypted`
        : `created the ${o.owner} key file (it seals ${o.protects}); keep a copy apart from backups: without it they can never be decrypted`,
    );
  }
  const kek = LocalKek.openOrCreate(file, { create: false, log: o.log });
  const foreign = o.inUse.find((id) => id !== kek.id);
  if (foreign !== undefined) {
    kek.destroy();
    throw new Error(`${label} holds KEK ${kek.id}, but ${o.protects} are sealed by KEK ${foreign}: wrong key file`);
  }
  return new LocalKekSource(file, kek);
}

/** Completes a rotation that committed but crashed before renaming `.next` over the key file. */
export function finishRotation(file: string, dbKekId: string | undefined, log: Pick<Logger, 'info'>): void {
  if (dbKekId === undefined || !fs.existsSync(nextKeyFile(file))) return;
  if (loadKekId(nextKeyFile(file)) !== dbKekId) return;
  const retired = promoteStagedKey(file);
  log.info({ path: file, kek: dbKekId, retired }, 'finished an interrupted KEK rotation');
}

/**
 * Renames the staged `.next` key over the key file, first keeping the old key as
 * `<keyFile>.retired-<id>` (backups made before the rotation need it). Returns that path, if any.
 */
export function promoteStagedKey(file: string): string | undefined {
  let retired: string | undefined;
  if (fs.existsSync(file)) {
    retired = `${file}.retired-${loadKekId(file).replace(/^local:/, '')}`;
    try {
      fs.linkSync(file, retired);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  fs.renameSync(nextKeyFile(file), file);
  fsyncDir(path.dirname(file));
  return retired;
}

/** The id of the KEK in a key file (the key itself is zeroed at once). */
export function loadKekId(file: string): string {
  const kek = LocalKek.openOrCreate(file, { create: false, log: { warn: () => {} } });
  kek.destroy();
  return kek.id;
}

class LocalKekSource implements KekSource {
  readonly initialId: string;
  readonly #keks = new Map<string, LocalKek>();

  constructor(
    private readonly file: string,
    kek: LocalKek,
  ) {
    this.initialId = kek.id;
    this.#keks.set(kek.id, kek);
  }

  async byId(id: string): Promise<KekProvider> {
    const held = this.#keks.get(id);
    if (held) return held;
    // A rotation may be under way or done: the new key is in `.next` until it is renamed over
    // the key file. Read `.next` first, so that a rename between the two reads is still seen.
    for (const candidate of [nextKeyFile(this.file), this.file]) {
      let kek: LocalKek;
      try {
        kek = LocalKek.openOrCreate(candidate, { create: false, log: { warn: () => {} } });
      } catch {
        continue;
      }
      if (kek.id === id) {
        this.#keks.set(id, kek);
        return kek;
      }
      kek.destroy();
    }
    throw new Error(`no key file holds KEK ${id} (looked at ${this.file} and ${nextKeyFile(this.file)})`);
  }

  close(): void {
    for (const k of this.#keks.values()) k.destroy();
    this.#keks.clear();
  }
}

async function openKms(keyArn: string, o: Pick<KekSourceOptions, 'inUse' | 'protects'>): Promise<KekSource> {
  const client = await loadKmsClient(keyArn);
  const kek = new KmsKek(client, keyArn);
  const foreign = o.inUse.find((id) => id !== kek.id);
  if (foreign !== undefined) {
    throw new Error(`${o.protects} are sealed by KEK ${foreign}, but the configured KMS key is ${kek.id}`);
  }
  return {
    initialId: kek.id,
    byId: async (id) => {
      if (id !== kek.id) throw new Error(`data key wrapped by KEK ${id}, but only ${kek.id} is configured`);
      return kek;
    },
    close: () => {},
  };
}

/** Loads `@aws-sdk/client-kms` (an optional, separately installed package) for the key's region. */
async function loadKmsClient(keyArn: string): Promise<KmsClient> {
  const region = keyArn.split(':')[3];
  const specifier = '@aws-sdk/client-kms';
  let mod: { KMS?: new (opts: { region?: string }) => KmsClient };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch {
    throw new Error('the aws-kms KEK provider needs the AWS SDK: run `npm install @aws-sdk/client-kms` next to tailyard');
  }
  if (typeof mod.KMS !== 'function') throw new Error('@aws-sdk/client-kms does not export KMS');
  return new mod.KMS({ region });
}
