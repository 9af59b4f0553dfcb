import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditLogError, GENESIS, openAuditLog, verifyAuditLog } from './audit.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-audit-'));
  file = path.join(dir, 'app.audit.jsonl');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const lines = () => fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);
const writeLines = (ls: string[]) => fs.writeFileSync(file, ls.map((l) => `${l}\n`).join(''));

/** Writes `n` entries and closes the log. */
function seed(n: number): void {
  const log = openAuditLog(file);
  for (let i = 1; i <= n; i++) log.append({ action: 'get', secret: `s${i}`, authorized: true });
  log.close();
}

describe('openAuditLog / append', () => {
  it('writes chained JSON lines in the documented shape', () => {
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
  });

  it('hashes the canonical JSON of the entry without hash', () => {
    const log = openAuditLog(file);
    const e = log.append({ z: 1, a: { y: [1, 'x'], b: null } });
    log.close();
    const canonical = `{"a":{"b":null,"y":[1,"x"]},"prev":"${GENESIS}","seq":1,"time":${JSON.stringify(e.time)},"z":1}`;
    expect(e.hash).toBe(sha256(canonical));
  });

  it('creates the file with mode 0600', () => {
    openAuditLog(file).close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('continues the chain after reopening', () => {
    seed(2);
    const log = openAuditLog(file);
    const third = log.append({ action: 'put' });
    log.close();
    expect(third.seq).toBe(3);
    expect(third.prev).toBe(sha256(lines()[1] ?? ''));
    expect(verifyAuditLog(file)).toEqual({ ok: true, entries: 3, head: sha256(lines()[2] ?? '') });
  });

  it('writes plain JSON: drops undefined, applies toJSON, refuses bigint', () => {
    const log = openAuditLog(file);
    const e = log.append({ gone: undefined, at: new Date(0) });
    expect(e).not.toHaveProperty('gone');
    expect(e.at).toBe('1970-01-01T00:00:00.000Z');
    expect(() => log.append({ id: 1n })).toThrow(TypeError);
    log.close();
    expect(verifyAuditLog(file)).toMatchObject({ ok: true, entries: 1 });
  });

  it('refuses event fields that would overwrite the chain fields', () => {
    const log = openAuditLog(file);
    for (const k of ['seq', 'time', 'prev', 'hash']) expect(() => log.append({ [k]: 1 })).toThrow(/reserved/);
    log.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });

  it('refuses a second open of the same file in-process, and appending after close', () => {
    const log = openAuditLog(file);
    expect(() => openAuditLog(file)).toThrow(/already open/);
    log.close();
    log.close();
    expect(() => log.append({ a: 1 })).toThrow(/closed/);
    openAuditLog(file).close();
  });

  it('throws (so the caller fails closed) when it cannot write, and cuts off the partial line', () => {
    const log = openAuditLog(file);
    log.append({ a: 1 });
    const realWrite = fs.writeSync;
    const spy = vi.spyOn(fs, 'writeSync').mockImplementationOnce((fd: number, buf: unknown) => {
      realWrite(fd, buf as Uint8Array, 0, 10);
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    expect(() => log.append({ a: 2 })).toThrow(AuditLogError);
    spy.mockRestore();
    const next = log.append({ a: 3 });
    log.close();
    expect(next.seq).toBe(2);
    expect(verifyAuditLog(file)).toMatchObject({ ok: true, entries: 2 });
  });

  it('stops appending if a failed write cannot be cut off', () => {
    const log = openAuditLog(file);
    const write = vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw new Error('EIO');
    });
    const truncate = vi.spyOn(fs, 'ftruncateSync').mockImplementationOnce(() => {
      throw new Error('EIO');
    });
    expect(() => log.append({ a: 1 })).toThrow(/cannot write/);
    write.mockRestore();
    truncate.mockRestore();
    expect(() => log.append({ a: 2 })).toThrow(/unusable after a failed write/);
    log.close();
  });

  it('refuses a torn last line, saying where to cut', () => {
    seed(2);
    const good = fs.statSync(file).size;
    fs.appendFileSync(file, '{"seq":3,"ti');
    expect(() => openAuditLog(file)).toThrow(new RegExp(`incomplete line \\(12 bytes after offset ${good}.*truncate -s ${good}`));
    expect(verifyAuditLog(file)).toEqual({ ok: false, line: 3, problem: expect.stringMatching(/torn write/) });
    fs.truncateSync(file, good);
    const log = openAuditLog(file);
    expect(log.append({ a: 1 }).seq).toBe(3);
    log.close();
  });

  it('refuses a corrupt last line', () => {
    seed(2);
    const ls = lines();
    writeLines([ls[0] ?? '', (ls[1] ?? '').replace('"s2"', '"s9"')]);
    expect(() => openAuditLog(file)).toThrow(/last entry .* is corrupt \(hash does not match/);
    writeLines([ls[0] ?? '', 'not json']);
    expect(() => openAuditLog(file)).toThrow(/not valid JSON/);
  });

  it('reads the last line correctly when entries are larger than the read chunk', () => {
    const log = openAuditLog(file);
    log.append({ big: 'x'.repeat(100_000) });
    log.append({ big: 'y'.repeat(70_000) });
    log.close();
    const again = openAuditLog(file);
    expect(again.append({ a: 1 }).prev).toBe(sha256(lines()[1] ?? ''));
    again.close();
    expect(verifyAuditLog(file)).toMatchObject({ ok: true, entries: 3 });
  });
});

describe('verifyAuditLog', () => {
  it('accepts an empty or new log', () => {
    openAuditLog(file).close();
    expect(verifyAuditLog(file)).toEqual({ ok: true, entries: 0, head: GENESIS });
  });

  it('accepts an intact log', () => {
    seed(5);
    expect(verifyAuditLog(file)).toEqual({ ok: true, entries: 5, head: sha256(lines()[4] ?? '') });
  });

  it('detects a changed entry', () => {
    seed(4);
    const ls = lines();
    ls[1] = (ls[1] ?? '').replace('"authorized":true', '"authorized":false');
    writeLines(ls);
    expect(verifyAuditLog(file)).toEqual({ ok: false, line: 2, problem: expect.stringMatching(/entry was changed/) });
  });

  it('detects a changed entry whose hash was recomputed, at the next line', () => {
    seed(4);
    const ls = lines();
    const e = JSON.parse(ls[1] ?? '') as Record<string, unknown>;
    e.authorized = false;
    delete e.hash;
    const canonical = JSON.stringify(Object.fromEntries(Object.entries(e).sort(([a], [b]) => (a < b ? -1 : 1))));
    ls[1] = JSON.stringify({ ...e, hash: sha256(canonical) });
    writeLines(ls);
    expect(verifyAuditLog(file)).toEqual({ ok: false, line: 3, problem: expect.stringMatching(/prev does not match/) });
  });

  it('detects a whitespace-only change through the next prev', () => {
    seed(3);
    const ls = lines();
    ls[0] = (ls[0] ?? '').replace('{', '{ ');
    writeLines(ls);
    expect(verifyAuditLog(file)).toMatchObject({ ok: false, line: 2 });
  });

  it('detects a removed entry', () => {
    seed(4);
    const ls = lines();
    ls.splice(1, 1);
    writeLines(ls);
    expect(verifyAuditLog(file)).toEqual({ ok: false, line: 2, problem: expect.stringMatching(/seq is 3, expected 2/) });
  });

  it('detects a removed first entry', () => {
    seed(3);
    writeLines(lines().slice(1));
    expect(verifyAuditLog(file)).toMatchObject({ ok: false, line: 1 });
  });

  it('detects reordered entries', () => {
    seed(4);
    const [a, b, c, d] = lines();
    writeLines([a, c, b, d].map((l) => l ?? ''));
    expect(verifyAuditLog(file)).toMatchObject({ ok: false, line: 2 });
  });

  it('detects an inserted entry, even a well-formed one', () => {
    seed(3);
    const other = path.join(dir, 'other.jsonl');
    const log = openAuditLog(other);
    log.append({ forged: true });
    log.append({ forged: true });
    log.close();
    const forged = fs.readFileSync(other, 'utf8').split('\n')[1] ?? '';
    const ls = lines();
    ls.splice(1, 0, forged);
    writeLines(ls);
    expect(verifyAuditLog(file)).toEqual({ ok: false, line: 2, problem: expect.stringMatching(/prev does not match/) });
  });

  it('detects an inserted blank line and a non-object line', () => {
    seed(2);
    const ls = lines();
    writeLines([ls[0] ?? '', '', ls[1] ?? '']);
    expect(verifyAuditLog(file)).toEqual({ ok: false, line: 2, problem: 'not valid JSON' });
    writeLines([ls[0] ?? '', '[1]', ls[1] ?? '']);
    expect(verifyAuditLog(file)).toEqual({ ok: false, line: 2, problem: 'not a JSON object' });
  });

  it('reports a file it cannot read', () => {
    expect(verifyAuditLog(path.join(dir, 'missing.jsonl'))).toMatchObject({ ok: false, line: 0 });
  });
});

describe('commit (group commit)', () => {
  it('chains commits with appends, and shares one fsync among concurrent commits', async () => {
    const log = openAuditLog(file);
    log.append({ a: 0 });
    const fsyncs = vi.spyOn(fs, 'fsync');
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => log.commit({ a: i + 1 })));
    const calls = fsyncs.mock.calls.length;
    fsyncs.mockRestore();
    log.append({ a: 21 });
    log.close();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThanOrEqual(2);
    expect(verifyAuditLog(file)).toMatchObject({ ok: true, entries: 22 });
  });

  it('rejects every waiting commit when the fsync fails, and refuses further entries', async () => {
    const log = openAuditLog(file);
    const spy = vi.spyOn(fs, 'fsync').mockImplementationOnce(((_fd: number, cb: (err: Error | null) => void) => {
      cb(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    }) as typeof fs.fsync);
    const results = await Promise.allSettled([log.commit({ a: 1 }), log.commit({ a: 2 })]);
    spy.mockRestore();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(log.commit({ a: 3 })).rejects.toThrow(/unusable/);
    expect(() => log.append({ a: 4 })).toThrow(AuditLogError);
    log.close();
  });

  it('rejects a commit whose write fails, without breaking the chain', async () => {
    const log = openAuditLog(file);
    const spy = vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw new Error('ENOSPC');
    });
    await expect(log.commit({ a: 1 })).rejects.toThrow(AuditLogError);
    spy.mockRestore();
    await log.commit({ a: 2 });
    log.close();
    expect(verifyAuditLog(file)).toMatchObject({ ok: true, entries: 1 });
  });

  it('close syncs and settles commits still waiting', async () => {
    const log = openAuditLog(file);
    const pending = [log.commit({ a: 1 }), log.commit({ a: 2 })];
    log.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(2);
    await expect(log.commit({ a: 3 })).rejects.toThrow(/closed/);
    expect(verifyAuditLog(file)).toMatchObject({ ok: true, entries: 2 });
  });
});
