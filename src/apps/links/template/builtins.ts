/**
 * Go text/template's predefined functions (`and or not len index slice print printf println
 * urlquery html js call eq ne lt le gt ge`) with Go's semantics and error texts.
 *
 * `and`, `or` and `call` are declared here for their signatures but evaluated by `exec.ts`,
 * because `and`/`or` short-circuit and `call` needs the callee's name, exactly as in Go.
 */
import { sprint, sprintValue, sprintf, sprintln } from './fmt.js';
import { queryEscape } from './goescape.js';
import {
  type BasicKind,
  type GoCallable,
  GoFunc,
  GoNamedInt,
  basicKind,
  goTypeName,
  intValue,
  isGoMap,
  isGoObject,
  isNil,
  isTrue,
  mapGet,
  mapSize,
} from './values.js';

/** Functions by name, as a template's function map. */
export type FuncMap = Readonly<Record<string, GoCallable>>;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Go's `evalArgs`: one string argument as is, otherwise `fmt.Sprint` with nil as `<no value>`. */
function evalArgs(args: readonly unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (isNil(a) ? '<no value>' : a)));
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

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('index of untyped nil');
  let v: unknown = item;
  for (const i of indexes) {
    if (typeof v === 'string' || Array.isArray(v)) {
      const seq = typeof v === 'string' ? utf8(v) : v;
      const x = indexArg(i, seq.length);
      if (x >= seq.length) throw new Error(`index out of range: ${x}`);
      v = typeof v === 'string' ? BigInt(seq[x] as number) : seq[x];
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

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  if (typeof item === 'string' && indexes.length === 3) throw new Error('cannot 3-index slice a string');
  if (typeof item !== 'string' && !Array.isArray(item)) throw new Error(`can't slice item of type ${goTypeName(item)}`);
  const seq = typeof item === 'string' ? utf8(item) : (item as unknown[]);
  const idx = [0, seq.length, seq.length];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(x, seq.length);
  });
  const [lo, hi, max] = idx as [number, number, number];
  if (lo > hi) throw new Error(`invalid slice index: ${lo} > ${hi}`);
  if (indexes.length === 3 && hi > max) throw new Error(`invalid slice index: ${hi} > ${max}`);
  return typeof item === 'string' ? new TextDecoder().decode(seq.slice(lo, hi) as Uint8Array) : seq.slice(lo, hi);
}

function length(item: unknown): bigint {
  if (isNil(item)) throw new Error('len of nil pointer');
  if (typeof item === 'string') return BigInt(utf8(item).length);
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

function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  if (arg2.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of arg2) {
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

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === undefined || k2 === undefined) throw new Error('invalid type for comparison');
  if (k1 !== k2) throw incompatible(a, b);
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  return compareBasic(k1, a, b) < 0;
}

/** Go's `template.HTMLEscapeString`. */
export function htmlEscape(s: string): string {
  const map: Readonly<Record<string, string>> = {
    '"': '&#34;',
    "'": '&#39;',
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '\0': '\uFFFD',
  };
  return s.replace(/["'&<>\0]/g, (c) => map[c] ?? c);
}

/** Go's `template.JSEscapeString`. */
export function jsEscape(s: string): string {
  const map: Readonly<Record<string, string>> = {
    '\\': '\\\\',
    "'": "\\'",
    '"': '\\"',
    '<': '\\u003C',
    '>': '\\u003E',
    '&': '\\u0026',
    '=': '\\u003D',
  };
  let out = '';
  for (const c of s) {
    const cp = c.codePointAt(0) ?? 0;
    const mapped = map[c];
    if (mapped) out += mapped;
    else if (cp < 0x20) out += `\\u00${cp.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (cp >= 0x80 && !/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c)) {
      out += `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += c;
  }
  return out;
}

const anyArgs = (fn: (...args: unknown[]) => unknown): GoCallable => ({ params: ['any'], variadic: true, fn });
const two = (fn: (a: unknown, b: unknown) => unknown): GoCallable => ({
  params: ['any', 'any'],
  fn: (a, b) => fn(a, b),
});
const unreachable = (): never => {
  throw new Error('evaluated by exec');
};

/** The builtin functions, by name. */
export const builtins: ReadonlyMap<string, GoCallable> = new Map<string, GoCallable>([
  ['and', { params: ['any', 'any'], variadic: true, fn: unreachable }],
  ['or', { params: ['any', 'any'], variadic: true, fn: unreachable }],
  ['call', { params: ['any', 'any'], variadic: true, fn: unreachable }],
  ['not', { params: ['any'], fn: (a) => !isTrue(a) }],
  ['len', { params: ['any'], fn: length }],
  ['index', { params: ['any', 'any'], variadic: true, fn: index }],
  ['slice', { params: ['any', 'any'], variadic: true, fn: slice }],
  ['print', anyArgs((...a) => sprint(a))],
  ['println', anyArgs((...a) => sprintln(a))],
  ['printf', { params: ['string', 'any'], variadic: true, fn: (f, ...a) => sprintf(f as string, a) }],
  ['urlquery', anyArgs((...a) => queryEscape(evalArgs(a)))],
  ['html', anyArgs((...a) => htmlEscape(evalArgs(a)))],
  ['js', anyArgs((...a) => jsEscape(evalArgs(a)))],
  ['eq', { params: ['any', 'any'], variadic: true, fn: eq }],
  ['ne', two((a, b) => !eq(a, b))],
  ['lt', two(lt)],
  ['le', two((a, b) => lt(a, b) || eq(a, b))],
  ['gt', two((a, b) => !(lt(a, b) || eq(a, b)))],
  ['ge', two((a, b) => !lt(a, b))],
]);
