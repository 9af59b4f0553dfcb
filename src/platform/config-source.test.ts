import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binaryKind, locate, parseConfigSource, readConfigSource, reportLines } from './config-source.js';

const dir = mkdtempSync(join(tmpdir(), 'config-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseConfigSource', () => {
  it('finds every syntax error, in words, with its line and column, and recovers the rest', () => {
    const src = parseConfigSource('{\n  "mode": "dev"\n  "dataDir": "d",\n  "log": { "level": },\n}', 'ty.hujson');
    expect(src.syntax).toEqual([
      { line: 3, col: 3, message: 'expected a comma between two entries (is one missing at the end of the line before?)' },
      { line: 4, col: 21, message: expect.stringMatching(/^expected a value after the colon/) },
    ]);
    expect(src.value).toMatchObject({ mode: 'dev', dataDir: 'd' });
  });

  it('accepts comments and trailing commas', () => {
    const src = parseConfigSource('// hi\n{ "mode": "dev", /* c */ "dataDir": "d", }');
    expect(src.syntax).toEqual([]);
    expect(src.value).toEqual({ mode: 'dev', dataDir: 'd' });
  });
});

describe('locate', () => {
  const src = parseConfigSource('{\n  "apps": {\n    "links": { "readOnly": true },\n    "sql": { "sources": [ {}, { "Driver": "x" } ] }\n  }\n}', 'ty.hujson');

  it('finds a key path, an index and a key written in another case', () => {
    expect(locate(src, ['apps', 'links', 'readOnly'])).toEqual({ line: 3, col: 16 });
    expect(locate(src, ['apps', 'sql', 'sources', 1, 'driver'])).toEqual({ line: 4, col: 33 });
  });

  it('falls back to the deepest part the file has, or nothing', () => {
    expect(locate(src, ['apps', 'links', 'hostname'])).toEqual({ line: 3, col: 5 });
    expect(locate(src, ['serve', 'links'])).toBeUndefined();
  });

  it('places problems in file order after the syntax errors they sit among', () => {
    const bad = parseConfigSource('{\n  "b": 1\n  "a": 2\n}', 'c');
    const lines = reportLines(bad, [{ path: ['b'], message: 'second' }, { path: [], message: 'whole' }]);
    expect(lines.map((l) => l.text)).toEqual(['c:2:3: b: second', 'c:3:3: expected a comma between two entries (is one missing at the end of the line before?)', 'c: whole']);
  });
});

describe('readConfigSource', () => {
  it('names a database or binary file as not a config file, and says what was expected', () => {
    writeFileSync(join(dir, 'x.db'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]));
    expect(() => readConfigSource(join(dir, 'x.db'), { what: '--sql-config file', expects: 'a tailsql config' })).toThrow(
      `--sql-config file ${join(dir, 'x.db')} is a SQLite database, not a config file: a tailsql config`,
    );
    expect(binaryKind(Buffer.from([0x7b, 0, 0x7d]))).toBe('a binary file');
    expect(binaryKind(Buffer.from('{ "mode": "dev" }'))).toBeUndefined();
  });

  it('names a file it cannot read', () => {
    expect(() => readConfigSource(join(dir, 'missing.hujson'))).toThrow(/^cannot read config file .*missing\.hujson: ENOENT/);
  });
});
