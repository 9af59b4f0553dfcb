/**
 * Persistence and setec's version rules (reference §1.4, §1.6), over the schema in `schema.ts`.
 *
 * Everything here is synchronous and every write is one SQLite transaction, so a failure leaves
 * nothing half-written. Writes take a `record` callback that runs inside the transaction after
 * the change: the service writes the audit entry there, so a failed audit write rolls the change
 * back (fail closed).
 *
 * The store never sees a KEK. Callers hand it the secret's data key, already unwrapped; for a
 * new secret (or a name re-used after `delete`) a fresh key, whose wrapped form the store saves
 * in the same transaction, after checking it is wrapped by the KEK the database names (a
 * concurrent `rotate-kek` makes it throw {@link KekChangedError}; the caller retries).
 *
 * @example
 *   const store = new SecretsStore(db);
 *   const v = store.put('prod/db', bytes, key, (version) => audit.append({ version }));
 */
import { timingSafeEqual } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { DataKey, WrappedDek } from '../../platform/keys/envelope.js';
import { openValue, sealValue } from './sealing.js';
import { SecretsError } from './errors.js';
import type { SecretInfo } from './wire.js';

const MAX_VERSION = 4294967295;

/** One stored version, ready to open with its data key. */
export interface StoredValue {
  version: number;
  sealed: Uint8Array;
  dek: WrappedDek;
}

/** The data key a write seals with: the secret's own, or a new one (then `wrapped` is saved too). */
export interface WriteKey {
  dek: DataKey;
  wrapped: WrappedDek;
}

/** Called inside a write transaction with the version written (or read, for no-op writes). */
export type Recorder = (version: number, note?: 'unchanged' | 'absent') => void;

/** The secret's data key changed under the caller (another writer re-created it); retry. */
export class StaleKeyError extends Error {
  override name = 'StaleKeyError';
}

/** The KEK the database names is not the one the new data key was wrapped with; reload and retry. */
export class KekChangedError extends Error {
  override name = 'KekChangedError';
}

interface SecretRow {
  dek_id: string | null;
  active_version: number | null;
  latest_version: number;
}

interface DekRow {
  id: string;
  kek_id: string;
  wrapped: Uint8Array;
}

function wrappedDek(row: DekRow): WrappedDek {
  return { dekId: row.id, kekId: row.kek_id, wrapped: row.wrapped };
}

/**
 * The secrets tables behind setec's operations.
 *
 * @example
 *   const info = new SecretsStore(db).info('prod/db'); // { name, versions: [1, 2], activeVersion: 2 }
 */
export class SecretsStore {
  readonly #db: Database;
  readonly #q: Record<string, Statement>;

  constructor(db: Database) {
    this.#db = db;
    const p = (sql: string) => db.prepare(sql);
    this.#q = {
      kekId: p('SELECT kek_id FROM kek_state WHERE id = 1'),
      setKekId: p('INSERT INTO kek_state (id, kek_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET kek_id = excluded.kek_id'),
      secret: p('SELECT dek_id, active_version, latest_version FROM secrets WHERE name = ?'),
      active: p('SELECT active_version FROM secrets WHERE name = ? AND active_version IS NOT NULL'),
      value: p(`SELECT v.version, v.sealed, d.id, d.kek_id, d.wrapped
        FROM secrets s
        JOIN versions v ON v.name = s.name AND v.version = (CASE WHEN @version = 0 THEN s.active_version ELSE @version END)
        JOIN deks d ON d.id = s.dek_id
        WHERE s.name = @name AND v.sealed IS NOT NULL`),
      version: p('SELECT sealed FROM versions WHERE name = ? AND version = ?'),
      liveVersions: p('SELECT version FROM versions WHERE name = ? AND sealed IS NOT NULL ORDER BY version'),
      list: p(`SELECT s.name, s.active_version AS active, v.version
        FROM secrets s JOIN versions v ON v.name = s.name
        WHERE s.active_version IS NOT NULL AND v.sealed IS NOT NULL
        ORDER BY s.name, v.version`),
      longNames: p('SELECT count(*) AS n FROM secrets WHERE active_version IS NOT NULL AND length(CAST(name AS BLOB)) > ?'),
      dek: p('SELECT id, kek_id, wrapped FROM deks WHERE id = ?'),
      dekOf: p('SELECT d.id, d.kek_id, d.wrapped FROM secrets s JOIN deks d ON d.id = s.dek_id WHERE s.name = ?'),
      allDeks: p('SELECT id, kek_id, wrapped FROM deks ORDER BY id'),
      insertDek: p('INSERT INTO deks (id, kek_id, wrapped) VALUES (?, ?, ?)'),
      rewrapDek: p('UPDATE deks SET kek_id = ?, wrapped = ? WHERE id = ? AND kek_id = ?'),
      deleteDek: p('DELETE FROM deks WHERE id = ?'),
      upsertSecret: p(`INSERT INTO secrets (name, dek_id, active_version, latest_version) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET dek_id = excluded.dek_id, active_version = excluded.active_version,
          latest_version = excluded.latest_version`),
      setLatest: p('UPDATE secrets SET latest_version = ? WHERE name = ?'),
      setActive: p('UPDATE secrets SET active_version = ? WHERE name = ?'),
      setActiveLatest: p('UPDATE secrets SET active_version = ?, latest_version = ? WHERE name = ?'),
      clearSecret: p('UPDATE secrets SET dek_id = NULL, active_version = NULL WHERE name = ?'),
      insertVersion: p('INSERT INTO versions (name, version, sealed) VALUES (?, ?, ?)'),
      tombstone: p('UPDATE versions SET sealed = NULL WHERE name = ? AND version = ?'),
      tombstoneAll: p('UPDATE versions SET sealed = NULL WHERE name = ?'),
    };
  }

  // ---- keys -------------------------------------------------------------------------------

  /** The id of the KEK that wraps every data key, or undefined before the first secret. */
  kekId(): string | undefined {
    return (this.#stmt('kekId').get() as { kek_id: string } | undefined)?.kek_id;
  }

  /** Records the KEK id (on first start). */
  setKekId(id: string): void {
    this.#stmt('setKekId').run(id);
  }

  /** The wrapped data key of a live secret, if any. */
  dekOf(name: string): WrappedDek | undefined {
    const row = this.#stmt('dekOf').get(name) as DekRow | undefined;
    return row && wrappedDek(row);
  }

  /** Every stored data key (for KEK rotation). */
  allDeks(): WrappedDek[] {
    return (this.#stmt('allDeks').all() as DekRow[]).map(wrappedDek);
  }

  /**
   * Replaces data-key wrappings in one transaction and names the new KEK. Returns false, changing
   * nothing, if the keys changed since `before` was read (a key was added, removed or re-wrapped).
   */
  rewrapDeks(before: readonly WrappedDek[], after: readonly WrappedDek[], kekId: string): boolean {
    return this.#db
      .transaction(() => {
        const now = this.allDeks();
        const same = now.length === before.length && now.every((d, i) => d.dekId === before[i]?.dekId && d.kekId === before[i]?.kekId);
        if (!same) return false;
        after.forEach((d, i) => {
          const was = before[i] as WrappedDek;
          this.#stmt('rewrapDek').run(d.kekId, d.wrapped, d.dekId, was.kekId);
        });
        this.setKekId(kekId);
        return true;
      })
      .immediate();
  }

  // ---- reads ------------------------------------------------------------------------------

  /** A version of a live secret (0 = the active one), or undefined if the secret or version does not exist. */
  value(name: string, version: number): StoredValue | undefined {
    const row = this.#stmt('value').get({ name, version }) as
      | { version: number; sealed: Uint8Array; id: string; kek_id: string; wrapped: Uint8Array }
      | undefined;
    return row && { version: row.version, sealed: row.sealed, dek: wrappedDek(row) };
  }

  /** The active version of a live secret, or undefined. */
  activeVersion(name: string): number | undefined {
    return (this.#stmt('active').get(name) as { active_version: number } | undefined)?.active_version;
  }

  /** A live secret's versions and active version, or undefined. */
  info(name: string): SecretInfo | undefined {
    const active = this.activeVersion(name);
    if (active === undefined) return undefined;
    const versions = (this.#stmt('liveVersions').all(name) as { version: number }[]).map((r) => r.version);
    return { name, versions, activeVersion: active };
  }

  /** Every live secret, sorted by name (byte order), versions ascending. */
  list(): SecretInfo[] {
    const out: SecretInfo[] = [];
    let cur: { name: string; versions: number[]; activeVersion: number } | undefined;
    for (const row of this.#stmt('list').iterate() as Iterable<{ name: string; active: number; version: number }>) {
      if (cur?.name !== row.name) {
        cur = { name: row.name, versions: [], activeVersion: row.active };
        out.push(cur);
      }
      cur.versions.push(row.version);
    }
    return out;
  }

  /** How many live secrets have a name longer than `maxBytes` bytes of UTF-8 (stored before a lower name limit). */
  countLongNames(maxBytes: number): number {
    return (this.#stmt('longNames').get(maxBytes) as { n: number }).n;
  }

  // ---- writes -----------------------------------------------------------------------------

  /**
   * setec's put: a new secret (or a name re-used after delete) gets the next number and is
   * activated; a live secret gets the next number, inactive, unless the value equals the latest
   * version's, in which case nothing is written and the latest number is returned.
   */
  put(name: string, value: Uint8Array, key: WriteKey, record: Recorder): number {
    return this.#write(() => {
      const row = this.#secret(name);
      if (row?.active_version == null) {
        const version = this.#next(row);
        this.#adopt(name, key, version, version);
        this.#stmt('insertVersion').run(name, version, sealValue(key.dek, name, version, value));
        record(version);
        return version;
      }
      this.#requireKey(row, key);
      if (this.#equalsLatest(name, row.latest_version, value, key.dek)) {
        record(row.latest_version, 'unchanged');
        return row.latest_version;
      }
      const version = this.#next(row);
      this.#stmt('insertVersion').run(name, version, sealValue(key.dek, name, version, value));
      this.#stmt('setLatest').run(version, name);
      record(version);
      return version;
    });
  }

  /** setec's create-version: `version` must never have been used for this name; it becomes active. */
  createVersion(name: string, version: number, value: Uint8Array, key: WriteKey, record: Recorder): void {
    if (version === 0) throw new SecretsError('invalid-version');
    this.#write(() => {
      if (this.#stmt('version').get(name, version) !== undefined) throw new SecretsError('version-claimed');
      const row = this.#secret(name);
      const latest = Math.max(row?.latest_version ?? 0, version);
      if (row?.active_version == null) {
        this.#adopt(name, key, version, latest);
      } else {
        this.#requireKey(row, key);
        this.#stmt('setActiveLatest').run(version, latest, name);
      }
      this.#stmt('insertVersion').run(name, version, sealValue(key.dek, name, version, value));
      record(version);
    });
  }

  /** Makes an existing version active (a no-op write if it already is). */
  activate(name: string, version: number, record: Recorder): void {
    if (version === 0) throw new SecretsError('invalid-version');
    this.#write(() => {
      const row = this.#secret(name);
      if (row?.active_version == null || !this.#live(name, version)) throw new SecretsError('not-found');
      if (row.active_version !== version) this.#stmt('setActive').run(version, name);
      record(version, row.active_version === version ? 'unchanged' : undefined);
    });
  }

  /** Deletes one inactive version; its number stays claimed (a tombstone). */
  deleteVersion(name: string, version: number, record: Recorder): void {
    if (version === 0) throw new SecretsError('invalid-version');
    this.#write(() => {
      const row = this.#secret(name);
      if (row?.active_version == null) throw new SecretsError('not-found');
      if (row.active_version === version) throw new SecretsError('active-version');
      if (!this.#live(name, version)) throw new SecretsError('not-found');
      this.#stmt('tombstone').run(name, version);
      record(version);
    });
  }

  /**
   * Deletes a secret: every version becomes a tombstone and its data key is dropped. Deleting a
   * missing secret is a successful no-op. Returns the dropped data key id, if any.
   */
  delete(name: string, record: Recorder): string | undefined {
    return this.#write(() => {
      const row = this.#secret(name);
      if (row?.active_version == null || row.dek_id === null) {
        record(0, 'absent');
        return undefined;
      }
      this.#stmt('tombstoneAll').run(name);
      this.#stmt('clearSecret').run(name);
      this.#stmt('deleteDek').run(row.dek_id);
      record(0);
      return row.dek_id;
    });
  }

  // ---- helpers ----------------------------------------------------------------------------

  #write<T>(fn: () => T): T {
    return this.#db.transaction(fn).immediate();
  }

  #stmt(name: string): Statement {
    return this.#q[name] as Statement;
  }

  #secret(name: string): SecretRow | undefined {
    return this.#stmt('secret').get(name) as SecretRow | undefined;
  }

  #live(name: string, version: number): boolean {
    const row = this.#stmt('version').get(name, version) as { sealed: Uint8Array | null } | undefined;
    return row?.sealed != null;
  }

  #next(row: SecretRow | undefined): number {
    const latest = row?.latest_version ?? 0;
    if (latest >= MAX_VERSION) throw new SecretsError('versions-exhausted');
    return latest + 1;
  }

  /** Gives a secret without a key (new, or deleted) the new data key `key`, and the versions. */
  #adopt(name: string, key: WriteKey, active: number, latest: number): void {
    if (key.wrapped.dekId !== key.dek.id) throw new StaleKeyError('wrapped key does not match the data key');
    if (this.#stmt('dek').get(key.dek.id) !== undefined) throw new StaleKeyError(`data key ${key.dek.id} belongs to another secret`);
    const kekId = this.kekId();
    if (kekId === undefined) this.setKekId(key.wrapped.kekId);
    else if (kekId !== key.wrapped.kekId) throw new KekChangedError(`the data keys are now wrapped by KEK ${kekId}`);
    this.#stmt('insertDek').run(key.dek.id, key.wrapped.kekId, key.wrapped.wrapped);
    this.#stmt('upsertSecret').run(name, key.dek.id, active, latest);
  }

  #requireKey(row: SecretRow, key: WriteKey): void {
    if (row.dek_id !== key.dek.id) throw new StaleKeyError(`the secret's data key is ${row.dek_id}, not ${key.dek.id}`);
  }

  /** Whether `value` equals the latest version's value (decrypted here, compared in constant time, zeroed). */
  #equalsLatest(name: string, latest: number, value: Uint8Array, dek: DataKey): boolean {
    const row = this.#stmt('version').get(name, latest) as { sealed: Uint8Array | null } | undefined;
    if (row?.sealed == null) return false;
    const old = openValue(dek, name, latest, row.sealed);
    try {
      return old.length === value.length && timingSafeEqual(old, value);
    } finally {
      old.fill(0);
    }
  }
}
