/**
 * The files the console may never open come from the apps (`privateFiles`) and the platform
 * (audit logs with their rotated files and append locks, key files, the data directory's lock
 * and holder record), not from a list of its own: the identity provider's key file, an audit
 * log and the secrets key are refused like the databases, by any spelling; and `appSources`
 * takes exactly the apps that offer SQL views.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { get, q, startSql } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'sql-private-'));
const data = join(root, 'data');
mkdirSync(data);
mkdirSync(join(data, 'replicate', 'links.db-litestream'), { recursive: true });
for (const name of [
  'idp.key',
  'secrets.key',
  'links.audit.db',
  'links.audit.db-wal',
  'links.audit.jsonl',
  'links.audit.jsonl.1',
  'links.audit.jsonl.lock',
  'links.000000000012.audit.jsonl',
  'links.000000000012.audit.jsonl.migrated',
  'replicate/litestream.yml',
  'replicate/links.db-litestream/ltx',
]) {
  writeFileSync(join(data, name), 'do not read\n');
}
symlinkSync(join(data, 'idp.key'), join(root, 'key.db'));

const spellings: Array<[string, string, string]> = [
  ['idpkey', join(data, 'idp.key'), 'idp.key'],
  ['keylink', join(root, 'key.db'), 'idp.key'],
  ['secretskey', `file:${join(data, 'secrets.key')}?mode=ro`, 'secrets.key'],
  ['auditdb', join(data, 'links.audit.db'), 'links.audit.db'],
  ['auditwal', join(data, 'links.audit.db-wal'), 'links.audit.db-wal'],
  ['auditlog', join(data, 'links.audit.jsonl'), 'links.audit.jsonl'],
  ['migrated', join(data, 'links.000000000012.audit.jsonl.migrated'), 'links.000000000012.audit.jsonl.migrated'],
  ['replconfig', join(data, 'replicate/litestream.yml'), 'litestream.yml'],
  ['replpages', join(data, 'replicate/links.db-litestream/ltx'), 'ltx'],
  ['rotated', join(data, 'links.audit.jsonl.1'), 'links.audit.jsonl.1'],
  ['auditlock', join(data, 'links.audit.jsonl.lock'), 'links.audit.jsonl.lock'],
  ['rotatedbyseq', join(data, 'links.000000000012.audit.jsonl'), 'links.000000000012.audit.jsonl'],
  // Written by the platform itself when it takes the data directory.
  ['dirlock', join(data, 'tailyard.lock'), 'tailyard.lock'],
  ['dirholder', `file:${join(data, 'tailyard.lock.json')}?mode=ro`, 'tailyard.lock.json'],
];
let t: TestApp;

beforeAll(async () => {
  t = await startSql({ dataDir: data, appConfig: { sources: spellings.map(([source, url]) => ({ source, driver: 'sqlite', url })) } });
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('private files', () => {
  for (const [source, , name] of spellings) {
    it(`refuses ${source}, naming the file and who it belongs to`, async () => {
      const res = await get(t, q('/json', 'select 1', source));
      const body = await res.text();
      expect(res.status).toBe(400);
      expect(body).toMatch(new RegExp(`^\\[400\\] invalid query: source "${source}" is refused: ${name.replace(/\./g, '\\.')} belongs to tailyard's .+ and can never be a SQL source\\n$`));
      expect(body).not.toContain('do not read');
    });
  }

  it('names the identity provider as the owner of its key file', async () => {
    expect(await (await get(t, q('/json', 'select 1', 'idpkey'))).text()).toContain("idp.key belongs to tailyard's identity provider");
  });
});

describe('appSources', () => {
  it('takes only apps that offer SQL views, and says which do', async () => {
    await expect(startSql({ appConfig: { appSources: ['secrets'] } })).rejects.toThrow(
      'apps.sql.appSources: app "secrets" offers no SQL views (apps that do: links, paste)',
    );
  });
});
