import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkAgainst, ProtectedFileError, ProtectedFiles } from './protected.js';
import { parseSqliteUrl } from './sqlite-url.js';

const root = mkdtempSync(join(tmpdir(), 'sql-protected-'));
const data = join(root, 'data');
mkdirSync(data);
writeFileSync(join(data, 'secrets.db'), 'x');
writeFileSync(join(data, 'idp.db'), 'x');
writeFileSync(join(data, 'links.db'), 'x');
symlinkSync(join(data, 'secrets.db'), join(root, 'innocent.db'));
symlinkSync(data, join(root, 'alias'));
linkSync(join(data, 'idp.db'), join(root, 'hardlink.db'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What the secrets app and the identity provider declare (`privateFiles`), as the suite lists them. */
const privateFiles = [
  { path: join(data, 'secrets.db'), prefix: true, holds: 'secrets store' },
  { path: join(data, 'secrets.key'), prefix: true, holds: 'secrets store' },
  { path: join(data, 'idp.db'), prefix: true, holds: 'identity provider' },
];

describe('ProtectedFiles', () => {
  const guard = new ProtectedFiles(privateFiles);
  const refused = (path: string) => expect(() => guard.check(path), path).toThrow(ProtectedFileError);

  it('refuses the secrets and identity databases by every spelling', () => {
    refused(join(data, 'secrets.db'));
    refused(join(data, 'idp.db'));
    refused(join(data, '..', 'data', 'secrets.db'));
    refused(join(root, 'innocent.db'));
    refused(join(root, 'alias', 'secrets.db'));
    refused(join(root, 'hardlink.db'));
    refused(join(data, 'secrets.db-wal'));
    refused(parseSqliteUrl('file:../data/./secrets.db?mode=ro&immutable=1', join(root, 'alias')).path);
    refused(parseSqliteUrl('file:///' + join(data, 'idp%2Edb').slice(1), '/').path);
  });

  it('refuses everything under a folder listed as a prefix (the backups taken before migrations)', () => {
    const backups = new ProtectedFiles([{ path: join(data, 'backups/'), prefix: true, holds: 'backups taken before migrations' }]);
    expect(() => backups.check(join(data, 'backups', 'before-1.1.0', 'secrets.db'))).toThrow(ProtectedFileError);
    expect(() => backups.check(join(root, 'alias', 'backups', 'before-1.1.0', 'links.db'))).toThrow(ProtectedFileError);
    backups.check(join(root, 'backups', 'links.db')); // another directory's backups/ is not the data's
  });

  it('names what was refused without revealing anything else', () => {
    expect(() => guard.check(join(root, 'innocent.db'))).toThrow("secrets.db belongs to tailyard's secrets store and can never be a SQL source");
    expect(() => guard.check(join(root, 'hardlink.db'))).toThrow('identity provider');
  });

  it('allows other files, including ones that do not exist yet', () => {
    expect(() => guard.check(join(data, 'links.db'))).not.toThrow();
    expect(() => checkAgainst(join(root, 'new.db'), guard.identities())).not.toThrow();
  });
});
