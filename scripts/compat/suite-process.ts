/**
 * The suite as a fixture sees it: `tailyard serve` and the other commands of one build (its
 * `bin/tailyard.js` over its `dist/`), run as child processes in dev mode under a fixed clock
 * (`TAILYARD_TEST_CLOCK`, honoured because `NODE_ENV=test`). The fixture writer and the replay
 * test both start it this way, so a recorded answer and a replayed one differ only by the build.
 *
 * @example
 *   const suite = await startSuite({ repo, args: ['--config', cfg], clock: '2026-12-07T12:00:00Z' });
 *   await fetch(`${suite.urls.links}/.export`);
 *   await suite.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a fixture's processes share: the build, the clock, and the caller of dev mode. */
export interface SuiteOptions {
  /** The checkout whose `bin/tailyard.js` runs (built: `dist/` must exist). */
  repo: string;
  /** The fixed time, RFC 3339. */
  clock: string;
  /** The working directory of every process (relative paths in the config resolve from here). */
  cwd: string;
}

export interface RunningSuite {
  /** Each app's base URL (no trailing slash), from the ready banner. */
  urls: Record<string, string>;
  /** Everything the server wrote to stderr, for a failure message. */
  output(): string;
  /** SIGTERM, and wait for the exit (databases closed, WAL checkpointed). */
  stop(): Promise<void>;
}

export interface CliResult {
  exit: number;
  stdout: string;
  stderr: string;
}

/** The checkout that holds `from`: the nearest directory up with tailyard's package.json. */
export function repoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'tailyard') return dir;
    if (dirname(dir) === dir) throw new Error(`no tailyard checkout above ${from}`);
  }
}

/** The version in the checkout's package.json. */
export function packageVersion(repo: string): string {
  return (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;
}

function tailyardBin(repo: string): string {
  const bin = join(repo, 'bin/tailyard.js');
  if (!existsSync(join(repo, 'dist/src/cli/main.js'))) throw new Error(`${repo} is not built: run npm run build first`);
  return bin;
}

/** The environment of every fixture process: the fixed clock, and nothing inherited that could change an answer. */
function fixtureEnv(o: SuiteOptions): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];
  const env: NodeJS.ProcessEnv = Object.fromEntries(keep.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]]])));
  return { ...env, NODE_ENV: 'test', TAILYARD_TEST_CLOCK: o.clock, TZ: 'UTC' };
}

const BANNER_URL = /^ {2}(\S+)\s+(http:\/\/\S+?)\/?(?:\s|$)/;

/**
 * Starts `tailyard serve ARGS` and resolves once its ready banner lists every app, with their
 * URLs; rejects with the server's output if it exits first.
 */
export function startSuite(o: SuiteOptions, args: string[]): Promise<RunningSuite> {
  const child = spawn(process.execPath, [tailyardBin(o.repo), 'serve', ...args], { cwd: o.cwd, env: fixtureEnv(o), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      err += chunk;
      const lines = err.split('\n');
      const ready = lines.findIndex((l) => /^tailyard \S+ ready in/.test(l));
      if (ready < 0) return;
      // The banner is written in one call: every app line follows it.
      const urls: Record<string, string> = {};
      for (const line of lines.slice(ready + 1)) {
        const m = BANNER_URL.exec(line);
        if (m?.[1] && m[2] && m[1] !== 'admin') urls[m[1]] = m[2];
      }
      resolve({ urls, output: () => err, stop: () => stopChild(child, exited) });
    });
    void exited.then((code) => reject(new Error(`tailyard serve exited (${code}) before it was ready:\n${err}`)));
  });
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`tailyard serve exited with ${code} on SIGTERM`);
}

/** Runs `tailyard ARGS` with `stdin`, to its exit. */
export function runCli(o: SuiteOptions, args: string[], stdin = ''): Promise<CliResult> {
  const child = spawn(process.execPath, [tailyardBin(o.repo), ...args], { cwd: o.cwd, env: fixtureEnv(o), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin.end(stdin);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ exit: code ?? -1, stdout, stderr }));
  });
}
