/**
 * The tailscaled child's lifetime, with the real binary: it dies with tailyard even when tailyard
 * is SIGKILLed (TS_PARENT_DEATH_FD), and a leftover from an earlier run is found by its pidfile.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/platform/logging.js';
import { prepareNodeDirs, spawnTailscaled, stopOrphan } from '../../src/platform/tailnet/managed/tailscaled.js';
import { eventually, tailnetPrereqs } from './harness.js';

const pre = tailnetPrereqs();
const run = promisify(execFile);

function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

describe.skipIf(!pre.run)('tailscaled child lifetime', () => {
  it('exits when the Node process that started it is SIGKILLed', async () => {
    if (pre.reason) throw new Error(pre.reason);
    const root = mkdtempSync(join(tmpdir(), 'tailyard-death-'));
    try {
      const viteNode = resolve(import.meta.dirname, '../../node_modules/.bin/vite-node');
      const fixture = resolve(import.meta.dirname, 'fixtures/spawn-and-die.ts');
      const out = await run(viteNode, [fixture, join(pre.dir, 'tailscaled'), root], { timeout: 30_000 }).catch(
        (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }),
      );
      const pid = Number(out.stdout.trim().split('\n').at(-1));
      expect(pid).toBeGreaterThan(1);
      await eventually(async () => !alive(pid), 5000, 50);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('stops a tailscaled left running on the same node directory', async () => {
    if (pre.reason) throw new Error(pre.reason);
    const root = mkdtempSync(join(tmpdir(), 'tailyard-orphan-'));
    try {
      const dirs = await prepareNodeDirs(root, 'go');
      const leftover = spawnTailscaled({ bin: join(pre.dir, 'tailscaled'), dirs, name: 'go', env: {}, log: silentLogger() });
      await eventually(async () => existsSync(dirs.pidfile) && existsSync(dirs.socket), 10_000, 50);
      expect(await stopOrphan(dirs, silentLogger())).toBe(leftover.pid);
      await leftover.exited;
      expect(existsSync(dirs.pidfile)).toBe(false);
      // Nothing to stop the second time.
      expect(await stopOrphan(dirs, silentLogger())).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
