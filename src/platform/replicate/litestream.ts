/**
 * Running the Litestream binary: checking it is the pinned release, starting `litestream
 * replicate` so that it dies with tailyard however tailyard dies, and the pidfile that lets a
 * restarted tailyard kill a replicator left behind (never two on one replica).
 *
 * Parent death. tailscaled learns of its parent's death from `TS_PARENT_DEATH_FD`; Litestream has
 * nothing like it, so tailyard arranges it from outside:
 * - `setpriv --pdeathsig KILL` (util-linux, on every Debian and Ubuntu) sets the kernel's
 *   parent-death signal and execs Litestream: no extra process, and the kernel delivers it
 *   whatever ends tailyard, SIGKILL and the OOM killer included;
 * - where setpriv is missing, a small `sh` wrapper starts Litestream and watches a pipe whose
 *   other end only tailyard holds: end of file on it means tailyard is gone, and the wrapper
 *   kills Litestream.
 * Either way the replicator runs in a process group of its own (started `detached`), which is
 * what the pidfile names and what is killed. A tailyard killed between starting the replicator
 * and the kernel recording the death signal would leave it running: the next start finds it by
 * the pidfile (its pid and start time, read from /proc, so a reused pid is never killed) and
 * kills it before starting another.
 *
 * @example
 *   await checkLitestreamVersion('litestream');
 *   killLeftover(paths.pidfile, log);
 *   const child = spawnReplicator({ bin: 'litestream', config: paths.config, env, parentDeath: parentDeathMethod() });
 */
import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { ConfigError } from '../config-error.js';
import { canSetParentDeathSignal } from '../parent-death.js';
import { LITESTREAM_VERSION } from './settings.js';

/** How tailyard makes sure the replicator dies with it (see the module comment). */
export type ParentDeath = 'setpriv' | 'pipe';

/** `setpriv` when it can set a parent-death signal here, else the pipe wrapper. */
export function parentDeathMethod(): ParentDeath {
  return canSetParentDeathSignal() ? 'setpriv' : 'pipe';
}

/**
 * Resolves once `bin` reports {@link LITESTREAM_VERSION}; rejects with a ConfigError saying what
 * to install otherwise.
 *
 * @example await checkLitestreamVersion(settings.litestream);
 */
export function checkLitestreamVersion(bin: string): Promise<void> {
  const install = `install it with: go install github.com/benbjohnson/litestream/cmd/litestream@${LITESTREAM_VERSION}, then set replicate.litestream to its path`;
  return new Promise((resolve, reject) => {
    // error-events: execFile hands a child's 'error' (not found, not executable) to this callback.
    execFile(bin, ['version'], { timeout: 10_000 }, (err, stdout) => {
      const code = (err as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT' || code === 'EACCES') {
        return reject(new ConfigError(`replicate.litestream: cannot run ${bin} (${code === 'ENOENT' ? 'not found' : 'not executable'}); tailyard replicates with Litestream ${LITESTREAM_VERSION}: ${install}`));
      }
      if (err) return reject(new ConfigError(`replicate.litestream: ${bin} version failed: ${err.message}`));
      const version = stdout.trim().split(/\s+/)[0] ?? '';
      if (version !== LITESTREAM_VERSION) {
        return reject(new ConfigError(`replicate.litestream: ${bin} reports version ${JSON.stringify(stdout.trim())}, but tailyard needs Litestream ${LITESTREAM_VERSION}: ${install}`));
      }
      resolve();
    });
  });
}

/** The wrapper of the `pipe` method: `$@` is the command; fd 3 is the pipe only tailyard writes to. */
const PIPE_WRAPPER = `
"$@" 3<&- &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT
( while read -r _; do :; done <&3; kill -KILL "$child" 2>/dev/null ) &
watcher=$!
exec 3<&-
while :; do
  wait "$child"
  status=$?
  kill -0 "$child" 2>/dev/null || break
done
kill "$watcher" 2>/dev/null
exit "$status"`;

export type Replicator = ChildProcessByStdio<null, Readable, Readable> & { stdio: [null, Readable, Readable, Writable | undefined] };

/**
 * Starts `litestream replicate -config <config> -no-expand-env` (paths in the config are never
 * expanded: a `$` in a path stays one) in a process group of its own, dying with tailyard.
 */
export function spawnReplicator(o: { bin: string; config: string; env: NodeJS.ProcessEnv; parentDeath: ParentDeath }): Replicator {
  const command = [o.bin, 'replicate', '-config', o.config, '-no-expand-env'];
  const argv = o.parentDeath === 'setpriv' ? ['setpriv', '--pdeathsig', 'KILL', '--', ...command] : ['sh', '-c', PIPE_WRAPPER, 'tailyard-litestream', ...command];
  const stdio = o.parentDeath === 'setpriv' ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', 'pipe'];
  // error-events: the caller listens (supervisor.ts #launch: `child.on('error', …)`).
  return spawn(argv[0] as string, argv.slice(1), { env: o.env, stdio: stdio as ['ignore', 'pipe', 'pipe'], detached: true }) as unknown as Replicator;
}

/** What the pidfile records: the process group's leader and when it started (clock ticks since boot). */
interface PidRecord {
  pid: number;
  startTime: string;
}

/**
 * A running process's start time from /proc (field 22 of `stat`); undefined when it is gone,
 * a zombie (dead, not yet reaped), or there is no /proc.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

/** Records the replicator `pid` (0600), written whole. */
export function writePidfile(file: string, pid: number): void {
  const record: PidRecord = { pid, startTime: processStartTime(pid) ?? '' };
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Kills the replicator a pidfile names if that very process (same pid and start time) still
 * runs, and waits until it is gone; removes the pidfile. Returns the pid it killed.
 */
export async function killLeftover(file: string): Promise<number | undefined> {
  let record: PidRecord;
  try {
    record = JSON.parse(fs.readFileSync(file, 'utf8')) as PidRecord;
  } catch {
    fs.rmSync(file, { force: true });
    return undefined;
  }
  const alive = () => record.startTime !== '' && processStartTime(record.pid) === record.startTime;
  if (!Number.isSafeInteger(record.pid) || record.pid <= 1 || !alive()) {
    fs.rmSync(file, { force: true });
    return undefined;
  }
  try {
    process.kill(-record.pid, 'SIGKILL');
  } catch {
    process.kill(record.pid, 'SIGKILL');
  }
  for (let i = 0; i < 500 && alive(); i++) await new Promise((r) => setTimeout(r, 10));
  if (alive()) throw new Error(`a replicator left by an earlier tailyard (pid ${record.pid}) does not die; kill it by hand`);
  fs.rmSync(file, { force: true });
  return record.pid;
}
