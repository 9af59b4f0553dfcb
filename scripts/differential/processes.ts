/**
 * The two servers a differential run talks to, as child processes on loopback: an upstream
 * program (a binary named by an environment variable; nothing here builds one) and tailyard's
 * own `serve` from this checkout's dist/, with only the app under test enabled.
 *
 * @example
 *   const up = await startUpstream(bin, ['--local', String(port)], { cwd, port });
 *   const ty = await startTailyard('sql', ['--sql-config', cfg], { cwd, dataDir });
 *   await Promise.all([up.stop(), ty.stop()]);
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

export interface Server {
  port: number;
  /** Everything the process wrote, for an error message. */
  output(): string;
  stop(): Promise<void>;
}

/** What one program's recording needs. */
export interface RunOptions {
  bin: string;
  seed: number;
  /** Keep about this many of the generated requests (every category in proportion); all when undefined. */
  count?: number;
  /** A scratch directory for the servers' data. */
  workDir: string;
  reportPath: string;
}

export const REPO = join(import.meta.dirname, '../../..');
const APPS = ['links', 'paste', 'secrets', 'sql', 'idp'];

/** The binary an environment variable names, or an error saying what to set. */
export function binaryFromEnv(variable: string, program: string): string {
  const bin = process.env[variable];
  if (!bin || !existsSync(bin)) {
    throw new Error(`set ${variable} to the path of a ${program} binary built from its upstream sources (${bin ? `${bin} does not exist` : 'unset'})`);
  }
  return bin;
}

/** A port that was free a moment ago (the upstream programs take a fixed port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function track(child: ChildProcess): { output(): string; exited: Promise<void> } {
  let text = '';
  const keep = (d: Buffer) => {
    text = (text + d.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.on('error', (err) => keep(Buffer.from(`spawn error: ${err.message}\n`)));
  return { output: () => text, exited };
}

function stopper(child: ChildProcess, exited: Promise<void>): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/**
 * Starts an upstream program that listens on `port`; ready once the port accepts a connection
 * (both programs log their address before they listen). Gives up after `limitMs`.
 */
export async function startUpstream(bin: string, args: string[], opts: { cwd: string; port: number; limitMs?: number }): Promise<Server> {
  const child = spawn(bin, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const { output, exited } = track(child);
  const stop = stopper(child, exited);
  const deadline = Date.now() + (opts.limitMs ?? 30_000);
  while (!(await accepts(opts.port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${bin} did not listen on ${opts.port}:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port: opts.port, output, stop };
}

/** Starts `tailyard serve` (dev mode, loopback, no admin listener) with only `app` enabled. */
export async function startTailyard(app: string, args: string[], opts: { cwd: string; dataDir: string }): Promise<Server> {
  const cli = join(REPO, 'bin/tailyard.js');
  if (!existsSync(join(REPO, 'dist/src/cli/main.js'))) throw new Error('tailyard is not built: run `npm run build` first');
  const only = APPS.filter((a) => a !== app).flatMap((a) => ['--set', `apps.${a}.enabled=false`]);
  const child = spawn(process.execPath, [cli, 'serve', '--data', opts.dataDir, '--set', 'admin.enabled=false', '--log-level', 'warn', `--${app}-port`, '0', ...only, ...args], {
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, exited } = track(child);
  const stop = stopper(child, exited);
  // serve prints (on stderr) one line per app once every listener is up: "  sql        http://127.0.0.1:PORT/".
  const pattern = new RegExp(`^\\s+${app}\\s+http://127\\.0\\.0\\.1:(\\d+)/`, 'm');
  const port = await new Promise<number>((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error(`tailyard serve was not ready within 60 s:\n${output()}`)), 60_000);
    const look = () => {
      const m = pattern.exec(output());
      if (!m) return;
      clearTimeout(limit);
      resolve(Number(m[1]));
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    exited.then(() => {
      clearTimeout(limit);
      reject(new Error(`tailyard serve exited before it was ready:\n${output()}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { port, output, stop };
}
