/**
 * One audit chain's verification as an operator reads it (`tailyard audit verify`, `tailyard
 * secret audit verify`): the entries, the head and where the kept entries begin, or the entry
 * of the first problem. Shared by the platform's CLI and the apps' own subcommands, so both
 * print a chain the same way. A data directory written by an earlier version, whose log is still
 * in JSON Lines files until the next start moves it in (`audit-migrate.ts`), is checked there.
 *
 * @example
 *   chainReport('data/secrets.audit.db')
 *   // { ok: true, lines: ['data/secrets.audit.db: ok, 12 entries, head 9f2c… (1 segment, seq 1 to 12)',
 *   //                     'oldest entry kept: seq 1, the start of the log (nothing deleted by the retention)'] }
 */
import fs from 'node:fs';
import { legacyAuditPath, legacyFiles } from './audit-files.js';
import { type AuditChainVerification, type JsonlChainVerification, verifyAuditChain, verifyJsonlChain } from './audit-verify.js';

/** What checking one log found: its report lines, or the problem. */
export type ChainReport = { ok: true; lines: string[] } | { ok: false; problem: string };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whether the audit database `file`, or an earlier version's files it would move in, exist. */
export function hasAuditLog(file: string): boolean {
  return fs.existsSync(file) || legacyFiles(legacyAuditPath(file)).length > 0;
}

/**
 * Checks the chain in the audit database `file`. `ok` lines: the entries, the head and where the
 * kept entries begin (the oldest anchor, once the retention deleted entries); otherwise the
 * entry of the first problem.
 */
export function chainReport(file: string): ChainReport {
  if (!fs.existsSync(file) && hasAuditLog(file)) return legacyReport(legacyAuditPath(file), file);
  let v: AuditChainVerification;
  try {
    v = verifyAuditChain(file);
  } catch (err) {
    return { ok: false, problem: `${file}: cannot check: ${(err as Error).message}` };
  }
  if (!v.ok) return { ok: false, problem: `${file}: entry ${v.entry}${v.seq ? ` (seq ${v.seq})` : ''}: ${v.problem}` };
  const span = v.entries > 0 ? `, seq ${v.firstSeq} to ${v.lastSeq}` : '';
  const oldest = v.oldest
    ? `oldest anchor kept: after seq ${v.oldest.seq} (head ${v.oldest.head}, hash ${v.oldest.hash}); ` +
      `entries up to ${v.oldest.seq} were deleted by the retention`
    : 'oldest entry kept: seq 1, the start of the log (nothing deleted by the retention)';
  return { ok: true, lines: [`${file}: ok, ${v.entries} entries, head ${v.head} (${plural(v.segments, 'segment')}${span})`, oldest] };
}

/** The report of an earlier version's files, not moved into `db` yet. */
function legacyReport(current: string, db: string): ChainReport {
  let v: JsonlChainVerification;
  try {
    v = verifyJsonlChain(current);
  } catch (err) {
    return { ok: false, problem: `${current}: cannot check: ${(err as Error).message}` };
  }
  if (!v.ok) return { ok: false, problem: `${v.file}: line ${v.line}: ${v.problem}` };
  const first = v.files.find((f) => f.entries > 0);
  const last = v.files.findLast((f) => f.entries > 0);
  const span = first && last ? `, seq ${first.firstSeq} to ${last.lastSeq}` : '';
  const oldest = v.oldest
    ? `oldest anchor kept: after seq ${v.oldest.seq} (head ${v.oldest.head}, hash ${v.oldest.hash}) in ${v.oldest.file}; entries up to ${v.oldest.seq} were rotated away`
    : 'oldest entry kept: seq 1, the start of the log (nothing rotated away)';
  return {
    ok: true,
    lines: [`${current}: ok, ${v.entries} entries, head ${v.head} (${plural(v.files.length, 'file')}${span}; moved into ${db} at the next start)`, oldest],
  };
}
