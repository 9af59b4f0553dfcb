import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditLogError, type AuditLogOptions, openAuditLog, verifyAuditChain, verifyAuditLog } from './audit.js';
import { rotatedFiles, rotatedPath } from './audit-files.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-audit-rot-'));
  file = path.join(dir, 'app.audit.jsonl');
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (b: string) => createHash('sha256').update(b).digest('hex');
const linesOf = (f: string) => fs.readFileSync(f, 'utf8').split('\n').slice(0, -1);
const entriesOf = (f: string) => linesOf(f).map((l) => JSON.parse(l) as Record<string, unknown>);
const rotatedNames = () => rotatedFiles(file).map((r) => path.basename(r.file));
/** The event every test writes: equal size for seq 1 to 9, so sizes can be predicted. */
const event = (i: number) => ({ action: 'get', secret: `s${i}`, authorized: true });

/** How many of this process's file descriptors are open on files under `d`. */
function openFdsUnder(d: string): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(d)) n++;
    } catch {
      // closed while listing
    }
  }
  return n;
}

/** Writes events `from`..`to` with `append` and closes the log. */
function seed(from: number, to: number, options: AuditLogOptions): void {
  const log = openAuditLog(file, options);
  for (let i = from; i <= to; i++) log.append(event(i));
  log.close();
}

/** The size of a file holding the first `n` entries (written in a scratch directory). */
function sizeOfFirst(n: number): number {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-audit-size-'));
  const log = openAuditLog(path.join(scratch, 'app.audit.jsonl'));
  for (let i = 1; i <= n; i++) log.append(event(i));
  log.close();
  const size = fs.statSync(path.join(scratch, 'app.audit.jsonl')).size;
  fs.rmSync(scratch, { recursive: true, force: true });
  return size;
}

describe('rotation by size', () => {
  it('fills a file up to exactly maxFileBytes, and rotates before the entry that would not fit', () => {
    const three = sizeOfFirst(3);
    const log = openAuditLog(file, { maxFileBytes: three });
    for (let i = 1; i <= 3; i++) log.append(event(i));
    expect(rotatedNames()).toEqual([]);
    expect(fs.statSync(file).size).toBe(three);

    const fourth = log.append(event(4));
    log.close();
    expect(rotatedNames()).toEqual(['app.000000000003.audit.jsonl']);
    const rotated = rotatedPath(file, 3);
    expect(fs.statSync(rotated).size).toBe(three);
    const [anchor, after] = entriesOf(file);
    const lastOld = entriesOf(rotated)[2];
    expect(anchor).toMatchObject({ seq: 4, prev: sha256(linesOf(rotated)[2] ?? ''), anchor: { seq: 3, hash: lastOld?.hash } });
    expect(Object.keys(anchor ?? {})).toEqual(['seq', 'time', 'prev', 'anchor', 'hash']);
    expect(after).toEqual(fourth);
    expect(fourth).toMatchObject({ seq: 5, secret: 's4', prev: sha256(linesOf(file)[0] ?? '') });
  });

  it('rotates one entry earlier when the limit is a byte smaller', () => {
    seed(1, 3, { maxFileBytes: sizeOfFirst(3) - 1 });
    expect(rotatedNames()).toEqual(['app.000000000002.audit.jsonl']);
    expect(entriesOf(file).map((e) => e.seq)).toEqual([3, 4]);
  });

  it('writes an entry larger than maxFileBytes into a fresh file instead of rotating forever', () => {
    const log = openAuditLog(file, { maxFileBytes: 400 });
    log.append({ big: 'x'.repeat(1000) });
    log.append({ big: 'y'.repeat(1000) });
    log.append({ big: 'z'.repeat(1000) });
    log.close();
    expect(rotatedFiles(file).map((r) => r.lastSeq)).toEqual([1, 3]);
    expect(entriesOf(file).map((e) => e.seq)).toEqual([4, 5]);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 5 });
  });

  it('rotates a current file that has grown past a lowered limit at its next entry', () => {
    seed(1, 6, {});
    seed(7, 7, { maxFileBytes: sizeOfFirst(3) });
    expect(rotatedNames()).toEqual(['app.000000000006.audit.jsonl']);
    expect(entriesOf(file).map((e) => e.seq)).toEqual([7, 8]);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 8, oldest: null });
  });

  it('creates every file with mode 0600', () => {
    seed(1, 9, { maxFileBytes: sizeOfFirst(2) });
    const names = fs.readdirSync(dir);
    expect(names.length).toBeGreaterThan(3);
    for (const n of names) expect(fs.statSync(path.join(dir, n)).mode & 0o777, n).toBe(0o600);
  });

  it('keeps group commits correct across a rotation, closing a rotated file only after its fsync returns', async () => {
    // Every fsync starts after the synchronous rotations below, as a slow disk would have it,
    // and must still find its descriptor open on the file it was asked to sync.
    const realFsync = fs.fsync;
    const inode = (fd: number) => {
      try {
        return fs.fstatSync(fd).ino;
      } catch {
        return 'closed';
      }
    };
    const moved: string[] = [];
    vi.spyOn(fs, 'fsync').mockImplementation(((fd: number, cb: (err: Error | null) => void) => {
      const asked = inode(fd);
      setImmediate(() => {
        if (inode(fd) !== asked) moved.push(`fd ${fd}: inode ${asked} became ${inode(fd)}`);
        realFsync(fd, cb);
      });
    }) as typeof fs.fsync);
    const log = openAuditLog(file, { maxFileBytes: 1500 });
    const entries = await Promise.all(Array.from({ length: 40 }, (_, i) => log.commit({ a: i })));
    log.append({ a: 'last' });
    log.close();
    for (let i = 0; i < 50 && openFdsUnder(dir) > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(openFdsUnder(dir)).toBe(0);
    expect(moved).toEqual([]);
    expect(rotatedFiles(file).length).toBeGreaterThan(3);
    const v = verifyAuditChain(file);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const anchors = v.files.length - 1;
    expect(v.entries).toBe(41 + anchors);
    expect(entries.map((e) => e.a)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });
});

describe('verifyAuditChain', () => {
  /**
   * 8 events in 4 files: [1 2 3] [4(anchor) 5 6] [7(anchor) 8 9] [10(anchor) 11]. An anchor line
   * is ~46 bytes longer than an event's, so a file holds three events or an anchor and two.
   */
  const rotatedLog = () => seed(1, 8, { maxFileBytes: sizeOfFirst(3) + 100 });

  /** Rewrites line `i` of `f` with `change` applied and its hash recomputed (a forger's edit). */
  const forge = (f: string, i: number, change: (e: Record<string, unknown>) => void) => {
    const ls = linesOf(f);
    const e = JSON.parse(ls[i] ?? '') as Record<string, unknown>;
    delete e.hash;
    change(e);
    const canonical = JSON.stringify(Object.fromEntries(Object.entries(e).sort(([a], [b]) => (a < b ? -1 : 1))));
    ls[i] = JSON.stringify({ ...e, hash: sha256(canonical) });
    fs.writeFileSync(f, ls.map((l) => `${l}\n`).join(''));
  };

  it('checks every kept file as one chain, oldest first', () => {
    rotatedLog();
    const v = verifyAuditChain(file);
    expect(v).toEqual({
      ok: true,
      files: [
        { file: rotatedPath(file, 3), entries: 3, firstSeq: 1, lastSeq: 3 },
        { file: rotatedPath(file, 6), entries: 3, firstSeq: 4, lastSeq: 6 },
        { file: rotatedPath(file, 9), entries: 3, firstSeq: 7, lastSeq: 9 },
        { file, entries: 2, firstSeq: 10, lastSeq: 11 },
      ],
      entries: 11,
      head: sha256(linesOf(file)[1] ?? ''),
      oldest: null,
    });
    // Each file on its own is fine too; one rotated to reports the anchor it starts from.
    expect(verifyAuditLog(rotatedPath(file, 6))).toMatchObject({ ok: true, entries: 3, anchor: { seq: 3 } });
  });

  it('detects a changed entry in an old file', () => {
    rotatedLog();
    const old = rotatedPath(file, 3);
    const ls = linesOf(old);
    ls[1] = (ls[1] ?? '').replace('"authorized":true', '"authorized":false');
    fs.writeFileSync(old, ls.map((l) => `${l}\n`).join(''));
    expect(verifyAuditChain(file)).toEqual({ ok: false, file: old, line: 2, problem: expect.stringMatching(/entry was changed/) });
  });

  it('detects a rewritten last entry of an old file (hash recomputed) at the next file\'s anchor', () => {
    rotatedLog();
    const old = rotatedPath(file, 3);
    forge(old, 2, (e) => {
      e.secret = 'forged';
    });
    expect(verifyAuditLog(old)).toMatchObject({ ok: true });
    expect(verifyAuditChain(file)).toEqual({ ok: false, file: rotatedPath(file, 6), line: 1, problem: expect.stringMatching(/prev does not match/) });
  });

  it('detects an old file cut short, and a missing file in the middle', () => {
    rotatedLog();
    const middle = rotatedPath(file, 6);
    const ls = linesOf(middle);
    fs.writeFileSync(middle, ls.slice(0, 2).map((l) => `${l}\n`).join(''));
    expect(verifyAuditChain(file)).toEqual({ ok: false, file: middle, line: 2, problem: expect.stringMatching(/name says its last entry is 6, but it is 5/) });
    fs.rmSync(middle);
    expect(verifyAuditChain(file)).toEqual({
      ok: false,
      file: rotatedPath(file, 9),
      line: 1,
      problem: expect.stringMatching(/continues from entry 6, but the file before it ends at entry 3: a file is missing/),
    });
  });

  it('refuses an anchor anywhere but the first line, and a later file without one', () => {
    rotatedLog();
    const a = linesOf(rotatedPath(file, 6));
    const b = linesOf(rotatedPath(file, 9));
    fs.writeFileSync(rotatedPath(file, 6), [...a, ...b].map((l) => `${l}\n`).join(''));
    fs.rmSync(rotatedPath(file, 9));
    expect(verifyAuditChain(file)).toMatchObject({ ok: false, file: rotatedPath(file, 6), line: 4, problem: expect.stringMatching(/anchor entry in the middle/) });
  });

  it('refuses a later file whose anchor was stripped', () => {
    rotatedLog();
    forge(rotatedPath(file, 9), 0, (e) => {
      delete e.anchor;
    });
    expect(verifyAuditChain(file)).toMatchObject({ ok: false, file: rotatedPath(file, 9), line: 1, problem: expect.stringMatching(/does not open with an anchor/) });
  });

  it('reports the new oldest anchor once the oldest file is deleted', () => {
    rotatedLog();
    const gone = rotatedPath(file, 3);
    const lastGone = linesOf(gone)[2] ?? '';
    fs.rmSync(gone);
    const v = verifyAuditChain(file);
    expect(v).toMatchObject({
      ok: true,
      entries: 8,
      oldest: { file: rotatedPath(file, 6), seq: 3, head: sha256(lastGone), hash: (JSON.parse(lastGone) as { hash: string }).hash },
    });
    fs.rmSync(rotatedPath(file, 6));
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 5, oldest: { file: rotatedPath(file, 9), seq: 6 } });
  });

  it('reports a log that does not exist', () => {
    expect(verifyAuditChain(file)).toMatchObject({ ok: false, file, line: 0, problem: expect.stringMatching(/cannot open/) });
  });
});

describe('retention', () => {
  it('keeps keepFiles files, the current one included, deleting the oldest', () => {
    const warn = vi.fn();
    // Files of [1 2], then [anchor, event] each: 9 events make 8 files and 16 entries.
    seed(1, 9, { maxFileBytes: sizeOfFirst(2), keepFiles: 3, warn });
    expect(rotatedFiles(file).map((r) => r.lastSeq)).toEqual([12, 14]);
    const v = verifyAuditChain(file);
    if (!v.ok) throw new Error(v.problem);
    expect(v.files.map((f) => [f.firstSeq, f.lastSeq])).toEqual([
      [11, 12],
      [13, 14],
      [15, 16],
    ]);
    expect(v.oldest).toMatchObject({ seq: 10, file: rotatedPath(file, 12) });
    expect(warn).not.toHaveBeenCalled();
  });

  it('applies a lowered retention when the log is opened', () => {
    seed(1, 9, { maxFileBytes: sizeOfFirst(2) });
    expect(rotatedFiles(file).length).toBeGreaterThan(3);
    openAuditLog(file, { keepFiles: 1 }).close();
    expect(rotatedFiles(file)).toEqual([]);
    const v = verifyAuditChain(file);
    expect(v).toMatchObject({ ok: true, files: [{ file }], oldest: { file } });
  });

  it('warns, and still writes, when an old file cannot be deleted; retries at the next rotation', () => {
    const warn = vi.fn();
    const log = openAuditLog(file, { maxFileBytes: sizeOfFirst(2), keepFiles: 1, warn });
    log.append(event(1));
    log.append(event(2));
    const unlink = vi.spyOn(fs, 'unlinkSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    });
    log.append(event(3));
    unlink.mockRestore();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/cannot delete old audit file .*EACCES/));
    expect(rotatedFiles(file).length).toBe(1);
    log.append(event(4));
    log.append(event(5));
    log.close();
    expect(rotatedFiles(file)).toEqual([]);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true });
  });
});

describe('a full disk fails closed', () => {
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

  it.each([
    ['writing the anchor', 'writeSync'],
    ['creating the new file', 'openSync'],
  ] as const)('refuses the entry when %s fails, puts the old file back, and rotates once there is room', (_, fn) => {
    const log = openAuditLog(file, { maxFileBytes: sizeOfFirst(3) });
    for (let i = 1; i <= 3; i++) log.append(event(i));
    const before = fs.readFileSync(file);
    const spy = vi.spyOn(fs, fn).mockImplementationOnce(() => {
      throw enospc();
    });
    expect(() => log.append(event(4))).toThrow(AuditLogError);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    expect(rotatedNames()).toEqual([]);
    expect(fs.readFileSync(file)).toEqual(before);
    const next = log.append(event(5));
    log.close();
    expect(next).toMatchObject({ seq: 5, secret: 's5' });
    expect(rotatedNames()).toEqual(['app.000000000003.audit.jsonl']);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 5 });
  });

  it('rejects a commit whose rotation fails', async () => {
    const log = openAuditLog(file, { maxFileBytes: sizeOfFirst(1) });
    await log.commit(event(1));
    vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw enospc();
    });
    await expect(log.commit(event(2))).rejects.toThrow(/cannot start a new audit file .*ENOSPC/);
    vi.restoreAllMocks();
    await log.commit(event(3));
    log.close();
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 3 });
  });

  it('refuses every entry after a rotation it cannot undo, until reopened', () => {
    const log = openAuditLog(file, { maxFileBytes: sizeOfFirst(1) });
    log.append(event(1));
    vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw enospc();
    });
    const rename = fs.renameSync;
    vi.spyOn(fs, 'renameSync')
      .mockImplementationOnce(rename)
      .mockImplementationOnce(() => {
        throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      });
    expect(() => log.append(event(2))).toThrow(AuditLogError);
    vi.restoreAllMocks();
    expect(() => log.append(event(3))).toThrow(/unusable/);
    log.close();
    // The next open finds no current file next to the rotated one and continues from it.
    expect(fs.existsSync(file)).toBe(false);
    seed(4, 4, {});
    expect(entriesOf(file).map((e) => e.seq)).toEqual([2, 3]);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 3, oldest: null });
  });
});

describe('recovery after a crash in the middle of a rotation', () => {
  it('starts an empty or missing current file with the anchor to the newest rotated file', () => {
    seed(1, 3, {});
    fs.renameSync(file, rotatedPath(file, 3));
    seed(4, 4, {});
    fs.renameSync(file, rotatedPath(file, 5));
    fs.writeFileSync(file, '', { mode: 0o600 });
    seed(6, 6, {});
    expect(entriesOf(file)).toEqual([expect.objectContaining({ seq: 6, anchor: expect.objectContaining({ seq: 5 }) }), expect.objectContaining({ seq: 7 })]);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 7, oldest: null });
  });
});
