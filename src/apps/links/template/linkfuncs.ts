/**
 * The functions golink adds to its link templates (`expandFuncMap` in golink.go):
 * `PathEscape`, `QueryEscape`, `TrimPrefix`, `TrimSuffix`, `ToLower`, `ToUpper` and `Match`.
 *
 * They are Go's `url.*`, `strings.*` and `regexp.MatchString` (a bad pattern gives false), so
 * existing golink destinations expand to the same URLs here. Each is metered (`budget.ts`): the
 * bytes it reads count as work, and its result (or an upper bound of it) is charged before it is
 * built; `Match` charges its automaton's states × the input length before it runs.
 */
import { byteLength, type Meter } from './budget.js';
import type { FuncMap } from './builtins.js';
import { goToLower, goToUpper } from './gocase.js';
import { pathEscape, queryEscape } from './goescape.js';
import { goRegexpMatch } from './regexp.js';
import { meteredFunc } from './values.js';

/** A function of `arity` strings, metered: it is given the run's meter and its string arguments. */
const str = (fn: (meter: Meter, ...args: string[]) => unknown, arity: number): FuncMap[string] =>
  meteredFunc(Array<string>(arity).fill('string'), (meter, ...args) => fn(meter, ...(args as string[])));

/** Most bytes an escape writes per input byte (`%XX`); most a case mapping does (`ΐ` to 3 code points). */
const ESCAPE_GROWTH = 3;
const CASE_GROWTH = 3;

/**
 * A string-to-string function whose result is at most `growth` times its input, charged first
 * with its work: `loop` for one that visits each character in JavaScript, else a native scan.
 */
const mapping = (fn: (s: string) => string, growth: number, loop: boolean): FuncMap[string] =>
  str((meter, s) => {
    if (loop) meter.loop(s.length);
    else meter.scan(s.length);
    meter.bytes(growth * byteLength(s));
    return fn(s);
  }, 1);

/**
 * golink's template functions.
 *
 * @example parseTemplate('{{PathEscape .}}', { funcs: linkFuncs }).execute('a/b') // 'a%2Fb'
 */
export const linkFuncs: FuncMap = {
  PathEscape: mapping(pathEscape, ESCAPE_GROWTH, true),
  QueryEscape: mapping(queryEscape, ESCAPE_GROWTH, true),
  TrimPrefix: str((meter, s, prefix) => {
    meter.scan(prefix.length);
    const out = s.startsWith(prefix) ? s.slice(prefix.length) : s;
    meter.bytes(byteLength(s) - (out === s ? 0 : byteLength(prefix)));
    return out;
  }, 2),
  TrimSuffix: str((meter, s, suffix) => {
    meter.scan(suffix.length);
    const out = suffix !== '' && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
    meter.bytes(byteLength(s) - (out === s ? 0 : byteLength(suffix)));
    return out;
  }, 2),
  ToLower: mapping(goToLower, CASE_GROWTH, false),
  ToUpper: mapping(goToUpper, CASE_GROWTH, false),
  Match: str((meter, pattern, s) => goRegexpMatch(pattern, s, meter), 2),
};
