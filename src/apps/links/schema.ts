/**
 * The links database's schema, as numbered migrations the platform runs in order when it opens
 * `<data>/links.db` (and the CLI when it opens it offline). Column names follow golink where
 * golink has the column. Never renumber a migration or change what it does: data directories
 * have run them (`tailyard_migrations` records each version and its name); add a new one.
 *
 * @example
 *   openAppDatabase(appDatabasePath(dataDir, 'links'), migrations)
 */
import type { Migration } from '../../platform/app.js';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'links, stats, history, full-text index',
    up: `
      CREATE TABLE links (
        id TEXT PRIMARY KEY,                -- linkID(short): lower-cased, hyphens removed
        short TEXT NOT NULL,                -- the user's spelling
        long TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created INTEGER NOT NULL,           -- unix seconds
        last_edit INTEGER NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        deleted_at INTEGER,                 -- soft delete
        deleted_by TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX links_owner ON links (lower(owner));
      CREATE TABLE stats (
        id TEXT NOT NULL,                   -- linkID, as golink's Stats table
        created INTEGER NOT NULL,           -- start of the minute the clicks fall in
        clicks INTEGER NOT NULL,
        PRIMARY KEY (id, created)
      ) WITHOUT ROWID;
      CREATE INDEX stats_created ON stats (created);
      CREATE TABLE history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,               -- create | update | rename | delete | restore | import
        short TEXT NOT NULL,
        long TEXT NOT NULL,
        description TEXT NOT NULL,
        owner TEXT NOT NULL
      );
      CREATE INDEX history_id ON history (id, seq);
      CREATE VIRTUAL TABLE links_fts USING fts5(
        short, long, description, owner, content='links', content_rowid='rowid', tokenize="unicode61 tokenchars '_'"
      );
      CREATE TRIGGER links_fts_insert AFTER INSERT ON links BEGIN
        INSERT INTO links_fts (rowid, short, long, description, owner) VALUES (new.rowid, new.short, new.long, new.description, new.owner);
      END;
      CREATE TRIGGER links_fts_delete AFTER DELETE ON links BEGIN
        INSERT INTO links_fts (links_fts, rowid, short, long, description, owner) VALUES ('delete', old.rowid, old.short, old.long, old.description, old.owner);
      END;
      CREATE TRIGGER links_fts_update AFTER UPDATE OF short, long, description, owner ON links BEGIN
        INSERT INTO links_fts (links_fts, rowid, short, long, description, owner) VALUES ('delete', old.rowid, old.short, old.long, old.description, old.owner);
        INSERT INTO links_fts (rowid, short, long, description, owner) VALUES (new.rowid, new.short, new.long, new.description, new.owner);
      END;`,
  },
];
