/**
 * Go's float text, digit for digit: `fmt`'s `%v` of a float64 ({@link goFloatV}) and
 * `strconv.FormatFloat` for the `e`, `f` and `g` formats ({@link formatFloat}), which `printf`'s
 * float verbs end in. The SQL console prints cells as tailsql does, links templates print as Go's
 * `text/template` does; both use this one module.
 *
 * Hand-written because nothing on npm reproduces Go's output: JavaScript switches to exponents at
 * 1e21 and below 1e-6 and writes `1e+6`, Go's `%v` switches at 1e6 and below 1e-4 and writes
 * `1e+06`; explicit precisions round the exact binary value half to even (`%.2f` of 2.675 is
 * 2.67). Checked against Go's own answers in `float.test.ts`.
 *
 * @example
 *   goFloatV(123456789.125)       // '1.23456789125e+08'
 *   formatFloat(2.675, 'f', 2)    // '2.67'
 *   formatFloat(1000, 'g', 3)     // '1e+03'
 */

/**
 * `fmt.Sprint(float64)`, i.e. `strconv.FormatFloat(x, 'g', -1, 64)`: shortest round-trip digits,
 * exponent form when the decimal exponent is below -4 or at least 6 (two-digit exponent minimum),
 * `+Inf`/`-Inf`/`NaN`, and `-0`.
 *
 * The common magnitudes take a shortcut through `String(x)` (JavaScript's shortest digits are
 * Go's): about twice as fast as the general path, which matters for a SQL export of many floats.
 *
 * @example goFloatV(1e21) // '1e+21'; goFloatV(0.1) // '0.1'; goFloatV(1e6) // '1e+06'
 */
export function goFloatV(x: number): string {
  const a = x < 0 ? -x : x;
  // Between 1e-4 and 1e6 JavaScript's shortest form is Go's: plain decimal (the common case).
  if (a >= 1e-4 && a < 1e6) return String(x);
  if (a >= 1e6 && a < 1e21) return exponentFromDecimal(String(x));
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  return formatFloat(x, 'e', -1);
}

/** `1234567.5` → `1.2345675e+06`: the exponent form of a plain decimal ≥ 1e6 (no toExponential). */
function exponentFromDecimal(decimal: string): string {
  const neg = decimal.startsWith('-');
  const body = neg ? decimal.slice(1) : decimal;
  const dot = body.indexOf('.');
  const intLen = dot < 0 ? body.length : dot;
  const digits = (dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1)).replace(/0+$/, '');
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exp = intLen - 1;
  return `${neg ? '-' : ''}${mantissa}e+${exp < 10 ? '0' : ''}${exp}`;
}

/**
 * `strconv.FormatFloat(f, fmt, prec, 64)` for `e`, `f` and `g` (prec -1 = shortest round trip).
 * Explicit precisions round the exact binary value half to even, as Go does (`%.1f` of 2.25 is 2.2).
 *
 * @example formatFloat(1e6, 'g', -1) // '1e+06'
 */
export function formatFloat(f: number, fmt: 'e' | 'f' | 'g', prec: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (fmt === 'g' && prec < 0) return goFloatV(f);
  const sign = f < 0 || Object.is(f, -0) ? '-' : '';
  const a = Math.abs(f);
  if (fmt === 'f') {
    const exact = exactDecimal(a);
    const { ds, dp } = roundDigits(exact, exact.dp + prec);
    return sign + fixedFromDigits(ds, dp, prec);
  }
  if (fmt === 'e') {
    const { ds, dp } = prec < 0 ? shortestDigits(a) : roundDigits(exactDecimal(a), prec + 1);
    return sign + expFromDigits(ds, dp, prec < 0 ? ds.length - 1 : prec);
  }
  // %g with a precision: exponent form when the exponent is below -4 or at least the precision.
  const p = prec === 0 ? 1 : prec;
  const { ds, dp } = roundDigits(exactDecimal(a), p);
  const nd = ds.length;
  const eprec = p > nd && nd >= dp ? nd : p;
  const exp = dp - 1;
  if (exp < -4 || exp >= eprec) return sign + expFromDigits(ds, dp, nd - 1);
  return sign + fixedFromDigits(ds, dp, Math.max((p > dp ? nd : p) - dp, 0));
}

/** Decimal digits `ds` (no trailing zeros) and point position `dp`: value = 0.ds × 10^dp. */
interface Digits {
  ds: string;
  dp: number;
}

const trimDigits = (ds: string, dp: number): Digits => {
  const t = ds.replace(/0+$/, '');
  return t === '' ? { ds: '0', dp: 1 } : { ds: t, dp };
};

/** The shortest digits that round-trip (JS and Go agree on these). */
function shortestDigits(a: number): Digits {
  const [mant, e] = a.toExponential().split('e') as [string, string];
  return trimDigits(mant.replace('.', ''), Number(e) + 1);
}

/** The exact decimal expansion of a finite non-negative double. */
function exactDecimal(a: number): Digits {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const mant = biased === 0 ? frac : frac | (1n << 52n);
  const e = biased === 0 ? -1074 : biased - 1075;
  if (mant === 0n) return { ds: '0', dp: 1 };
  if (e >= 0) {
    const ds = (mant << BigInt(e)).toString();
    return trimDigits(ds, ds.length);
  }
  const ds = (mant * 5n ** BigInt(-e)).toString();
  return trimDigits(ds, ds.length + e);
}

/** Rounds to `nd` significant digits, half to even. */
function roundDigits({ ds, dp }: Digits, nd: number): Digits {
  if (ds === '0' || ds.length <= nd) return { ds, dp };
  if (nd < 0) return { ds: '0', dp: 1 };
  const keep = ds.slice(0, nd);
  const rest = ds.slice(nd);
  const last = keep === '' ? 0 : Number(keep[keep.length - 1]);
  const up = (rest[0] as string) > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || last % 2 === 1));
  if (!up) return trimDigits(keep, dp);
  const bumped = (BigInt(keep || '0') + 1n).toString();
  const carry = bumped.length > keep.length ? 1 : 0;
  return trimDigits(bumped, dp + carry);
}

function expFromDigits(ds: string, dp: number, fracDigits: number): string {
  const mant = ds.padEnd(fracDigits + 1, '0');
  const exp = ds === '0' ? 0 : dp - 1;
  const fraction = fracDigits > 0 ? `.${mant.slice(1, fracDigits + 1)}` : '';
  return `${mant[0]}${fraction}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function fixedFromDigits(ds: string, dp: number, frac: number): string {
  const int = dp <= 0 || ds === '0' ? '0' : ds.slice(0, dp).padEnd(dp, '0');
  const rest = ds === '0' ? '' : dp < 0 ? '0'.repeat(-dp) + ds : ds.slice(Math.max(dp, 0));
  return frac > 0 ? `${int}.${rest.padEnd(frac, '0').slice(0, frac)}` : int;
}

