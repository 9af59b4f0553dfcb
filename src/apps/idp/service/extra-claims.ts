/**
 * Merging the `extraClaims` of several grant rules into one set of claims (reference §4.3), with
 * tsidp's combining rules kept and its bugs fixed:
 *
 * - scalars (string, number, boolean, null): the first value seen wins, as in tsidp;
 * - arrays: unioned over rules, in the order values first appear, duplicates (by JSON equality)
 *   dropped; a scalar and an array under one key become an array, as in tsidp. Unlike tsidp,
 *   values keep their JSON types (`[1, 2]` stays numbers, not `["1","2"]`) and their order;
 * - objects: kept whole, first wins (tsidp dropped them);
 * - a key the provider sets itself (`protectedClaims`) is never overwritten: it is dropped and
 *   reported, and the sign-in goes on (tsidp let `nonce`, `azp`, `picture`… be overwritten, and
 *   failed the whole request for other protected keys).
 *
 * @example
 *   mergeExtraClaims([{ groups: ['a'], nonce: 'x' }, { groups: ['b', 'a'], team: 'ops' }], new Set(['nonce']))
 *   // → { claims: { groups: ['a', 'b'], team: 'ops' }, dropped: ['nonce'] }
 */

export interface MergedClaims {
  /** The merged claims, keys in first-seen order. */
  claims: Record<string, unknown>;
  /** Protected keys that rules tried to set (each once, in first-seen order). */
  dropped: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Appends the items of `add` that `into` does not hold yet (JSON equality). */
function union(into: unknown[], add: readonly unknown[]): unknown[] {
  const seen = new Set(into.map((v) => JSON.stringify(v)));
  for (const v of add) {
    const key = JSON.stringify(v);
    if (!seen.has(key)) {
      seen.add(key);
      into.push(v);
    }
  }
  return into;
}

function combine(existing: unknown, value: unknown): unknown {
  if (isObject(existing)) return existing;
  if (Array.isArray(existing)) return Array.isArray(value) ? union(existing, value) : isObject(value) ? existing : union(existing, [value]);
  // existing is a scalar
  if (Array.isArray(value)) return union([existing], value);
  return existing;
}

/**
 * Merges `sources` in order (see the module comment). Never mutates its inputs.
 */
export function mergeExtraClaims(sources: readonly Record<string, unknown>[], protectedClaims: ReadonlySet<string>): MergedClaims {
  const claims: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (value === undefined) continue;
      if (protectedClaims.has(key)) {
        if (!dropped.includes(key)) dropped.push(key);
        continue;
      }
      if (!Object.hasOwn(claims, key)) {
        claims[key] = Array.isArray(value) ? union([], value) : value;
        continue;
      }
      claims[key] = combine(claims[key], value);
    }
  }
  return { claims, dropped };
}
