/**
 * The secrets and identity-provider databases are never sources, by any spelling: a `file:` URI
 * with parameters, `..`, a symlink, a symlinked directory, a hard link, a percent-escape, a key
 * file; nor the query log's `localState`. Each source answers 400 with the reason.
 */
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { get, q, startSql } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'sql-protected-'));
const data = join(root, 'data');
mkdirSync(data);
for (const name of ['secrets.db', 'idp.db']) {
  const db = new Database(join(data, name));
  db.exec("create table t (secret text); insert into t values ('do not read')");
  db.close();
}
symlinkSync(join(data, 'secrets.db'), join(root, 'innocent.db'));
symlinkSync(data, join(root, 'alias'));
linkSync(join(data, 'idp.db'), join(root, 'hard.db'));
writeFileSync(join(root, 'url.key'), `file:${join(data, 'idp.db')}?mode=ro&immutable=1\n`);

const spellings: Array<[string, Record<string, string>]> = [
  ['uri', { url: `file:${join(data, 'secrets.db')}?mode=ro&cache=shared` }],
  ['dotdot', { url: join(data, '..', basename(data), '.', 'secrets.db') }],
  ['symlink', { url: `file:${join(root, 'innocent.db')}?mode=ro` }],
  ['dirlink', { url: join(root, 'alias', 'idp.db') }],
  ['hardlink', { url: join(root, 'hard.db') }],
  ['escaped', { url: `file://${join(data, 'secrets%2edb')}` }],
  ['keyfile', { keyFile: join(root, 'url.key') }],
];
let t: TestApp;

beforeAll(async () => {
  t = await startSql({ dataDir: data, appConfig: { sources: spellings.map(([source, conn]) => ({ source, driver: 'sqlite', ...conn })) } });
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('protected databases', () => {
  for (const [source] of spellings) {
    it(`refuses the ${source} spelling`, async () => {
      const res = await get(t, q('/json', 'select * from t', source));
      const body = await res.text();
      expect(res.status).toBe(400);
      expect(body).toMatch(/^\[400\] invalid query: source ".+" is refused: (secrets|idp)\.db belongs to tailyard's .+ and can never be a SQL source\n$/);
      expect(body).not.toContain('do not read');
    });
  }

  it('refuses to keep the query log in one of them', async () => {
    await t.close(); // one tailyard per data directory
    await expect(startSql({ dataDir: data, appConfig: { localState: join(root, 'innocent.db') } })).rejects.toThrow(/can never be a SQL source/);
  });
});
