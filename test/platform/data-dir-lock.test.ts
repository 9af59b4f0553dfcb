/**
 * One tailyard per data directory: the lock `startPlatform` and `restoreDataDir` take, what the
 * one refused is told, and that a holder killed with SIGKILL leaves nothing stale behind. Holders
 * in other processes are real processes running the compiled `dist/`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { secretsApp } from '../../src/apps/secrets/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { backupDataDir, restoreDataDir } from '../../src/platform/backup.js';
import { DATA_DIR_HOLDER, DATA_DIR_LOCK, DataDirInUseError, lockDataDir } from '../../src/platform/data-dir-lock.js';
import { silentLogger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import { tempDataDir } from '../support/platform.js';
import { whoamiApp } from '../support/whoami-app.js';

const distLock = pathToFileURL(path.join(import.meta.dirname, '../../dist/src/platform/data-dir-lock.js')).href;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function start(dataDir: string, apps: AppDefinition[] = [whoamiApp as AppDefinition]): Promise<RunningPlatform> {
  const config = {
    dataDir,
    admin: { listen: '127.0.0.1:0' },
    apps: Object.fromEntries(apps.map((a) => [a.id, { devPort: 0 }])),
  };
  return startPlatform({ config, apps, log: silentLogger(), defaultMetrics: false }).then((p) => {
    cleanups.push(() => p.close());
    return p;
  });
}

const portOf = (url: string | undefined) => Number(new URL(url ?? '').port);

/** Another process holding `dataDir` (as a server would) until killed; resolves once it holds it. */
async function holderProcess(dataDir: string): Promise<ChildProcess> {
  const script = `
    const { lockDataDir } = await import(${JSON.stringify(distLock)});
    const lock = lockDataDir(${JSON.stringify(dataDir)});
    lock.record([{ name: 'links', port: 18080 }, { name: 'admin', port: 18079 }]);
    process.stdout.write('holding\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
  await new Promise((resolve, reject) => {
    child.stdout?.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
  return child;
}

describe('the data-directory lock', () => {
  it('refuses a second platform on the same directory, naming the first one’s pid and ports', async () => {
    const dir = tempDataDir();
    const first = await start(dir);
    const err = await start(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DataDirInUseError);
    const ports = `whoami ${portOf(first.urls.whoami?.[0])}, admin ${portOf(first.adminUrl ?? '')}`;
    expect((err as Error).message).toBe(`data directory ${path.resolve(dir)} is in use by another tailyard (pid ${process.pid}, ports ${ports})`);
    // The first one is unharmed, and once it is gone the directory can be taken again.
    expect((await fetch(`${first.urls.whoami?.[0]}whoami`)).status).toBe(200);
    await first.close();
    expect(fs.existsSync(path.join(dir, DATA_DIR_HOLDER))).toBe(false);
    const again = await start(dir);
    expect((await fetch(`${again.urls.whoami?.[0]}whoami`)).status).toBe(200);
  });

  it('lets platforms on different directories run side by side', async () => {
    const [a, b] = await Promise.all([start(tempDataDir()), start(tempDataDir())]);
    for (const p of [a, b]) expect((await fetch(`${p.urls.whoami?.[0]}whoami`)).status).toBe(200);
  });

  it('says so while the holder is still starting (no ports yet)', () => {
    const dir = tempDataDir();
    const lock = lockDataDir(dir);
    cleanups.push(() => lock.release());
    expect(() => lockDataDir(dir)).toThrow(`data directory ${path.resolve(dir)} is in use by another tailyard (pid ${process.pid}, ports none open yet: it is starting)`);
  });

  it('holds against other processes, and is dropped when its holder is SIGKILLed', async () => {
    const dir = tempDataDir();
    const holder = await holderProcess(dir);
    expect(() => lockDataDir(dir)).toThrow(`data directory ${path.resolve(dir)} is in use by another tailyard (pid ${holder.pid}, ports links 18080, admin 18079)`);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    // Its record is still there, but the operating system released its lock with the process.
    expect(fs.existsSync(path.join(dir, DATA_DIR_HOLDER))).toBe(true);
    const p = await start(dir);
    expect((await fetch(`${p.urls.whoami?.[0]}whoami`)).status).toBe(200);
    expect(JSON.parse(fs.readFileSync(path.join(dir, DATA_DIR_HOLDER), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('keeps its files private, so the secrets app still starts on the directory (privacy check)', async () => {
    const dir = tempDataDir();
    const first = await start(dir, [secretsApp as AppDefinition]);
    for (const name of [DATA_DIR_LOCK, DATA_DIR_HOLDER]) expect(fs.statSync(path.join(dir, name)).mode & 0o777, name).toBe(0o600);
    await first.close();
    await start(dir, [secretsApp as AppDefinition]);
  });

  it('is not part of a backup, and a restore takes it (refused while a platform serves the target)', async () => {
    const dir = tempDataDir();
    const p = await start(dir);
    await fetch(`${p.urls.whoami?.[0]}whoami`);
    const backup = path.join(tempDataDir(), 'b');
    const manifest = await backupDataDir(dir, backup);
    expect(manifest.files.map((f) => f.name)).not.toContain(DATA_DIR_LOCK);
    expect(fs.readdirSync(backup).filter((n) => n.includes('lock'))).toEqual([]);

    const target = tempDataDir();
    const serving = await start(target, []);
    expect(() => restoreDataDir(backup, target)).toThrow(DataDirInUseError);
    await serving.close();
    restoreDataDir(backup, target);
    expect(fs.existsSync(path.join(target, 'whoami.db'))).toBe(true);
    // Released afterwards: a server starts on the restored directory.
    await start(target);
  });
});
