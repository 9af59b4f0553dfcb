/**
 * App databases as storage.ts opens them: settings, migrations (one transaction per start, the
 * release that applied each recorded), refusal of a newer file naming both releases, and the
 * backup taken before a migration, restored by the compiled `tailyard restore`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Migration } from '../../src/platform/app.js';
import { DatabaseNewerThanCodeError, openAppDatabase, preMigrationBackupDir, schemaVersion } from '../../src/platform/storage.js';
import { BIN } from '../faults/serve-child.js';
import { tempDataDir } from '../support/platform.js';

const v1: Migration[] = [{ version: 1, name: 'items', up: 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)' }];
const v2: Migration[] = [
  ...v1,
  {
    version: 2,
    name: 'item tags',
    up: (db) => {
      db.exec('ALTER TABLE items ADD COLUMN tag TEXT NOT NULL DEFAULT ""');
      db.exec("UPDATE items SET tag = 'old'");
    },
  },
];

describe('app databases', () => {
  it('begin write transactions IMMEDIATE, so a transaction that reads first never loses to another writer', () => {
    const path = join(tempDataDir(), 'shared.db');
    const server = openAppDatabase(path, v1);
    // Another process's connection (a CLI), as plain better-sqlite3 opens it.
    const cli = new Database(path);
    cli.pragma('busy_timeout = 50');
    let cliError: unknown;
    server.transaction(() => {
      server.prepare('SELECT count(*) FROM items').get();
      try {
        cli.prepare("INSERT INTO items (name) VALUES ('cli')").run();
      } catch (err) {
        cliError = err;
      }
      // DEFERRED would fail here with SQLITE_BUSY (snapshot), the CLI having committed meanwhile.
      server.prepare("INSERT INTO items (name) VALUES ('server')").run();
    })();
    expect((cliError as { code?: string }).code).toBe('SQLITE_BUSY');
    expect(server.prepare('SELECT name FROM items').pluck().all()).toEqual(['server']);
    cli.close();
    server.close();
  });

  it('open in memory without creating a file named ":memory:"', () => {
    const db = openAppDatabase(':memory:', v1);
    db.exec("INSERT INTO items (name) VALUES ('x')");
    db.close();
    expect(existsSync(':memory:')).toBe(false);
  });

  it('open in WAL with foreign keys and a busy timeout', () => {
    const db = openAppDatabase(join(tempDataDir(), 'a.db'), v1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('migrate up step by step and record each step', () => {
    const path = join(tempDataDir(), 'a.db');
    const db1 = openAppDatabase(path, v1);
    db1.prepare('INSERT INTO items (name) VALUES (?)').run('x');
    expect(schemaVersion(db1)).toBe(1);
    db1.close();
    const db2 = openAppDatabase(path, v2);
    expect(schemaVersion(db2)).toBe(2);
    expect(db2.prepare('SELECT name, tag FROM items').all()).toEqual([{ name: 'x', tag: 'old' }]);
    expect(db2.prepare('SELECT version, name FROM tailyard_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: 'items' },
      { version: 2, name: 'item tags' },
    ]);
    db2.close();
  });

  it('refuse a file written by newer code, naming the release that wrote it and the running one', () => {
    const path = join(tempDataDir(), 'a.db');
    openAppDatabase(path, v2, { release: '1.3.0' }).close();
    expect(() => openAppDatabase(path, v1, { release: '1.0.0' })).toThrow(DatabaseNewerThanCodeError);
    expect(() => openAppDatabase(path, v1, { release: '1.0.0' })).toThrow(
      `${path} has schema version 2, written by tailyard 1.3.0; this is tailyard 1.0.0, which knows schema versions up to 1. Run tailyard 1.3.0 or later`,
    );
    // A newer release whose schema this one knows opens it.
    openAppDatabase(path, v2, { release: '1.0.0' }).close();
  });

  it('name no release for a file migrated before releases were recorded', () => {
    const path = join(tempDataDir(), 'a.db');
    openAppDatabase(path, v2).close();
    const db = new Database(path);
    db.exec('ALTER TABLE tailyard_migrations DROP COLUMN release'); // as 0.1.0 wrote the table
    db.close();
    expect(() => openAppDatabase(path, v1, { release: '1.0.0' })).toThrow(/has schema version 2, written by a newer tailyard; this is tailyard 1\.0\.0/);
  });

  it('record the release that applied each migration, also in a file migrated before releases were recorded', () => {
    const path = join(tempDataDir(), 'a.db');
    openAppDatabase(path, v1).close();
    const old = new Database(path);
    old.exec('ALTER TABLE tailyard_migrations DROP COLUMN release');
    old.close();
    const db = openAppDatabase(path, v2, { release: '1.1.0' });
    expect(db.prepare('SELECT version, release FROM tailyard_migrations ORDER BY version').all()).toEqual([
      { version: 1, release: null },
      { version: 2, release: '1.1.0' },
    ]);
    db.close();
  });

  it('run all pending migrations in one transaction: when the second fails, the first is not applied either', () => {
    const path = join(tempDataDir(), 'a.db');
    openAppDatabase(path, v1).close();
    const failingThird: Migration[] = [...v2, { version: 3, name: 'broken', up: 'CREATE TABLE t3 (x); INSERT INTO nope VALUES (1);' }];
    expect(() => openAppDatabase(path, failingThird, { release: '1.1.0' })).toThrow(/no such table: nope/);
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect((db.pragma('table_info(items)') as { name: string }[]).map((c) => c.name)).toEqual(['id', 'name']);
    expect(db.prepare('SELECT version FROM tailyard_migrations').pluck().all()).toEqual([1]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't3'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('the backup before a migration', () => {
  it('is taken beside the data, named by release, before an existing file migrates, and tailyard restore brings it back', () => {
    const data = tempDataDir();
    const items = openAppDatabase(join(data, 'items.db'), v1, { release: '1.0.0' });
    items.prepare('INSERT INTO items (name) VALUES (?)').run('kept');
    items.close();
    openAppDatabase(join(data, 'other.db'), v1, { release: '1.0.0' }).close();
    // A new file gets no backup: there is nothing to lose.
    expect(existsSync(join(data, 'backups'))).toBe(false);

    openAppDatabase(join(data, 'items.db'), v2, { release: '1.1.0' }).close();
    const backup = preMigrationBackupDir(data, '1.1.0');
    expect(backup).toBe(join(data, 'backups', 'before-1.1.0'));
    const manifest = JSON.parse(readFileSync(join(backup, 'tailyard-backup.json'), 'utf8')) as { files: { name: string; schemaVersion?: number }[] };
    expect(manifest.files.map((f) => [f.name, f.schemaVersion])).toEqual([
      ['items.db', 1],
      ['other.db', 1],
    ]);
    // Another file migrating in the same release (a later app of the start) keeps that backup.
    openAppDatabase(join(data, 'other.db'), v2, { release: '1.1.0' }).close();
    expect(readdirSync(join(data, 'backups'))).toEqual(['before-1.1.0']);
    expect(JSON.parse(readFileSync(join(backup, 'tailyard-backup.json'), 'utf8'))).toEqual(manifest);

    const restored = tempDataDir();
    const r = spawnSync(process.execPath, [BIN, 'restore', backup, '--data', restored], { encoding: 'utf8', env: { ...process.env, TAILYARD_CONFIG: '' } });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`restored 2 files from ${backup} into ${restored}\n`);
    const back = new Database(join(restored, 'items.db'), { readonly: true });
    expect(back.pragma('user_version', { simple: true })).toBe(1);
    expect(back.prepare('SELECT * FROM items').all()).toEqual([{ id: 1, name: 'kept' }]);
    back.close();
    // The release that wrote it opens the restored copy.
    openAppDatabase(join(restored, 'items.db'), v1, { release: '1.0.0' }).close();
  });

  it('taken by a start whose migration failed stays the release\'s one: the file is as it was then', () => {
    const data = tempDataDir();
    openAppDatabase(join(data, 'items.db'), v1, { release: '1.0.0' }).close();
    const broken: Migration[] = [...v1, { version: 2, name: 'broken', up: 'INSERT INTO nope VALUES (1)' }];
    expect(() => openAppDatabase(join(data, 'items.db'), broken, { release: '1.1.0' })).toThrow(/no such table: nope/);
    expect(existsSync(join(preMigrationBackupDir(data, '1.1.0'), 'tailyard-backup.json'))).toBe(true);
    openAppDatabase(join(data, 'items.db'), v2, { release: '1.1.0' }).close();
    expect(readdirSync(join(data, 'backups'))).toEqual(['before-1.1.0']);
  });
});
