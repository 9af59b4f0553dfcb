/**
 * What an app's CLI subcommand talks to: standard streams, the environment and the exit status.
 * Subcommands take one so tests can drive them with in-memory streams.
 *
 * @example registerPasteCli(program, { ...processIo(), stdin: Readable.from(['hello']) });
 */
import { userInfo } from 'node:os';
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Sets the exit status (the default sets `process.exitCode`). */
  exit(code: number): void;
}

/** The real process's streams, environment and exit status. */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    exit: (code) => {
      process.exitCode = code;
    },
  };
}

/**
 * Who runs a command, as the audit entries a CLI writes name them.
 *
 * @example cliActor() // 'cli:alice'
 */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli'; // a uid without a passwd entry (some containers)
  }
}
