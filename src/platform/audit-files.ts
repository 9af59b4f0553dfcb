/**
 * The audit log as JSON Lines files: what earlier versions wrote (until `audit-migrate.ts` moves
 * them into the audit database) and what `tailyard audit export` writes. How rotated files were
 * named and found, and reading a file's lines in order.
 *
 * An earlier version's log is its current file (`secrets.audit.jsonl`) plus the files rotated out
 * of it, named by the `seq` of their last entry so a plain `ls` lists them in order and the name
 * tells how far a file must reach (a rotated file cut short no longer matches its name):
 *
 *   secrets.000000004711.audit.jsonl   entries 1 … 4711
 *   secrets.000000009422.audit.jsonl   entries 4712 (its anchor) … 9422
 *   secrets.audit.jsonl                entries 9423 (its anchor) … now
 *
 * Its writers took the append lock `secrets.audit.jsonl.lock` around each line.
 */
import fs from 'node:fs';
import path from 'node:path';

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

const NEWLINE = 0x0a;
const CHUNK = 64 * 1024;
const SEQ_DIGITS = 12;

/**
 * The current JSON Lines file an earlier version kept the log of the audit database `db` in.
 *
 * @example
 *   legacyAuditPath('/data/secrets.audit.db') // → '/data/secrets.audit.jsonl'
 */
export function legacyAuditPath(db: string): string {
  return path.join(path.dirname(db), `${path.basename(db).replace(/\.db$/, '')}.jsonl`);
}

/**
 * The append lock of an earlier version's log whose current file is `current` (its writers held it around each entry).
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

/**
 * The JSON Lines files of an earlier version's log whose current file is `current` that exist,
 * oldest first: the rotated ones, then the current one.
 *
 * @example legacyFiles('/data/secrets.audit.jsonl') // → ['/data/secrets.000000004711.audit.jsonl', '/data/secrets.audit.jsonl']
 */
export function legacyFiles(current: string): string[] {
  const files = rotatedFiles(current).map((f) => f.file);
  if (fs.existsSync(current)) files.push(current);
  return files;
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
