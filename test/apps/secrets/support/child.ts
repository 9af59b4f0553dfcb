/**
 * Starts `serve.ts` (the real platform with the secrets app) as a child process on a data
 * directory, optionally with extra top-level settings and under a file-size limit
 * (`prlimit --fsize`: a write past it fails with EFBIG, as on a full disk; node ignores SIGXFSZ).
 *
 * @example
 *   const { child, url } = await spawnServer(dataDir, { settings: { audit: { keepFiles: 2 } } });
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../../..');

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  /** Sends SIGKILL and waits for the exit. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  /** Top-level config settings merged into the child's config (e.g. `audit`). */
  settings?: Record<string, unknown>;
  /** RLIMIT_FSIZE of the child, in bytes. */
  fsizeBytes?: number;
}

/** Every child started, so a suite's `afterAll` can kill what a failed test left running. */
export const spawned: ChildProcess[] = [];

export function spawnServer(dataDir: string, opts: SpawnOptions = {}): Promise<SpawnedServer> {
  const node = [join(root, 'node_modules/.bin/vite-node'), join(import.meta.dirname, 'serve.ts'), dataDir, JSON.stringify(opts.settings ?? {})];
  const argv = opts.fsizeBytes === undefined ? node : ['prlimit', `--fsize=${opts.fsizeBytes}`, '--', ...node];
  const child = spawn(argv[0] as string, argv.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.push(child);
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /URL (\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], kill });
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
    child.once('error', reject);
  });
}

/** Kills every child still running. */
export function killAll(): void {
  for (const c of spawned) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
