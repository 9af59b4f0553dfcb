/**
 * A comment- and quote-aware SQL tokenizer for SQLite and PostgreSQL text, enough to tell which
 * statement a query is before anything is prepared (preparing is not harmless in SQLite: a
 * `PRAGMA query_only=0` or `PRAGMA hard_heap_limit=…` takes effect while it is compiled).
 *
 * Hand-written because the job is narrow (skip comments and quoted text exactly as the database
 * would, split top-level statements) and the parsers on npm either do not know both dialects'
 * quoting (PostgreSQL `$tag$…$tag$`, `E'…'` escapes and nested block comments; SQLite `[…]` and
 * backtick identifiers) or build a full AST and reject dialect syntax they do not know.
 *
 * @example
 *   tokenize("/* ' *\/ ATTACH 'x.db' AS y", 'sqlite').map((t) => t.text) // → ['ATTACH', "'x.db'", 'AS', 'y']
 */

export type Dialect = 'sqlite' | 'postgres';

export type TokenKind = 'word' | 'string' | 'quoted-ident' | 'number' | 'punct' | 'semicolon' | 'param';

export interface Token {
  kind: TokenKind;
  /** The token as written (quotes included). */
  text: string;
  /** For `word`: the upper-cased word; for `quoted-ident`: the identifier without quotes. */
  value: string;
  /** Offset of the first character in the input. */
  start: number;
}

/** The text ends inside a string, quoted identifier or block comment. */
export class UnterminatedError extends Error {
  override name = 'UnterminatedError';

  constructor(
    message: string,
    /** Offset of the quote or comment that never closes. */
    readonly at: number,
  ) {
    super(message);
  }
}

// Character classes by code unit (this runs on every query, twice).
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
const isWordPart = (c: number) => isWordStart(c) || isDigit(c) || c === 36;
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * Splits `sql` into tokens, dropping whitespace and comments. Throws {@link UnterminatedError}
 * when a quote or block comment never closes (the database would refuse the text too).
 */
export function tokenize(sql: string, dialect: Dialect): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const code = sql.charCodeAt(i);
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (isSpace(code)) {
      i++;
    } else if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
    } else if (ch === '/' && next === '*') {
      i = skipBlockComment(sql, i, dialect === 'postgres');
    } else if (ch === "'") {
      const end = closeQuote(sql, i, "'", false);
      out.push({ kind: 'string', text: sql.slice(i, end), value: '', start: i });
      i = end;
    } else if ((ch === 'E' || ch === 'e') && next === "'" && dialect === 'postgres') {
      const end = closeQuote(sql, i + 1, "'", true);
      out.push({ kind: 'string', text: sql.slice(i, end), value: '', start: i });
      i = end;
    } else if (ch === '"' || (dialect === 'sqlite' && ch === '`')) {
      const end = closeQuote(sql, i, ch, false);
      const text = sql.slice(i, end);
      out.push({ kind: 'quoted-ident', text, value: text.slice(1, -1).replaceAll(ch + ch, ch), start: i });
      i = end;
    } else if (ch === '[' && dialect === 'sqlite') {
      const end = sql.indexOf(']', i + 1);
      if (end < 0) throw new UnterminatedError('unterminated [identifier]', i);
      out.push({ kind: 'quoted-ident', text: sql.slice(i, end + 1), value: sql.slice(i + 1, end), start: i });
      i = end + 1;
    } else if (ch === '$' && dialect === 'postgres' && isDollarQuoteStart(sql, i)) {
      const tagEnd = sql.indexOf('$', i + 1);
      const tag = sql.slice(i, tagEnd + 1);
      const close = sql.indexOf(tag, tagEnd + 1);
      if (close < 0) throw new UnterminatedError(`unterminated dollar-quoted string ${tag}`, i);
      out.push({ kind: 'string', text: sql.slice(i, close + tag.length), value: '', start: i });
      i = close + tag.length;
    } else if (isWordStart(code)) {
      let j = i + 1;
      while (j < n && isWordPart(sql.charCodeAt(j))) j++;
      const text = sql.slice(i, j);
      out.push({ kind: 'word', text, value: text.toUpperCase(), start: i });
      i = j;
    } else if (isDigit(code) || (ch === '.' && isDigit(sql.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j] as string)) {
        // An exponent sign belongs to the number: 1e-5.
        j += /[eE]/.test(sql[j] as string) && /[+-]/.test(sql[j + 1] ?? '') ? 2 : 1;
      }
      out.push({ kind: 'number', text: sql.slice(i, j), value: '', start: i });
      i = j;
    } else if (ch === ';') {
      out.push({ kind: 'semicolon', text: ';', value: '', start: i });
      i++;
    } else if (dialect === 'sqlite' && (ch === '?' || ((ch === ':' || ch === '@' || ch === '$') && isWordPart(sql.charCodeAt(i + 1))))) {
      // SQLite parameters: ?, ?NNN, :name, @name, $name.
      let j = i + 1;
      while (j < n && isWordPart(sql.charCodeAt(j))) j++;
      out.push({ kind: 'param', text: sql.slice(i, j), value: '', start: i });
      i = j;
    } else {
      out.push({ kind: 'punct', text: ch, value: ch, start: i });
      i++;
    }
  }
  return out;
}

/** Index just past the closing quote that matches the one at `start` (doubling escapes it). */
function closeQuote(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  for (;;) {
    const ch = sql[i];
    if (ch === undefined) throw new UnterminatedError(`unterminated quoted text starting at offset ${start}`, start);
    if (backslashEscapes && ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
}

/** Index just past a block comment; PostgreSQL nests them, SQLite does not (and lets one run to the end). */
function skipBlockComment(sql: string, start: number, nested: boolean): number {
  let depth = 1;
  let i = start + 2;
  while (i < sql.length) {
    if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0 || !nested) return i;
    } else if (nested && sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else {
      i++;
    }
  }
  if (nested) throw new UnterminatedError('unterminated /* comment', start);
  return sql.length;
}

/** `$$` or `$tag$` (tag: letters, digits, underscores, not starting with a digit) opens a dollar quote. */
function isDollarQuoteStart(sql: string, i: number): boolean {
  const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 66));
  return m !== null;
}

/**
 * The tokens split into top-level statements at `;` (empty statements dropped).
 *
 * @example
 *   statements(tokenize('select 1;; select 2;', 'sqlite')).length // → 2
 */
export function statements(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    if (t.kind === 'semicolon') {
      if (cur.length) out.push(cur);
      cur = [];
    } else {
      cur.push(t);
    }
  }
  if (cur.length) out.push(cur);
  return out;
}
