import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { expandEnv, loadSqlSettings, normalizePrefix } from './load.js';
import { SqlConfigSchema } from '../config.js';

const dir = mkdtempSync(join(tmpdir(), 'sql-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const deps = () => ({ log: { warn: vi.fn(), info: vi.fn() }, cwd: dir, env: { KEYS: dir } as NodeJS.ProcessEnv });
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('tailsql config files', () => {
  it('reads HuJSON with Go-style case-insensitive keys, logs unknown and process-only keys', () => {
    const p = file(
      'a.hujson',
      `{ // comment
        "Hostname": "tailsql", "stateDir": "/x", "access": {"dead": true},
        "Sources": [{"Source": "main", "driver": "sqlite", "URL": "file:main.db?mode=ro", "extra": 1},],
        "queryTimeout": "1m30s", "routePrefix": "/tsql/",
      }`,
    );
    const d = deps();
    const s = loadSqlSettings(SqlConfigSchema.parse({ configFile: p }), d);
    expect(s.sources).toMatchObject([{ source: 'main', driver: 'sqlite', url: 'file:main.db?mode=ro', label: '' }]);
    expect(s.queryTimeoutMs).toBe(90_000);
    expect(s.routePrefix).toBe('/tsql');
    expect(d.log.warn).toHaveBeenCalledWith(expect.objectContaining({ keys: ['access', 'sources[0].extra'] }), expect.any(String));
    expect(d.log.info).toHaveBeenCalledWith(expect.objectContaining({ keys: expect.arrayContaining(['hostname', 'stateDir']) }), expect.any(String));
  });

  it('takes keys set under apps.sql over the file', () => {
    const p = file('b.hujson', '{"queryTimeout": "5s", "links": [{"anchor": "a", "url": "https://a.example"}]}');
    const s = loadSqlSettings(SqlConfigSchema.parse({ configFile: p, queryTimeout: '10s', uiRows: 50 }), deps());
    expect(s.queryTimeoutMs).toBe(10_000);
    expect(s.links).toEqual([{ anchor: 'a', url: 'https://a.example' }]);
    expect(s.uiRows).toBe(50);
  });

  it('reads keyFile sources once, with $VAR expansion, trimmed', () => {
    file('db.key', '  postgres://reader@db/app  \n');
    const s = loadSqlSettings(SqlConfigSchema.parse({ sources: [{ source: 'pg', driver: 'postgres', keyFile: '$KEYS/db.key' }] }), deps());
    expect(s.sources[0]).toMatchObject({ url: 'postgres://reader@db/app', keyFile: undefined });
    expect(() => loadSqlSettings(SqlConfigSchema.parse({ sources: [{ source: 'x', driver: 'sqlite', keyFile: '/nope.key' }] }), deps())).toThrow(
      /read key file for "x"/,
    );
  });

  it('refuses what tailsql refuses, in its words', () => {
    const bad = (sources: unknown[]) => SqlConfigSchema.safeParse({ sources }).error?.issues.map((i) => i.message);
    expect(bad([{ driver: 'sqlite', url: 'x' }])).toContain('missing source name');
    expect(bad([{ source: 'a', url: 'x' }])).toContain('missing driver name');
    expect(bad([{ source: 'a', driver: 'sqlite' }])).toContain('exactly one connection source must be set');
    expect(bad([{ source: 'a', driver: 'sqlite', url: 'x', secret: 'y' }])).toContain('exactly one connection source must be set');
    expect(bad([{ source: 'a', driver: 'mysql', url: 'x' }])).toContain('unsupported driver "mysql" (supported: sqlite, postgres)');
    expect(SqlConfigSchema.safeParse({ queryTimeout: '5' }).error?.issues[0]?.message).toBe('time: missing unit in duration "5"');
    const p = file('c.hujson', '{"sources": [{"source": "a", "driver": "sqlite"}]}');
    expect(() => loadSqlSettings(SqlConfigSchema.parse({ configFile: p }), deps())).toThrow(/exactly one connection source must be set/);
    expect(() => loadSqlSettings(SqlConfigSchema.parse({ sources: [{ source: 'a', driver: 'sqlite', url: 'x' }, { source: 'a', driver: 'sqlite', url: 'y' }] }), deps())).toThrow(
      'source "a" is defined twice',
    );
  });

  it('normalises the route prefix and expands the environment like Go', () => {
    expect(['', '/', '/foo/', 'foo'].map(normalizePrefix)).toEqual(['', '', '/foo', '/foo']);
    // Built from parts: the text is Go's `${B}` syntax, not a template placeholder.
    expect(expandEnv(['$A', '$' + '{B}', '$MISSING', 'x'].join('/'), { A: '1', B: '2' })).toBe('1/2//x');
  });
});
