/**
 * Go's `time.ParseDuration` and `Duration.String`, for tailsql's `queryTimeout` ("30s",
 * "1m30s", "1.5s", "500ms"): the config takes Go's spelling and `/meta` reports it back the way
 * tailsql does (`"90s"` comes back as `"1m30s"`).
 *
 * Kept to milliseconds internally, with nanosecond input accepted, because query timeouts never
 * need finer resolution.
 *
 * @example
 *   parseGoDuration('1m30s')      // → 90000
 *   formatGoDuration(90_000)      // → '1m30s'
 */

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Parses a Go duration into milliseconds; throws with Go's wording on bad input. */
export function parseGoDuration(text: string): number {
  const s = text.trim() === text ? text : '';
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new Error(`time: invalid duration "${text}"`);
  let ns = 0;
  const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== '') {
    const m = part.exec(rest);
    if (!m) {
      if (/^(\d+\.?\d*|\.\d+)$/.test(rest)) throw new Error(`time: missing unit in duration "${text}"`);
      throw new Error(`time: invalid duration "${text}"`);
    }
    ns += Number(m[1]) * (UNIT_NS[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return (sign * ns) / 1e6;
}

/**
 * Go's `Duration.String` for a whole number of milliseconds: `0s`, `500ms`, `1.5s`, `1m30s`,
 * `2h0m0s`.
 */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) {
    out = `${trimZeros(rest.toString())}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const seconds = trimZeros((rest / 1000).toFixed(3));
    out = h > 0 ? `${h}h${m}m${seconds}s` : m > 0 ? `${m}m${seconds}s` : `${seconds}s`;
  }
  return neg ? `-${out}` : out;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
