/**
 * Checking an audit log: every line parses, `seq` counts up by one, every `hash` matches its
 * entry, every `prev` matches the line before, and across rotated files every file after the
 * first opens with an anchor that names the last entry of the file before it.
 *
 * The oldest file kept may itself open with an anchor, when older files were deleted by the
 * retention setting. The entries before it cannot be checked any more; the anchor is reported
 * instead (its `seq` and the digest of the line it follows), so it can be compared with a head
 * recorded earlier. A chain cannot reveal entries cut off the *end* of the current file either:
 * record the `head` it reports somewhere else to catch that.
 *
 * A log may be checked while it is written (a running server): the files are opened, and the
 * current file's length read, under the log's append lock, so a line half written, a rotation or
 * the retention deleting an old file meanwhile cannot make a sound chain look broken. What is
 * checked is the chain as it stood at that moment.
 */
import fs from 'node:fs';
import { type AuditAnchor, type ChainHead, EMPTY_HEAD, headAfter, linkProblem, parseEntry } from './audit-entry.js';
import { auditLockPath, DEFAULT_AUDIT_LOCK_WAIT_MS, readLines, rotatedFiles } from './audit-files.js';
import { openFileLock } from './file-lock.js';

/** Where the kept entries begin when older ones were rotated away: the entry before the first kept one. */
export interface KeptAnchor extends AuditAnchor {
  /** The hex SHA-256 of that entry's line: the `head` a verification reported when it was the last entry. */
  readonly head: string;
}

/** The result of {@link verifyAuditLog}; `line` is 1-based, `head` is the hex SHA-256 of the last line. */
export type AuditVerification =
  | { ok: true; entries: number; head: string; anchor?: KeptAnchor }
  | { ok: false; line: number; problem: string };

/** One file of a verified chain. `firstSeq`/`lastSeq` are 0 for an empty file. */
export interface ChainFile {
  readonly file: string;
  readonly entries: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
}

/** The result of {@link verifyAuditChain}: the files oldest first, and the oldest anchor kept (null when the chain starts at entry 1). */
export type AuditChainVerification =
  | { ok: true; files: ChainFile[]; entries: number; head: string; oldest: (KeptAnchor & { file: string }) | null }
  | { ok: false; file: string; line: number; problem: string };

type FileCheck =
  | { ok: true; entries: number; firstSeq: number; head: ChainHead; anchor?: KeptAnchor }
  | { ok: false; line: number; problem: string };

/**
 * Checks one audit file on its own. It may start at entry 1 or with an anchor (a file rotated
 * to), whose claim about the entries before it is then taken as given and returned.
 *
 * @example
 *   const v = verifyAuditLog('data/secrets.audit.jsonl');
 *   if (!v.ok) console.error(`line ${v.line}: ${v.problem}`);
 */
export function verifyAuditLog(file: string): AuditVerification {
  const r = checkSnapshot(file, () => [{ file, growing: true }], ([opened]) => checkOpened(opened as OpenedFile, undefined));
  if (!r.ok) return r;
  return { ok: true, entries: r.entries, head: r.head.prev, ...(r.anchor ? { anchor: r.anchor } : {}) };
}

/**
 * Checks a whole log, the files rotated out of it and its current file `current`, as one chain.
 *
 * @example
 *   const v = verifyAuditChain('data/secrets.audit.jsonl');
 *   if (v.ok && v.oldest) console.log(`entries up to ${v.oldest.seq} were rotated away`);
 */
export function verifyAuditChain(current: string): AuditChainVerification {
  const files = (): FileToCheck[] => {
    const rotated: FileToCheck[] = rotatedFiles(current);
    if (rotated.length === 0 || fs.existsSync(current)) rotated.push({ file: current, growing: true });
    return rotated;
  };
  return checkSnapshot(current, files, checkChain);
}

/** A file of a log to check: a rotated one (the `seq` its name says it ends at) or the current one, which may grow. */
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
 * Lists and opens the files of the log whose current file is `current`, under its append lock if
 * a writer has one (a lock file exists), then runs `check` on them without holding it.
 */
function checkSnapshot<R>(current: string, list: () => FileToCheck[], check: (files: OpenedFile[]) => R): R {
  const open = () => list().map(openForCheck);
  const lockFile = auditLockPath(current);
  let files: OpenedFile[];
  if (fs.existsSync(lockFile)) {
    const lock = openFileLock(lockFile, { waitMs: DEFAULT_AUDIT_LOCK_WAIT_MS });
    try {
      files = lock.hold(open);
    } finally {
      lock.close();
    }
  } else {
    files = open();
  }
  try {
    return check(files);
  } finally {
    for (const f of files) if (f.fd !== undefined) fs.closeSync(f.fd);
  }
}

/** Opens a file; the current one is checked up to its length now, since a writer may be appending. */
function openForCheck(f: FileToCheck): OpenedFile {
  try {
    const fd = fs.openSync(f.file, 'r');
    return { ...f, fd, end: f.growing ? fs.fstatSync(fd).size : Number.POSITIVE_INFINITY };
  } catch (err) {
    return { ...f, end: 0, error: `cannot open: ${(err as Error).message}` };
  }
}

function checkChain(files: readonly OpenedFile[]): AuditChainVerification {
  const out: ChainFile[] = [];
  let head: ChainHead | undefined;
  let oldest: (KeptAnchor & { file: string }) | null = null;
  for (const opened of files) {
    const { file, lastSeq } = opened;
    const r = checkOpened(opened, head);
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

function checkOpened(opened: OpenedFile, after: ChainHead | undefined): FileCheck {
  if (opened.fd === undefined) return { ok: false, line: 0, problem: opened.error ?? 'cannot open' };
  return checkFile(opened.fd, opened.end, after);
}

/**
 * Checks the lines of one file. `after` is the head of the file before it in the chain, or
 * `undefined` for the first file, which starts at entry 1 or with an anchor taken as given.
 */
function checkFile(fd: number, end: number, after: ChainHead | undefined): FileCheck {
  let head = after ?? EMPTY_HEAD;
  let n = 0;
  let firstSeq = 0;
  let anchor: KeptAnchor | undefined;
  for (const { line, terminated } of readLines(fd, end)) {
    n++;
    if (!terminated) return { ok: false, line: n, problem: 'incomplete last line (no newline): a torn write' };
    const e = parseEntry(line);
    if (typeof e === 'string') return { ok: false, line: n, problem: e };
    if (n === 1) {
      firstSeq = e.seq;
      if (after === undefined && e.anchor) {
        anchor = { ...e.anchor, head: e.prev };
        head = { seq: e.anchor.seq, prev: e.prev, hash: e.anchor.hash };
      } else if (after !== undefined && !e.anchor) {
        return { ok: false, line: n, problem: 'the file does not open with an anchor to the file before it' };
      } else if (after !== undefined && e.anchor && e.anchor.seq !== after.seq) {
        const problem = `it continues from entry ${e.anchor.seq}, but the file before it ends at entry ${after.seq}: a file is missing or out of place`;
        return { ok: false, line: n, problem };
      }
    } else if (e.anchor) {
      return { ok: false, line: n, problem: 'an anchor entry in the middle of a file' };
    }
    const problem = linkProblem(e, head);
    if (problem !== undefined) return { ok: false, line: n, problem };
    head = headAfter(e, line);
  }
  return { ok: true, entries: n, firstSeq, head, ...(anchor ? { anchor } : {}) };
}
