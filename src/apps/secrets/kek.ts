/**
 * Where the key-encryption key comes from, at start-up and while running.
 *
 * Local provider: a key file (default `<dataDir>/secrets.key`, format in `crypto/local-kek.ts`).
 * It is created on first start in dev mode only, with a loud warning; in managed and host mode a
 * missing file stops start-up with instructions (`tailyard secret init-kek`). A key file that is
 * not the KEK the database names is refused rather than silently starting a second key.
 *
 * Rotation (`rotate.ts`) writes the new key to `<keyFile>.next`, re-wraps every data key in one
 * transaction, then renames `.next` over the key file. A running server that meets a data key
 * wrapped by a KEK it does not hold reloads both files ({@link KekSource.byId}), so it keeps
 * serving through a rotation; a start-up that finds a committed rotation whose rename did not
 * happen finishes it.
 *
 * AWS KMS provider: `@aws-sdk/client-kms`, loaded on demand (tailyard does not depend on it).
 *
 * @example
 *   const kek = await openKekSource(config.kek, { dataDir, mode, store, log });
 *   const provider = await kek.byId(store.kekId() ?? kek.initialId);
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { fsyncDir } from '../../platform/files.js';
import type { KekConfig } from './config.js';
import type { KekProvider } from './crypto/envelope.js';
import { type KmsClient, KmsKek } from './crypto/kms-kek.js';
import { LocalKek } from './crypto/local-kek.js';

/** The KEKs a server can use, found by id. */
export interface KekSource {
  /** The id of the KEK loaded at start-up (used for a database that has no data keys yet). */
  readonly initialId: string;
  /** The KEK with this id; a local source reloads its key files once if it does not hold it. */
  byId(id: string): Promise<KekProvider>;
  /** Zeroes keys held in memory. */
  close(): void;
}

/** What {@link openKekSource} needs to know about the deployment. */
export interface KekContext {
  dataDir: string;
  mode: 'dev' | 'managed' | 'host';
  /** The KEK id the database names (undefined before the first secret). */
  dbKekId: string | undefined;
  log: Pick<Logger, 'warn' | 'info'>;
}

/** The local key file path for a config. */
export function keyFilePath(kek: KekConfig, dataDir: string): string {
  return kek.provider === 'local' && kek.keyFile !== undefined ? path.resolve(kek.keyFile) : path.join(dataDir, 'secrets.key');
}

/** The file a rotation stages its new key in. */
export function nextKeyFile(keyFile: string): string {
  return `${keyFile}.next`;
}

/**
 * Opens the configured KEK for a server, checking it matches the database.
 * Throws with instructions if the key is missing (outside dev mode) or is the wrong key.
 */
export async function openKekSource(config: KekConfig, ctx: KekContext): Promise<KekSource> {
  if (config.provider === 'aws-kms') return openKms(config.keyArn, ctx.dbKekId);
  const file = keyFilePath(config, ctx.dataDir);
  finishRotation(file, ctx.dbKekId, ctx.log);
  if (!fs.existsSync(file)) {
    if (ctx.mode !== 'dev' || ctx.dbKekId !== undefined) {
      throw new Error(
        `the secrets key file ${file} does not exist. ` +
          (ctx.dbKekId === undefined
            ? `Create it with \`tailyard secret init-kek --key-file ${file}\` and back it up (without it no secret can be decrypted)`
            : `The stored secrets are wrapped by KEK ${ctx.dbKekId}: restore that key file from your backup`),
      );
    }
    ctx.log.warn({ path: file }, 'dev mode: creating a new secrets key file; NOT FOR PRODUCTION USE');
  }
  const kek = LocalKek.openOrCreate(file, { create: ctx.mode === 'dev' && ctx.dbKekId === undefined, log: ctx.log });
  if (ctx.dbKekId !== undefined && kek.id !== ctx.dbKekId) {
    kek.destroy();
    throw new Error(`the secrets key file ${file} holds KEK ${kek.id}, but the stored secrets are wrapped by KEK ${ctx.dbKekId}: wrong key file`);
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

async function openKms(keyArn: string, dbKekId: string | undefined): Promise<KekSource> {
  const client = await loadKmsClient(keyArn);
  const kek = new KmsKek(client, keyArn);
  if (dbKekId !== undefined && dbKekId !== kek.id) {
    throw new Error(`the stored secrets are wrapped by KEK ${dbKekId}, but the configured KMS key is ${kek.id}`);
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
