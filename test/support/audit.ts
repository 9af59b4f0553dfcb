/**
 * Audit logs for tests: one as earlier versions wrote it (JSON Lines files, a current one and the
 * files rotated out of it, each opening with an anchor), for the tests of moving them into the
 * audit database; and how many segments a chain in a database is kept in.
 *
 * @example
 *   const { files, lines } = writeLegacyLog('/data/secrets.audit.jsonl', [3, 2, 2], { dropOldest: 1 });
 *   auditSegments('/data/secrets.audit.db') // → 3
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { anchorFields, type ChainHead, EMPTY_HEAD, encodeEntry, headAfter } from '../../src/platform/audit-entry.js';
import { rotatedPath } from '../../src/platform/audit-files.js';

/**
 * Writes a log of `perFile.length` files holding `perFile[i]` events each (plus the anchor that
 * opens every file after the first), the last one `current`; `dropOldest` files are then deleted,
 * as the retention of those versions did. Returns the files kept, oldest first, and their lines.
 */
export function writeLegacyLog(current: string, perFile: number[], o: { dropOldest?: number } = {}): { files: string[]; lines: Buffer[] } {
  let head: ChainHead = EMPTY_HEAD;
  let n = 0;
  const written: Array<{ file: string; lines: Buffer[] }> = [];
  perFile.forEach((events, i) => {
    const lines: Buffer[] = [];
    const add = (fields: Record<string, unknown>) => {
      const { entry, line } = encodeEntry(head, new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString(), fields);
      head = headAfter(entry, line);
      lines.push(line);
    };
    if (i > 0) add(anchorFields(head));
    for (let k = 0; k < events; k++) add({ action: 'get', secret: `legacy/${n}`, authorized: true });
    const file = i === perFile.length - 1 ? current : rotatedPath(current, head.seq);
    fs.writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.of(0x0a)])), { mode: 0o600 });
    written.push({ file, lines });
  });
  for (const old of written.splice(0, o.dropOldest ?? 0)) fs.rmSync(old.file);
  return { files: written.map((w) => w.file), lines: written.flatMap((w) => w.lines) };
}

/** The segments the chain in the audit database `file` is kept in (each after the first opened by an anchor). */
export function auditSegments(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM audit_segments').pluck().get() as number;
  } finally {
    db.close();
  }
}
