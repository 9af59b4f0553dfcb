/**
 * Structured JSON logs (pino). Request logs carry request id, app, caller login, status and
 * duration — never a request body, a query string or a header value that could hold a secret.
 */
import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Keys that must never reach a log line, whatever a caller passes in. */
const REDACT = ['value', 'Value', 'secret', 'authKey', 'password', 'token', '*.value', '*.Value', '*.authKey', '*.token'];

export function createLogger(level: LoggerOptions['level'] = 'info', destination?: pino.DestinationStream): Logger {
  const opts: LoggerOptions = {
    level,
    base: { svc: 'tailyard' },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(opts, destination) : pino(opts);
}

/** A logger that drops everything (tests and benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
