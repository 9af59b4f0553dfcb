/**
 * The paste database schema (SQLite, `<dataDir>/paste.db`).
 *
 * - `authors`: who pasted, as the tailnet last described them (tclip's `users` table): a login for
 *   people, `node:<MagicDNS name>` for tagged nodes.
 * - `pastes`: one row per live paste; `seq` orders them and keys the full-text index. Times are
 *   RFC 3339 UTC. Pastes are immutable: "edit" creates a new one.
 * - `pastes_fts`: FTS5 over filename and content of *listed* pastes only (unlisted and
 *   burn-after-reading pastes are never indexed), with `secure-delete` so a deleted paste's
 *   terms leave the index at once instead of waiting for a merge.
 * - `gone`: what happened to a paste that no longer exists (deleted, expired, burnt), so its link
 *   answers 410 rather than 404. Only the id and the reason are kept, never content.
 *
 * Migrations are numbered 1..n and never change once released: data directories have run them.
 *
 * @example openAppDatabase(join(dataDir, 'paste.db'), migrations);
 */
import type { Migration } from '../../platform/app.js';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'pastes, authors, tombstones, full-text index',
    up: `
      CREATE TABLE authors (
        key TEXT PRIMARY KEY,
        login TEXT NOT NULL,
        display_name TEXT NOT NULL,
        node TEXT NOT NULL,
        tags TEXT NOT NULL,                 -- space-separated
        profile_pic_url TEXT NOT NULL
      ) STRICT;
      CREATE TABLE pastes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,           -- RFC 3339 UTC
        expires_at TEXT,                    -- RFC 3339 UTC; NULL: never
        author TEXT NOT NULL REFERENCES authors(key),
        node TEXT NOT NULL,                 -- the node it was pasted from
        filename TEXT NOT NULL,
        language TEXT NOT NULL,             -- highlight.js id, 'org' or 'plaintext'
        size INTEGER NOT NULL,              -- bytes of UTF-8
        unlisted INTEGER NOT NULL,
        burn INTEGER NOT NULL,
        content TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pastes_author ON pastes (author, seq);
      CREATE INDEX pastes_listed ON pastes (seq) WHERE unlisted = 0 AND burn = 0;
      CREATE INDEX pastes_expiry ON pastes (expires_at) WHERE expires_at IS NOT NULL;
      CREATE TABLE gone (
        id TEXT PRIMARY KEY,
        reason TEXT NOT NULL,               -- deleted | expired | burnt
        at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE VIRTUAL TABLE pastes_fts USING fts5(
        filename, content, content='pastes', content_rowid='seq', tokenize="unicode61 remove_diacritics 2 tokenchars '_'"
      );
      INSERT INTO pastes_fts (pastes_fts, rank) VALUES ('secure-delete', 1);
      CREATE TRIGGER pastes_fts_insert AFTER INSERT ON pastes WHEN new.unlisted = 0 AND new.burn = 0 BEGIN
        INSERT INTO pastes_fts (rowid, filename, content) VALUES (new.seq, new.filename, new.content);
      END;
      CREATE TRIGGER pastes_fts_delete AFTER DELETE ON pastes WHEN old.unlisted = 0 AND old.burn = 0 BEGIN
        INSERT INTO pastes_fts (pastes_fts, rowid, filename, content) VALUES ('delete', old.seq, old.filename, old.content);
      END;
      CREATE TRIGGER pastes_immutable BEFORE UPDATE ON pastes BEGIN
        SELECT RAISE(ABORT, 'pastes are immutable');
      END;`,
  },
];

/** A paste the SQL console may see: listed, not burn-after-reading, not expired (deleted ones are gone). */
const VISIBLE_PASTE = "unlisted = 0 AND burn = 0 AND (expires_at IS NULL OR expires_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

/**
 * What the SQL console may read of `paste.db` (the app's `sqlViews`): read-only views of the
 * visible pastes and of their authors, nothing of unlisted, burning or expired pastes, tombstones
 * or the full-text index.
 */
export const consoleViews: Readonly<Record<string, string>> = {
  pastes: `SELECT id, created_at, expires_at, author, node, filename, language, size, content FROM pastes WHERE ${VISIBLE_PASTE}`,
  authors: `SELECT key, login, display_name, node FROM authors WHERE key IN (SELECT author FROM pastes WHERE ${VISIBLE_PASTE})`,
};

/**
 * The old name of {@link migrations}, still imported by the SQL console's tests
 * (test/apps/sql/apps.test.ts, outside this app): remove once they import `migrations`.
 */
export const pasteMigrations = migrations;
