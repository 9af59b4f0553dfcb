/**
 * The audit log's files on disk: how rotated files are named and found, and the few reads the
 * writer and the checker share (the last line of a file, every line in order).
 *
 * A log is its current file (`secrets.audit.jsonl`) plus the files rotated out of it, named by
 * the `seq` of their last entry so a plain `ls` lists them in order and the name tells how far
 * a file must reach (a rotated file cut short no longer matches its name):
 *
 *   secrets.000000004711.audit.jsonl   entries 1 … 4711
 *   secrets.000000009422.audit.jsonl   entries 4712 (its anchor) … 9422
 *   secrets.audit.jsonl                entries 9423 (its anchor) … now
 *
 * Rotated names keep the `.audit.jsonl` ending, so whatever picks up audit logs by that ending
 * (the backup) picks up the rotated files as well. The log's append lock,
 * `secrets.audit.jsonl.lock`, does not end so: it is no part of a backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type ChainHead, EMPTY_HEAD, headAfter, parseEntry } from './audit-entry.js';

/** The log cannot be opened or written. The operation being audited must not proceed. */
export class AuditLogError extends Error {
  override name = 'AuditLogError';
}

/** One file rotated out of a log. */
export interface RotatedFile {
  readonly file: string;
  /** The `seq` of its last entry, from its name. */
  readonly lastSeq: number;
}

/** How long an entry (or a check) waits for another process's append before it fails; as the databases' busy timeout. */
export const DEFAULT_AUDIT_LOCK_WAIT_MS = 5000;

const NEWLINE = 0x0a;
const CHUNK = 64 * 1024;
const SEQ_DIGITS = 12;

/**
 * The current file of app `appId`'s log.
 *
 * @example
 *   auditLogPath('/data', 'secrets') // → '/data/secrets.audit.jsonl'
 */
export function auditLogPath(dataDir: string, appId: string): string {
  return path.join(dataDir, `${appId}.audit.jsonl`);
}

/**
 * The append lock of the log whose current file is `current` (every writer holds it around each entry).
 *
 * @example
 *   auditLockPath('/data/secrets.audit.jsonl') // → '/data/secrets.audit.jsonl.lock'
 */
export function auditLockPath(current: string): string {
  return `${current}.lock`;
}

/** `{stem, suffix}` of a current file's name: `secrets` and `.audit.jsonl`, or `app` and `.jsonl`. */
function nameParts(current: string): { dir: string; stem: string; suffix: string } {
  const base = path.basename(current);
  const suffix = base.endsWith('.audit.jsonl') ? '.audit.jsonl' : path.extname(base);
  return { dir: path.dirname(current), stem: base.slice(0, base.length - suffix.length), suffix };
}

/**
 * The name the current file `current` takes when it is rotated with `lastSeq` as its last entry.
 *
 * @example
 *   rotatedPath('data/secrets.audit.jsonl', 4711) // → 'data/secrets.000000004711.audit.jsonl'
 */
export function rotatedPath(current: string, lastSeq: number): string {
  const { dir, stem, suffix } = nameParts(current);
  return path.join(dir, `${stem}.${String(lastSeq).padStart(SEQ_DIGITS, '0')}${suffix}`);
}

/**
 * The files rotated out of the log whose current file is `current`, oldest first.
 *
 * @example
 *   rotatedFiles('data/secrets.audit.jsonl') // → [{ file: 'data/secrets.000000004711.audit.jsonl', lastSeq: 4711 }]
 */
export function rotatedFiles(current: string): RotatedFile[] {
  const { dir, stem, suffix } = nameParts(current);
  const pattern = new RegExp(`^${escapeRegExp(stem)}\\.(\\d{${SEQ_DIGITS},})${escapeRegExp(suffix)}$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: RotatedFile[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (m?.[1] !== undefined) out.push({ file: path.join(dir, name), lastSeq: Number(m[1]) });
  }
  return out.sort((a, b) => a.lastSeq - b.lastSeq);
}

/** What the writer needs to know about a file's end. */
export interface FileTail {
  /** The chain head after the file's last entry ({@link EMPTY_HEAD} for an empty file). */
  readonly head: ChainHead;
  readonly size: number;
  /** The file holds a single entry, an anchor (so rotating again would gain nothing). */
  readonly anchorOnly: boolean;
}

/**
 * Reads the end of the open file `fd`, checking its last line; refuses a torn or corrupt tail
 * with instructions, since appending after it would bury the damage.
 *
 * @example
 *   const { head, size } = readTail(fd, 'data/secrets.audit.jsonl');
 */
export function readTail(fd: number, file: string): FileTail {
  const size = fs.fstatSync(fd).size;
  if (size === 0) return { head: EMPTY_HEAD, size, anchorOnly: false };
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
  return { head: headAfter(last, line), size, anchorOnly: start === 0 && last.anchor !== undefined };
}

/**
 * The tail of a closed file (see {@link readTail}).
 *
 * @example
 *   readTailOf('data/secrets.000000004711.audit.jsonl').head.seq // → 4711
 */
export function readTailOf(file: string): FileTail {
  const fd = fs.openSync(file, 'r');
  try {
    return readTail(fd, file);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The file's lines without newlines, in order, up to byte `end` (default: the whole file); the
 * last may be unterminated.
 *
 * @example
 *   for (const { line, terminated } of readLines(fd)) …
 */
export function* readLines(fd: number, end = Number.POSITIVE_INFINITY): Generator<{ line: Buffer; terminated: boolean }> {
  const buf = Buffer.alloc(CHUNK);
  let pending: Buffer[] = [];
  for (let pos = 0; ; ) {
    const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, end - pos), pos);
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

/**
 * `line` and its newline, written completely to `fd` (a short write is continued); returns the
 * bytes written.
 *
 * @example
 *   size += writeLine(fd, line);
 */
export function writeLine(fd: number, line: Uint8Array): number {
  const bytes = Buffer.concat([line, Buffer.of(NEWLINE)]);
  for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off);
  return bytes.length;
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
