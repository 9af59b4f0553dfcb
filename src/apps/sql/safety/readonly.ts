/**
 * Read-only statement classification, run on the raw text before the database sees it.
 *
 * This is the first of several gates (the SQLite runner also opens files read-only, turns
 * `query_only` on before every query and requires `stmt.readonly`; PostgreSQL runs every query in
 * `BEGIN READ ONLY`, always rolled back). It must come before `prepare`, because SQLite applies
 * some PRAGMAs while compiling them (`PRAGMA query_only=0`, `hard_heap_limit=…`, even under EXPLAIN).
 *
 * Rule: every statement without parameters (SQLite's `?`, `:name`…: nothing binds them) is of an
 * allowed kind. SQLite: SELECT, VALUES, WITH, EXPLAIN [QUERY PLAN] of one of those, or a PRAGMA
 * from {@link SQLITE_READ_PRAGMAS} in its reading form (no `=`; a parenthesised argument only for
 * the table-introspection ones). PostgreSQL: exactly one statement, SELECT, VALUES, WITH, TABLE,
 * SHOW, EXPLAIN of those. Everything else is refused with a message saying why. Because the first
 * keyword decides, words inside strings, comments or identifiers never cause false refusals
 * (tailsql's blocklist refused `select temp from readings`).
 *
 * SQLite text is taken as tailsql's driver takes it (issue 19): several statements run in order
 * and the verdict lists them ({@link StatementText}); none at all (`;`, `-- x`) is an empty answer;
 * a statement that cannot be SQL (no statement keyword first, or a quote that never closes) is
 * left to SQLite, whose syntax error names the problem better than a refusal could. PostgreSQL
 * text whose first word begins no statement ({@link STATEMENT_START}: a typo like `SELEC 1`) is
 * likewise passed to the server's parser; the gates after this one still hold.
 *
 * @example
 *   checkReadOnly('select * from users', 'sqlite')          // → { ok: true, kind: 'SELECT', statements: [{ sql: 'select * from users', last: true, kind: 'SELECT' }] }
 *   checkReadOnly("/* ' *\/ ATTACH 'x' AS y", 'sqlite')    // → { ok: false, reason: 'ATTACH is not allowed: …' }
 */
import { type Dialect, type Token, tokenize, statements, UnterminatedError } from './tokenizer.js';

/** One statement of an allowed text, cut as SQLite's prepare cuts it. */
export interface StatementText {
  /**
   * From just after the previous `;` through its own `;` (or the end of the text): SQLite names a
   * column after the text of its expression, up to the next token (`select 1 -- end` → `1 -- end`).
   */
  sql: string;
  /** Nothing at all follows it: tailsql's driver then lets it answer even when it returns no rows. */
  last: boolean;
  /** Its first keyword (SELECT, VALUES, WITH, PRAGMA, EXPLAIN), or SYNTAX-ERROR for text left to SQLite. */
  kind: string;
  /** `PRAGMA journal_mode`: SQLite calls it a writer even in its reading form. */
  readsJournalMode?: boolean;
}

type StatementVerdict = { ok: true; kind: string } | { ok: false; reason: string };
export type ReadOnlyVerdict = Readonly<{ ok: true; kind: string; statements: readonly StatementText[] } | { ok: false; reason: string }>;

const QUERY_START: Record<Dialect, ReadonlySet<string>> = {
  sqlite: new Set(['SELECT', 'VALUES', 'WITH']),
  postgres: new Set(['SELECT', 'VALUES', 'WITH', 'TABLE']),
};

/**
 * The words a statement of each dialect can begin with (SQLite's grammar; PostgreSQL's SQL
 * commands, 16). Anything else cannot run, whatever follows: the parser refuses it.
 */
const STATEMENT_START: Record<Dialect, ReadonlySet<string>> = {
  sqlite: new Set([
    'ALTER', 'ANALYZE', 'ATTACH', 'BEGIN', 'COMMIT', 'CREATE', 'DELETE', 'DETACH', 'DROP', 'END', 'EXPLAIN', 'INSERT', 'PRAGMA',
    'REINDEX', 'RELEASE', 'REPLACE', 'ROLLBACK', 'SAVEPOINT', 'SELECT', 'UPDATE', 'VACUUM', 'VALUES', 'WITH',
  ]),
  postgres: new Set([
    'ABORT', 'ALTER', 'ANALYZE', 'ANALYSE', 'BEGIN', 'CALL', 'CHECKPOINT', 'CLOSE', 'CLUSTER', 'COMMENT', 'COMMIT', 'COPY', 'CREATE',
    'DEALLOCATE', 'DECLARE', 'DELETE', 'DISCARD', 'DO', 'DROP', 'END', 'EXECUTE', 'EXPLAIN', 'FETCH', 'GRANT', 'IMPORT', 'INSERT',
    'LISTEN', 'LOAD', 'LOCK', 'MERGE', 'MOVE', 'NOTIFY', 'PREPARE', 'REASSIGN', 'REFRESH', 'REINDEX', 'RELEASE', 'RESET', 'REVOKE',
    'ROLLBACK', 'SAVEPOINT', 'SECURITY', 'SELECT', 'SET', 'SHOW', 'START', 'TABLE', 'TRUNCATE', 'UNLISTEN', 'UPDATE', 'VACUUM',
    'VALUES', 'WITH',
  ]),
};

/** PRAGMAs that only report, in their reading form (`PRAGMA name` / `PRAGMA schema.name`). */
export const SQLITE_READ_PRAGMAS: ReadonlySet<string> = new Set([
  'APPLICATION_ID', 'AUTO_VACUUM', 'AUTOMATIC_INDEX', 'BUSY_TIMEOUT', 'CACHE_SIZE', 'COLLATION_LIST',
  'COMPILE_OPTIONS', 'DATA_VERSION', 'DATABASE_LIST', 'ENCODING', 'FOREIGN_KEYS', 'FREELIST_COUNT',
  'FUNCTION_LIST', 'JOURNAL_MODE', 'JOURNAL_SIZE_LIMIT', 'MAX_PAGE_COUNT', 'MODULE_LIST', 'PAGE_COUNT',
  'PAGE_SIZE', 'PRAGMA_LIST', 'QUERY_ONLY', 'RECURSIVE_TRIGGERS', 'SCHEMA_VERSION', 'SECURE_DELETE',
  'SYNCHRONOUS', 'TEMP_STORE', 'USER_VERSION', 'LOCKING_MODE', 'IGNORE_CHECK_CONSTRAINTS', 'DEFER_FOREIGN_KEYS',
  'TRUSTED_SCHEMA', 'REVERSE_UNORDERED_SELECTS', 'CELL_SIZE_CHECK', 'CASE_SENSITIVE_LIKE', 'MMAP_SIZE', 'THREADS',
  'WAL_AUTOCHECKPOINT', 'SOFT_HEAP_LIMIT',
  ...['TABLE_INFO', 'TABLE_XINFO', 'TABLE_LIST', 'INDEX_LIST', 'INDEX_INFO', 'INDEX_XINFO', 'FOREIGN_KEY_LIST'],
  ...['FOREIGN_KEY_CHECK', 'INTEGRITY_CHECK', 'QUICK_CHECK'],
]);

/** The PRAGMAs of the list above that take a parenthesised table, index or row-limit argument. */
const SQLITE_PRAGMAS_WITH_ARG: ReadonlySet<string> = new Set([
  'TABLE_INFO', 'TABLE_XINFO', 'TABLE_LIST', 'INDEX_LIST', 'INDEX_INFO', 'INDEX_XINFO', 'FOREIGN_KEY_LIST',
  'FOREIGN_KEY_CHECK', 'INTEGRITY_CHECK', 'QUICK_CHECK',
]);

const WHY: Record<string, string> = {
  ATTACH: 'it would open another database file',
  DETACH: 'it changes the connection',
  VACUUM: 'it writes a database file',
  CREATE: 'it changes the schema',
  DROP: 'it changes the schema',
  ALTER: 'it changes the schema',
  INSERT: 'it writes',
  UPDATE: 'it writes',
  DELETE: 'it writes',
  REPLACE: 'it writes',
  MERGE: 'it writes',
  TRUNCATE: 'it writes',
  COPY: 'it reads or writes files or programs',
  BEGIN: 'the console manages transactions itself',
  COMMIT: 'the console manages transactions itself',
  END: 'the console manages transactions itself',
  ROLLBACK: 'the console manages transactions itself',
  SAVEPOINT: 'the console manages transactions itself',
  RELEASE: 'the console manages transactions itself',
  START: 'the console manages transactions itself',
  SET: 'it changes session settings',
  RESET: 'it changes session settings',
  DO: 'it runs procedural code',
  CALL: 'it runs procedures',
  GRANT: 'it changes privileges',
  REVOKE: 'it changes privileges',
};

/** Verdicts of recent texts: a console or a script sends the same queries again and again. */
const recent = new Map<string, ReadOnlyVerdict>();
const RECENT_MAX = 256;
/** Longer texts are checked each time (the cache stays under about a megabyte). */
const RECENT_TEXT_MAX = 4096;

/** Classifies `sql` for `dialect`; see the module comment for the rules. */
export function checkReadOnly(sql: string, dialect: Dialect): ReadOnlyVerdict {
  if (sql.length > RECENT_TEXT_MAX) return checkText(sql, dialect);
  const key = `${dialect}\0${sql}`;
  let verdict = recent.get(key);
  if (verdict === undefined) {
    verdict = checkText(sql, dialect);
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
    recent.set(key, verdict);
  }
  return verdict;
}

function checkText(sql: string, dialect: Dialect): ReadOnlyVerdict {
  let tokens: Token[];
  try {
    tokens = tokenize(sql, dialect);
  } catch (err) {
    if (!(err instanceof UnterminatedError)) throw err;
    if (dialect === 'postgres') return refuse(`the query is incomplete: ${err.message}`);
    // SQLite stops at the quote with "unrecognized token"; what comes before it is still checked.
    const rest = sql.slice(err.at);
    tokens = [...tokenize(sql.slice(0, err.at), dialect), { kind: 'punct', text: rest, value: rest, start: err.at }];
  }
  if (dialect === 'postgres') {
    const stmts = statements(tokens);
    if (stmts.length === 0) return refuse('the query contains no SQL statement (only comments or semicolons)');
    if (stmts.length > 1) return refuse(`only one statement per query is allowed; this text has ${stmts.length}`);
    const v = checkStatement(stmts[0] as Token[], dialect);
    return v.ok ? { ...v, statements: [{ sql, last: true, kind: v.kind }] } : v;
  }
  const out: StatementText[] = [];
  for (const part of sqliteStatements(sql, tokens)) {
    const v = checkStatement(part.tokens, dialect);
    if (!v.ok) return v;
    const text = { sql: part.sql, last: part.last, kind: v.kind };
    out.push(isJournalModeRead(part.tokens) ? { ...text, readsJournalMode: true } : text);
  }
  return { ok: true, kind: out[0]?.kind ?? 'EMPTY', statements: out };
}

interface SqlitePart {
  sql: string;
  last: boolean;
  tokens: Token[];
}

/** The statements as SQLite's prepare walks the text: each through its `;`, empty ones skipped. */
function sqliteStatements(sql: string, tokens: readonly Token[]): SqlitePart[] {
  const out: SqlitePart[] = [];
  let from = 0;
  let cur: Token[] = [];
  for (const t of tokens) {
    if (t.kind !== 'semicolon') {
      cur.push(t);
      continue;
    }
    const end = t.start + 1;
    if (cur.length) out.push({ sql: sql.slice(from, end), last: end === sql.length, tokens: cur });
    from = end;
    cur = [];
  }
  if (cur.length) out.push({ sql: sql.slice(from), last: true, tokens: cur });
  return out;
}

function checkStatement(stmt: Token[], dialect: Dialect): StatementVerdict {
  const first = stmt[0] as Token;
  // Not a statement (a typo, a stray word): the parser's syntax error says so better than "read-only".
  if (first.kind !== 'word' || !STATEMENT_START[dialect].has(first.value)) return { ok: true, kind: 'SYNTAX-ERROR' };
  const param = stmt.find((t) => t.kind === 'param');
  // Nothing gives a parameter a value (tailsql has no bindings either): say so, not the driver's error.
  if (param) return refuse(`${param.text} is a query parameter, and the console has no value for it: write the value into the query`);
  return classify(stmt, dialect, false);
}

function isJournalModeRead(stmt: Token[]): boolean {
  const name = stmt[1]?.text === undefined ? undefined : stmt[2]?.text === '.' ? stmt[3] : stmt[1];
  return stmt[0]?.value === 'PRAGMA' && name?.kind === 'word' && name.value === 'JOURNAL_MODE' && stmt.at(-1) === name;
}

function classify(stmt: Token[], dialect: Dialect, underExplain: boolean): StatementVerdict {
  const first = stmt[0] as Token;
  const kw = first.kind === 'word' ? first.value : first.text;
  if (kw === 'WITH') {
    const main = withMainKeyword(stmt);
    if (main && !QUERY_START[dialect].has(main)) return refuse(`WITH … ${main} is not allowed: ${WHY[main] ?? 'the SQL console is read-only'}`);
  }
  if (QUERY_START[dialect].has(kw)) return { ok: true, kind: kw };
  if (kw === 'EXPLAIN' && !underExplain) return classifyExplain(stmt, dialect);
  if (kw === 'SHOW' && dialect === 'postgres' && !underExplain) return { ok: true, kind: kw };
  if (kw === 'PRAGMA' && dialect === 'sqlite' && !underExplain) return classifyPragma(stmt);
  if (kw === 'PRAGMA' && underExplain) return refuse('EXPLAIN PRAGMA is not allowed: SQLite applies a PRAGMA while compiling it');
  // Not a statement (a typo, a stray word): the parser's syntax error says so better than "read-only".
  if (first.kind !== 'word' || !STATEMENT_START[dialect].has(kw)) return { ok: true, kind: 'SYNTAX-ERROR' };
  const why = WHY[kw] ?? 'the SQL console is read-only';
  return refuse(`${kw} is not allowed: ${why}. Only SELECT-style queries (SELECT, VALUES, WITH … SELECT${dialect === 'postgres' ? ', TABLE, SHOW' : ', read-only PRAGMAs'}, EXPLAIN) run here.`);
}

/** The statement a `WITH` clause leads to: the first top-level SELECT/VALUES/INSERT/UPDATE/DELETE/REPLACE/MERGE. */
function withMainKeyword(stmt: Token[]): string | undefined {
  let depth = 0;
  for (const t of stmt.slice(1)) {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.kind === 'word' && MAIN_AFTER_WITH.has(t.value)) return t.value;
  }
  return undefined;
}

const MAIN_AFTER_WITH = new Set(['SELECT', 'VALUES', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'MERGE', 'TABLE']);

function classifyExplain(stmt: Token[], dialect: Dialect): StatementVerdict {
  let i = 1;
  if (dialect === 'sqlite' && stmt[1]?.value === 'QUERY' && stmt[2]?.value === 'PLAN') i = 3;
  if (dialect === 'postgres') {
    // EXPLAIN (ANALYZE, FORMAT JSON) … or EXPLAIN ANALYZE VERBOSE …: skip the options.
    if (stmt[i]?.text === '(') {
      let depth = 0;
      for (; i < stmt.length; i++) {
        if (stmt[i]?.text === '(') depth++;
        else if (stmt[i]?.text === ')' && --depth === 0) break;
      }
      i++;
    }
    while (stmt[i]?.kind === 'word' && ['ANALYZE', 'ANALYSE', 'VERBOSE'].includes(stmt[i]?.value as string)) i++;
  }
  const inner = stmt.slice(i);
  if (inner.length === 0) return refuse('EXPLAIN needs a statement to explain');
  const verdict = classify(inner, dialect, true);
  return verdict.ok ? { ok: true, kind: 'EXPLAIN' } : verdict;
}

function classifyPragma(stmt: Token[]): StatementVerdict {
  let i = 1;
  // PRAGMA schema.name
  if (stmt[i + 1]?.text === '.') i += 2;
  const nameTok = stmt[i];
  if (!nameTok || (nameTok.kind !== 'word' && nameTok.kind !== 'quoted-ident')) return refuse('PRAGMA needs a name');
  const name = nameTok.kind === 'word' ? nameTok.value : nameTok.value.toUpperCase();
  const rest = stmt.slice(i + 1);
  if (rest.some((t) => t.text === '=')) return refuse(`PRAGMA ${name.toLowerCase()} = … is not allowed: setting a PRAGMA changes the connection`);
  if (!SQLITE_READ_PRAGMAS.has(name)) return refuse(`PRAGMA ${name.toLowerCase()} is not allowed: only PRAGMAs that report (table_info, index_list, user_version, …) may run`);
  if (rest.length === 0) return { ok: true, kind: 'PRAGMA' };
  const [open, arg, close, ...tail] = rest;
  const argOk = arg && (arg.kind === 'word' || arg.kind === 'string' || arg.kind === 'quoted-ident' || arg.kind === 'number');
  if (!SQLITE_PRAGMAS_WITH_ARG.has(name) || open?.text !== '(' || !argOk || close?.text !== ')' || tail.length > 0) {
    return refuse(`PRAGMA ${name.toLowerCase()}(…) is not allowed in this form: its argument form sets the value`);
  }
  return { ok: true, kind: 'PRAGMA' };
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
