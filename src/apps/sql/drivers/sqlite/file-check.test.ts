import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { sqliteFileProblem } from './file-check.js';

const dir = mkdtempSync(join(tmpdir(), 'file-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqliteFileProblem', () => {
  test('a real database, and an empty file (SQLite takes it as an empty database), can be opened', () => {
    const db = new Database(join(dir, 'real.db'));
    db.exec('create table t(x)');
    db.close();
    writeFileSync(join(dir, 'empty.db'), '');
    expect(sqliteFileProblem(join(dir, 'real.db'))).toBeUndefined();
    expect(sqliteFileProblem(join(dir, 'empty.db'))).toBeUndefined();
  });

  test('a missing file names its path and the OS error', () => {
    expect(sqliteFileProblem(join(dir, 'none.db'))).toBe(`${join(dir, 'none.db')}: ENOENT: no such file or directory`);
  });

  test('a directory, a text file and a short file are not databases', () => {
    mkdirSync(join(dir, 'folder.db'));
    writeFileSync(join(dir, 'notes.txt'), 'hello, this is not SQLite at all');
    writeFileSync(join(dir, 'short.db'), 'SQLite');
    expect(sqliteFileProblem(join(dir, 'folder.db'))).toBe(`${join(dir, 'folder.db')}: EISDIR: illegal operation on a directory`);
    expect(sqliteFileProblem(join(dir, 'notes.txt'))).toBe(`${join(dir, 'notes.txt')}: not a SQLite database (its header is not "SQLite format 3")`);
    expect(sqliteFileProblem(join(dir, 'short.db'))).toBe(`${join(dir, 'short.db')}: not a SQLite database (the file is 6 bytes long)`);
  });

  test.skipIf(process.getuid?.() === 0)('an unreadable file names the permission error', () => {
    writeFileSync(join(dir, 'locked.db'), '');
    chmodSync(join(dir, 'locked.db'), 0);
    expect(sqliteFileProblem(join(dir, 'locked.db'))).toBe(`${join(dir, 'locked.db')}: EACCES: permission denied`);
  });
});
