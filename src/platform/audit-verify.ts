/**
 * Checking an audit chain: every line parses, `seq` counts up by one, every `hash` matches its
 * entry, every `prev` matches the line before, and every anchor names the entry before it.
 *
 * - {@link verifyAuditChain}: an app's chain in its audit database (`audit-store.ts`), as one
 *   consistent snapshot, so it is safe while a server writes (what is checked is the chain as it
 *   stood when the check began). Each row's `seq` must be its entry's.
 * - {@link verifyAuditLog}: one JSON Lines file, such as `tailyard audit export` writes.
 * - {@link verifyJsonlChain}: an earlier version's files (a current file and the files rotated
 *   out of it), checked as one chain before `audit-migrate.ts` moves them in: every file after
 *   the first opens with an anchor naming the last entry of the file before it. The files are
 *   opened, and the current one's length read, under that version's append lock when its lock
 *   file exists, so a line half written by one of its writers cannot look like damage.
 *
 * The oldest kept entry may be an anchor, once the retention has deleted what came before it.
 * The entries before it cannot be checked any more; the anchor is reported instead (its `seq` and
 * the digest of the line it follows), so it can be compared with a head recorded earlier. A chain
 * cannot reveal entries cut off its *end* either: record the `head` it reports elsewhere to catch that.
 */
import fs from 'node:fs';
import { type AuditAnchor, type ChainHead, EMPTY_HEAD, headAfter, linkProblem, type ParsedEntry, parseEntry } from './audit-entry.js';
import { auditLockPath, readLines, rotatedFiles } from './audit-files.js';
import { auditRows, openAuditDatabase } from './audit-store.js';
import { openFileLock } from './file-lock.js';

/** How long a check of an earlier version's files waits for one of its writers. */
const LEGACY_LOCK_WAIT_MS = 5000;

/** Where the kept entries begin when older ones were deleted: the entry before the first kept one. */
export interface KeptAnchor extends AuditAnchor {
  /** The hex SHA-256 of that entry's line: the `head` a verification reported when it was the last entry. */
  readonly head: string;
}

/** The result of {@link verifyAuditLog}; `line` is 1-based, `head` is the hex SHA-256 of the last line. */
export type AuditVerification =
  | { ok: true; entries: number; head: string; anchor?: KeptAnchor }
  | { ok: false; line: number; problem: string };

/**
 * The result of {@link verifyAuditChain}: the kept entries (`firstSeq`…`lastSeq`, 0 when empty),
 * how many segments they span (the anchors kept, plus one when the chain starts at entry 1), the
 * head, and the oldest anchor kept (null when the chain starts at entry 1). A problem names the
 * entry's position in the kept chain (its line in an export) and its `seq`.
 */
export type AuditChainVerification =
  | { ok: true; entries: number; firstSeq: number; lastSeq: number; segments: number; head: string; oldest: KeptAnchor | null }
  | { ok: false; entry: number; seq: number; problem: string };

/** One file of an earlier version's verified chain. `firstSeq`/`lastSeq` are 0 for an empty file. */
export interface ChainFile {
  readonly file: string;
  readonly entries: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
}

/** The result of {@link verifyJsonlChain}: the files oldest first, and the oldest anchor kept. */
export type JsonlChainVerification =
  | { ok: true; files: ChainFile[]; entries: number; head: string; oldest: (KeptAnchor & { file: string }) | null }
  | { ok: false; file: string; line: number; problem: string };

/** What checking a run of lines found. */
type LinesCheck =
  | { ok: true; entries: number; firstSeq: number; head: ChainHead; anchors: number; anchor?: KeptAnchor }
  | { ok: false; line: number; problem: string; seq?: number };

interface CheckOptions {
  /** The head of what comes before (an earlier file of the chain); undefined for the start. */
  after?: ChainHead;
  /** An earlier version's file: an anchor only as its first line, and every file after the first opens with one. */
  fileRules?: boolean;
}

/**
 * Checks `lines` in order. The first may be an anchor (the oldest kept), whose claim about the
 * entries before it is taken as given and returned.
 */
function checkLines(lines: Iterable<{ line: Buffer; terminated?: boolean; seq?: number }>, o: CheckOptions = {}): LinesCheck {
  let head = o.after ?? EMPTY_HEAD;
  let n = 0;
  let firstSeq = 0;
  let anchors = 0;
  let anchor: KeptAnchor | undefined;
  for (const { line, terminated = true, seq } of lines) {
    n++;
    if (!terminated) return { ok: false, line: n, problem: 'incomplete last line (no newline): a torn write' };
    const e = parseEntry(line);
    if (typeof e === 'string') return { ok: false, line: n, problem: e, seq };
    if (seq !== undefined && seq !== e.seq) return { ok: false, line: n, seq, problem: `the row's seq ${seq} is not its entry's (${e.seq}): rows were renumbered` };
    if (e.anchor) anchors++;
    if (n === 1) {
      firstSeq = e.seq;
      const problem = firstLineProblem(e, o);
      if (problem) return { ok: false, line: n, problem, seq: e.seq };
      if (o.after === undefined && e.anchor) {
        anchor = { ...e.anchor, head: e.prev };
        head = { seq: e.anchor.seq, prev: e.prev, hash: e.anchor.hash };
      }
    } else if (e.anchor && o.fileRules) {
      return { ok: false, line: n, problem: 'an anchor entry in the middle of a file', seq: e.seq };
    }
    const problem = linkProblem(e, head);
    if (problem !== undefined) return { ok: false, line: n, problem, seq: e.seq };
    head = headAfter(e, line);
  }
  return { ok: true, entries: n, firstSeq, head, anchors, ...(anchor ? { anchor } : {}) };
}

/** What is wrong with how the first line of an earlier version's file opens, if anything. */
function firstLineProblem(e: ParsedEntry, o: CheckOptions): string | undefined {
  if (!o.fileRules || o.after === undefined) return undefined;
  if (!e.anchor) return 'the file does not open with an anchor to the file before it';
  if (e.anchor.seq !== o.after.seq) {
    return `it continues from entry ${e.anchor.seq}, but the file before it ends at entry ${o.after.seq}: a file is missing or out of place`;
  }
  return undefined;
}

/**
 * Checks an app's chain in its audit database `file` (see the module comment).
 *
 * @example
 *   const v = verifyAuditChain('/data/secrets.audit.db');
 *   if (v.ok && v.oldest) console.log(`entries up to ${v.oldest.seq} were deleted by the retention`);
 */
export function verifyAuditChain(file: string): AuditChainVerification {
  if (!fs.existsSync(file)) return { ok: false, entry: 0, seq: 0, problem: 'the audit database does not exist' };
  const db = openAuditDatabase(file, { busyTimeoutMs: LEGACY_LOCK_WAIT_MS, readonly: true });
  try {
    const r = checkLines(auditRows(db));
    if (!r.ok) return { ok: false, entry: r.line, seq: r.seq ?? 0, problem: r.problem };
    const segments = r.entries === 0 ? 0 : r.anchors + (r.firstSeq === 1 ? 1 : 0);
    const lastSeq = r.entries === 0 ? 0 : r.head.seq;
    return { ok: true, entries: r.entries, firstSeq: r.firstSeq, lastSeq, segments, head: r.head.prev, oldest: r.anchor ?? null };
  } finally {
    db.close();
  }
}

/**
 * Checks one JSON Lines file on its own (an export). It may start at entry 1 or with an anchor,
 * whose claim about the entries before it is then taken as given and returned.
 *
 * @example
 *   const v = verifyAuditLog('secrets-2026-11.audit.jsonl');
 *   if (!v.ok) console.error(`line ${v.line}: ${v.problem}`);
 */
export function verifyAuditLog(file: string): AuditVerification {
  const r = withOpenFiles(file, [{ file, growing: true }], ([f]) => checkOpened(f as OpenedFile, {}));
  if (!r.ok) return { ok: false, line: r.line, problem: r.problem };
  return { ok: true, entries: r.entries, head: r.head.prev, ...(r.anchor ? { anchor: r.anchor } : {}) };
}

/**
 * Checks an earlier version's log, the files rotated out of it and its current file `current`,
 * as one chain.
 *
 * @example
 *   const v = verifyJsonlChain('/data/secrets.audit.jsonl');
 */
export function verifyJsonlChain(current: string): JsonlChainVerification {
  const files: FileToCheck[] = rotatedFiles(current);
  if (files.length === 0 || fs.existsSync(current)) files.push({ file: current, growing: true });
  return withOpenFiles(current, files, checkFiles);
}

/** A file to check: a rotated one (the `seq` its name says it ends at) or a current one, which may grow. */
interface FileToCheck {
  readonly file: string;
  readonly lastSeq?: number;
  readonly growing?: boolean;
}

/** A file opened for checking: its descriptor and the length to check, or why it could not be opened. */
interface OpenedFile extends FileToCheck {
  readonly fd?: number;
  readonly end: number;
  readonly error?: string;
}

/**
 * Opens `files`, under the append lock of `current` if an earlier version's writer has one (a
 * lock file exists), then runs `check` on them without holding it.
 */
function withOpenFiles<R>(current: string, files: FileToCheck[], check: (files: OpenedFile[]) => R): R {
  const open = () => files.map(openForCheck);
  const lockFile = auditLockPath(current);
  let opened: OpenedFile[];
  if (fs.existsSync(lockFile)) {
    const lock = openFileLock(lockFile, { waitMs: LEGACY_LOCK_WAIT_MS });
    try {
      opened = lock.hold(open);
    } finally {
      lock.close();
    }
  } else {
    opened = open();
  }
  try {
    return check(opened);
  } finally {
    for (const f of opened) if (f.fd !== undefined) fs.closeSync(f.fd);
  }
}

/** Opens a file; a current one is checked up to its length now, since a writer may be appending. */
function openForCheck(f: FileToCheck): OpenedFile {
  try {
    const fd = fs.openSync(f.file, 'r');
    return { ...f, fd, end: f.growing ? fs.fstatSync(fd).size : Number.POSITIVE_INFINITY };
  } catch (err) {
    return { ...f, end: 0, error: `cannot open: ${(err as Error).message}` };
  }
}

function checkOpened(opened: OpenedFile, o: CheckOptions): LinesCheck {
  if (opened.fd === undefined) return { ok: false, line: 0, problem: opened.error ?? 'cannot open' };
  return checkLines(readLines(opened.fd, opened.end), o);
}

function checkFiles(files: readonly OpenedFile[]): JsonlChainVerification {
  const out: ChainFile[] = [];
  let head: ChainHead | undefined;
  let oldest: (KeptAnchor & { file: string }) | null = null;
  for (const opened of files) {
    const { file, lastSeq } = opened;
    const r = checkOpened(opened, { after: head, fileRules: true });
    if (!r.ok) return { ok: false, file, line: r.line, problem: r.problem };
    if (lastSeq !== undefined && r.head.seq !== lastSeq) {
      const problem =
        r.entries === 0
          ? 'a rotated file is empty'
          : `its name says its last entry is ${lastSeq}, but it is ${r.head.seq}: the file was cut short, extended or renamed`;
      return { ok: false, file, line: r.entries, problem };
    }
    if (head === undefined && r.anchor) oldest = { ...r.anchor, file };
    head = r.head;
    out.push({ file, entries: r.entries, firstSeq: r.firstSeq, lastSeq: r.entries === 0 ? 0 : r.head.seq });
  }
  const entries = out.reduce((n, f) => n + f.entries, 0);
  return { ok: true, files: out, entries, head: (head ?? EMPTY_HEAD).prev, oldest };
}
