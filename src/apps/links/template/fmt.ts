/**
 * The parts of Go's `fmt` and `strconv` that templates reach: `print`, `println`, `printf`
 * (verbs `%v %s %d %q %x %X %o %b %c %U %e %f %g %t %T %%`, flags `+ - # space 0`, width and
 * precision, including `*`) and the default `%v` rendering used when an action prints a value.
 *
 * Output matches Go for the value kinds described in `values.ts`, including Go's error
 * renderings such as `%!d(string=x)` and `%!s(MISSING)`.
 */
import { GoFunc, GoNamedInt, goTypeName, isGoMap, isGoObject, isNil, sortedEntries } from './values.js';

/**
 * `fmt.Sprint` of one value (`%v`): Go's rendering of numbers, slices `[a b]`, maps `map[k:v]`
 * and Stringers.
 *
 * @example sprintValue([1n, 'a']) // '[1 a]'
 */
export function sprintValue(v: unknown): string {
  if (isNil(v)) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
    case 'boolean':
      return String(v);
    case 'number':
      return formatFloat(v, 'g', -1);
  }
  if (v instanceof GoNamedInt) return v.name;
  if (isGoObject(v)) return v.goString(sprintValue);
  if (v instanceof GoFunc) return goTypeName(v);
  if (Array.isArray(v)) return `[${v.map(sprintValue).join(' ')}]`;
  if (isGoMap(v)) {
    return `map[${sortedEntries(v)
      .map(([k, x]) => `${sprintValue(k)}:${sprintValue(x)}`)
      .join(' ')}]`;
  }
  return goTypeName(v);
}

/** `fmt.Sprint`: operands joined, with a space between two operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += sprintValue(a);
  });
  return out;
}

/** `fmt.Sprintln`: operands joined by spaces, plus a newline. */
export function sprintln(args: readonly unknown[]): string {
  return `${args.map(sprintValue).join(' ')}\n`;
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
  const shortest = prec < 0;
  const p = prec === 0 ? 1 : prec;
  const { ds, dp } = shortest ? shortestDigits(a) : roundDigits(exactDecimal(a), p);
  const nd = ds.length;
  let eprec = shortest ? 6 : p;
  if (!shortest && eprec > nd && nd >= dp) eprec = nd;
  const exp = dp - 1;
  if (exp < -4 || exp >= eprec) return sign + expFromDigits(ds, dp, nd - 1);
  const digits = shortest || p > dp ? nd : p;
  return sign + fixedFromDigits(ds, dp, Math.max(digits - dp, 0));
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

/**
 * `strconv.Quote`: a double-quoted Go string literal with Go's escapes.
 *
 * @example goQuote('a"\n') // '"a\\"\\n"'
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    out += quoteRune(ch, '"');
  }
  return `${out}"`;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const controlEscapes: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

function quoteRune(ch: string, quote: string): string {
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (printable.test(ch)) return ch;
  const esc = controlEscapes[ch];
  if (esc) return esc;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
}

/**
 * `fmt.Sprintf` for template values.
 *
 * @example sprintf('%05.1f|%-4s|%x', [3.14159, 'ab', 255n]) // '003.1|ab  |ff'
 */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const nextInt = (): number | 'bad' => {
    const v = args[argi++];
    return typeof v === 'bigint' && v >= -1000000n && v <= 1000000n ? Number(v) : 'bad';
  };
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = {
      plus: false,
      minus: false,
      sharp: false,
      space: false,
      zero: false,
      width: undefined,
      prec: undefined,
    };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '+') spec.plus = true;
      else if (c === '-') spec.minus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = true;
      else break;
    }
    let bad = '';
    if (format[i] === '*') {
      i++;
      const w = nextInt();
      if (w === 'bad') bad += '%!(BADWIDTH)';
      else if (w < 0) {
        spec.minus = true;
        spec.width = -w;
      } else spec.width = w;
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        spec.width = Number(m[0]);
        i += m[0].length;
        if (spec.width > 1e6) bad += '%!(BADWIDTH)';
      }
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        const p = nextInt();
        if (p === 'bad' || p < 0) bad += '%!(BADPREC)';
        else spec.prec = p;
      } else {
        const m = /^\d*/.exec(format.slice(i)) as RegExpExecArray;
        spec.prec = Number(m[0] || '0');
        i += m[0].length;
        if (spec.prec > 1e6) bad += '%!(BADPREC)';
      }
    }
    if (bad) {
      spec.width = undefined;
      spec.prec = undefined;
    }
    out += bad;
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argi++], verb, spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => `${goTypeName(a)}=${sprintValue(a)}`)
      .join(', ')})`;
  }
  return out;
}

function badVerb(v: unknown, verb: string): string {
  return isNil(v) ? `%!${verb}(<nil>)` : `%!${verb}(${goTypeName(v)}=${sprintValue(v)})`;
}

/** Pads to the width: `text` pads with zeros when asked, `number` keeps the sign first, `spaces` never uses zeros. */
function pad(s: string, spec: Spec, mode: 'text' | 'number' | 'spaces'): string {
  const len = [...s].length;
  if (spec.width === undefined || len >= spec.width) return s;
  const fill = spec.width - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (!spec.zero || mode === 'spaces') return ' '.repeat(fill) + s;
  const signLen = mode === 'number' && /^[+\- ]/.test(s) ? 1 : 0;
  return s.slice(0, signLen) + '0'.repeat(fill) + s.slice(signLen);
}

function signed(neg: boolean, digits: string, spec: Spec): string {
  return (neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '') + digits;
}

function formatArg(v: unknown, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goTypeName(v), spec, 'text');
  if (Array.isArray(v) && verb !== 'v' && verb !== 's' && verb !== 'q' && verb !== 'x' && verb !== 'X') {
    return `[${v.map((e) => formatArg(e, verb, spec)).join(' ')}]`;
  }
  const n = v instanceof GoNamedInt && verb !== 'v' && verb !== 's' && verb !== 'q' ? v.value : v;
  if (typeof n === 'bigint') return formatInt(n, verb, spec) ?? badVerb(v, verb);
  if (typeof n === 'number') return formatFloatVerb(n, verb, spec) ?? badVerb(v, verb);
  switch (verb) {
    case 'v':
    case 's': {
      if ((typeof v === 'boolean' || isNil(v)) && verb === 's') return badVerb(v, verb);
      const s = Array.isArray(v)
        ? `[${v.map((e) => formatArg(e, verb, { ...spec, width: undefined })).join(' ')}]`
        : sprintValue(v);
      return pad(spec.prec === undefined ? s : [...s].slice(0, spec.prec).join(''), spec, 'text');
    }
    case 'q':
      if (typeof v === 'string') {
        const s = spec.prec === undefined ? v : [...v].slice(0, spec.prec).join('');
        const raw = spec.sharp && !s.includes('`') && [...s].every((c) => c === '\t' || printable.test(c));
        return pad(raw ? `\`${s}\`` : goQuote(s), spec, 'text');
      }
      if (Array.isArray(v)) return `[${v.map((e) => formatArg(e, verb, spec)).join(' ')}]`;
      return isGoObject(v) || v instanceof GoNamedInt ? pad(goQuote(sprintValue(v)), spec, 'text') : badVerb(v, verb);
    case 'x':
    case 'X':
      if (typeof v === 'string') {
        let hex = [...new TextEncoder().encode(v)].map((b) => b.toString(16).padStart(2, '0')).join('');
        if (verb === 'X') hex = hex.toUpperCase();
        return pad((spec.sharp ? (verb === 'X' ? '0X' : '0x') : '') + hex, spec, 'text');
      }
      if (Array.isArray(v)) return `[${v.map((e) => formatArg(e, verb, spec)).join(' ')}]`;
      return badVerb(v, verb);
    case 't':
      return typeof v === 'boolean' ? pad(String(v), spec, 'text') : badVerb(v, verb);
  }
  return badVerb(v, verb);
}

function formatInt(n: bigint, verb: string, spec: Spec): string | undefined {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'v':
    case 'd':
      digits = abs.toString();
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      if (spec.sharp) prefix = verb === 'X' ? '0X' : '0x';
      break;
    case 'o':
      digits = abs.toString(8);
      if (spec.sharp) prefix = '0';
      break;
    case 'b':
      digits = abs.toString(2);
      break;
    case 'c':
      return pad(n >= 0n && n <= 0x10ffffn ? String.fromCodePoint(Number(n)) : '\uFFFD', spec, 'text');
    case 'q':
      return pad(
        `'${n >= 0n && n <= 0x10ffffn ? quoteRune(String.fromCodePoint(Number(n)), "'") : '\uFFFD'}'`,
        spec,
        'text',
      );
    case 'U':
      return pad(`U+${abs.toString(16).toUpperCase().padStart(4, '0')}`, spec, 'text');
    default:
      return undefined;
  }
  if (spec.prec !== undefined) digits = n === 0n && spec.prec === 0 ? '' : digits.padStart(spec.prec, '0');
  return pad(signed(neg, prefix + digits, spec), spec, spec.prec === undefined ? 'number' : 'spaces');
}

function formatFloatVerb(f: number, verb: string, spec: Spec): string | undefined {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = formatFloat(f, 'g', spec.prec ?? -1);
      break;
    case 'e':
    case 'E':
      s = formatFloat(f, 'e', spec.prec ?? 6);
      break;
    case 'f':
    case 'F':
      s = formatFloat(f, 'f', spec.prec ?? 6);
      break;
    default:
      return undefined;
  }
  if (!Number.isFinite(f)) return pad(s, spec, 'spaces');
  if (verb === 'E' || verb === 'G') s = s.toUpperCase();
  const neg = s.startsWith('-');
  return pad(signed(neg, neg ? s.slice(1) : s, spec), spec, 'number');
}
