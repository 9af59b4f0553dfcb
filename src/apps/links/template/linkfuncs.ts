/**
 * The functions golink adds to its link templates (`expandFuncMap` in golink.go):
 * `PathEscape`, `QueryEscape`, `TrimPrefix`, `TrimSuffix`, `ToLower`, `ToUpper` and `Match`.
 *
 * They are Go's `url.*`, `strings.*` and `regexp.MatchString` (a bad pattern gives false), so
 * existing golink destinations expand to the same URLs here.
 */
import type { FuncMap } from './builtins.js';
import { pathEscape, queryEscape } from './goescape.js';
import { goRegexpMatch } from './regexp.js';

const str = (fn: (...args: string[]) => unknown, arity: number): FuncMap[string] => ({
  params: Array<string>(arity).fill('string'),
  fn: (...args) => fn(...(args as string[])),
});

/**
 * golink's template functions.
 *
 * @example parseTemplate('{{PathEscape .}}', { funcs: linkFuncs }).execute('a/b') // 'a%2Fb'
 */
export const linkFuncs: FuncMap = {
  PathEscape: str(pathEscape, 1),
  QueryEscape: str(queryEscape, 1),
  TrimPrefix: str((s, prefix) => (s.startsWith(prefix) ? s.slice(prefix.length) : s), 2),
  TrimSuffix: str((s, suffix) => (suffix !== '' && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s), 2),
  ToLower: str((s) => s.toLowerCase(), 1),
  ToUpper: str((s) => s.toUpperCase(), 1),
  Match: str((pattern, s) => goRegexpMatch(pattern, s), 2),
};
