/**
 * Structured JSON logs (pino). Request logs carry request id, app, caller login, status and
 * duration — never a request body, a query string or a header value that could hold a secret.
 */
import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger };

/**
 * The process logger: JSON lines on stdout (pino's defaults: `time` in epoch milliseconds),
 * written in 4 KiB batches by pino's asynchronous destination, since a write per line would cost
 * more than a small request. A timer flushes what is buffered every quarter second, so a quiet
 * server's lines (a start-up warning, say) are not held back; pino flushes at exit, and the
 * platform's `close()` flushes too.
 *
 * There is deliberately no redaction pass: measured per request it cost more than the rest of the
 * log line, and the rule it would enforce is kept at the source instead: nothing logs request
 * bodies, query strings, header values or secret values (the secrets tests search the logs).
 */
export function createLogger(level: LoggerOptions['level'] = 'info', destination?: pino.DestinationStream): Logger {
  if (destination) return pino({ level, base: { svc: 'tailyard' } }, destination);
  const stdout = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => stdout.flush(), 250).unref();
  return pino({ level, base: { svc: 'tailyard' } }, stdout);
}

/** A logger that drops everything (tests and benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
