import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLogError, GENESIS, openAuditLog, verifyAuditChain } from './audit.js';
import { auditLines, openAuditDatabase } from './audit-store.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-audit-'));
  file = path.join(dir, 'app.audit.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** The kept lines, oldest first. */
function lines(): string[] {
  const db = openAuditDatabase(file, { busyTimeoutMs: 1000, readonly: true });
  try {
    return [...auditLines(db)].map((l) => l.toString('utf8'));
  } finally {
    db.close();
  }
}

/** Runs `fn` on a plain connection to the audit database (a tamperer's, or a test's probe). */
function raw<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** WAL frames written so far (the WAL grows one frame per page a transaction changes). */
function walFrames(): number {
  const size = fs.statSync(`${file}-wal`).size;
  return size === 0 ? 0 : (size - 32) / (4096 + 24);
}

/** Writes `n` entries and closes the log. */
function seed(n: number): void {
  const log = openAuditLog(file);
  for (let i = 1; i <= n; i++) log.append({ action: 'get', secret: `s${i}`, authorized: true });
  log.close();
}

describe('openAuditLog / append', () => {
  it('writes chained JSON lines in the documented shape, one row per entry', () => {
    const log = openAuditLog(file);
    const first = log.append({ action: 'get', secret: 'prod/db', authorized: true, principal: { user: 'a@b' } });
    const second = log.append({ action: 'info', authorized: false });
    log.close();

    const [l1, l2] = lines();
    expect(Object.keys(JSON.parse(l1 ?? ''))).toEqual(['seq', 'time', 'prev', 'action', 'secret', 'authorized', 'principal', 'hash']);
    expect(JSON.parse(l1 ?? '')).toEqual(first);
    expect(first).toMatchObject({ seq: 1, prev: GENESIS, action: 'get', principal: { user: 'a@b' } });
    expect(first.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.seq).toBe(2);
    expect(second.prev).toBe(sha256(l1 ?? ''));
    expect(JSON.parse(l2 ?? '')).toEqual(second);
    expect(raw((db) => db.prepare('SELECT seq FROM audit_entries ORDER BY seq').pluck().all())).toEqual([1, 2]);
  });

  it('hashes the canonical JSON of the entry without hash', () => {
    const log = openAuditLog(file);
    const e = log.append({ z: 1, a: { y: [1, 'x'], b: null } });
    log.close();
    const canonical = `{"a":{"b":null,"y":[1,"x"]},"prev":"${GENESIS}","seq":1,"time":${JSON.stringify(e.time)},"z":1}`;
    expect(e.hash).toBe(sha256(canonical));
  });

  it('keeps the database in WAL mode with synchronous=FULL, every file 0600', () => {
    const log = openAuditLog(file);
    log.append({ a: 1 });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
    log.close();
    expect(raw((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
    const settings = openAuditDatabase(file, { busyTimeoutMs: 1000 });
    expect(settings.pragma('synchronous', { simple: true })).toBe(2);
    expect(settings.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    settings.close();
    const replicated = openAuditDatabase(file, { busyTimeoutMs: 1000, replicated: true });
    expect(replicated.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    replicated.close();
  });

  it('continues the chain after reopening', () => {
    seed(2);
    const log = openAuditLog(file);
    const third = log.append({ action: 'put' });
    log.close();
    expect(third.seq).toBe(3);
    expect(third.prev).toBe(sha256(lines()[1] ?? ''));
    expect(verifyAuditChain(file)).toEqual({ ok: true, entries: 3, firstSeq: 1, lastSeq: 3, segments: 1, head: sha256(lines()[2] ?? ''), oldest: null });
  });

  it('writes plain JSON: drops undefined, applies toJSON, refuses bigint', () => {
    const log = openAuditLog(file);
    const e = log.append({ gone: undefined, at: new Date(0) });
    expect(e).not.toHaveProperty('gone');
    expect(e.at).toBe('1970-01-01T00:00:00.000Z');
    expect(() => log.append({ id: 1n })).toThrow(TypeError);
    log.close();
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 1 });
  });

  it('refuses event fields that would overwrite the chain fields', () => {
    const log = openAuditLog(file);
    for (const k of ['seq', 'time', 'prev', 'hash', 'anchor']) expect(() => log.append({ [k]: 1 })).toThrow(/reserved/);
    log.close();
    expect(lines()).toEqual([]);
  });

  it('refuses a second open of the same log in-process, and appending after close', () => {
    const log = openAuditLog(file);
    expect(() => openAuditLog(file)).toThrow(/already open/);
    expect(() => openAuditLog(path.join(dir, '.', 'app.audit.db'))).toThrow(/already open/);
    log.close();
    log.close();
    expect(() => log.append({ a: 1 })).toThrow(/closed/);
    openAuditLog(file).close();
  });

  it('refuses a last entry that does not parse, saying what to run', () => {
    seed(2);
    raw((db) => db.prepare('UPDATE audit_entries SET line = ? WHERE seq = 2').run(Buffer.from('{"seq":2,"ti')));
    const log = openAuditLog(file);
    expect(() => log.append({ a: 1 })).toThrow(/last entry of audit log .* \(seq 2\) is corrupt \(not valid JSON\); check it with tailyard audit verify/);
    log.close();
  });

  it('stores an entry larger than a page, and continues after it', () => {
    const log = openAuditLog(file);
    log.append({ big: 'x'.repeat(100_000) });
    log.append({ big: 'y'.repeat(70_000) });
    log.close();
    const again = openAuditLog(file);
    expect(again.append({ a: 1 }).prev).toBe(sha256(lines()[1] ?? ''));
    again.close();
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 3 });
  });

  it('fails the entry when another process holds the write lock past lockWaitMs, and writes once it lets go', () => {
    const log = openAuditLog(file, { lockWaitMs: 100 });
    log.append({ a: 1 });
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    expect(() => log.append({ a: 2 })).toThrow(new AuditLogError(`cannot write audit log ${file}: another process has held it for more than 100 ms`));
    holder.exec('ROLLBACK');
    holder.close();
    expect(log.append({ a: 3 }).seq).toBe(2);
    log.close();
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 2 });
  });
});

describe('verifyAuditChain', () => {
  it('accepts a new log', () => {
    openAuditLog(file).close();
    expect(verifyAuditChain(file)).toEqual({ ok: true, entries: 0, firstSeq: 0, lastSeq: 0, segments: 0, head: GENESIS, oldest: null });
  });

  it('reports a log that does not exist', () => {
    expect(verifyAuditChain(file)).toEqual({ ok: false, entry: 0, seq: 0, problem: 'the audit database does not exist' });
  });

  it('detects a changed entry', () => {
    seed(4);
    raw((db) => db.prepare("UPDATE audit_entries SET line = CAST(replace(CAST(line AS TEXT), '\"authorized\":true', '\"authorized\":false') AS BLOB) WHERE seq = 2").run());
    expect(verifyAuditChain(file)).toEqual({ ok: false, entry: 2, seq: 2, problem: expect.stringMatching(/entry was changed/) });
  });

  it('detects a changed entry whose hash was recomputed, at the next entry', () => {
    seed(4);
    const e = JSON.parse(lines()[1] ?? '') as Record<string, unknown>;
    e.authorized = false;
    delete e.hash;
    const canonical = JSON.stringify(Object.fromEntries(Object.entries(e).sort(([a], [b]) => (a < b ? -1 : 1))));
    raw((db) => db.prepare('UPDATE audit_entries SET line = ? WHERE seq = 2').run(Buffer.from(JSON.stringify({ ...e, hash: sha256(canonical) }))));
    expect(verifyAuditChain(file)).toEqual({ ok: false, entry: 3, seq: 3, problem: expect.stringMatching(/prev does not match/) });
  });

  it('detects a removed entry, and a removed first entry', () => {
    seed(4);
    raw((db) => db.prepare('DELETE FROM audit_entries WHERE seq = 2').run());
    expect(verifyAuditChain(file)).toEqual({ ok: false, entry: 2, seq: 3, problem: expect.stringMatching(/seq is 3, expected 2/) });
    raw((db) => db.prepare('DELETE FROM audit_entries WHERE seq = 1').run());
    expect(verifyAuditChain(file)).toMatchObject({ ok: false, entry: 1, seq: 3 });
  });

  it('detects swapped entries, and rows renumbered to hide it', () => {
    seed(4);
    const ls = lines();
    raw((db) => {
      const set = db.prepare('UPDATE audit_entries SET line = ? WHERE seq = ?');
      set.run(Buffer.from(ls[2] ?? ''), 2);
      set.run(Buffer.from(ls[1] ?? ''), 3);
    });
    expect(verifyAuditChain(file)).toMatchObject({ ok: false, entry: 2, problem: expect.stringMatching(/rows were renumbered/) });
  });

  it('detects an inserted entry, even a well-formed one', () => {
    seed(3);
    const other = path.join(dir, 'other.audit.db');
    const log = openAuditLog(other);
    log.append({ forged: true });
    const forged = log.append({ forged: true });
    log.close();
    const otherDb = new Database(other);
    const line = otherDb.prepare('SELECT line FROM audit_entries WHERE seq = 2').pluck().get() as Buffer;
    otherDb.close();
    expect(JSON.parse(line.toString()).seq).toBe(forged.seq);
    raw((db) => {
      db.prepare('UPDATE audit_entries SET seq = seq + 10 WHERE seq >= 2').run();
      db.prepare('INSERT INTO audit_entries (seq, line) VALUES (2, ?)').run(line);
    });
    expect(verifyAuditChain(file)).toEqual({ ok: false, entry: 2, seq: 2, problem: expect.stringMatching(/prev does not match/) });
  });

  it('detects a line that is not a JSON object', () => {
    seed(2);
    raw((db) => db.prepare('UPDATE audit_entries SET line = ? WHERE seq = 2').run(Buffer.from('[1]')));
    expect(verifyAuditChain(file)).toEqual({ ok: false, entry: 2, seq: 2, problem: 'not a JSON object' });
  });
});

describe('commit (group commit)', () => {
  it('writes the commits of one turn of the event loop in one transaction, in order, after earlier appends', async () => {
    const log = openAuditLog(file);
    log.append({ a: 0 });
    const before = walFrames();
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => log.commit({ a: i + 1 })));
    const batched = walFrames() - before;
    for (let i = 21; i <= 40; i++) log.append({ a: i });
    const oneByOne = walFrames() - before - batched;
    log.close();
    expect(entries.map((e) => [e.seq, e.a])).toEqual(Array.from({ length: 20 }, (_, i) => [i + 2, i + 1]));
    // Twenty transactions write at least a frame each; one transaction writes each page it changed once.
    expect(oneByOne).toBeGreaterThanOrEqual(20);
    expect(batched).toBeLessThan(oneByOne / 4);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 41 });
  });

  it('writes the commits still waiting before an append, so the chain keeps the order of the calls', async () => {
    const log = openAuditLog(file);
    const waiting = [log.commit({ n: 1 }), log.commit({ n: 2 })];
    const appended = log.append({ n: 3 });
    expect(appended.seq).toBe(3);
    expect((await Promise.all(waiting)).map((e) => e.seq)).toEqual([1, 2]);
    log.close();
  });

  it('rejects every commit of a transaction that fails, and writes the next ones', async () => {
    const log = openAuditLog(file, { lockWaitMs: 50 });
    await log.commit({ a: 1 });
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([log.commit({ a: 2 }), log.commit({ a: 3 })]);
    holder.exec('ROLLBACK');
    holder.close();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(AuditLogError);
    expect((await log.commit({ a: 4 })).seq).toBe(2);
    log.close();
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 2 });
  });

  it('close writes and settles commits still waiting', async () => {
    const log = openAuditLog(file);
    const pending = [log.commit({ a: 1 }), log.commit({ a: 2 })];
    log.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(2);
    await expect(log.commit({ a: 3 })).rejects.toThrow(/closed/);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 2 });
  });
});
