/**
 * `tailyard serve` as a child process, as users run it (the compiled bin, built by `npm test`),
 * every app on a free loopback port in dev mode. Its JSON log lines (stdout) and stderr are kept,
 * so a test can wait for a line instead of sleeping; its exit is watched, so "still alive" is a
 * fact. The faults suites kill its parts and check it is still there.
 *
 * @example
 *   const s = await startServe({ args: ['--sql-config', file] });
 *   await fetch(`${s.urls.sql}/json?q=select+1`);
 *   expect(s.alive()).toBe(true);
 *   await s.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInApps as allApps } from '../../src/suite.js';
import { tempDataDir } from '../support/platform.js';

const root = join(import.meta.dirname, '../..');
export const BIN = join(root, 'bin/tailyard.js');
export const VITE_NODE = join(root, 'node_modules/.bin/vite-node');

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface ServeChild {
  child: ChildProcess;
  pid: number;
  dataDir: string;
  /** Each app's base URL (no trailing slash), and `admin`. */
  urls: Record<string, string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  logs(): LogLine[];
  stderr(): string;
  /** Resolves with the first log line (already written or still to come) that `match` accepts. */
  waitForLog(match: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Extra `serve` flags. */
  args?: string[];
  /** The command instead of `node bin/tailyard.js serve` (a fixture run by vite-node). */
  command?: string[];
  env?: NodeJS.ProcessEnv;
  dataDir?: string;
  /** The working directory (default: the repository). */
  cwd?: string;
  /** Put every built-in app and the admin listener on free loopback ports (default true; managed mode sets its own). */
  freePorts?: boolean;
}

/** `--set apps.<id>.devPort=0` for every app, and the admin listener on a free port. */
export function freePortArgs(ids: string[] = allApps.map((a) => a.id)): string[] {
  return ['--admin-listen', '127.0.0.1:0', ...ids.flatMap((id) => ['--set', `apps.${id}.devPort=0`])];
}

export function startServe(opts: ServeOptions = {}): Promise<ServeChild> {
  const dataDir = opts.dataDir ?? tempDataDir('tailyard-faults-');
  const [cmd, ...argv] = opts.command ?? [process.execPath, BIN, 'serve'];
  const ports = opts.freePorts === false ? [] : freePortArgs();
  const child = spawn(cmd as string, [...argv, '--data', dataDir, ...ports, ...(opts.args ?? [])], {
    cwd: opts.cwd ?? root,
    env: { ...process.env, TAILYARD_CONFIG: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters = new Set<{ match: (l: LogLine) => boolean; done: (l: LogLine) => void }>();
  let partial = '';
  child.stdout?.on('data', (d: Buffer) => {
    const text = partial + d.toString();
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) {
      if (!p.startsWith('{')) continue;
      const line = JSON.parse(p) as LogLine;
      lines.push(line);
      for (const w of waiters) if (w.match(line)) w.done(line);
    }
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  let status: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      status = { code, signal };
      resolve(status);
    });
  });
  const serve: Omit<ServeChild, 'urls'> = {
    child,
    pid: child.pid ?? -1,
    dataDir,
    exited,
    alive: () => status === undefined,
    logs: () => [...lines],
    stderr: () => err,
    waitForLog: (match, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const seen = lines.find(match);
        if (seen) return resolve(seen);
        const w = {
          match,
          done: (l: LogLine) => {
            clearTimeout(timer);
            waiters.delete(w);
            resolve(l);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${err.slice(-2000)}`));
        }, timeoutMs);
        waiters.add(w);
      }),
    stop: async () => {
      if (status) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    const onData = () => {
      if (!/ready in \d+ ms/.test(err) || !/^\s+admin\s/m.test(err)) return;
      child.stderr?.off('data', onData);
      const urls: Record<string, string> = {};
      for (const m of err.matchAll(/^\s+(\S+)\s+(https?:\/\/\S+?)\/?(?:healthz)?(?:\s|$)/gm)) urls[m[1] as string] = m[2] as string;
      // Listening is not ready: the apps finish starting (the console opens its sources) after the banner.
      untilHealthy(urls.admin as string).then(() => resolve({ ...serve, urls }), reject);
    };
    child.stderr?.on('data', onData);
    void exited.then((s) => reject(new Error(`serve exited (${s.signal ?? s.code}) before it was ready: ${err.slice(-3000)}`)));
  });
}

/** Resolves once `/healthz` answers 200 (every app ready); bounded. */
async function untilHealthy(admin: string): Promise<void> {
  let last = '';
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${admin}/healthz`).catch((e: Error) => e);
    if (!(res instanceof Error)) {
      last = await res.text();
      if (res.status === 200) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`tailyard serve did not become healthy: ${last.slice(0, 1000)}`);
}

/** The children of process `pid` (Linux `/proc`). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** A process's command line and run state (`R` running, `S` sleeping…), or undefined once gone. */
export function processInfo(pid: number): { cmdline: string; state: string } | undefined {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return { cmdline, state: stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) };
  } catch {
    return undefined;
  }
}
