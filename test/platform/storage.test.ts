import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Migration } from '../../src/platform/app.js';
import { DatabaseNewerThanCodeError, openAppDatabase, schemaVersion } from '../../src/platform/storage.js';
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

  it('roll back a failing migration whole', () => {
    const path = join(tempDataDir(), 'a.db');
    openAppDatabase(path, v1).close();
    const broken: Migration[] = [...v1, { version: 2, name: 'broken', up: 'CREATE TABLE t2 (x); INSERT INTO nope VALUES (1);' }];
    expect(() => openAppDatabase(path, broken)).toThrow(/no such table: nope/);
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't2'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a file written by newer code', () => {
    const path = join(tempDataDir(), 'a.db');
    openAppDatabase(path, v2).close();
    expect(() => openAppDatabase(path, v1)).toThrow(DatabaseNewerThanCodeError);
    expect(() => openAppDatabase(path, v1)).toThrow(/schema version 2, but this tailyard only knows versions up to 1/);
  });
});
