/**
 * The platform's durable, hash-chained audit log: the `AuditSink` every app writes to.
 *
 * The log is a JSON Lines file, one entry per line:
 *
 *   {"seq":1,"time":"2026-04-15T23:04:16.512Z","prev":"000…0","action":"get",…,"hash":"9f2c…"}
 *
 * - `seq` counts from 1 with no gaps; `time` is RFC 3339 (UTC);
 * - `prev` is the hex SHA-256 of the previous line's bytes (without its newline), or
 *   {@link GENESIS} for the first entry, so entries cannot be removed, reordered or inserted
 *   without breaking the chain;
 * - `hash` is the hex SHA-256 of the canonical JSON (keys sorted, no spaces, as RFC 8785) of the
 *   entry without `hash`, so an entry cannot be changed without breaking it.
 *
 * {@link verifyAuditLog} checks all of that. A chain cannot reveal entries cut off the *end* of
 * the file; to catch that, record the `head` it reports (or the last `hash`) somewhere else.
 *
 * `append` writes and fsyncs before it returns, and throws if it cannot (callers fail closed:
 * no audit entry, no operation). `commit` is its group-committing twin for busy request paths:
 * it writes the line at once but shares one asynchronous fsync among every entry written while
 * the previous fsync was in flight, and resolves once its entry is on disk. Opening continues the chain from the last line, and refuses a
 * file whose last line is incomplete (a write torn by a crash) with instructions to repair it.
 * One process may write a log at a time; a second open of the same file in-process is refused.
 *
 * Callers must never put secret values, tokens or other credentials in an event: the log is
 * plain text and kept forever. Record names, versions, principals and outcomes only.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditSink } from './app.js';

/** The `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

const RESERVED = new Set(['seq', 'time', 'prev', 'hash']);
const NEWLINE = 0x0a;
const CHUNK = 64 * 1024;

/** One written entry: the chain fields around the caller's event fields. */
export interface AuditEntry {
  readonly seq: number;
  readonly time: string;
  readonly prev: string;
  readonly hash: string;
  readonly [field: string]: unknown;
}

/** An open audit log. */
export interface AuditLog extends AuditSink {
  /** Appends `event` durably and returns the entry as written. Throws {@link AuditLogError} if it cannot. */
  append(event: Record<string, unknown>): AuditEntry;
  /**
   * Like `append`, but the fsync is shared with concurrent commits (group commit) and does not
   * block the event loop. Resolves once the entry is on disk; rejects with {@link AuditLogError}
   * if it cannot be written or synced (after a failed fsync the log refuses further entries).
   */
  commit(event: Record<string, unknown>): Promise<AuditEntry>;
  /** Closes the file (syncing entries still waiting for an fsync); later appends throw. */
  close(): void;
}

/** The result of {@link verifyAuditLog}; `line` is 1-based, `head` is the hex SHA-256 of the last line. */
export type AuditVerification = { ok: true; entries: number; head: string } | { ok: false; line: number; problem: string };

/** The log cannot be opened or written. The operation being audited must not proceed. */
export class AuditLogError extends Error {
  override name = 'AuditLogError';
}

const openFiles = new Set<string>();

/**
 * Opens (creating with mode 0600 if needed) the audit log at `file` and continues its chain.
 *
 * @example
 *   const audit = openAuditLog(path.join(dataDir, 'secrets.audit.jsonl'));
 *   audit.append({ action: 'get', secret: 'prod/db', authorized: true });
 */
export function openAuditLog(file: string): AuditLog {
  const created = !fs.existsSync(file);
  const fd = fs.openSync(file, 'a+', 0o600);
  let key: string;
  let state: { seq: number; prev: string; size: number };
  try {
    if (created) fsyncDir(path.dirname(file));
    key = fs.realpathSync(file);
    if (openFiles.has(key)) throw new AuditLogError(`audit log ${file} is already open in this process`);
    state = readTail(fd, file);
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  openFiles.add(key);
  let closed = false;
  let broken: Error | undefined;

  type Waiter = { entry: AuditEntry; resolve(e: AuditEntry): void; reject(err: Error): void };
  /** Commits written but not yet covered by an fsync, and those covered by the fsync in flight. */
  let unsynced: Waiter[] = [];
  let inflight: Waiter[] = [];
  let syncing = false;

  const cutOff = (size: number, err: unknown): never => {
    try {
      fs.ftruncateSync(fd, size);
      state = { ...state, size };
    } catch {
      broken = err as Error;
    }
    throw new AuditLogError(`cannot write audit log ${file}: ${(err as Error).message}`, { cause: err });
  };

  /** Writes one line (no fsync) and advances the chain. */
  const write = (event: Record<string, unknown>): AuditEntry => {
    if (closed) throw new AuditLogError(`audit log ${file} is closed`);
    if (broken) throw new AuditLogError(`audit log ${file} is unusable after a failed write`, { cause: broken });
    const fields = plainJson(event);
    const reserved = Object.keys(fields).find((k) => RESERVED.has(k));
    if (reserved !== undefined) throw new TypeError(`audit event field ${JSON.stringify(reserved)} is reserved`);
    const body = { seq: state.seq + 1, time: new Date().toISOString(), prev: state.prev, ...fields };
    const entry: AuditEntry = { ...body, hash: sha256Hex(canonicalJson(body)) };
    const line = Buffer.from(JSON.stringify(entry));
    const bytes = Buffer.concat([line, Buffer.of(NEWLINE)]);
    try {
      for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off);
    } catch (err) {
      cutOff(state.size, err);
    }
    state = { seq: entry.seq, prev: sha256Hex(line), size: state.size + bytes.length };
    return entry;
  };

  /** Starts one fsync covering every line written so far; commits written meanwhile wait for the next. */
  const syncBatch = (): void => {
    if (syncing || unsynced.length === 0) return;
    inflight = unsynced;
    unsynced = [];
    syncing = true;
    fs.fsync(fd, (err) => {
      syncing = false;
      if (closed) return; // close() synced and settled every waiter.
      const batch = inflight;
      inflight = [];
      if (err) {
        broken = err;
        const failure = new AuditLogError(`cannot sync audit log ${file}: ${err.message}`, { cause: err });
        for (const w of [...batch, ...unsynced]) w.reject(failure);
        unsynced = [];
        return;
      }
      for (const w of batch) w.resolve(w.entry);
      syncBatch();
    });
  };

  return {
    append(event: Record<string, unknown>): AuditEntry {
      const before = state;
      const entry = write(event);
      try {
        fs.fsyncSync(fd);
      } catch (err) {
        state = before;
        cutOff(before.size, err);
      }
      return entry;
    },
    commit(event: Record<string, unknown>): Promise<AuditEntry> {
      let entry: AuditEntry;
      try {
        entry = write(event);
      } catch (err) {
        return Promise.reject(err);
      }
      return new Promise((resolve, reject) => {
        unsynced.push({ entry, resolve, reject });
        syncBatch();
      });
    },
    close(): void {
      if (closed) return;
      const waiting = [...inflight, ...unsynced];
      let failure: Error | undefined;
      if (waiting.length > 0) {
        try {
          fs.fsyncSync(fd);
        } catch (err) {
          failure = new AuditLogError(`cannot sync audit log ${file}: ${(err as Error).message}`, { cause: err });
        }
      }
      closed = true;
      inflight = [];
      unsynced = [];
      openFiles.delete(key);
      fs.closeSync(fd);
      for (const w of waiting) {
        if (failure) w.reject(failure);
        else w.resolve(w.entry);
      }
    },
  };
}

/**
 * Checks a whole audit log: every line parses, `seq` counts up from 1, every `hash` matches its
 * entry and every `prev` matches the line before. Reports the first line that does not.
 *
 * @example
 *   const v = verifyAuditLog('secrets.audit.jsonl');
 *   if (!v.ok) console.error(`line ${v.line}: ${v.problem}`);
 */
export function verifyAuditLog(file: string): AuditVerification {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    return { ok: false, line: 0, problem: `cannot open: ${(err as Error).message}` };
  }
  try {
    let prev = GENESIS;
    let n = 0;
    for (const { line, terminated } of readLines(fd)) {
      n++;
      if (!terminated) return { ok: false, line: n, problem: 'incomplete last line (no newline): a torn write' };
      const problem = checkEntry(line, n, prev);
      if (problem !== undefined) return { ok: false, line: n, problem };
      prev = sha256Hex(line);
    }
    return { ok: true, entries: n, head: prev };
  } finally {
    fs.closeSync(fd);
  }
}

/** What is wrong with line `n` given the digest of the line before it, or `undefined` if nothing. */
function checkEntry(line: Buffer, n: number, prev: string): string | undefined {
  const e = parseEntry(line);
  if (typeof e === 'string') return e;
  if (e.seq !== n) return `seq is ${e.seq}, expected ${n}: an entry was removed, inserted or reordered`;
  if (e.prev !== prev) return 'prev does not match the previous line: an entry was removed, inserted, reordered or changed';
  return undefined;
}

/** An entry's chain fields, after checking its hash; or the problem with it. */
function parseEntry(line: Buffer): { seq: number; prev: string } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.toString('utf8'));
  } catch {
    return 'not valid JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'not a JSON object';
  const { hash, ...body } = parsed as Record<string, unknown>;
  if (hash !== sha256Hex(canonicalJson(body))) return 'hash does not match the content: the entry was changed';
  const { seq, prev } = body;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'seq is not a positive integer';
  if (typeof prev !== 'string' || !/^[0-9a-f]{64}$/.test(prev)) return 'prev is not a hex SHA-256';
  return { seq, prev };
}

/** The chain state after the last line, checking that line; refuses a torn or corrupt tail. */
function readTail(fd: number, file: string): { seq: number; prev: string; size: number } {
  const size = fs.fstatSync(fd).size;
  if (size === 0) return { seq: 0, prev: GENESIS, size };
  const lastNl = lastNewlineBefore(fd, size);
  if (lastNl !== size - 1) {
    const keep = lastNl + 1;
    throw new AuditLogError(
      `audit log ${file} ends with an incomplete line (${size - keep} bytes after offset ${keep} with no newline), ` +
        `probably a write torn by a crash. Inspect it, then cut it off (truncate -s ${keep} '${file}') to continue the chain.`,
    );
  }
  const start = lastNewlineBefore(fd, size - 1) + 1;
  const line = Buffer.alloc(size - 1 - start);
  fs.readSync(fd, line, 0, line.length, start);
  const last = parseEntry(line);
  if (typeof last === 'string') {
    throw new AuditLogError(`the last entry of audit log ${file} is corrupt (${last}); check the file with verifyAuditLog`);
  }
  return { seq: last.seq, prev: sha256Hex(line), size };
}

/** Offset of the last newline before `end`, or -1; reads backwards in chunks. */
function lastNewlineBefore(fd: number, end: number): number {
  const buf = Buffer.alloc(CHUNK);
  for (let to = end; to > 0; ) {
    const from = Math.max(0, to - CHUNK);
    const n = fs.readSync(fd, buf, 0, to - from, from);
    const i = buf.subarray(0, n).lastIndexOf(NEWLINE);
    if (i >= 0) return from + i;
    to = from;
  }
  return -1;
}

/** The file's lines without newlines, in order; the last may be unterminated. */
function* readLines(fd: number): Generator<{ line: Buffer; terminated: boolean }> {
  const buf = Buffer.alloc(CHUNK);
  let pending: Buffer[] = [];
  for (let pos = 0; ; ) {
    const n = fs.readSync(fd, buf, 0, CHUNK, pos);
    if (n === 0) break;
    pos += n;
    const chunk = buf.subarray(0, n);
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      yield { line: Buffer.concat([...pending, chunk.subarray(start, nl)]), terminated: true };
      pending = [];
      start = nl + 1;
    }
    if (start < n) pending.push(Buffer.from(chunk.subarray(start)));
  }
  if (pending.length > 0) yield { line: Buffer.concat(pending), terminated: false };
}

/** The event as plain JSON data (applies `toJSON`, drops `undefined`), so the hash covers exactly what is written. */
function plainJson(event: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
}

/** JSON with object keys sorted (UTF-16 order) and no whitespace: equal data, equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    const members = Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 in hex, with node's native implementation (every audited request hashes twice). */
function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
