/**
 * Turns what people type into an FTS5 query. FTS5 syntax (words, "phrases", prefix*, AND/OR/NOT,
 * parentheses, `filename:` / `content:` filters) passes through, but a bare word FTS5 would choke
 * on — `main.go`, `c++`, `-v`, `foo@bar` — is quoted as a phrase, so everyday searches never
 * fail. What is still malformed (an unterminated quote, a dangling `OR`) is reported by the
 * store as a SearchSyntaxError and answered 400.
 *
 * @example
 *   ftsQuery('main.go OR "exact phrase" kube*') // '"main.go" OR "exact phrase" kube*'
 */

const OPERATORS = new Set(['AND', 'OR', 'NOT']);
/** A token FTS5 reads as a plain term, a prefix term or a column filter, maybe in parentheses. */
const PLAIN = /^(\(*)([\p{L}\p{N}_]+\*?|(filename|content):[\p{L}\p{N}_]+\*?)(\)*)$/u;

/** Quotes the bare words FTS5 cannot parse; leaves operators, phrases and groups alone. */
export function ftsQuery(input: string): string {
  const out: string[] = [];
  // Phrases (even unterminated ones, which FTS5 then reports) are kept whole.
  for (const m of input.matchAll(/"[^"]*"?|[^\s"]+/g)) {
    const token = m[0];
    if (token.startsWith('"') || OPERATORS.has(token) || PLAIN.test(token)) out.push(token);
    else out.push(`"${token}"`);
  }
  return out.join(' ');
}
