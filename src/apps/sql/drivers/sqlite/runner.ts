/**
 * The SQLite runner: a child process that runs one query at a time for the SQL console.
 *
 * better-sqlite3 runs a query synchronously and cannot be interrupted (this build has no progress
 * handler and the library exposes no `sqlite3_interrupt`), and a terminated worker thread stays
 * stuck inside `sqlite3_step` forever. So queries run here, in a process the parent can SIGKILL
 * on timeout, Cancel or disconnect, and nothing a query does can stall the apps' event loop.
 *
 * Per query: the text is re-checked (`checkReadOnly`) before anything is prepared; the file is
 * checked against the protected list and opened read-only (connections are cached per path);
 * `query_only` is switched on again; each prepared statement must be `readonly`.
 * Rows are encoded here (CSV/NDJSON/…) or sent as values, in frames (see `protocol.ts`).
 *
 * @example
 *   // started by the pool: node runner.js (fd 4 = request frames in, fd 3 = answer frames out)
 */
import { writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { serialize } from 'node:v8';
import Database from 'better-sqlite3';
import { FORMATS, type Encoder, UnsupportedValueError } from '../../format/encoders.js';
import { bytesOfText, hasEscapedBytes, textFromBytes } from '../../format/raw-text.js';
import { isTimeDeclType, parseDriverTime } from '../../format/gotime.js';
import type { Cell, Column } from '../../format/values.js';
import { checkAgainst, identitiesOf, ProtectedFileError } from '../../safety/protected.js';
import { checkReadOnly, type StatementText } from '../../safety/readonly.js';
import type { PrivateFile } from '../../../../platform/suite-view.js';
import { RowBudget, rowSize } from '../row-budget.js';
import type { QueryMode, SchemaObject, Summary } from '../types.js';
import { moderncMessage } from './errors.js';
import { encodeFrame, encodeTextFrame, type Frame, FrameReader, type FrameType, MAX_TEXT_FRAME, type RunnerError, type RunnerInit, type RunnerRequest, targetKey } from './protocol.js';

type RowsMode = Extract<QueryMode, { kind: 'rows' }>;

const OUT_FD = 3;
const IN_FD = 4;
const TEXT_CHUNK = 256 * 1024;
const ROW_BATCH = 256;
const STATEMENT_CACHE = 64;

interface Connection {
  db: Database.Database;
  queryOnly: Database.Statement;
  statements: Map<string, Database.Statement>;
}

const connections = new Map<string, Connection>();
/** The files this runner must never open (from its init message). */
let protectedFiles: readonly PrivateFile[] = [];

/** Frames waiting to be written: a small answer goes out in one write, a large one in big ones. */
let pending: Buffer[] = [];
let pendingBytes = 0;
/** This query's text holds invalid UTF-8 bytes, escaped (see `withRawText`): write them as bytes. */
let rawTextOut = false;

function flush(): void {
  if (pendingBytes === 0) return;
  const out = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
  pending = [];
  pendingBytes = 0;
  let off = 0;
  while (off < out.length) off += writeSync(OUT_FD, out, off);
}

function queue(frame: Buffer): void {
  pending.push(frame);
  pendingBytes += frame.length;
  if (pendingBytes >= TEXT_CHUNK) flush();
}

const send = (type: FrameType, body: Buffer) => queue(encodeFrame(type, body));
const sendText = (type: FrameType, text: string) => queue(encodeTextFrame(type, text));
const sendJson = (type: FrameType, value: unknown) => sendText(type, JSON.stringify(value));

/**
 * Encoded output in T frames of at most MAX_TEXT_FRAME bytes: one huge value (a 64 MiB cell) is
 * cut, so the parent streams it on instead of holding it whole. UTF-8 takes at most three bytes
 * per UTF-16 unit, so the usual chunk is known to fit without measuring it.
 */
function sendOutput(text: string): void {
  if (rawTextOut && hasEscapedBytes(text)) {
    sendBytes(bytesOfText(text));
    return;
  }
  if (text.length * 3 <= MAX_TEXT_FRAME) {
    sendText('T', text);
    return;
  }
  sendBytes(Buffer.from(text));
}

function sendBytes(bytes: Buffer): void {
  for (let off = 0; off < bytes.length; off += MAX_TEXT_FRAME) send('T', bytes.subarray(off, off + MAX_TEXT_FRAME));
}


class Refusal extends Error {}

/**
 * An empty in-memory database where each view over the file is an eponymous virtual table, read
 * through a second, read-only connection the query itself can never name.
 */
function viewsDatabase(path: string, views: Record<string, string>): Database.Database {
  const hidden = new Database(path, { readonly: true, fileMustExist: true });
  hidden.pragma('query_only = 1');
  const db = new Database(':memory:');
  for (const [name, sql] of Object.entries(views)) {
    const columns = hidden.prepare(sql).columns().map((c) => c.name);
    db.table(name, {
      columns,
      safeIntegers: true,
      *rows() {
        // A fresh statement per scan, so a self-join can read the view twice at once.
        yield* hidden.prepare(sql).safeIntegers(true).raw(true).iterate() as Iterable<unknown[]>;
      },
    });
  }
  return db;
}

/**
 * The connection for the request's file, opened read-only after the protected-file check (an
 * open connection stays on the file that was checked, whatever its path points to later), with
 * `query_only` switched on again before every query.
 */
function open(req: RunnerRequest): Connection {
  const key = targetKey(req.target);
  let conn = connections.get(key);
  if (!conn) {
    let db: Database.Database;
    if (req.target.memory) {
      db = new Database(':memory:');
    } else {
      checkAgainst(req.target.path, identitiesOf(protectedFiles));
      db = req.target.views ? viewsDatabase(req.target.path, req.target.views) : new Database(req.target.path, { readonly: true, fileMustExist: true });
    }
    db.pragma('busy_timeout = 5000');
    // tailsql's driver leaves SQLite's own defaults, which better-sqlite3's build changes: match them.
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -2000');
    conn = { db, queryOnly: db.prepare('PRAGMA query_only = 1'), statements: new Map() };
    connections.set(key, conn);
  }
  conn.queryOnly.run();
  return conn;
}

/**
 * A prepared statement (cached per text), refused unless it is read-only. (`PRAGMA journal_mode`
 * in its reading form only reports, though SQLite calls it a writer.) A statement that returns no
 * rows gives an empty answer, as in tailsql.
 */
function prepare(conn: Connection, part: StatementText): Database.Statement {
  let stmt = conn.statements.get(part.sql);
  // The same text twice in one query (`select 1; select 1`): the first may still be the answer.
  if (stmt?.busy) stmt = undefined;
  if (!stmt) {
    stmt = conn.db.prepare(part.sql);
    if (!stmt.readonly && !part.readsJournalMode) throw new Refusal('the statement would write to the database; the SQL console is read-only');
    if (stmt.reader) stmt.safeIntegers(true).raw(true);
    if (conn.statements.size >= STATEMENT_CACHE) conn.statements.delete(conn.statements.keys().next().value as string);
    if (!conn.statements.has(part.sql)) conn.statements.set(part.sql, stmt);
  }
  return stmt;
}

/** The statement whose rows a query answers with, its first row already read. */
interface Answer {
  part: StatementText;
  stmt: Database.Statement;
  rows: Iterator<Cell[]>;
  first: IteratorResult<Cell[]>;
}

const NO_ROWS: Iterator<Cell[]> = { next: () => ({ done: true, value: undefined }) };

/**
 * Runs the statements in order, as tailsql's SQLite driver does: each is stepped once; one that
 * returns a row becomes the answer (the one before is dropped), one that returns none answers
 * only if nothing has yet, or if nothing at all follows it in the text. Errors here are the
 * query's own (tailsql's `scanning rows: ` prefix is only for rows after the first).
 */
function answerOf(conn: Connection, parts: readonly StatementText[]): Answer | undefined {
  let answer: Answer | undefined;
  try {
    for (const part of parts) {
      const stmt = prepare(conn, part);
      // A statement the checker allows that returns nothing (`pragma case_sensitive_like`) does
      // nothing either: it is not stepped (better-sqlite3 would refuse while an answer is open).
      const rows = stmt.reader ? (stmt.iterate() as IterableIterator<Cell[]>) : NO_ROWS;
      const first = rows.next();
      if (!first.done || answer === undefined || part.last) {
        answer?.rows.return?.();
        answer = { part, stmt, rows, first };
      } else {
        rows.return?.();
      }
    }
  } catch (err) {
    answer?.rows.return?.();
    throw err;
  }
  return answer;
}

/** An error while reading rows after the first: tailsql's wording. */
class ScanError extends Error {}

function scanning<T>(rows: Iterator<T>, first: IteratorResult<T>): Iterator<T> {
  let pending: IteratorResult<T> | undefined = first;
  return {
    next() {
      if (pending) {
        const r = pending;
        pending = undefined;
        return r;
      }
      try {
        return rows.next();
      } catch (err) {
        throw Object.assign(new ScanError(), { cause: err });
      }
    },
    return: (value?: unknown) => rows.return?.(value) ?? { done: true, value: undefined },
  };
}

/** Statements that can be read again inside a CTE. */
const REREADABLE: ReadonlySet<string> = new Set(['SELECT', 'VALUES', 'WITH']);

/**
 * The answer's rows, from `skip` on, each value followed by its bytes when it is TEXT: the
 * statement read again inside a CTE (its column names replaced, so duplicates do not matter).
 */
function rereadWithBytes(conn: Connection, part: StatementText, width: number, skip: number): Iterator<Cell[]> {
  const body = part.sql.replace(/;$/, '');
  const cols = Array.from({ length: width }, (_, i) => `c${i}`);
  const pairs = cols.map((c) => `${c}, CASE WHEN typeof(${c}) = 'text' THEN CAST(${c} AS BLOB) END`);
  const stmt = conn.db.prepare(`WITH tailyard_raw(${cols.join(', ')}) AS (\n${body}\n) SELECT ${pairs.join(', ')} FROM tailyard_raw`);
  if (!stmt.readonly) throw new Refusal('the statement would write to the database; the SQL console is read-only');
  const it = stmt.safeIntegers(true).raw(true).iterate() as IterableIterator<Cell[]>;
  for (let i = 0; i < skip && !it.next().done; i++);
  return it;
}

/**
 * Text as tailsql writes it (format/raw-text.ts). The driver turns invalid UTF-8 into U+FFFD, so
 * from the first row holding one, the answer is read again with its TEXT bytes, while the first
 * reading is still open (one read transaction: the same rows), and each TEXT value is rebuilt from
 * its bytes, invalid bytes kept (escaped). When the statement cannot be read again (a PRAGMA,
 * EXPLAIN), U+FFFD stays, except for `/json`, where it is taken for an invalid byte (`guess`):
 * Go writes that `\ufffd`, and the JSON value is the same either way.
 */
function withRawText(conn: Connection, part: StatementText, width: number, rows: Iterator<Cell[]>, guess: boolean): Iterator<Cell[]> {
  if (width === 0) return rows;
  if (!REREADABLE.has(part.kind)) return guess ? guessedBytes(rows) : rows;
  let seen = 0;
  let again: Iterator<Cell[]> | undefined;
  const rebuilt = (r: IteratorResult<Cell[]>): IteratorResult<Cell[]> => {
    if (r.done) return r;
    const row: Cell[] = [];
    for (let i = 0; i < width; i++) {
      const bytes = r.value[2 * i + 1];
      row.push(bytes instanceof Uint8Array ? textFromBytes(bytes, 'escape') : (r.value[2 * i] as Cell));
    }
    return { done: false, value: row };
  };
  const fromAgain = (): IteratorResult<Cell[]> => {
    try {
      return rebuilt((again as Iterator<Cell[]>).next());
    } catch (err) {
      throw Object.assign(new ScanError(), { cause: err });
    }
  };
  return {
    next() {
      if (again) return fromAgain();
      const r = rows.next();
      if (r.done || !r.value.some((v) => typeof v === 'string' && v.includes('\uFFFD'))) {
        if (!r.done) seen++;
        return r;
      }
      try {
        again = rereadWithBytes(conn, part, width, seen);
      } catch {
        return r;
      }
      rawTextOut = true;
      rows.return?.();
      return fromAgain();
    },
    return(value?: unknown) {
      again?.return?.(value);
      return rows.return?.(value) ?? { done: true, value: undefined };
    },
  };
}

/** Each U+FFFD as an invalid byte of unknown value (see `withRawText`). */
function guessedBytes(rows: Iterator<Cell[]>): Iterator<Cell[]> {
  return {
    next() {
      const r = rows.next();
      if (!r.done) r.value = r.value.map((v) => (typeof v === 'string' && v.includes('\uFFFD') ? v.replaceAll('\uFFFD', '\uDCFF') : v));
      return r;
    },
    return: (value?: unknown) => rows.return?.(value) ?? { done: true, value: undefined },
  };
}

/** Converts TEXT in DATE/DATETIME/TIMESTAMP columns to times, as tailsql's driver does. */
function timeConverter(columns: readonly Column[]): (row: Cell[]) => Cell[] {
  const idx = columns.flatMap((c, i) => (isTimeDeclType(c.type) ? [i] : []));
  if (idx.length === 0) return (row) => row;
  return (row) => {
    for (const i of idx) {
      const v = row[i];
      if (typeof v === 'string') row[i] = parseDriverTime(v) ?? v;
    }
    return row;
  };
}

function runQuery(req: RunnerRequest): void {
  const verdict = checkReadOnly(req.sql, 'sqlite');
  if (!verdict.ok) throw new Refusal(verdict.reason);
  const conn = open(req);
  const answer = answerOf(conn, verdict.statements);
  const columns: Column[] = answer?.stmt.reader ? answer.stmt.columns().map((c) => ({ name: c.name, type: c.type ?? '' })) : [];
  sendJson('H', { columns });
  const convert = timeConverter(columns);
  const summary: Summary = { rows: 0, truncated: false };
  const guess = req.mode.kind === 'encode' && req.mode.format === 'ndjson';
  rawTextOut = false;
  const it = answer ? withRawText(conn, answer.part, columns.length, scanning(answer.rows, answer.first), guess) : NO_ROWS;
  try {
    if (req.mode.kind === 'encode') encodeRows(it, FORMATS[req.mode.format].create(), columns, convert, req.maxRows, summary);
    else collectRows(it, convert, req.mode, req.countDeadline, summary);
  } finally {
    it.return?.();
  }
  sendJson('E', summary);
}

function encodeRows(it: Iterator<Cell[]>, enc: Encoder, columns: Column[], convert: (r: Cell[]) => Cell[], cap: number, summary: Summary): void {
  let text = enc.begin(columns);
  for (let r = it.next(); !r.done; r = it.next()) {
    if (cap > 0 && summary.rows === cap) {
      summary.truncated = true;
      break;
    }
    try {
      text += enc.row(convert(r.value));
    } catch (err) {
      // tailsql's /json: the rows before, then Go's error as the last line (only a first row fails the request).
      if (!(err instanceof UnsupportedValueError) || summary.rows === 0) throw err;
      text += `${err.message}\n`;
      break;
    }
    summary.rows++;
    if (text.length >= TEXT_CHUNK) {
      sendOutput(text);
      text = '';
    }
  }
  text += enc.end(summary);
  if (text) sendOutput(text);
}

/**
 * The console's rows: the first `limit` that fit the byte budget, in frames of at most ROW_BATCH
 * rows or about TEXT_CHUNK bytes; then, when asked, the count of all rows (until the deadline).
 */
function collectRows(it: Iterator<Cell[]>, convert: (r: Cell[]) => Cell[], mode: RowsMode, countDeadline: number, summary: Summary): void {
  const budget = new RowBudget(mode.maxBytes ?? 0);
  let batch: Cell[][] = [];
  let bytes = 0;
  let r = it.next();
  for (; !r.done && summary.rows < mode.limit; r = it.next()) {
    const taken = budget.take(convert(r.value), summary.rows === 0);
    if (!taken) {
      summary.cut = 'rows';
      break;
    }
    batch.push(taken.row);
    bytes += rowSize(taken.row);
    summary.rows++;
    if (taken.cut) {
      summary.cut = 'values';
      r = it.next();
      break;
    }
    if (batch.length === ROW_BATCH || bytes >= TEXT_CHUNK) {
      send('R', serialize(batch));
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) send('R', serialize(batch));
  summary.truncated = summary.cut !== undefined || !r.done;
  if (r.done) {
    summary.total = summary.rows;
    return;
  }
  if (!mode.count) return;
  let total = summary.rows + 1;
  for (r = it.next(); !r.done; r = it.next()) {
    total++;
    if ((total & 1023) === 0 && countDeadline > 0 && Date.now() > countDeadline) return;
  }
  summary.total = total;
}

function schemaOf(req: RunnerRequest): SchemaObject[] {
  const { db } = open(req);
  if (req.target.views) {
    return Object.keys(req.target.views).map((name) => ({
      schema: 'main',
      name,
      kind: 'view' as const,
      columns: db.prepare(`SELECT * FROM "${name}"`).columns().map((c) => ({ name: c.name, type: c.type ?? '', pk: false, notNull: false })),
      indexes: [],
    }));
  }
  const objects = db
    .prepare("SELECT name, type FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .all() as Array<{ name: string; type: 'table' | 'view' }>;
  const cols = db.prepare('SELECT name, type, pk, "notnull" AS nn FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid');
  const idxList = db.prepare('SELECT name, "unique" AS u FROM pragma_index_list(?) ORDER BY name');
  const idxInfo = db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno');
  return objects.map((o) => ({
    schema: 'main',
    name: o.name,
    kind: o.type,
    columns: (cols.all(o.name) as Array<{ name: string; type: string; pk: number; nn: number }>).map((c) => ({
      name: c.name,
      type: c.type,
      pk: c.pk > 0,
      notNull: c.nn === 1,
    })),
    indexes: (idxList.all(o.name) as Array<{ name: string; u: number }>).map((i) => ({
      name: i.name,
      unique: i.u === 1,
      columns: (idxInfo.all(i.name) as Array<{ name: string | null }>).map((c) => c.name ?? '(expression)'),
    })),
  }));
}

function errorFrame(err: unknown): RunnerError {
  if (err instanceof Refusal || err instanceof ProtectedFileError) return { kind: 'refused', message: err.message };
  const e = err as { code?: unknown; message?: string };
  if (err instanceof ScanError) return { ...errorFrame(err.cause), message: `scanning rows: ${errorFrame(err.cause).message}` };
  if (err instanceof Database.SqliteError) return { kind: 'database', message: moderncMessage(String(e.code), e.message ?? '') };
  if (typeof e.message === 'string' && /more than one statement/.test(e.message)) return { kind: 'refused', message: 'only one statement per query is allowed' };
  return { kind: 'database', message: e.message ?? String(err) };
}

/** One request frame from the parent. */
function handle(frame: Frame): void {
  if (frame.type === 'I') {
    protectedFiles = (JSON.parse(frame.body.toString()) as RunnerInit).protectedFiles;
    return;
  }
  const req = JSON.parse(frame.body.toString()) as RunnerRequest;
  try {
    if (req.op === 'schema') sendJson('S', schemaOf(req));
    else runQuery(req);
  } catch (err) {
    sendJson('X', errorFrame(err));
  }
  flush();
}

// Requests arrive on fd 4, several at once when the parent pipelines them; they are answered in
// order. The parent gone (the pipe's end), the runner has nobody to answer.
const requests = new FrameReader();
const input = new Socket({ fd: IN_FD, readable: true, writable: false });
input.on('data', (chunk: Buffer) => {
  requests.push(chunk);
  for (let f = requests.shift(); f; f = requests.shift()) handle(f);
});
input.on('end', () => process.exit(0));
input.on('error', () => process.exit(0));
