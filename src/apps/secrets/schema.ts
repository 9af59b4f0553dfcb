/**
 * The secrets database schema (SQLite, one file `<dataDir>/secrets.db`).
 *
 * - `kek_state`: the id of the KEK that wraps every data key (one row); start-up and
 *   `rotate-kek` use it to detect a wrong key file and to coordinate rotation.
 * - `deks`: data keys, only ever stored wrapped by the KEK. One per secret (per life of a name:
 *   `delete` drops the secret's key, so its old ciphertexts become undecryptable).
 * - `secrets`: one row per name ever used. `latest_version` is the high-water mark of every
 *   version number used, kept after `delete`, so numbers are never reused. A deleted secret has
 *   no key and no active version.
 * - `versions`: sealed values (XChaCha20-Poly1305, bound to name + version). A row whose
 *   `sealed` is NULL is a tombstone: a deleted version whose number stays claimed.
 *
 * Nothing in the file is plaintext except names, version numbers and key ids.
 */
import type { Migration } from '../../platform/app.js';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'secrets, versions, wrapped data keys',
    up: `
      CREATE TABLE kek_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        kek_id TEXT NOT NULL
      ) STRICT;
      CREATE TABLE deks (
        id TEXT PRIMARY KEY,
        kek_id TEXT NOT NULL,
        wrapped BLOB NOT NULL
      ) STRICT;
      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        dek_id TEXT REFERENCES deks(id),
        active_version INTEGER,
        latest_version INTEGER NOT NULL CHECK (latest_version BETWEEN 1 AND 4294967295),
        CHECK ((dek_id IS NULL) = (active_version IS NULL))
      ) STRICT;
      CREATE TABLE versions (
        name TEXT NOT NULL REFERENCES secrets(name),
        version INTEGER NOT NULL CHECK (version BETWEEN 1 AND 4294967295),
        sealed BLOB,
        PRIMARY KEY (name, version)
      ) STRICT, WITHOUT ROWID;
    `,
  },
];
