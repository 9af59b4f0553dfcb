/**
 * zod's validation issues as configuration problems in words: what the key expects ("expected
 * true or false, got a string"), one problem per unknown key with `did you mean "readonly"?`
 * (edit distance against the keys the schema knows at that level), and the key path as the user
 * wrote it. It reads schemas through zod 4's definition objects (`_zod.def`), so a plugin's schema
 * built with its own copy of zod is read the same way.
 *
 * A value is echoed back only where it cannot be a secret (a number, a boolean, or a string given
 * for a fixed set of choices); otherwise its kind is named ("got a string").
 *
 * @example
 *   const r = Schema.safeParse(raw);
 *   if (!r.success) problems.push(...zodProblems(r.error.issues, { input: raw, schema: Schema, prefix: ['apps', 'links'] }));
 */
import type { ConfigProblem } from './config-error.js';
import { didYouMean } from './did-you-mean.js';

/** What every zod 4 schema carries, from whichever copy of zod built it. */
interface ZodInternals {
  _zod?: {
    def?: {
      type?: string;
      shape?: Record<string, unknown>;
      innerType?: unknown;
      in?: unknown;
      element?: unknown;
      valueType?: unknown;
      options?: unknown[];
    };
  };
}

/** The part of a zod issue this module reads (zod 4's issue objects, from any copy of zod). */
export interface ZodIssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  pattern?: string;
  errors?: ZodIssueLike[][];
}

type Path = Array<string | number>;

/**
 * The keys of a (possibly defaulted, optional, nullable or transformed) zod object schema, or
 * undefined when it is not an object.
 */
export function objectShape(schema: unknown): Record<string, unknown> | undefined {
  let s = schema as ZodInternals | undefined;
  for (let i = 0; i < 8 && s; i++) {
    const def = s._zod?.def;
    if (def?.type === 'object') return def.shape;
    s = (def?.innerType ?? def?.in) as ZodInternals | undefined;
  }
  return undefined;
}

/** The schema of the value at `path` inside `schema`, following objects, lists and records. */
function schemaAt(schema: unknown, path: readonly PropertyKey[]): unknown {
  let s = schema as ZodInternals | undefined;
  for (const part of path) {
    for (let i = 0; i < 8 && s; i++) {
      const def = s._zod?.def;
      if (def?.type === 'object') {
        s = def.shape?.[String(part)] as ZodInternals | undefined;
        break;
      }
      if (def?.type === 'array') {
        s = def.element as ZodInternals | undefined;
        break;
      }
      if (def?.type === 'record') {
        s = def.valueType as ZodInternals | undefined;
        break;
      }
      if (def?.type === 'union') {
        s = def.options?.find((o) => objectShape(o)?.[String(part)] !== undefined) as ZodInternals | undefined;
        if (s) s = objectShape(s)?.[String(part)] as ZodInternals | undefined;
        break;
      }
      s = (def?.innerType ?? def?.in) as ZodInternals | undefined;
    }
  }
  return s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const part of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[part];
  }
  return v;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string in double quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object ({ … })',
  record: 'an object ({ … })',
  array: 'a list ([ … ])',
  null: 'null',
};

/** What was given, without echoing a string that could be a secret. */
function given(value: unknown, echoStrings = false): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === null) return 'null';
  if (typeof value === 'string') return echoStrings && value.length <= 40 ? JSON.stringify(value) : value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

const choices = (values: readonly unknown[]) =>
  values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;

function bound(issue: ZodIssueLike, low: boolean): string {
  const n = String(low ? issue.minimum : issue.maximum);
  const strict = issue.inclusive === false;
  if (issue.origin === 'string') return low && n === '1' && !strict ? 'a non-empty string' : `a string of ${low ? 'at least' : 'at most'} ${n} characters`;
  if (issue.origin === 'array' || issue.origin === 'set') return `a list of ${low ? 'at least' : 'at most'} ${n} entries`;
  const relation = low ? (strict ? 'greater than' : 'of at least') : strict ? 'less than' : 'of at most';
  return `${issue.origin === 'int' ? 'a whole number' : 'a number'} ${relation} ${n}`;
}

/** What the issue's key expects, in words (without what was given), if zod says. */
function expectation(issue: ZodIssueLike): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected ?? ''] ?? issue.expected;
    case 'invalid_value':
      return choices(issue.values ?? []);
    case 'too_small':
      return bound(issue, true);
    case 'too_big':
      return bound(issue, false);
    case 'invalid_format':
      // zod's own wording starts "Invalid"; a schema's own message (e.g. 'expected "host:port"') is better.
      if (!issue.message.startsWith('Invalid')) return undefined;
      return issue.format === 'url' ? 'a URL, e.g. "https://example.com"' : issue.format === 'regex' ? `a string matching ${issue.pattern}` : `a valid ${issue.format}`;
    case 'invalid_union': {
      const alternatives = (issue.errors ?? []).map((errs) => {
        const own = errs.find((e) => e.path.length === 0);
        return own ? expectation(own) : 'an object ({ … })';
      });
      return alternatives.every(Boolean) ? [...new Set(alternatives)].join(' or ') : undefined;
    }
    default:
      return undefined;
  }
}

export interface IssueContext {
  /** The value that was validated (to say what was given). */
  input: unknown;
  /** The schema it was validated with (to list the keys it knows). */
  schema: unknown;
  /** Where the validated value sits in the config, e.g. `['apps', 'links']`. */
  prefix?: Path;
  /** More keys accepted at the top of `input` than the schema declares (old spellings). */
  extraKeys?: readonly string[];
}

/** zod issues as problems in words (see the module comment). */
export function zodProblems(issues: readonly ZodIssueLike[], ctx: IssueContext): ConfigProblem[] {
  const prefix = ctx.prefix ?? [];
  const out: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    if (issue.code === 'unrecognized_keys') {
      const known = [...Object.keys(objectShape(schemaAt(ctx.schema, path)) ?? {}), ...(path.length === 0 ? (ctx.extraKeys ?? []) : [])];
      for (const key of issue.keys ?? []) out.push({ path: [...prefix, ...path, key], message: unknownKey(key, known) });
      continue;
    }
    const expected = expectation(issue);
    const value = valueAt(ctx.input, path);
    // Choices are never secret: echo what was written instead of them.
    const choice = issue.code === 'invalid_value' || (issue.errors ?? []).some((alt) => alt.some((e) => e.code === 'invalid_value'));
    const message = expected ? `expected ${expected}, got ${given(value, choice)}` : issue.message;
    out.push({ path: [...prefix, ...path], message });
  }
  return out;
}

/** "unknown key; did you mean "x"?" with the keys known there when they are few. */
export function unknownKey(key: string, known: readonly string[], what = 'key'): string {
  const guess = didYouMean(key, known);
  const list = known.length && known.length <= 14 ? ` (known ${what}s here: ${known.join(', ')})` : '';
  return guess ? `unknown ${what}; did you mean "${guess}"?${list}` : `unknown ${what}${list}`;
}
