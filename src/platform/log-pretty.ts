/**
 * `serve`'s log for a person at a terminal: each of pino's JSON lines rewritten as one short line,
 * `12:04:05 INFO  links    GET /docs 200 3.1ms carol@example.com`, level in colour, the app in
 * a column, then the message and any other fields as `key=value`; an error's stack on the lines
 * below. JSON stays the format for anything that is not a terminal (files, journald, a log
 * shipper), and either can be forced (`log.format`, `--log-format`).
 *
 * Why not pino-pretty (13.2): it declares 13 dependencies, most new to tailyard's runtime
 * (colorette, dateformat, fast-copy, fast-safe-stringify, help-me, joycon, minimist, pump,
 * secure-json-parse, strip-json-comments, with their own), against a release cap of 40 runtime
 * packages, plus a worker-thread transport; this file does what `serve` needs in a few dozen lines
 * over the one line shape tailyard writes. The formatter is pure; the stream
 * keeps the destination's batching (`flush`, `flushSync` pass through).
 *
 * @example
 *   prettyLine('{"level":30,"time":0,"app":"links","method":"GET","path":"/x","status":200,"ms":3.1,"msg":"request"}', { color: false })
 *   // '00:00:00 INFO  links    GET /x 200 3.1ms\n' (in local time)
 */

export type LogFormat = 'json' | 'pretty';

/** `log.format`: `auto` is pretty on a terminal, JSON anywhere else. */
export function chooseLogFormat(setting: 'auto' | LogFormat, stdoutIsTTY: boolean): LogFormat {
  return setting === 'auto' ? (stdoutIsTTY ? 'pretty' : 'json') : setting;
}

const LEVELS: Record<number, [name: string, color: string]> = {
  10: ['TRACE', '90'],
  20: ['DEBUG', '90'],
  30: ['INFO', '32'],
  40: ['WARN', '33'],
  50: ['ERROR', '31'],
  60: ['FATAL', '1;31'],
};

/** Fields shown in the line's fixed places (or not at all: `svc`, `pid`, `hostname` say nothing here). */
const PLACED = new Set(['level', 'time', 'msg', 'app', 'svc', 'pid', 'hostname', 'err']);
const REQUEST = new Set(['method', 'path', 'route', 'status', 'ms', 'login', 'reqId']);

const paint = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
const two = (n: number) => String(n).padStart(2, '0');

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** An error field (pino's `err` serializer, or a plain message) as text and stack lines. */
function errorLines(err: unknown): string[] {
  if (typeof err !== 'object' || err === null) return err === undefined ? [] : [`err=${fieldText(err)}`];
  const e = err as { message?: string; stack?: string };
  return e.stack ? e.stack.split('\n') : [`err=${fieldText(e.message ?? err)}`];
}

/** One of pino's JSON lines as a readable line (a line that is not JSON passes through). */
export function prettyLine(line: string, { color }: { color: boolean }): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const [name, code] = LEVELS[o.level as number] ?? [String(o.level ?? ''), '0'];
  const t = new Date(typeof o.time === 'number' ? o.time : Date.now());
  const time = paint(color, '2', `${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`);
  const parts = [time, paint(color, code, name.padEnd(5)), String(o.app ?? 'tailyard').padEnd(8)];
  const isRequest = o.msg === 'request' && o.status !== undefined;
  if (isRequest) {
    parts.push(`${o.method} ${o.path ?? o.route} ${o.status} ${o.ms}ms`);
    if (o.login) parts.push(String(o.login));
  } else if (o.msg !== undefined) {
    parts.push(String(o.msg));
  }
  for (const [key, value] of Object.entries(o)) {
    if (PLACED.has(key) || (isRequest && REQUEST.has(key)) || value === undefined) continue;
    parts.push(paint(color, '2', `${key}=${fieldText(value)}`));
  }
  const [first = '', ...stack] = errorLines(o.err);
  if (first) parts.push(stack.length ? paint(color, code, first) : first);
  return `${parts.join(' ')}\n${stack.map((l) => `    ${l.trim()}\n`).join('')}`;
}

/** What pino writes to: anything with `write`, optionally `flush`/`flushSync` (pino's SonicBoom). */
export interface LineSink {
  write(s: string): unknown;
  flush?(cb?: (err?: Error) => void): void;
  flushSync?(): void;
}

/** A destination that writes each line pretty to `out`, keeping its flushing. */
export function prettyStream(out: LineSink, color: boolean): LineSink {
  return {
    write: (s: string) => out.write(prettyLine(s, { color })),
    flush: out.flush ? (cb) => out.flush?.(cb) : undefined,
    flushSync: out.flushSync ? () => out.flushSync?.() : undefined,
  };
}
