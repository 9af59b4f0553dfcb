/**
 * Files at rest: databases (with their -wal and -shm companions), audit logs and backups are
 * created 0600 in 0700 directories whatever the umask; a loose data directory gets a warning at
 * start-up, and the secrets app refuses to start in one.
 */
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretsApp } from '../../src/apps/secrets/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { backupDataDir, restoreDataDir } from '../../src/platform/backup.js';
import { createLogger } from '../../src/platform/logging.js';
import { startPlatform } from '../../src/platform/platform.js';
import { openAppDatabase } from '../../src/platform/storage.js';
import { tempDataDir } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** A logger whose JSON lines land in `lines`. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger('info', sink), lines };
}

function start(dataDir: string, apps: AppDefinition[], log = capturingLogger().log) {
  return startPlatform({
    config: { dataDir, admin: { enabled: false }, apps: Object.fromEntries(apps.map((a) => [a.id, { devPort: 0 }])) },
    apps,
    log,
    defaultMetrics: false,
  });
}

let oldUmask: number;
beforeEach(() => {
  oldUmask = process.umask(0o022); // the usual default, which would make new files 0644
});
afterEach(() => {
  process.umask(oldUmask);
});

describe('files at rest', () => {
  it('creates the database, its WAL and its shared-memory file 0600 despite a 022 umask', () => {
    const dir = tempDataDir();
    const db = openAppDatabase(join(dir, 'a.db'), [{ version: 1, name: 't', up: 'CREATE TABLE t (x)' }]);
    db.exec('INSERT INTO t VALUES (1)');
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['a.db', 'a.db-shm', 'a.db-wal']);
    for (const f of files) expect(modeOf(join(dir, f)), f).toBe('600');
    db.close();
  });

  it('writes a running platform’s files 0600 in a 0700 data directory', async () => {
    const dir = join(tempDataDir(), 'fresh');
    const p = await start(dir, [whoamiApp as AppDefinition, secretsApp as AppDefinition]);
    await p.close();
    expect(modeOf(dir)).toBe('700');
    for (const f of readdirSync(dir)) expect(modeOf(join(dir, f)), f).toMatch(/^[67]00$/);
  });

  it('backs up into an existing loose directory by tightening it, and restores 0600 files', async () => {
    const dir = tempDataDir();
    const p = await start(dir, [whoamiApp as AppDefinition]);
    await p.close();
    const dest = join(tempDataDir(), 'shared-backups');
    mkdirSync(dest, { mode: 0o755 });
    chmodSync(dest, 0o755);
    await backupDataDir(dir, dest);
    expect(modeOf(dest)).toBe('700');
    for (const f of readdirSync(dest)) expect(modeOf(join(dest, f)), f).toBe('600');
    const restored = join(tempDataDir(), 'restored');
    restoreDataDir(dest, restored);
    expect(modeOf(restored)).toBe('700');
    for (const f of readdirSync(restored)) expect(modeOf(join(restored, f)), f).toBe('600');
  });

  it('warns at start-up when other users can read the data directory or a file in it', async () => {
    const dir = tempDataDir();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'notes.txt'), 'x', { mode: 0o644 });
    const { log, lines } = capturingLogger();
    const p = await start(dir, [whoamiApp as AppDefinition], log);
    await p.close();
    const warning = lines.find((l) => l.msg === 'other users can access the data directory; tailyard creates its files 0600 and its directories 0700');
    expect(warning?.paths).toEqual([`${dir} (mode 0755)`, `${join(dir, 'notes.txt')} (mode 0644)`]);
    expect(warning?.fix).toContain(`chmod 700 ${dir}`);
  });

  it('refuses to start the secrets app in a loose data directory, naming the paths and the fix', async () => {
    const dir = tempDataDir();
    const p = await start(dir, [secretsApp as AppDefinition]);
    await p.close();
    chmodSync(join(dir, 'secrets.db'), 0o644);
    await expect(start(dir, [secretsApp as AppDefinition])).rejects.toThrow(
      new RegExp(`refusing to start the secrets app: other users can access the data directory: ${join(dir, 'secrets.db')} \\(mode 0644\\); run: chmod 700`),
    );
    chmodSync(join(dir, 'secrets.db'), 0o600);
    chmodSync(dir, 0o750);
    await expect(start(dir, [secretsApp as AppDefinition])).rejects.toThrow(/\(mode 0750\)/);
    chmodSync(dir, 0o700);
    const again = await start(dir, [secretsApp as AppDefinition]);
    await again.close();
  });
});
