/**
 * The parts of Go's `fmt` and `strconv` that templates reach: `print`, `println`, `printf`
 * (verbs `%v %s %d %q %x %X %o %b %c %U %e %f %g %t %T %%`, flags `+ - # space 0`, width and
 * precision, including `*`) and the default `%v` rendering used when an action prints a value.
 *
 * Output matches Go for the value kinds described in `values.ts`, including Go's error
 * renderings such as `%!d(string=x)` and `%!s(MISSING)`.
 *
 * `print`, `println` and `printf` charge a {@link Meter} for each piece of their result before
 * building it: the padding of `%999999d`, the `2n` bytes of `%x`, an upper bound for `%q`
 * escapes, the digits of `%.999999f`. Strings are never exploded into arrays of characters, so a
 * piece costs about its own size in memory. `sprintValue` charges nothing: it renders values
 * that are strings already or come from the app's data, and callers charge what it returns.
 */
import { formatFloat } from '../../../platform/go/float.js';
import { byteLength, type Meter, NO_METER } from './budget.js';
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

/** `sprintValue(v)`, charged as a piece of a result. */
function charged(v: unknown, meter: Meter): string {
  const s = sprintValue(v);
  meter.string(s);
  return s;
}

/** `fmt.Sprint`: operands joined, with a space between two operands when neither is a string. */
export function sprint(args: readonly unknown[], meter: Meter = NO_METER): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') {
      meter.bytes(1);
      out += ' ';
    }
    out += charged(a, meter);
  });
  return out;
}

/** `fmt.Sprintln`: operands joined by spaces, plus a newline. */
export function sprintln(args: readonly unknown[], meter: Meter = NO_METER): string {
  const parts = args.map((a) => charged(a, meter));
  meter.bytes(Math.max(args.length, 1));
  return `${parts.join(' ')}\n`;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const needsQuote = /["\\]|[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu;
const rawQuotable = /^[\t\p{L}\p{M}\p{N}\p{P}\p{S} ]*$/u;
const controlEscapes: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** Most bytes `goQuote` writes per input byte (`\x01` for one byte). */
const QUOTE_GROWTH = 4;

/**
 * `strconv.Quote`: a double-quoted Go string literal with Go's escapes.
 *
 * @example goQuote('a"\n') // '"a\\"\\n"'
 */
export function goQuote(s: string): string {
  return `"${s.replace(needsQuote, (ch) => quoteRune(ch, '"'))}"`;
}

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

/** Number of code points (a lone surrogate counts one, as when iterating the string). */
function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** The first `n` code points of `s` (a slice, not a copy). */
function runePrefix(s: string, n: number, meter: Meter): string {
  if (n >= s.length) return s;
  meter.scan(n);
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    i += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
  }
  return s.slice(0, i);
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
export function sprintf(format: string, args: readonly unknown[], meter: Meter = NO_METER): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const text = (s: string): void => {
    meter.string(s);
    out += s;
  };
  const nextInt = (): number | 'bad' => {
    const v = args[argi++];
    return typeof v === 'bigint' && v >= -1000000n && v <= 1000000n ? Number(v) : 'bad';
  };
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      text(format.slice(i));
      break;
    }
    text(format.slice(i, pct));
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
    text(bad);
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    if (i >= format.length) {
      text('%!(NOVERB)');
      break;
    }
    i += verb.length;
    if (verb === '%') {
      text('%');
      continue;
    }
    if (argi >= args.length) {
      text(`%!${verb}(MISSING)`);
      continue;
    }
    out += formatArg(args[argi++], verb, spec, meter);
  }
  if (argi < args.length) {
    const extra = args.slice(argi).map((a) => `${goTypeName(a)}=${charged(a, meter)}`);
    text(`%!(EXTRA ${extra.join(', ')})`);
  }
  return out;
}

function badVerb(v: unknown, verb: string, meter: Meter): string {
  if (isNil(v)) return charged(`%!${verb}(<nil>)`, meter);
  const type = goTypeName(v);
  meter.bytes(verb.length + type.length + 4);
  return `%!${verb}(${type}=${charged(v, meter)})`;
}

/** `[a b c]` from charged pieces. */
function list(pieces: string[], meter: Meter): string {
  meter.bytes(Math.max(pieces.length + 1, 2));
  return `[${pieces.join(' ')}]`;
}

/**
 * Pads a charged piece to the width, charging the padding first: `text` pads with zeros when
 * asked, `number` keeps the sign first, `spaces` never uses zeros.
 */
function pad(s: string, spec: Spec, mode: 'text' | 'number' | 'spaces', meter: Meter): string {
  // A code point is at most 2 UTF-16 units: a string this long is wide enough without counting.
  if (spec.width === undefined || s.length >= 2 * spec.width) return s;
  meter.scan(s.length);
  const len = runeCount(s);
  if (len >= spec.width) return s;
  const fill = spec.width - len;
  meter.bytes(fill);
  if (spec.minus) return s + ' '.repeat(fill);
  if (!spec.zero || mode === 'spaces') return ' '.repeat(fill) + s;
  const signLen = mode === 'number' && /^[+\- ]/.test(s) ? 1 : 0;
  return s.slice(0, signLen) + '0'.repeat(fill) + s.slice(signLen);
}

function signed(neg: boolean, digits: string, spec: Spec): string {
  return (neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '') + digits;
}

/** Formats one operand; charges the piece it returns before building it. */
function formatArg(v: unknown, verb: string, spec: Spec, meter: Meter): string {
  if (verb === 'T') return pad(charged(goTypeName(v), meter), spec, 'text', meter);
  if (Array.isArray(v) && verb !== 'v' && verb !== 's' && verb !== 'q' && verb !== 'x' && verb !== 'X') {
    return list(
      v.map((e) => formatArg(e, verb, spec, meter)),
      meter,
    );
  }
  const n = v instanceof GoNamedInt && verb !== 'v' && verb !== 's' && verb !== 'q' ? v.value : v;
  if (typeof n === 'bigint') return formatInt(n, verb, spec, meter) ?? badVerb(v, verb, meter);
  if (typeof n === 'number') return formatFloatVerb(n, verb, spec, meter) ?? badVerb(v, verb, meter);
  switch (verb) {
    case 'v':
    case 's': {
      if ((typeof v === 'boolean' || isNil(v)) && verb === 's') return badVerb(v, verb, meter);
      const s = Array.isArray(v)
        ? list(
            v.map((e) => formatArg(e, verb, { ...spec, width: undefined }, meter)),
            meter,
          )
        : charged(v, meter);
      return pad(spec.prec === undefined ? s : runePrefix(s, spec.prec, meter), spec, 'text', meter);
    }
    case 'q':
      if (typeof v === 'string') {
        const s = spec.prec === undefined ? v : runePrefix(v, spec.prec, meter);
        meter.loop(s.length);
        const raw = spec.sharp && !s.includes('`') && rawQuotable.test(s);
        meter.bytes((raw ? 1 : QUOTE_GROWTH) * byteLength(s) + 2);
        return pad(raw ? `\`${s}\`` : goQuote(s), spec, 'text', meter);
      }
      if (Array.isArray(v)) {
        return list(
          v.map((e) => formatArg(e, verb, spec, meter)),
          meter,
        );
      }
      if (isGoObject(v) || v instanceof GoNamedInt) return pad(charged(goQuote(sprintValue(v)), meter), spec, 'text', meter);
      return badVerb(v, verb, meter);
    case 'x':
    case 'X':
      if (typeof v === 'string') {
        const prefix = spec.sharp ? (verb === 'X' ? '0X' : '0x') : '';
        meter.bytes(prefix.length + 2 * byteLength(v));
        const hex = Buffer.from(v, 'utf8').toString('hex');
        return pad(prefix + (verb === 'X' ? hex.toUpperCase() : hex), spec, 'text', meter);
      }
      if (Array.isArray(v)) {
        return list(
          v.map((e) => formatArg(e, verb, spec, meter)),
          meter,
        );
      }
      return badVerb(v, verb, meter);
    case 't':
      return typeof v === 'boolean' ? pad(charged(String(v), meter), spec, 'text', meter) : badVerb(v, verb, meter);
  }
  return badVerb(v, verb, meter);
}

function formatInt(n: bigint, verb: string, spec: Spec, meter: Meter): string | undefined {
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
      return pad(charged(n >= 0n && n <= 0x10ffffn ? String.fromCodePoint(Number(n)) : '\uFFFD', meter), spec, 'text', meter);
    case 'q': {
      const rune = n >= 0n && n <= 0x10ffffn ? quoteRune(String.fromCodePoint(Number(n)), "'") : '\uFFFD';
      return pad(charged(`'${rune}'`, meter), spec, 'text', meter);
    }
    case 'U':
      return pad(charged(`U+${abs.toString(16).toUpperCase().padStart(4, '0')}`, meter), spec, 'text', meter);
    default:
      return undefined;
  }
  if (spec.prec !== undefined) {
    const width = n === 0n && spec.prec === 0 ? 0 : Math.max(digits.length, spec.prec);
    meter.bytes(width + prefix.length + 1);
    digits = width === 0 ? '' : digits.padStart(spec.prec, '0');
  } else meter.bytes(digits.length + prefix.length + 1);
  return pad(signed(neg, prefix + digits, spec), spec, spec.prec === undefined ? 'number' : 'spaces', meter);
}

function formatFloatVerb(f: number, verb: string, spec: Spec, meter: Meter): string | undefined {
  const format = verb === 'v' || verb === 'g' || verb === 'G' ? 'g' : verb === 'e' || verb === 'E' ? 'e' : verb === 'f' || verb === 'F' ? 'f' : undefined;
  if (!format) return undefined;
  // The precision is the one large part of a float (`%.999999f`): charge it before formatting,
  // then the few hundred digits at most that a double adds.
  const prec = spec.prec ?? (format === 'g' ? -1 : 6);
  meter.bytes(Math.max(prec, 0));
  let s = formatFloat(f, format, prec);
  meter.bytes(Math.max(s.length + 1 - Math.max(prec, 0), 0));
  if (!Number.isFinite(f)) return pad(s, spec, 'spaces', meter);
  if (verb === 'E' || verb === 'G') s = s.toUpperCase();
  const neg = s.startsWith('-');
  return pad(signed(neg, neg ? s.slice(1) : s, spec), spec, 'number', meter);
}
