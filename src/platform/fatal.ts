/**
 * What `tailyard serve` does with an error nothing handled: an 'uncaughtException', or an
 * 'unhandledRejection' (which Node raises as one). Either is a bug, and after it the process's
 * state is unknown, so nothing is swallowed: the error is logged with its stack as pino's
 * `fatal` (written out synchronously, not left in the log batch), printed on stderr as Node would,
 * and the process exits 1 at once. Every fault tailyard expects (a dead database connection, a
 * killed child, a client gone) is handled where it happens and costs one request; this is the
 * last line, which tests treat as a failure.
 *
 * @example
 *   let platform: RunningPlatform | undefined;
 *   exitOnUncaught(() => platform?.log);
 */
import { type Logger, pino } from 'pino';
import { fdLogger } from './logging.js';

/** Installs the handler; `currentLog` is the process logger, or undefined before it exists. */
export function exitOnUncaught(currentLog: () => Logger | undefined): void {
  process.on('uncaughtException', (err, origin) => {
    const what = origin === 'unhandledRejection' ? 'unhandled promise rejection' : 'uncaught exception';
    try {
      const log = currentLog() ?? fdLogger(1, 'info');
      log.fatal({ err, origin }, `${what}: a bug in tailyard; exiting`);
      flushSync(log);
    } finally {
      process.stderr.write(`tailyard: ${what}, exiting: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    }
  });
}

/** Writes out what the logger's asynchronous destination still holds. */
function flushSync(log: Logger): void {
  const stream = (log as unknown as Record<symbol, { flushSync?: () => void } | undefined>)[pino.symbols.streamSym];
  try {
    stream?.flushSync?.();
  } catch {
    // Not writable (stdout closed): the stderr line below is all there is.
  }
}
