/**
 * Spawning one stock `tailscaled` in userspace-networking mode for one node, the sidecar that
 * stands in for tsnet: its own state dir, its LocalAPI socket in a 0700 directory, `--port=0`, its
 * own `TS_LOGS_DIR`, no log upload, a scrubbed environment, and `TS_PARENT_DEATH_FD=3` on a pipe we
 * hold so it exits when this process dies, even on SIGKILL. A pidfile lets the next run find and
 * stop an orphan left by a crash before that safety net existed (or if it failed).
 *
 * @example
 *   const dirs = await prepareNodeDirs('/var/lib/tailyard/tailscale', 'go');
 *   const ts = spawnTailscaled({ bin: '/usr/sbin/tailscaled', dirs, name: 'go', env: {}, log });
 *   await ts.stop(5000);
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, accessSync, readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';

/** The tailscale release tailyard is tested with. */
export const TAILSCALE_VERSION = 'v1.98.10';

export class TailscaledNotFoundError extends Error {
  override name = 'TailscaledNotFoundError';
}

/**
 * Resolves the `tailscaled` binary (a path, or a name looked up on PATH); throws a message that
 * says how to install it.
 *
 * @example findTailscaled('tailscaled') // '/usr/sbin/tailscaled'
 */
export function findTailscaled(bin: string, pathEnv = process.env.PATH ?? ''): string {
  const candidates = bin.includes('/') ? [resolve(bin)] : pathEnv.split(delimiter).filter(Boolean).map((d) => join(d, bin));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here; keep looking
    }
  }
  throw new TailscaledNotFoundError(
    `cannot find the tailscaled binary "${bin}"${bin.includes('/') ? '' : ' on PATH'}. Managed mode runs one tailscaled per app; ` +
      `install it with \`go install tailscale.com/cmd/tailscaled@${TAILSCALE_VERSION}\` (then use $(go env GOPATH)/bin/tailscaled), ` +
      'or your distribution\'s "tailscale" package (https://tailscale.com/download/linux), and set tailnet.tailscaled to its path if it is not on PATH',
  );
}

/** Where one node keeps its files. */
export interface NodeDirs {
  /** `--statedir` (0700). */
  state: string;
  /** `TS_LOGS_DIR`. */
  logs: string;
  /** The LocalAPI socket, inside a 0700 directory. */
  socket: string;
  pidfile: string;
}

/** Unix socket paths longer than this do not fit in sockaddr_un on Linux. */
const MAX_SOCKET_PATH = 100;

/** Creates `<root>/<name>/{state,logs,run}` with mode 0700 (tailscaled would make 0755 parents). */
export async function prepareNodeDirs(root: string, name: string): Promise<NodeDirs> {
  const base = join(isAbsolute(root) ? root : resolve(root), name);
  const dirs = { state: join(base, 'state'), logs: join(base, 'logs'), run: join(base, 'run') };
  for (const d of [base, ...Object.values(dirs)]) {
    await mkdir(d, { recursive: true, mode: 0o700 });
    await chmod(d, 0o700);
  }
  let socket = join(dirs.run, 'tailscaled.sock');
  if (socket.length > MAX_SOCKET_PATH) {
    // Too deep for a unix socket: use a fresh private directory under the temp dir instead.
    socket = join(mkdtempSync(join(tmpdir(), `tailyard-${name}-`)), 'tailscaled.sock');
  }
  return { state: dirs.state, logs: dirs.logs, socket, pidfile: join(base, 'tailscaled.pid') };
}

/** The child's environment: only what tailscaled needs (no PORT, no secrets), plus `extra`. */
export function scrubbedEnv(logsDir: string, extra: Record<string, string>, from: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TZ', 'LANG', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy'];
  const env: Record<string, string> = {};
  for (const k of keep) {
    const v = from[k];
    if (v !== undefined) env[k] = v;
  }
  return { ...env, ...extra, TS_LOGS_DIR: logsDir, TS_NO_LOGS_NO_SUPPORT: '1', TS_PARENT_DEATH_FD: '3' };
}

/**
 * The Go runtime's memory knobs for a managed tailscaled, from `tailnet.goMemLimit` / `goGC`
 * (null: Go's own default).
 *
 * @example goRuntimeEnv({ goMemLimit: '96MiB', goGC: 50 }) // { GOMEMLIMIT: '96MiB', GOGC: '50' }
 */
export function goRuntimeEnv(t: { goMemLimit: string | null; goGC: number | 'off' | null }): Record<string, string> {
  return {
    ...(t.goMemLimit !== null ? { GOMEMLIMIT: t.goMemLimit } : {}),
    ...(t.goGC !== null ? { GOGC: String(t.goGC) } : {}),
  };
}

export interface SpawnOptions {
  bin: string;
  dirs: NodeDirs;
  /** Used in log lines: `[ts:<name>]`. */
  name: string;
  env: Record<string, string>;
  log: Logger;
  /** Extra flags (tests: `--outbound-http-proxy-listen=127.0.0.1:0`). */
  extraArgs?: string[];
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface TailscaledProcess {
  readonly pid: number;
  readonly exited: Promise<ExitInfo>;
  readonly hasExited: boolean;
  /** The last stderr lines (for error messages). */
  recentOutput(): string[];
  /** Resolves when a stderr line matches `re` (e.g. the outbound proxy's address). */
  waitForLine(re: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `timeoutMs`; resolves when the process is gone. */
  stop(timeoutMs: number): Promise<ExitInfo>;
}

/** Starts tailscaled; the spawn error for a missing binary surfaces through `exited`. */
export function spawnTailscaled(opts: SpawnOptions): TailscaledProcess {
  const { dirs } = opts;
  const args = [
    '--tun=userspace-networking',
    `--statedir=${dirs.state}`,
    `--socket=${dirs.socket}`,
    '--port=0',
    '--no-logs-no-support',
    ...(opts.extraArgs ?? []),
  ];
  const child: ChildProcess = spawn(opts.bin, args, {
    env: scrubbedEnv(dirs.logs, opts.env),
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let exitInfo: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolveExit) => {
    const finish = (info: ExitInfo) => {
      exitInfo = info;
      resolveExit(info);
    };
    child.once('exit', (code, signal) => finish({ code, signal }));
    // 'error' is a failed spawn (then no 'exit' follows) or a failed kill of a running child.
    child.on('error', (err) => {
      opts.log.error({ err: err.message }, `[ts:${opts.name}] ${child.pid === undefined ? `cannot start ${opts.bin}` : 'signalling tailscaled failed'}`);
      if (child.pid === undefined) finish({ code: -1, signal: null });
    });
  });
  // fd 3 is the parent-death pipe: we never write to it; it closes when this process dies.
  const deathPipe = child.stdio[3] as (Readable & { unref?: () => void }) | null;
  deathPipe?.on('error', () => {});
  deathPipe?.unref?.();

  const recent: string[] = [];
  const waiters = new Set<{ re: RegExp; done: (m: RegExpExecArray) => void }>();
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    // A read error on the child's output only loses log lines; the exit is reported by 'exit'.
    const lines = createInterface({ input: stream });
    lines.on('error', (err) => opts.log.warn({ err: err.message }, `[ts:${opts.name}] cannot read tailscaled's output`));
    lines.on('line', (line) => {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      opts.log.debug(`[ts:${opts.name}] ${line}`);
      for (const w of waiters) {
        const m = w.re.exec(line);
        if (m) w.done(m);
      }
    });
  }
  if (child.pid) void writeFile(dirs.pidfile, `${child.pid}\n${dirs.socket}\n`, { mode: 0o600 }).catch(() => {});

  const proc: TailscaledProcess = {
    pid: child.pid ?? -1,
    exited,
    get hasExited() {
      return exitInfo !== undefined;
    },
    recentOutput: () => [...recent],
    waitForLine: (re, timeoutMs) =>
      new Promise((resolveLine, reject) => {
        const hit = recent.map((l) => re.exec(l)).find((m) => m);
        if (hit) return resolveLine(hit);
        const w = {
          re,
          done: (m: RegExpExecArray) => {
            clearTimeout(timer);
            waiters.delete(w);
            resolveLine(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`[ts:${opts.name}] no output matching ${re} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(w);
      }),
    kill: (signal = 'SIGTERM') => {
      if (exitInfo === undefined) child.kill(signal);
    },
    stop: async (timeoutMs) => {
      if (exitInfo !== undefined) return exitInfo;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const info = await exited;
      clearTimeout(timer);
      await rm(dirs.pidfile, { force: true });
      return info;
    },
  };
  return proc;
}

/**
 * Stops a tailscaled left running by an earlier crashed run on the same node directory, if the
 * pidfile names a live tailscaled serving the same socket. Returns the pid it stopped, if any.
 */
export async function stopOrphan(dirs: NodeDirs, log: Logger, timeoutMs = 5000): Promise<number | undefined> {
  let pid: number;
  let socket: string;
  try {
    const [p, s] = (await readFile(dirs.pidfile, 'utf8')).split('\n');
    pid = Number(p);
    socket = s ?? '';
  } catch {
    return undefined;
  }
  await rm(dirs.pidfile, { force: true });
  if (!Number.isInteger(pid) || pid <= 1 || !isOurTailscaled(pid, socket)) return undefined;
  log.warn({ pid, socket }, 'stopping a tailscaled left over from an earlier run');
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return pid;
}

function isOurTailscaled(pid: number, socket: string): boolean {
  const cmdlineFile = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdlineFile)) return false;
  try {
    const argv = readFileSync(cmdlineFile, 'utf8').split('\0');
    return argv.some((a) => a.includes('tailscaled')) && argv.includes(`--socket=${socket}`);
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}
