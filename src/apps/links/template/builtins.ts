/**
 * Go text/template's predefined functions (`and or not len index slice print printf println
 * urlquery html js call eq ne lt le gt ge`) with Go's semantics and error texts.
 *
 * `and`, `or` and `call` are declared here for their signatures but evaluated by `exec.ts`,
 * because `and`/`or` short-circuit and `call` needs the callee's name, exactly as in Go.
 *
 * Every builtin that reads or builds strings is metered (see `budget.ts`): it charges the bytes
 * it reads as work and the size of its result (exact, or an upper bound for escapes) before it
 * builds it.
 */
import { byteLength, type Meter } from './budget.js';
import { sprint, sprintValue, sprintf, sprintln } from './fmt.js';
import { queryEscape } from './goescape.js';
import {
  type BasicKind,
  type GoCallable,
  GoFunc,
  GoNamedInt,
  basicKind,
  goTypeDisplay,
  goTypeName,
  intValue,
  isGoMap,
  isGoObject,
  isNil,
  isTrue,
  mapGet,
  mapSize,
  meteredFunc,
} from './values.js';

/** Functions by name, as a template's function map. */
export type FuncMap = Readonly<Record<string, GoCallable>>;

/** Go's `evalArgs`: one string argument as is, otherwise `fmt.Sprint` with nil as `<no value>`. */
function evalArgs(meter: Meter, args: readonly unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(
    args.map((a) => (isNil(a) ? '<no value>' : a)),
    meter,
  );
}

/** Go's `indexArg`: an int index within [0, cap]. */
function indexArg(index: unknown, cap: number): number {
  if (isNil(index)) throw new Error('cannot index slice/array with nil');
  if (typeof index !== 'bigint' && !(index instanceof GoNamedInt)) {
    throw new Error(`cannot index slice/array with type ${goTypeName(index)}`);
  }
  const x = intValue(index);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

function index(meter: Meter, item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('index of untyped nil');
  let v: unknown = item;
  for (const i of indexes) {
    if (typeof v === 'string') {
      meter.scan(v.length);
      const n = byteLength(v);
      const x = indexArg(i, n);
      if (x >= n) throw new Error(`index out of range: ${x}`);
      v = BigInt(n === v.length ? v.charCodeAt(x) : (Buffer.from(v, 'utf8')[x] as number));
    } else if (Array.isArray(v)) {
      const x = indexArg(i, v.length);
      if (x >= v.length) throw new Error(`index out of range: ${x}`);
      v = v[x];
    } else if (isGoMap(v)) {
      if (typeof i !== 'string') {
        throw new Error(
          isNil(i) ? 'value is nil; should be of type string' : `value has type ${goTypeName(i)}; should be string`,
        );
      }
      const found = mapGet(v, i);
      v = found === undefined ? null : found;
    } else throw new Error(`can't index item of type ${goTypeName(v)}`);
  }
  return v;
}

/** Bytes per element charged for a slice of an array (a pointer each). */
const ELEMENT_BYTES = 8;

function slice(meter: Meter, item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  if (typeof item === 'string' && indexes.length === 3) throw new Error('cannot 3-index slice a string');
  if (typeof item !== 'string' && !Array.isArray(item)) throw new Error(`can't slice item of type ${goTypeName(item)}`);
  if (typeof item === 'string') meter.scan(item.length);
  const size = typeof item === 'string' ? byteLength(item) : (item as unknown[]).length;
  const idx = [0, size, size];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(x, size);
  });
  const [lo, hi, max] = idx as [number, number, number];
  if (lo > hi) throw new Error(`invalid slice index: ${lo} > ${hi}`);
  if (indexes.length === 3 && hi > max) throw new Error(`invalid slice index: ${hi} > ${max}`);
  if (Array.isArray(item)) {
    meter.bytes((hi - lo) * ELEMENT_BYTES);
    return item.slice(lo, hi);
  }
  const s = item as string;
  if (size === s.length) {
    meter.bytes(hi - lo);
    return s.slice(lo, hi);
  }
  // Cutting inside a multi-byte character leaves bytes that decode as U+FFFD, 3 bytes each.
  meter.bytes(3 * (hi - lo));
  return Buffer.from(s, 'utf8').subarray(lo, hi).toString('utf8');
}

function length(meter: Meter, item: unknown): bigint {
  if (isNil(item)) throw new Error('len of nil pointer');
  if (typeof item === 'string') {
    meter.scan(item.length);
    return BigInt(byteLength(item));
  }
  if (Array.isArray(item)) return BigInt(item.length);
  if (isGoMap(item)) return BigInt(mapSize(item));
  throw new Error(`len of type ${goTypeName(item)}`);
}

function compareBasic(k: BasicKind, a: unknown, b: unknown): number {
  const x = k === 'int' ? intValue(a as bigint | GoNamedInt) : (a as number | string | boolean);
  const y = k === 'int' ? intValue(b as bigint | GoNamedInt) : (b as number | string | boolean);
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : Number.NaN;
}

const incompatible = (a: unknown, b: unknown): Error =>
  new Error(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);

/** Charges comparing two strings (their common length); other values compare in constant time. */
function scanCompare(meter: Meter, a: unknown, b: unknown): void {
  if (typeof a === 'string' && typeof b === 'string') meter.scan(Math.min(a.length, b.length));
}

function eq(meter: Meter, arg1: unknown, ...arg2: unknown[]): boolean {
  if (arg2.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of arg2) {
    scanCompare(meter, arg1, arg);
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (!isNil(arg1) && !isNil(arg)) throw incompatible(arg1, arg);
    } else if (k1 !== undefined) {
      truth = compareBasic(k1, arg1, arg) === 0;
    } else if (isNil(arg1) || isNil(arg)) {
      truth = isNil(arg1) && isNil(arg);
    } else {
      for (const v of [arg1, arg]) {
        if (Array.isArray(v) || isGoMap(v) || v instanceof GoFunc) {
          throw new Error(`non-comparable type ${sprintValue(v)}: ${goTypeName(v)}`);
        }
      }
      truth =
        arg1 === arg ||
        (isGoObject(arg1) && isGoObject(arg) && arg1.goType === arg.goType && sprintValue(arg1) === sprintValue(arg));
    }
    if (truth) return true;
  }
  return false;
}

function lt(meter: Meter, a: unknown, b: unknown): boolean {
  scanCompare(meter, a, b);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === undefined || k2 === undefined) throw new Error('invalid type for comparison');
  if (k1 !== k2) throw incompatible(a, b);
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  return compareBasic(k1, a, b) < 0;
}

const htmlEscapes: Readonly<Record<string, string>> = {
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\0': '\uFFFD',
};

/** Go's `template.HTMLEscapeString`. */
export function htmlEscape(s: string): string {
  return s.replace(/["'&<>\0]/g, (c) => htmlEscapes[c] ?? c);
}

/** The UTF-8 size of `htmlEscape(s)`, counted without building it. */
function htmlEscapedLength(s: string): number {
  let extra = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x27 || c === 0x26) extra += 4;
    else if (c === 0x3c || c === 0x3e) extra += 3;
    else if (c === 0) extra += 2;
  }
  return byteLength(s) + extra;
}

const jsEscapes: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

/** Most bytes `jsEscape` writes per input byte (`\u003C` for `<`). */
const JS_GROWTH = 6;

/** Go's `template.JSEscapeString`. */
export function jsEscape(s: string): string {
  return s.replace(/[\\'"<>&=\x00-\x1f]|[^\x00-\x7f]/gu, (c) => {
    const mapped = jsEscapes[c];
    if (mapped) return mapped;
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x20) return `\\u00${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    if (/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c)) return c;
    return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** Most bytes `queryEscape` writes per input byte (`%XX`). */
const URL_GROWTH = 3;

/** An escaping builtin: its input read and its result charged (`size`, exact or a bound) first. */
const escaper = (escapeFn: (s: string) => string, size: (s: string) => number): GoCallable =>
  meteredFunc(
    ['any'],
    (meter, ...args) => {
      const s = evalArgs(meter, args);
      meter.loop(s.length);
      meter.bytes(size(s));
      return escapeFn(s);
    },
    true,
  );

/**
 * The `call` builtin: invokes a {@link GoFunc} value with type-checked arguments (evaluated by
 * `exec.ts`, which knows the callee's name for Go's messages).
 *
 * @example callValue('.F', new GoFunc({ params: ['string'], fn: (s) => s }), ['x']) // 'x'
 */
export function callValue(calleeName: string, callee: unknown, args: readonly unknown[]): unknown {
  if (isNil(callee)) throw new Error('call of nil');
  if (!(callee instanceof GoFunc)) throw new Error(`non-function ${calleeName} of type ${goTypeName(callee)}`);
  const { params, variadic } = callee.callable;
  if (variadic ? args.length < params.length - 1 : args.length !== params.length) {
    const want = variadic ? `at least ${params.length - 1}` : `${params.length}`;
    throw new Error(`wrong number of args for ${calleeName}: got ${args.length} want ${want}`);
  }
  args.forEach((a, i) => {
    const t = params[Math.min(i, params.length - 1)] ?? 'any';
    if (t !== 'any' && goTypeName(a) !== t) {
      throw new Error(`arg ${i}: value has type ${goTypeName(a)}; should be ${goTypeDisplay(t)}`);
    }
  });
  return callee.callable.fn(...args);
}

const anyArgs = (body: (meter: Meter, ...args: unknown[]) => unknown): GoCallable => meteredFunc(['any'], body, true);
const compare = (body: (meter: Meter, a: unknown, b: unknown) => unknown): GoCallable =>
  meteredFunc(['any', 'any'], (meter, a, b) => body(meter, a, b));
const unreachable = (): never => {
  throw new Error('evaluated by exec');
};

/** The builtin functions, by name. */
export const builtins: ReadonlyMap<string, GoCallable> = new Map<string, GoCallable>([
  ['and', { params: ['any', 'any'], variadic: true, fn: unreachable }],
  ['or', { params: ['any', 'any'], variadic: true, fn: unreachable }],
  ['call', { params: ['any', 'any'], variadic: true, fn: unreachable }],
  ['not', { params: ['any'], fn: (a) => !isTrue(a) }],
  ['len', meteredFunc(['any'], length)],
  ['index', meteredFunc(['any', 'any'], index, true)],
  ['slice', meteredFunc(['any', 'any'], slice, true)],
  ['print', anyArgs((meter, ...a) => sprint(a, meter))],
  ['println', anyArgs((meter, ...a) => sprintln(a, meter))],
  ['printf', meteredFunc(['string', 'any'], (meter, f, ...a) => sprintf(f as string, a, meter), true)],
  ['urlquery', escaper(queryEscape, (s) => URL_GROWTH * byteLength(s))],
  ['html', escaper(htmlEscape, htmlEscapedLength)],
  ['js', escaper(jsEscape, (s) => JS_GROWTH * byteLength(s))],
  ['eq', meteredFunc(['any', 'any'], eq, true)],
  ['ne', compare((m, a, b) => !eq(m, a, b))],
  ['lt', compare(lt)],
  ['le', compare((m, a, b) => lt(m, a, b) || eq(m, a, b))],
  ['gt', compare((m, a, b) => !(lt(m, a, b) || eq(m, a, b)))],
  ['ge', compare((m, a, b) => !lt(m, a, b))],
]);
