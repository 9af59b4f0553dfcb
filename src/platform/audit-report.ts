/**
 * One audit log's verification as an operator reads it (`tailyard audit verify`, `tailyard
 * secret audit verify`): the entries, the head and where the kept entries begin, or the file and
 * line of the first problem. Shared by the platform's CLI and the apps' own subcommands, so both
 * print a chain the same way.
 *
 * @example
 *   chainReport('data/secrets.audit.jsonl')
 *   // { ok: true, lines: ['data/secrets.audit.jsonl: ok, 12 entries, head 9f2c… (1 file, seq 1 to 12)',
 *   //                     'oldest entry kept: seq 1, the start of the log (nothing rotated away)'] }
 */
import { type AuditChainVerification, verifyAuditChain } from './audit.js';

/** What checking one log found: its report lines, or the problem. */
export type ChainReport = { ok: true; lines: string[] } | { ok: false; problem: string };

/**
 * Checks the log whose current file is `file`. `ok` lines: the entries, the head and where the
 * kept entries begin (the oldest anchor, once files were rotated away); otherwise the file and
 * line of the first problem.
 */
export function chainReport(file: string): ChainReport {
  let v: AuditChainVerification;
  try {
    v = verifyAuditChain(file);
  } catch (err) {
    return { ok: false, problem: `${file}: cannot check: ${(err as Error).message}` };
  }
  if (!v.ok) return { ok: false, problem: `${v.file}: line ${v.line}: ${v.problem}` };
  const first = v.files.find((f) => f.entries > 0);
  const last = v.files.findLast((f) => f.entries > 0);
  const files = `${v.files.length} file${v.files.length === 1 ? '' : 's'}`;
  const span = first && last ? `, seq ${first.firstSeq} to ${last.lastSeq}` : '';
  const oldest = v.oldest
    ? `oldest anchor kept: after seq ${v.oldest.seq} (head ${v.oldest.head}, hash ${v.oldest.hash}) in ${v.oldest.file}; ` +
      `entries up to ${v.oldest.seq} were rotated away`
    : 'oldest entry kept: seq 1, the start of the log (nothing rotated away)';
  return { ok: true, lines: [`${file}: ok, ${v.entries} entries, head ${v.head} (${files}${span})`, oldest] };
}
