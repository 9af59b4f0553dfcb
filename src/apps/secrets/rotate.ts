/**
 * The secrets app's key-encryption key: opened for the server through `ctx.keys`
 * ({@link openSecretsKek}: created in dev mode only, checked against the KEK the database names),
 * and `tailyard secret rotate-kek` and `init-kek`: local key-file management on a data directory.
 *
 * Rotation runs safely next to a running server (no downtime, no restart):
 *   1. a new key is written to `<keyFile>.next` (0600, fsync'd);
 *   2. every data key is re-wrapped under it and the database's KEK id is switched, in one
 *      SQLite transaction (WAL lets the server keep reading meanwhile); if the server added a
 *      data key in between, the batch is recomputed;
 *   3. the old key file is kept as `<keyFile>.retired-<id>` (backups made before the rotation
 *      need it; delete it once they expire) and `.next` is renamed over the key file.
 * The server never needs the old KEK again: the keys it caches do not change, and one it has
 * not unwrapped yet is opened with the KEK its row names, which it loads from `.next` or the
 * key file. A crash after step 2 is finished by the next start-up (or rotation). Run one
 * rotation at a time. A rotation does not take the data directory; once done it is recorded in
 * the secrets audit log (`rotate-kek`, with both KEK ids) through the log's append lock.
 *
 * @example
 *   const r = await rotateLocalKek({ dataDir: '/var/lib/tailyard' });
 *   console.log(`${r.rewrapped} data keys now wrapped by ${r.to}`);
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AuditSink } from '../../platform/app.js';
import { appendingSink, auditLogPath, recordDone } from '../../platform/audit.js';
import { appDatabasePath, openAppDatabase } from '../../platform/storage.js';
import type { KekConfig } from '../../platform/keys/config.js';
import { finishRotation, nextKeyFile, promoteStagedKey } from '../../platform/keys/kek-source.js';
import type { Keys, Sealer } from '../../platform/keys/keys.js';
import { LocalKek } from '../../platform/keys/local-kek.js';
import { migrations } from './schema.js';
import { SECRETS_AAD_TAG, secretsEnvelope } from './sealing.js';
import { SecretsStore } from './store.js';

/**
 * The KEK the server seals with: a missing key file is created in dev mode only, and a key file
 * that is not the KEK the database names stops start-up.
 *
 * @example const kek = await openSecretsKek(ctx.keys, config.kek, store.kekId());
 */
export function openSecretsKek(keys: Keys, kek: KekConfig, dbKekId: string | undefined): Promise<Sealer> {
  return keys.open({
    aadTag: SECRETS_AAD_TAG,
    kek,
    create: 'dev-only',
    inUse: dbKekId === undefined ? [] : [dbKekId],
    protects: 'the stored secrets',
    initCommand: 'tailyard secret init-kek',
  });
}

export interface KeyFileOptions {
  dataDir: string;
  /** Default `<dataDir>/secrets.key`. */
  keyFile?: string;
  log: Pick<Logger, 'warn' | 'info'>;
  /** Where a rotation is recorded (the CLI context's `audit`; default: appended to `<dataDir>/secrets.audit.db`). */
  audit?: AuditSink;
  /** Who runs it, for the audit log (default `cli`). */
  actor?: string;
}

export interface RotateResult {
  from: string;
  to: string;
  rewrapped: number;
  keyFile: string;
  retired: string | undefined;
}

const ATTEMPTS = 5;

/** The key file for a data directory. */
export function defaultKeyFile(dataDir: string, keyFile?: string): string {
  return path.resolve(keyFile ?? path.join(dataDir, 'secrets.key'));
}

/** Re-wraps every data key under a new local KEK (see the module comment). */
export async function rotateLocalKek(opts: KeyFileOptions): Promise<RotateResult> {
  const file = defaultKeyFile(opts.dataDir, opts.keyFile);
  const dbPath = appDatabasePath(opts.dataDir, 'secrets');
  if (!fs.existsSync(dbPath)) throw new Error(`no secrets database at ${dbPath}: nothing to rotate`);
  const db = openAppDatabase(dbPath, migrations, { synchronous: 'FULL' });
  let from: LocalKek | undefined;
  let to: LocalKek | undefined;
  try {
    db.pragma('secure_delete = ON');
    const store = new SecretsStore(db);
    const dbKek = store.kekId();
    if (dbKek === undefined) throw new Error('no secrets stored yet: nothing to rotate');
    finishRotation(file, dbKek, opts.log);
    from = LocalKek.openOrCreate(file, { create: false, log: opts.log });
    if (from.id !== dbKek) throw new Error(`${file} holds KEK ${from.id}, but the data keys are wrapped by ${dbKek}: wrong key file`);
    // A `.next` the database does not name is left over from a rotation that never committed.
    fs.rmSync(nextKeyFile(file), { force: true });
    to = LocalKek.openOrCreate(nextKeyFile(file), { create: true, log: opts.log });
    let rewrapped = -1;
    for (let attempt = 0; attempt < ATTEMPTS && rewrapped < 0; attempt++) {
      const before = store.allDeks();
      const after = await secretsEnvelope.rotateKek(from, to, before);
      if (store.rewrapDeks(before, after, to.id)) rewrapped = after.length;
    }
    if (rewrapped < 0) throw new Error(`the data keys kept changing during ${ATTEMPTS} attempts; try again`);
    const retired = promoteStagedKey(file);
    opts.log.info({ from: from.id, to: to.id, rewrapped }, 'rotated the secrets KEK');
    const event = { action: 'rotate-kek', principal: opts.actor ?? 'cli', from: from.id, to: to.id, rewrapped, authorized: true, outcome: 'ok' };
    recordDone(opts.audit ?? appendingSink(auditLogPath(opts.dataDir, 'secrets')), `the KEK was rotated from ${from.id} to ${to.id} (the key is now ${file})`, event);
    return { from: from.id, to: to.id, rewrapped, keyFile: file, retired };
  } finally {
    from?.destroy();
    to?.destroy();
    db.close();
  }
}

/**
 * Creates a new local key file (for managed or host mode, where the server will not create
 * one). Refuses to overwrite an existing file. Returns the new KEK's id.
 *
 * @example
 *   initLocalKek({ dataDir: '/var/lib/tailyard', log }) // → 'local:1f2e…'
 */
export function initLocalKek(opts: KeyFileOptions): { keyFile: string; id: string } {
  const file = defaultKeyFile(opts.dataDir, opts.keyFile);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; not overwriting a key`);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const kek = LocalKek.openOrCreate(file, { create: true, log: opts.log });
  kek.destroy();
  return { keyFile: file, id: kek.id };
}
