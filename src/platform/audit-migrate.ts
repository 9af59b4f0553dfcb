/**
 * Moving an earlier version's audit log (JSON Lines files: `<app>.audit.jsonl` and the files
 * rotated out of it, see `audit-files.ts`) into the app's audit database, at its first open.
 *
 * The files are checked as one chain first (`verifyJsonlChain`); a broken chain is refused with
 * its file and line, and nothing moves. Then, in one transaction of the empty database, every
 * line goes in as it is (its exact bytes: the chain continues from the last one), each file
 * becoming a segment, and the database records which files it took (`audit_meta`). Only once
 * that is committed is each file renamed `<name>.migrated`: never deleted, so they stay for
 * whoever wants them, and the chain in them still checks (`tailyard audit verify` does not read
 * them again). A crash between the two leaves files the database already holds: the next open
 * finds them recorded and only renames them. Files next to a database that holds other entries
 * are refused, naming both.
 *
 * @example
 *   migrateLegacyAuditFiles('/data/secrets.audit.db', { busyTimeoutMs: 5000 }); // before opening it
 */
import fs from 'node:fs';
import { platformClock } from './clock.js';
import path from 'node:path';
import { headAfter, parseEntry } from './audit-entry.js';
import { AuditLogError, auditLockPath, legacyAuditPath, legacyFiles, readLines } from './audit-files.js';
import { auditStatements, openAuditDatabase } from './audit-store.js';
import { verifyJsonlChain } from './audit-verify.js';
import { fsyncDir } from './files.js';

const MIGRATED = '.migrated';
const META_KEY = 'migrated-from';

/** What the database records of a migration. */
interface MigrationRecord {
  files: string[];
  entries: number;
  head: string;
  at: string;
}

/**
 * Moves the JSON Lines files next to the audit database `file` into it, if there are any (see the
 * module comment). Throws {@link AuditLogError} when they cannot be moved.
 */
export function migrateLegacyAuditFiles(file: string, o: { busyTimeoutMs: number; replicated?: boolean; warn?: (message: string) => void }): void {
  const current = legacyAuditPath(file);
  const files = legacyFiles(current);
  if (files.length === 0) return;
  const v = verifyJsonlChain(current);
  if (!v.ok) {
    throw new AuditLogError(
      `cannot move the audit log ${current} into ${file}: ${v.file}: line ${v.line}: ${v.problem}. ` +
        `Inspect the files (an incomplete last line is a write torn by a crash: cut it off), or move them out of ${path.dirname(file)} to start a new chain.`,
    );
  }
  const db = openAuditDatabase(file, { busyTimeoutMs: o.busyTimeoutMs, replicated: o.replicated });
  try {
    const st = auditStatements(db);
    const recorded = db.prepare('SELECT value FROM audit_meta WHERE key = ?').pluck();
    const record = db.prepare('INSERT INTO audit_meta (key, value) VALUES (?, ?)');
    const names = files.map((f) => path.basename(f));
    db.transaction(() => {
      const before = recorded.get(META_KEY) as string | undefined;
      if (before !== undefined) {
        const done = (JSON.parse(before) as MigrationRecord).files;
        const foreign = names.filter((n) => !done.includes(n));
        if (foreign.length === 0) return; // moved in before a crash; only the renames are left
        throw new AuditLogError(`${file} already holds the audit log moved in from ${done.join(', ')}; ${foreign.join(', ')} next to it are not part of it: move them out of ${path.dirname(file)}`);
      }
      if (st.count() > 0) {
        throw new AuditLogError(`${file} already holds audit entries, and ${names.join(', ')} next to it hold an earlier chain: move the files out of ${path.dirname(file)} (after checking them)`);
      }
      let entries = 0;
      let head = '';
      for (const f of files) {
        const fd = fs.openSync(f, 'r');
        try {
          let segment: { firstSeq: number; bytes: number; entries: number } | undefined;
          for (const { line } of readLines(fd)) {
            const e = parseEntry(line);
            if (typeof e === 'string') throw new AuditLogError(`${f} changed while it was moved into ${file}; try again`);
            st.insert(e.seq, line);
            segment = { firstSeq: segment?.firstSeq ?? e.seq, bytes: (segment?.bytes ?? 0) + line.length + 1, entries: (segment?.entries ?? 0) + 1 };
            head = headAfter(e, line).prev;
            entries++;
          }
          if (segment) st.saveSegment(segment);
        } finally {
          fs.closeSync(fd);
        }
      }
      if (entries !== v.entries || (entries > 0 && head !== v.head)) throw new AuditLogError(`${current} changed while it was moved into ${file}; try again`);
      record.run(META_KEY, JSON.stringify({ files: names, entries, head, at: platformClock.now().toISOString() } satisfies MigrationRecord));
    }).immediate();
  } finally {
    db.close();
  }
  for (const f of files) {
    try {
      fs.renameSync(f, `${f}${MIGRATED}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // another opener renamed it
    }
  }
  fs.rmSync(auditLockPath(current), { force: true });
  fsyncDir(path.dirname(file));
  o.warn?.(`moved the audit log ${files.join(', ')} into ${file}; the files were renamed *${MIGRATED} and are no longer read`);
}
