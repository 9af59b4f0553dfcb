/**
 * Times the way tailsql's driver and renderer treat them.
 *
 * tailsql's SQLite driver (modernc) turns TEXT in a column declared `DATE`, `DATETIME` or
 * `TIMESTAMP` into a Go `time.Time` when it parses with one of its layouts (SQLite's formats 1–7,
 * an optional `Z` stripped, or Go's own `time.String()` form); tailsql then prints such a time as
 * RFC 3339 in UTC to the second in CSV and the UI, and as RFC 3339 with nanoseconds in its own
 * offset in JSON. Go's `time.Parse` rules apply: 4-digit year, 2-digit month/day/minute/second,
 * 1–2-digit hour, real calendar days, `±hh:mm` offsets.
 *
 * @example
 *   const t = parseDriverTime('2024-01-02 03:04:05.5+02:00');
 *   rfc3339Utc(t!)   // → '2024-01-02T01:04:05Z'
 *   rfc3339Nano(t!)  // → '2024-01-02T03:04:05.5+02:00'
 */

/** A point in time with nanoseconds and the UTC offset it was written in. */
export interface GoTime {
  readonly kind: 'time';
  /** Whole seconds since the Unix epoch (UTC). */
  readonly sec: number;
  /** 0 … 999 999 999. */
  readonly nanos: number;
  /** Seconds east of UTC. */
  readonly offset: number;
}

/** Is `v` a {@link GoTime}? (Values cross a process boundary as plain objects.) */
export function isGoTime(v: unknown): v is GoTime {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'time';
}

/** Builds a GoTime from wall-clock fields in the given offset. */
export function goTime(y: number, mo: number, d: number, h: number, mi: number, s: number, nanos: number, offset: number): GoTime {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC maps years 0–99 to 1900–1999; fix those up.
  const fixed = y >= 0 && y < 100 ? new Date(ms).setUTCFullYear(y) : ms;
  return { kind: 'time', sec: Math.floor(fixed / 1000) - offset, nanos, offset };
}

const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const CLOCK_SECONDS = String.raw`(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d+))?`;
const OFFSET = String.raw`([+-])(\d{2}):(\d{2})`;

const LAYOUTS: ReadonlyArray<RegExp> = [
  new RegExp(`^${DATE}[ T]${CLOCK_SECONDS}${OFFSET}$`),
  new RegExp(`^${DATE}[ T]${CLOCK_SECONDS}$`),
  new RegExp(String.raw`^${DATE}[ T](\d{1,2}):(\d{2})$`),
  new RegExp(`^${DATE}$`),
];

/** Go's `time.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`, then ` m=±…` monotonic reading. */
const GO_STRING = new RegExp(String.raw`^${DATE} ${CLOCK_SECONDS} ([+-])(\d{2})(\d{2}) (UTC|GMT|[A-Z]{3,5}|[+-]\d{2}(?:\d{2})?)$`);

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(month: number, year: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
}

function nanosOf(frac: string | undefined): number {
  if (!frac) return 0;
  return Number(frac.slice(0, 9).padEnd(9, '0'));
}

function build(f: (string | undefined)[], sign?: string, oh?: string, om?: string): GoTime | undefined {
  const [y, mo, d, h = '0', mi = '0', s = '0'] = f.map((x) => (x === undefined ? undefined : Number(x)));
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  const [hh, mm, ss] = [Number(h), Number(mi), Number(s)];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) || hh > 23 || mm > 59 || ss > 59) return undefined;
  let offset = 0;
  if (sign !== undefined) {
    const [ohn, omn] = [Number(oh), Number(om)];
    if (ohn > 24 || omn > 60) return undefined;
    offset = (sign === '-' ? -1 : 1) * (ohn * 3600 + omn * 60);
  }
  return goTime(y, mo, d, hh, mm, ss, nanosOf(f[6]), offset);
}

/**
 * The time modernc would make of `text` (a TEXT value in a DATE/DATETIME/TIMESTAMP column), or
 * undefined when it keeps the text.
 */
export function parseDriverTime(text: string): GoTime | undefined {
  const mark = text.indexOf('m=');
  const goForm = (mark > 0 ? text.slice(0, mark) : text).trim();
  const g = GO_STRING.exec(goForm);
  if (g) return build([g[1], g[2], g[3], g[4], g[5], g[6], g[7]], g[8], g[9], g[10]);
  const s = text.endsWith('Z') ? text.slice(0, -1) : text;
  for (const [i, re] of LAYOUTS.entries()) {
    const m = re.exec(s);
    if (!m) continue;
    if (i === 0) return build([m[1], m[2], m[3], m[4], m[5], m[6], m[7]], m[8], m[9], m[10]);
    if (i === 1) return build([m[1], m[2], m[3], m[4], m[5], m[6], m[7]]);
    if (i === 2) return build([m[1], m[2], m[3], m[4], m[5]]);
    return build([m[1], m[2], m[3]]);
  }
  return undefined;
}

/** Does a column declared `declType` get modernc's time conversion? */
export function isTimeDeclType(declType: string | null | undefined): boolean {
  if (!declType) return false;
  const t = declType.toUpperCase();
  return t === 'DATE' || t === 'DATETIME' || t === 'TIMESTAMP';
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function wall(t: GoTime, offset: number): Date {
  return new Date((t.sec + offset) * 1000);
}

function ymdhms(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `t.UTC().Format(time.RFC3339)`: tailsql's CSV and UI form. */
export function rfc3339Utc(t: GoTime): string {
  return `${ymdhms(wall(t, 0))}Z`;
}

/** `t.Format(time.RFC3339Nano)` (what `json.Marshal` writes): own offset, trailing zeros trimmed. */
export function rfc3339Nano(t: GoTime): string {
  const frac = t.nanos ? `.${pad(t.nanos, 9).replace(/0+$/, '')}` : '';
  let zone = 'Z';
  if (t.offset !== 0) {
    const abs = Math.abs(t.offset);
    zone = `${t.offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
  }
  return `${ymdhms(wall(t, t.offset))}${frac}${zone}`;
}
