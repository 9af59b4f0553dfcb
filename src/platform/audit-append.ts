/**
 * Appending to an audit chain in its database (`audit-store.ts`): one `IMMEDIATE` transaction per
 * batch, which reads the chain's tail first (so two writers never fork the chain), starts a
 * segment with an anchor entry where one is due, and prunes the segments beyond `keepSegments`
 * (only a writer that `rotates`: the server's). The lock is waited for in short steps
 * (`write-lock-wait.ts`). No failure policy here: errors are thrown as SQLite raised them, and
 * `audit.ts` says what they mean.
 *
 * @example
 *   const chain = chainAppender(db, file, { segmentBytes: 64 << 20, keepSegments: 16, lockWaitMs: 5000, rotates: true });
 *   chain.append([{ action: 'get', secret: 'prod/db' }]); // → the entries as written, committed
 */
import { anchorFields, type AuditEntry, type ChainHead, EMPTY_HEAD, encodeEntry, headAfter, parseEntry } from './audit-entry.js';
import { AuditLogError } from './audit-files.js';
import { auditStatements, type Segment } from './audit-store.js';
import { platformClock } from './clock.js';
import type { SqliteDatabase } from './storage.js';
import { withWriteLockWait } from './write-lock-wait.js';

export interface ChainSettings {
  segmentBytes: number;
  /** Start a segment past this many entries too (no limit when undefined). */
  segmentEntries: number | undefined;
  keepSegments: number;
  lockWaitMs: number;
  /** Starts segments and prunes (the server's writer; CLIs leave that to it). */
  rotates: boolean;
}

export interface ChainAppender {
  /** Appends the events (plain fields) after the tail in one committed transaction. */
  append(batch: Record<string, unknown>[]): AuditEntry[];
  /** Deletes the segments beyond the kept ones, in a transaction of its own. */
  prune(): void;
}

export function chainAppender(db: SqliteDatabase, file: string, settings: ChainSettings): ChainAppender {
  const { segmentBytes, segmentEntries, keepSegments, lockWaitMs, rotates } = settings;
  const st = auditStatements(db);
  /** The head after our own last entry: reused while nobody else wrote since. */
  let known: ChainHead | undefined;

  /** The chain's tail as it is now, inside the write transaction. */
  const tail = (): ChainHead => {
    const seq = st.lastSeq();
    if (seq === undefined) return EMPTY_HEAD;
    if (known?.seq === seq) return known;
    const line = st.lineAt(seq) as Buffer;
    const last = parseEntry(line);
    if (typeof last === 'string') {
      throw new AuditLogError(`the last entry of audit log ${file} (seq ${seq}) is corrupt (${last}); check it with tailyard audit verify`);
    }
    return headAfter(last, line);
  };

  const prune = (): void => {
    const keepFrom = st.nthNewestSegment(keepSegments);
    if (keepFrom !== undefined) st.deleteBefore(keepFrom);
  };

  /**
   * Writes `batch` after the tail (starting a segment first where one is due); returns the
   * entries and the head after them, which is remembered only once committed.
   */
  const write = db.transaction((batch: Record<string, unknown>[]): { entries: AuditEntry[]; head: ChainHead } => {
    let head = tail();
    let seg: Segment = st.lastSegment() ?? { firstSeq: head.seq + 1, bytes: 0, entries: 0 };
    const entries: AuditEntry[] = [];
    const insert = (next: { entry: AuditEntry; line: Buffer }): AuditEntry => {
      st.insert(next.entry.seq, next.line);
      head = headAfter(next.entry, next.line);
      seg = { ...seg, bytes: seg.bytes + next.line.length + 1, entries: seg.entries + 1 };
      return next.entry;
    };
    for (const fields of batch) {
      const time = platformClock.now().toISOString();
      let next = encodeEntry(head, time, fields);
      const full = seg.bytes + next.line.length + 1 > segmentBytes || (segmentEntries !== undefined && seg.entries + 1 > segmentEntries);
      // A segment holding only its anchor gains nothing from another: the entry goes into it.
      const anchorOnly = seg.entries === 1 && seg.firstSeq > 1;
      if (rotates && full && seg.entries > 0 && !anchorOnly) {
        st.saveSegment(seg);
        seg = { firstSeq: head.seq + 1, bytes: 0, entries: 0 };
        insert(encodeEntry(head, time, anchorFields(head)));
        st.saveSegment(seg);
        prune();
        next = encodeEntry(head, time, fields);
      }
      entries.push(insert(next));
    }
    st.saveSegment(seg);
    return { entries, head };
  });

  return {
    append(batch) {
      try {
        const written = withWriteLockWait(lockWaitMs, () => write.immediate(batch));
        known = written.head;
        return written.entries;
      } catch (err) {
        // Rolled back: what the transaction wrote is gone, and another writer may take its seq.
        known = undefined;
        throw err;
      }
    },
    prune() {
      withWriteLockWait(lockWaitMs, () => db.transaction(prune).immediate());
    },
  };
}
