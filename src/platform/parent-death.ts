/**
 * Children that must not outlive tailyard. A child learns of its parent's death only when it
 * looks (a pipe's end of file, a closed channel), and one busy in a long computation (a SQLite
 * runner inside one `sqlite3_step`) never looks: after a SIGKILL of tailyard it would run on,
 * burning a core, for ever. `setpriv --pdeathsig KILL` (util-linux, on every Debian and Ubuntu)
 * sets the kernel's parent-death signal and execs the command: no extra process, and the kernel
 * kills the child the moment tailyard's main thread is gone.
 *
 * @example
 *   const [cmd, args] = withParentDeathSignal(process.execPath, [runnerScript]);
 *   spawn(cmd, args, options);
 */
import { spawnSync } from 'node:child_process';

let works: boolean | undefined;

/** Whether `setpriv --pdeathsig` works here (Linux, installed, allowed); asked once. */
export function canSetParentDeathSignal(): boolean {
  if (works === undefined) {
    works = process.platform === 'linux' && spawnSync('setpriv', ['--pdeathsig', 'KILL', '--', 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  }
  return works;
}

/** `cmd args` run under `setpriv --pdeathsig KILL` where that works, else unchanged. */
export function withParentDeathSignal(cmd: string, args: readonly string[]): [string, string[]] {
  return canSetParentDeathSignal() ? ['setpriv', ['--pdeathsig', 'KILL', '--', cmd, ...args]] : [cmd, [...args]];
}
