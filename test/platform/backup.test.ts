import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readAuditEntries, verifyAuditChain } from '../../src/platform/audit.js';
import { backupDataDir, restoreDataDir } from '../../src/platform/backup.js';
import { openAppDatabase } from '../../src/platform/storage.js';
import { tempDataDir } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another process writing rows as fast as it can, like a busy server. */
function startWriter(dbPath: string) {
  const script = `
    const Database = require(${JSON.stringify(sqlitePath)});
    const db = new Database(${JSON.stringify(dbPath)});
    db.pragma('busy_timeout = 5000');
    const ins = db.prepare('INSERT INTO notes (body) VALUES (?)');
    const batch = db.transaction((n) => { for (let i = 0; i < 50; i++) ins.run('note ' + n + '-' + i); });
    let n = 0;
    process.stdout.write('ready\\n');
    const loop = () => { batch(n++); setImmediate(loop); };
    loop();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { child, ready };
}

function fingerprint(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      notes: (db.prepare('SELECT count(*) AS n FROM notes').get() as { n: number }).n,
      lastNote: db.prepare('SELECT max(id) AS id FROM notes').get(),
      version: db.pragma('user_version', { simple: true }),
    };
  } finally {
    db.close();
  }
}

describe('backup and restore', () => {
  it('copies a consistent database while writes are in flight, and restores it identically', async () => {
    const data = tempDataDir();
    const dbPath = join(data, 'whoami.db');
    openAppDatabase(dbPath, whoamiApp.migrations).close();
    const writer = startWriter(dbPath);
    await writer.ready;
    await new Promise((r) => setTimeout(r, 200));
    const dest = join(tempDataDir(), 'backup');
    try {
      const manifest = await backupDataDir(data, dest);
      expect(manifest.files.map((f) => f.name)).toEqual(['whoami.db']);
    } finally {
      writer.child.kill('SIGKILL');
    }
    const backedUp = fingerprint(join(dest, 'whoami.db'));
    expect(backedUp.integrity).toBe('ok');
    expect(backedUp.notes).toBeGreaterThan(0);
    expect(backedUp.notes % 50).toBe(0); // whole transactions only
    expect(backedUp.version).toBe(2);

    const restored = tempDataDir();
    restoreDataDir(dest, restored);
    expect(fingerprint(join(restored, 'whoami.db'))).toEqual(backedUp);
    // The restored file opens as a normal app database.
    openAppDatabase(join(restored, 'whoami.db'), whoamiApp.migrations).close();
  });

  it('restores only into an empty data directory', async () => {
    const data = tempDataDir();
    openAppDatabase(join(data, 'whoami.db'), whoamiApp.migrations).close();
    const dest = join(tempDataDir(), 'b');
    await backupDataDir(data, dest);
    expect(() => restoreDataDir(dest, data)).toThrow(/refusing to restore into .*: it already holds data \(whoami\.db\)/);
    await expect(backupDataDir(data, dest)).rejects.toThrow(/already holds a backup/);
    expect(() => restoreDataDir(tempDataDir(), tempDataDir())).toThrow(/is not a tailyard backup/);
  });

  it('copies the JSON Lines audit files of an earlier version up to their last complete line, but never key files', async () => {
    const data = tempDataDir();
    openAppDatabase(join(data, 'whoami.db'), whoamiApp.migrations).close();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(data, 'whoami.audit.jsonl'), '{"a":1}\n{"torn":');
    writeFileSync(join(data, 'secrets.key'), 'k');
    const dest = join(tempDataDir(), 'b');
    await backupDataDir(data, dest);
    expect(readdirSync(dest).sort()).toEqual(['tailyard-backup.json', 'whoami.audit.jsonl', 'whoami.db']);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(dest, 'whoami.audit.jsonl'), 'utf8')).toBe('{"a":1}\n');
    expect(existsSync(join(dest, 'secrets.key'))).toBe(false);
  });

  it('backs up a sound audit chain while the log keeps pruning, and a restore records itself in it', async () => {
    const data = tempDataDir();
    openAppDatabase(join(data, 'whoami.db'), whoamiApp.migrations).close();
    const auditModule = join(dirname(fileURLToPath(import.meta.url)), '../../dist/src/platform/audit.js');
    // Another process appends as fast as it can, pruning every few dozen entries.
    const script = `
      import(${JSON.stringify(auditModule)}).then(({ openAuditLog }) => {
        const log = openAuditLog(${JSON.stringify(join(data, 'whoami.audit.db'))}, { segmentBytes: 4096, keepSegments: 4 });
        process.stdout.write('ready\\n');
        let i = 0;
        const loop = () => { for (let k = 0; k < 20; k++) log.append({ action: 'get', n: i++ }); setImmediate(loop); };
        loop();
      });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const dests: string[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const dest = join(tempDataDir(), 'b');
        const manifest = await backupDataDir(data, dest);
        expect(manifest.files.map((f) => [f.name, f.kind])).toEqual([
          ['whoami.audit.db', 'audit'],
          ['whoami.db', 'database'],
        ]);
        const chain = verifyAuditChain(join(dest, 'whoami.audit.db'));
        expect(chain, JSON.stringify(chain)).toMatchObject({ ok: true });
        dests.push(dest);
      }
    } finally {
      child.kill('SIGKILL');
    }
    const restored = tempDataDir();
    const manifest = restoreDataDir(dests.at(-1) as string, restored, ['whoami', 'links']);
    expect(manifest.recorded).toEqual(['whoami']);
    const chain = verifyAuditChain(join(restored, 'whoami.audit.db'));
    expect(chain).toMatchObject({ ok: true });
    expect(readAuditEntries(join(restored, 'whoami.audit.db')).at(-1)).toMatchObject({ action: 'restore', from: dests.at(-1), databases: ['whoami.audit.db', 'whoami.db'], by: expect.stringMatching(/^cli/) });
  });
});
