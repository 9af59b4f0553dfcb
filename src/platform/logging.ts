/**
 * Structured JSON logs (pino). Request logs carry request id, app, caller login, status and
 * duration — never a request body, a query string or a header value that could hold a secret.
 */
import { type Logger, type LoggerOptions, pino } from 'pino';
import { type LogFormat, prettyStream } from './log-pretty.js';

export type { Logger };

/**
 * The process logger: JSON lines on stdout (or, with `format` `pretty`, readable lines: see
 * log-pretty.ts; colour unless `NO_COLOR` is set) (pino's defaults: `time` in epoch milliseconds),
 * written in 4 KiB batches by pino's asynchronous destination, since a write per line would cost
 * more than a small request. A timer flushes what is buffered every quarter second, so a quiet
 * server's lines (a start-up warning, say) are not held back; pino flushes at exit, and the
 * platform's `close()` flushes too.
 *
 * There is deliberately no redaction pass: measured per request it cost more than the rest of the
 * log line, and the rule it would enforce is kept at the source instead: nothing logs request
 * bodies, query strings, header values or secret values (the secrets tests search the logs).
 */
export function createLogger(level: LoggerOptions['level'] = 'info', destination?: pino.DestinationStream, format: LogFormat = 'json'): Logger {
  if (destination) return pino({ level, base: { svc: 'tailyard' } }, destination);
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  // pino drops logs quietly on EPIPE but re-emits any other write error (a full disk under a
  // redirected stdout): losing log lines must not stop the apps, so say so once on stderr.
  let told = false;
  stdout.on('error', (err: Error) => {
    if (!told) process.stderr.write(`tailyard: cannot write logs to stdout: ${err.message}\n`);
    told = true;
  });
  setInterval(() => stdout.flush(), 250).unref();
  if (format === 'pretty') return pino({ level, base: { svc: 'tailyard' } }, prettyStream(stdout, !process.env.NO_COLOR) as pino.DestinationStream);
  return pino({ level, base: { svc: 'tailyard' } }, stdout);
}

/**
 * A logger writing synchronously to a file descriptor: for CLI commands (on stderr, since stdout
 * carries their result) and for the last line of a crashing process. A write that fails (the
 * descriptor closed) loses that line and nothing else.
 *
 * @example fdLogger(2, 'warn').warn('created a new key file');
 */
export function fdLogger(fd: number, level: LoggerOptions['level']): Logger {
  const out = pino.destination({ dest: fd, sync: true });
  out.on('error', () => undefined);
  return pino({ level, base: { svc: 'tailyard' } }, out);
}

/** A logger that drops everything (tests and benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
