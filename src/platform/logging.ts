/**
 * Structured JSON logs (pino). Request logs carry request id, app, caller login, status and
 * duration — never a request body, a query string or a header value that could hold a secret.
 */
import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger };

/**
 * The process logger: JSON lines on stdout (pino's defaults: `time` in epoch milliseconds),
 * written in 4 KiB batches by pino's asynchronous destination, since a write per line would cost
 * more than a small request. pino flushes what is buffered when the process exits; the platform's
 * `close()` flushes too.
 *
 * There is deliberately no redaction pass: measured per request it cost more than the rest of the
 * log line, and the rule it would enforce is kept at the source instead: nothing logs request
 * bodies, query strings, header values or secret values (the secrets tests search the logs).
 */
export function createLogger(level: LoggerOptions['level'] = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { svc: 'tailyard' } }, destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096 }));
}

/** A logger that drops everything (tests and benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
