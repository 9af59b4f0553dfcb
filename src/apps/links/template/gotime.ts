/**
 * Go's `time.Time` (UTC only) for templates: the value golink passes as `.Now`.
 *
 * Link templates call its methods exactly as in Go, e.g. `{{.Now.Format "01-02-2006"}}`,
 * `{{.Now.Year}}` or `{{(.Now.AddDate 0 0 -1).Weekday}}`, so the layout language is Go's
 * reference-time one (`Mon Jan 2 15:04:05 MST 2006`), ported from `time/format.go`.
 */
import { byteLength, type Meter } from './budget.js';
import { GoNamedInt, type GoCallable, type GoMember, type GoObject } from './values.js';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Go's layout constants, for callers and tests. */
export const GoLayouts = {
  Layout: "01/02 03:04:05PM '06 -0700",
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  Kitchen: '3:04PM',
  Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000',
  StampMicro: 'Jan _2 15:04:05.000000',
  StampNano: 'Jan _2 15:04:05.000000000',
  DateTime: '2006-01-02 15:04:05',
  DateOnly: '2006-01-02',
  TimeOnly: '15:04:05',
} as const;

/** Broken-down UTC calendar fields of a time. */
export interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nsec: number;
  weekday: number;
  yday: number;
}

/**
 * A UTC instant with nanosecond precision and Go's `time.Time` methods.
 *
 * @example GoTime.date(2022, 6, 2, 1, 2, 3, 4).format('01-02-2006') // '06-02-2022'
 */
export class GoTime implements GoObject {
  readonly goType = 'time.Time';

  private constructor(
    /** Seconds since the Unix epoch. */
    readonly sec: number,
    /** Nanoseconds within the second, 0..999999999. */
    readonly nsec: number,
  ) {}

  /** The time of a JS Date (millisecond precision). */
  static fromDate(d: Date): GoTime {
    return GoTime.fromUnix(Math.floor(d.getTime() / 1000), (((d.getTime() % 1000) + 1000) % 1000) * 1e6);
  }

  /** `time.Unix(sec, nsec).UTC()`; nsec may be outside [0, 1e9) and is normalised. */
  static fromUnix(sec: number, nsec = 0): GoTime {
    const carry = Math.floor(nsec / 1e9);
    return new GoTime(sec + carry, nsec - carry * 1e9);
  }

  /** `time.Date(...)` in UTC, normalising out-of-range fields as Go does (month 13 = next January). */
  static date(year: number, month: number, day: number, hour = 0, min = 0, sec = 0, nsec = 0): GoTime {
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, min, sec, 0);
    return GoTime.fromUnix(d.getTime() / 1000, nsec);
  }

  /** Go's zero time, January 1, year 1, 00:00:00 UTC. */
  static readonly zero = GoTime.date(1, 1, 1);

  /** The UTC calendar fields (year, month 1-12, weekday 0 = Sunday, ...). */
  calendar(): Fields {
    const d = new Date(this.sec * 1000);
    const year = d.getUTCFullYear();
    const startOfYear = new Date(0);
    startOfYear.setUTCFullYear(year, 0, 1);
    return {
      year,
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      nsec: this.nsec,
      weekday: d.getUTCDay(),
      yday: Math.floor((d.getTime() - startOfYear.getTime()) / 86400000) + 1,
    };
  }

  /** `t.Format(layout)` with Go's reference-time layout. */
  format(layout: string): string {
    const f = this.calendar();
    let out = '';
    for (let rest = layout; rest !== ''; ) {
      const [prefix, std, suffix] = nextStdChunk(rest);
      out += prefix;
      if (std) out += formatStd(std, f);
      rest = suffix;
    }
    return out;
  }

  /** `t.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`. */
  toString(): string {
    return this.format('2006-01-02 15:04:05.999999999 -0700 MST');
  }

  /** `t.AddDate(years, months, days)`. */
  addDate(years: number, months: number, days: number): GoTime {
    const f = this.calendar();
    return GoTime.date(f.year + years, f.month + months, f.day + days, f.hour, f.minute, f.second, f.nsec);
  }

  /** Nanoseconds since the epoch. */
  unixNano(): bigint {
    return BigInt(this.sec) * 1000000000n + BigInt(this.nsec);
  }

  goString(): string {
    return this.toString();
  }

  goMember(name: string): GoMember | undefined {
    const m = timeMethods.get(name);
    if (!m) return undefined;
    const { metered } = m;
    return {
      method: {
        params: m.params,
        fn: (...args: unknown[]) => m.fn(this, ...args),
        metered: metered && ((meter: Meter, ...args: unknown[]) => metered(meter, this, ...args)),
      },
    };
  }
}

type TimeMethod = Omit<GoCallable, 'fn' | 'metered'> & {
  fn: (t: GoTime, ...args: unknown[]) => unknown;
  metered?: (meter: Meter, t: GoTime, ...args: unknown[]) => unknown;
};

/**
 * Most bytes `Format` writes per layout byte: a reference element never grows more than
 * twofold (`1` → `12`, `2006` → `-275760`, `Monday` → `Wednesday`).
 */
const FORMAT_GROWTH = 2;
const int = (n: number): bigint => BigInt(n);
const field = (pick: (f: Fields) => number): TimeMethod => ({ params: [], fn: (t) => int(pick(t.calendar())) });

/** The whitelist of methods a template may call on a time. */
const timeMethods: ReadonlyMap<string, TimeMethod> = new Map<string, TimeMethod>([
  [
    'Format',
    {
      params: ['string'],
      fn: (t, layout) => t.format(layout as string),
      metered: (meter, t, layout) => {
        // The layout is parsed character by character: a step each.
        meter.work((layout as string).length);
        meter.bytes(FORMAT_GROWTH * byteLength(layout as string));
        return t.format(layout as string);
      },
    },
  ],
  ['String', { params: [], fn: (t) => t.toString() }],
  ['Year', field((f) => f.year)],
  ['Day', field((f) => f.day)],
  ['Hour', field((f) => f.hour)],
  ['Minute', field((f) => f.minute)],
  ['Second', field((f) => f.second)],
  ['Nanosecond', field((f) => f.nsec)],
  ['YearDay', field((f) => f.yday)],
  ['Month', { params: [], fn: (t) => month(t.calendar().month) }],
  ['Weekday', { params: [], fn: (t) => weekday(t.calendar().weekday) }],
  ['Unix', { params: [], fn: (t) => int(t.sec) }],
  ['UnixMilli', { params: [], fn: (t) => t.unixNano() / 1000000n }],
  ['UnixMicro', { params: [], fn: (t) => t.unixNano() / 1000n }],
  ['UnixNano', { params: [], fn: (t) => t.unixNano() }],
  ['UTC', { params: [], fn: (t) => t }],
  ['IsZero', { params: [], fn: (t) => t.sec === GoTime.zero.sec && t.nsec === 0 }],
  [
    'AddDate',
    {
      params: ['int', 'int', 'int'],
      fn: (t, y, m, d) => t.addDate(Number(y), Number(m), Number(d)),
    },
  ],
  ['Before', { params: ['time.Time'], fn: (t, u) => t.unixNano() < (u as GoTime).unixNano() }],
  ['After', { params: ['time.Time'], fn: (t, u) => t.unixNano() > (u as GoTime).unixNano() }],
  ['Equal', { params: ['time.Time'], fn: (t, u) => t.unixNano() === (u as GoTime).unixNano() }],
]);

/** A `time.Month` value: an int that prints as its English name. */
export function month(m: number): GoNamedInt {
  return new GoNamedInt('time.Month', BigInt(m), monthNames[m - 1] ?? `%!Month(${m})`);
}

/** A `time.Weekday` value: an int (Sunday = 0) that prints as its English name. */
export function weekday(d: number): GoNamedInt {
  return new GoNamedInt('time.Weekday', BigInt(d), dayNames[d] ?? `%!Weekday(${d})`);
}

type Std =
  | 'Jan'
  | 'January'
  | 'Mon'
  | 'Monday'
  | 'MST'
  | '01'
  | '02'
  | '03'
  | '04'
  | '05'
  | '06'
  | '002'
  | '1'
  | '15'
  | '2006'
  | '2'
  | '_2'
  | '__2'
  | '3'
  | '4'
  | '5'
  | 'PM'
  | 'pm'
  | { frac: number; trim: boolean; sep: string };

const tzLayouts = ['-070000', '-07:00:00', '-0700', '-07:00', '-07', 'Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'];

/** Go's `nextStdChunk`: splits a layout at its first reference-time element. */
function nextStdChunk(layout: string): [string, Std | { tz: string } | undefined, string] {
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    const at = (std: Std | { tz: string }, len: number): [string, Std | { tz: string }, string] => [
      layout.slice(0, i),
      std,
      layout.slice(i + len),
    ];
    const lowerAfter = (n: number): boolean => /^[a-z]/.test(rest.slice(n));
    switch (rest[0]) {
      case 'J':
        if (rest.startsWith('January')) return at('January', 7);
        if (rest.startsWith('Jan') && !lowerAfter(3)) return at('Jan', 3);
        break;
      case 'M':
        if (rest.startsWith('Monday')) return at('Monday', 6);
        if (rest.startsWith('Mon') && !lowerAfter(3)) return at('Mon', 3);
        if (rest.startsWith('MST')) return at('MST', 3);
        break;
      case '0': {
        const d = rest[1];
        if (d !== undefined && d >= '1' && d <= '6') return at(`0${d}` as Std, 2);
        if (rest.startsWith('002')) return at('002', 3);
        break;
      }
      case '1':
        return rest[1] === '5' ? at('15', 2) : at('1', 1);
      case '2':
        return rest.startsWith('2006') ? at('2006', 4) : at('2', 1);
      case '_':
        if (rest[1] === '2') {
          if (rest.startsWith('_2006')) return [layout.slice(0, i + 1), '2006', layout.slice(i + 5)];
          return at('_2', 2);
        }
        if (rest.startsWith('__2')) return at('__2', 3);
        break;
      case '3':
      case '4':
      case '5':
        return at(rest[0] as Std, 1);
      case 'P':
        if (rest[1] === 'M') return at('PM', 2);
        break;
      case 'p':
        if (rest[1] === 'm') return at('pm', 2);
        break;
      case '-':
      case 'Z': {
        const tz = tzLayouts.find((t) => rest.startsWith(t));
        if (tz) return at({ tz }, tz.length);
        break;
      }
      case '.':
      case ',': {
        const ch = rest[1];
        if (ch === '0' || ch === '9') {
          let j = 1;
          while (rest[j] === ch) j++;
          if (!/^[0-9]/.test(rest.slice(j))) return at({ frac: j - 1, trim: ch === '9', sep: rest[0] }, j);
        }
        break;
      }
    }
  }
  return [layout, undefined, ''];
}

const pad = (n: number, width: number): string => (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0');

function formatStd(std: Std | { tz: string }, f: Fields): string {
  if (typeof std === 'object') {
    if ('tz' in std) return std.tz.startsWith('Z') ? 'Z' : `+${std.tz.slice(1).replace(/\d/g, '0')}`;
    const digits = String(f.nsec).padStart(9, '0').slice(0, std.frac);
    if (!std.trim) return std.sep + digits;
    const trimmed = digits.replace(/0+$/, '');
    return trimmed ? std.sep + trimmed : '';
  }
  const hour12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  switch (std) {
    case 'Jan':
      return (monthNames[f.month - 1] as string).slice(0, 3);
    case 'January':
      return monthNames[f.month - 1] as string;
    case 'Mon':
      return (dayNames[f.weekday] as string).slice(0, 3);
    case 'Monday':
      return dayNames[f.weekday] as string;
    case 'MST':
      return 'UTC';
    case '01':
      return pad(f.month, 2);
    case '02':
      return pad(f.day, 2);
    case '03':
      return pad(hour12, 2);
    case '04':
      return pad(f.minute, 2);
    case '05':
      return pad(f.second, 2);
    case '06':
      return pad(((f.year % 100) + 100) % 100, 2);
    case '002':
      return pad(f.yday, 3);
    case '__2':
      return String(f.yday).padStart(3, ' ');
    case '1':
      return String(f.month);
    case '15':
      return pad(f.hour, 2);
    case '2006':
      return pad(f.year, 4);
    case '2':
      return String(f.day);
    case '_2':
      return String(f.day).padStart(2, ' ');
    case '3':
      return String(hour12);
    case '4':
      return String(f.minute);
    case '5':
      return String(f.second);
    case 'PM':
      return f.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return f.hour >= 12 ? 'pm' : 'am';
  }
}
