import { describe, expect, it } from 'vitest';
import { parseSqliteUrl, SqliteUrlError } from './sqlite-url.js';

describe('parseSqliteUrl', () => {
  it('reads tailsql file: URLs as SQLite does', () => {
    expect(parseSqliteUrl('file:data/main.db?mode=ro', '/srv')).toEqual({ path: '/srv/data/main.db', memory: false, params: { mode: 'ro' } });
    expect(parseSqliteUrl('file:/abs/x.db?mode=ro&cache=shared', '/srv')).toEqual({ path: '/abs/x.db', memory: false, params: { mode: 'ro', cache: 'shared' } });
    expect(parseSqliteUrl('file:///abs/x.db', '/srv').path).toBe('/abs/x.db');
    expect(parseSqliteUrl('file://localhost/abs/x.db#frag', '/srv').path).toBe('/abs/x.db');
    expect(parseSqliteUrl('file:my%20data.db?mode=r%6F', '/srv')).toEqual({ path: '/srv/my data.db', memory: false, params: { mode: 'ro' } });
    expect(parseSqliteUrl('plain.db', '/srv').path).toBe('/srv/plain.db');
    expect(parseSqliteUrl('/abs/plain.db', '/srv').path).toBe('/abs/plain.db');
  });
  it('recognises in-memory databases', () => {
    expect(parseSqliteUrl('file::memory:', '/srv').memory).toBe(true);
    expect(parseSqliteUrl(':memory:', '/srv').memory).toBe(true);
    expect(parseSqliteUrl('file:x?mode=memory', '/srv').memory).toBe(true);
  });
  it('refuses what SQLite refuses', () => {
    expect(() => parseSqliteUrl('file://evil.example/x.db', '/srv')).toThrow(SqliteUrlError);
    expect(() => parseSqliteUrl('file:?mode=ro', '/srv')).toThrow('names no file');
    expect(() => parseSqliteUrl('file:bad%zz.db', '/srv')).toThrow('percent-escape');
  });
});
