/**
 * How Go values are represented in JavaScript while a template runs.
 *
 * | Go                      | JS                                              |
 * |-------------------------|-------------------------------------------------|
 * | string                  | string                                          |
 * | int (and other ints)    | bigint                                          |
 * | float64                 | number                                          |
 * | bool                    | boolean                                         |
 * | nil / missing value     | null or undefined                               |
 * | []any                   | readonly array                                  |
 * | map[string]any          | Map with string keys, or a plain object (own keys only) |
 * | named int (time.Month)  | {@link GoNamedInt}                              |
 * | struct with methods     | {@link GoObject} (e.g. {@link GoStruct}, GoTime) |
 * | func value              | {@link GoFunc}                                  |
 *
 * Only members that a {@link GoObject} lists can be reached: nothing of the JavaScript object
 * model (prototypes, constructors, getters) is ever visible to a template.
 */
import { type Meter, NO_METER } from './budget.js';

/** A Go parameter or result type, by name: `string`, `int`, `float64`, `bool`, `any`, or a named type such as `time.Time`. */
export type GoType = string;

/**
 * A callable: Go-typed parameters (the last one repeated when `variadic`) and a JS body.
 * A body that can produce large strings or loop over its input also comes `metered`: the
 * evaluator calls that one with the run's {@link Meter}, which it charges before it allocates.
 * Results of unmetered bodies (app methods such as `.User`) are charged after the call.
 */
export interface GoCallable {
  params: readonly GoType[];
  variadic?: boolean;
  fn: (...args: unknown[]) => unknown;
  metered?: (meter: Meter, ...args: unknown[]) => unknown;
}

/**
 * A callable from a metered body; its plain `fn` runs the same body charging nothing.
 *
 * @example meteredFunc(['string'], (m, s) => { m.bytes(2 * byteLength(s as string)); return `${s}${s}`; })
 */
export function meteredFunc(
  params: readonly GoType[],
  body: (meter: Meter, ...args: unknown[]) => unknown,
  variadic = false,
): GoCallable {
  return { params, variadic, fn: (...args) => body(NO_METER, ...args), metered: body };
}

/** A member of a {@link GoObject}: a plain field, or a method (called with the template arguments). */
export type GoMember = { field: unknown } | { method: GoCallable };

/** A struct-like value: a Go type name, a whitelist of members, and its `fmt` rendering. */
export interface GoObject {
  readonly goType: string;
  goMember(name: string): GoMember | undefined;
  /** `%v` rendering; `print` renders nested values. */
  goString(print: (v: unknown) => string): string;
}

/**
 * A struct assembled from a record of members.
 *
 * @example
 *   new GoStruct('golink.expandEnv', { Path: { field: 'a' }, User: { method: { params: [], fn: () => 'me' } } })
 */
export class GoStruct implements GoObject {
  private readonly members: ReadonlyMap<string, GoMember>;
  constructor(
    readonly goType: string,
    members: Readonly<Record<string, GoMember>>,
  ) {
    this.members = new Map(Object.entries(members));
  }
  goMember(name: string): GoMember | undefined {
    return this.members.get(name);
  }
  goString(print: (v: unknown) => string): string {
    const fields = [...this.members.values()].flatMap((m) => ('field' in m ? [m.field] : []));
    return `{${fields.map(print).join(' ')}}`;
  }
}

/**
 * An integer of a named type with a `String()` method, like `time.Month`: compares as an int,
 * prints as its name.
 *
 * @example new GoNamedInt('time.Month', 1n, 'January')
 */
export class GoNamedInt {
  constructor(
    readonly goType: string,
    readonly value: bigint,
    readonly name: string,
  ) {}
}

/**
 * A Go function value, usable only through the `call` builtin.
 *
 * @example new GoFunc({ params: ['string'], fn: (s) => `${s}!` })
 */
export class GoFunc {
  constructor(readonly callable: GoCallable) {}
}

/** Go's comparison kinds (`basicKind` in text/template). */
export type BasicKind = 'bool' | 'int' | 'float' | 'string' | undefined;

/** The basic kind of a value, or undefined for non-basic values. */
export function basicKind(v: unknown): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  return v instanceof GoNamedInt ? 'int' : undefined;
}

/** The integer inside an int-kind value. */
export function intValue(v: bigint | GoNamedInt): bigint {
  return typeof v === 'bigint' ? v : v.value;
}

export const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

/** A Go map: a Map, or a plain object used as `map[string]any`. */
export function isGoMap(v: unknown): v is ReadonlyMap<unknown, unknown> | Record<string, unknown> {
  if (v instanceof Map) return true;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Map entries with keys sorted as Go's `fmtsort` does for basic keys. */
export function sortedEntries(m: ReadonlyMap<unknown, unknown> | Record<string, unknown>): Array<[unknown, unknown]> {
  const entries: Array<[unknown, unknown]> = m instanceof Map ? [...m.entries()] : Object.entries(m);
  return entries.sort(([a], [b]) => {
    const x = a instanceof GoNamedInt ? a.value : a;
    const y = b instanceof GoNamedInt ? b.value : b;
    if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
    if ((typeof x === 'number' || typeof x === 'bigint') && (typeof y === 'number' || typeof y === 'bigint')) {
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return String(x) < String(y) ? -1 : 1;
  });
}

/** Looks up `key` in a Go map; undefined when absent. Plain objects answer only own keys. */
export function mapGet(m: ReadonlyMap<unknown, unknown> | Record<string, unknown>, key: unknown): unknown {
  if (m instanceof Map) return m.get(key);
  return typeof key === 'string' && Object.hasOwn(m, key) ? (m as Record<string, unknown>)[key] : undefined;
}

export function mapSize(m: ReadonlyMap<unknown, unknown> | Record<string, unknown>): number {
  return m instanceof Map ? m.size : Object.keys(m).length;
}

export function isGoObject(v: unknown): v is GoObject {
  return typeof v === 'object' && v !== null && 'goMember' in v && typeof v.goMember === 'function';
}

/**
 * Go type name of a value as Go error messages print it.
 *
 * @example goTypeName(1n) // 'int'
 */
export function goTypeName(v: unknown): string {
  if (isNil(v)) return '<nil>';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
  }
  if (v instanceof GoNamedInt) return v.goType;
  if (isGoObject(v)) return v.goType;
  if (v instanceof GoFunc) return `func(${v.callable.params.map(goTypeDisplay).join(', ')})`;
  if (Array.isArray(v)) return '[]interface {}';
  if (isGoMap(v)) return 'map[string]interface {}';
  return 'interface {}';
}

/** Display form of a {@link GoType}: `any` prints as Go's `interface {}`. */
export function goTypeDisplay(t: GoType): string {
  return t === 'any' ? 'interface {}' : t;
}

/**
 * Go truthiness (`template.IsTrue`): false for the zero value of a type and empty collections.
 *
 * @example isTrue('') // false
 */
export function isTrue(v: unknown): boolean {
  if (isNil(v)) return false;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'boolean':
      return v;
  }
  if (v instanceof GoNamedInt) return v.value !== 0n;
  if (Array.isArray(v)) return v.length > 0;
  if (isGoMap(v)) return mapSize(v) > 0;
  return true;
}
