import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuditLogOptions, openAuditLog, verifyAuditChain, verifyAuditLog } from './audit.js';
import { auditLines, exportAuditChain, openAuditDatabase } from './audit-store.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-audit-ret-'));
  file = path.join(dir, 'app.audit.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
/** The event every test writes: equal size for seq 1 to 9, so sizes can be predicted. */
const event = (i: number) => ({ action: 'get', secret: `s${i}`, authorized: true });

/** The kept entries, oldest first. */
function entries(): Array<Record<string, unknown>> {
  const db = openAuditDatabase(file, { busyTimeoutMs: 1000, readonly: true });
  try {
    return [...auditLines(db)].map((l) => JSON.parse(l.toString('utf8')) as Record<string, unknown>);
  } finally {
    db.close();
  }
}

/** The segments table: [first_seq, entries] of each. */
function segments(): Array<[number, number]> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT first_seq, entries FROM audit_segments ORDER BY first_seq').raw().all() as Array<[number, number]>;
  } finally {
    db.close();
  }
}

/** Writes events `from`..`to` with `append` and closes the log. */
function seed(from: number, to: number, options: AuditLogOptions): void {
  const log = openAuditLog(file, options);
  for (let i = from; i <= to; i++) log.append(event(i));
  log.close();
}

/** The bytes (lines and newlines) of the first `n` entries of a log (written in a scratch directory). */
function sizeOfFirst(n: number): number {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-audit-size-'));
  const log = openAuditLog(path.join(scratch, 'app.audit.db'));
  let size = 0;
  for (let i = 1; i <= n; i++) {
    const e = log.append(event(i));
    size += Buffer.byteLength(JSON.stringify(e)) + 1;
  }
  log.close();
  fs.rmSync(scratch, { recursive: true, force: true });
  return size;
}

describe('segments', () => {
  it('fills a segment up to exactly segmentBytes, and starts the next with an anchor before the entry that would not fit', () => {
    // An anchor's line is longer than an event's: the next segment holds it and one event.
    seed(1, 5, { segmentBytes: sizeOfFirst(3) });
    const es = entries();
    expect(es.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(es[3]).toMatchObject({ seq: 4, anchor: { seq: 3, hash: es[2]?.hash } });
    expect(es[5]).toMatchObject({ seq: 6, anchor: { seq: 5, hash: es[4]?.hash } });
    expect(segments()).toEqual([
      [1, 3],
      [4, 2],
      [6, 2],
    ]);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 7, segments: 3, oldest: null });
  });

  it('starts a segment one entry earlier when the limit is a byte smaller', () => {
    seed(1, 3, { segmentBytes: sizeOfFirst(3) - 1 });
    expect(entries().map((e) => (e.anchor ? `anchor${e.seq}` : e.seq))).toEqual([1, 2, 'anchor3', 4]);
  });

  it('starts a segment by entries too (segmentEntries)', () => {
    seed(1, 5, { segmentEntries: 2 });
    expect(entries().map((e) => (e.anchor ? 'A' : 'e'))).toEqual(['e', 'e', 'A', 'e', 'A', 'e', 'A', 'e']);
  });

  it('writes an entry larger than segmentBytes into a fresh segment instead of anchoring forever', () => {
    const log = openAuditLog(file, { segmentBytes: sizeOfFirst(1) });
    log.append(event(1));
    log.append({ big: 'x'.repeat(5000) });
    log.append(event(3));
    log.close();
    expect(entries().map((e) => (e.anchor ? 'A' : e.big ? 'big' : 'e'))).toEqual(['e', 'A', 'big', 'A', 'e']);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, segments: 3 });
  });
});

describe('retention', () => {
  it('keeps keepSegments segments, the current one included, and reports the oldest anchor kept', () => {
    // Segments of [1 2], then [anchor, event] each: 9 events make 8 segments and 16 entries.
    seed(1, 9, { segmentBytes: sizeOfFirst(2), keepSegments: 3 });
    const es = entries();
    expect(es.map((e) => e.seq)).toEqual([11, 12, 13, 14, 15, 16]);
    expect(segments()).toEqual([
      [11, 2],
      [13, 2],
      [15, 2],
    ]);
    const v = verifyAuditChain(file);
    expect(v).toMatchObject({ ok: true, entries: 6, firstSeq: 11, lastSeq: 16, segments: 3, oldest: { seq: 10, hash: (es[0]?.anchor as { hash: string } | undefined)?.hash } });
    if (!v.ok) return;
    expect(v.oldest?.head).toBe(es[0]?.prev);
  });

  it('applies a lowered retention when the log is opened', () => {
    seed(1, 9, { segmentBytes: sizeOfFirst(2) });
    expect(segments().length).toBe(8);
    openAuditLog(file, { keepSegments: 1 }).close();
    expect(segments()).toEqual([[15, 2]]);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 2, oldest: { seq: 14 } });
  });

  it('exports the kept chain as JSON Lines that check on their own, byte for byte the rows', () => {
    seed(1, 9, { segmentBytes: sizeOfFirst(2), keepSegments: 2 });
    const out = path.join(dir, 'export.jsonl');
    const chunks: Buffer[] = [];
    expect(exportAuditChain(file, (c) => chunks.push(c))).toBe(4);
    fs.writeFileSync(out, Buffer.concat(chunks));
    const db = openAuditDatabase(file, { busyTimeoutMs: 1000, readonly: true });
    const rows = [...auditLines(db)];
    db.close();
    expect(fs.readFileSync(out)).toEqual(Buffer.concat(rows.flatMap((l) => [l, Buffer.of(0x0a)])));
    const chain = verifyAuditChain(file);
    const alone = verifyAuditLog(out);
    expect(alone).toEqual({ ok: true, entries: 4, head: chain.ok ? chain.head : '', anchor: chain.ok ? chain.oldest : undefined });
    expect(alone).toMatchObject({ ok: true, head: sha256(rows.at(-1) as Buffer) });
  });
});

describe('verifyAuditLog (a JSON Lines export)', () => {
  let out: string;
  const lines = () => fs.readFileSync(out, 'utf8').split('\n').slice(0, -1);
  const writeLines = (ls: string[]) => fs.writeFileSync(out, ls.map((l) => `${l}\n`).join(''));
  beforeEach(() => {
    seed(1, 4, {});
    out = path.join(dir, 'export.jsonl');
    const chunks: Buffer[] = [];
    exportAuditChain(file, (c) => chunks.push(c));
    fs.writeFileSync(out, Buffer.concat(chunks));
  });

  it('accepts an intact export', () => {
    expect(verifyAuditLog(out)).toEqual({ ok: true, entries: 4, head: sha256(lines()[3] ?? '') });
  });

  it('detects a changed, removed, reordered or blank line', () => {
    const ls = lines();
    writeLines([ls[0] ?? '', (ls[1] ?? '').replace('"authorized":true', '"authorized":false'), ...ls.slice(2)]);
    expect(verifyAuditLog(out)).toEqual({ ok: false, line: 2, problem: expect.stringMatching(/entry was changed/) });
    writeLines([ls[0] ?? '', ...ls.slice(2)]);
    expect(verifyAuditLog(out)).toEqual({ ok: false, line: 2, problem: expect.stringMatching(/seq is 3, expected 2/) });
    writeLines([ls[0] ?? '', ls[2] ?? '', ls[1] ?? '', ls[3] ?? '']);
    expect(verifyAuditLog(out)).toMatchObject({ ok: false, line: 2 });
    writeLines([ls[0] ?? '', '', ...ls.slice(1)]);
    expect(verifyAuditLog(out)).toEqual({ ok: false, line: 2, problem: 'not valid JSON' });
  });

  it('detects a torn last line, and reports a file it cannot read', () => {
    fs.appendFileSync(out, '{"seq":5,"ti');
    expect(verifyAuditLog(out)).toEqual({ ok: false, line: 5, problem: expect.stringMatching(/torn write/) });
    expect(verifyAuditLog(path.join(dir, 'missing.jsonl'))).toMatchObject({ ok: false, line: 0 });
  });
});
