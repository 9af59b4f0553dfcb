import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeLegacyLog } from '../../test/support/audit.js';
import { appendToAuditLog, openAuditLog, verifyAuditChain } from './audit.js';
import { auditLockPath } from './audit-files.js';
import { exportAuditChain } from './audit-store.js';
import { chainReport } from './audit-report.js';

let dir: string;
let db: string;
let current: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tailyard-audit-mig-'));
  db = path.join(dir, 'secrets.audit.db');
  current = path.join(dir, 'secrets.audit.jsonl');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const exported = () => {
  const chunks: Buffer[] = [];
  exportAuditChain(db, (c) => chunks.push(c));
  return Buffer.concat(chunks);
};
const joined = (lines: Buffer[]) => Buffer.concat(lines.flatMap((l) => [l, Buffer.of(0x0a)]));

describe('moving the JSON Lines files of an earlier version into the audit database', () => {
  it('imports every line as it is at the first open, renames the files *.migrated, and continues the chain', () => {
    const { files, lines } = writeLegacyLog(current, [3, 2, 2], { dropOldest: 1 });
    fs.writeFileSync(auditLockPath(current), '', { mode: 0o600 });
    const warn = vi.fn();
    const log = openAuditLog(db, { warn });
    const next = log.append({ action: 'get', secret: 'after' });
    log.close();

    expect(next.seq).toBe(10);
    for (const f of files) {
      expect(fs.existsSync(f), f).toBe(false);
      expect(fs.existsSync(`${f}.migrated`), f).toBe(true);
    }
    expect(fs.existsSync(auditLockPath(current))).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/moved the audit log .* into .*secrets\.audit\.db/));
    // The export holds exactly what the files held, then the new entry.
    const out = exported();
    expect(out.subarray(0, joined(lines).length)).toEqual(joined(lines));
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: 7, firstSeq: 4, lastSeq: 10, segments: 2, oldest: { seq: 3 } });
    const segs = new Database(db, { readonly: true }).prepare('SELECT first_seq, entries FROM audit_segments ORDER BY first_seq').raw().all();
    expect(segs).toEqual([
      [4, 3],
      [7, 4],
    ]);
  });

  it('moves them for a CLI writer too, and reports them before they move', () => {
    const { lines } = writeLegacyLog(current, [2]);
    const before = chainReport(db);
    expect(before).toEqual({ ok: true, lines: [expect.stringMatching(new RegExp(`^${current}: ok, 2 entries, head [0-9a-f]{64} \\(1 file, seq 1 to 2; moved into ${db} at the next start\\)$`)), 'oldest entry kept: seq 1, the start of the log (nothing rotated away)'] });
    appendToAuditLog(db, { action: 'key.rotate' });
    expect(exported().subarray(0, joined(lines).length)).toEqual(joined(lines));
    expect(chainReport(db)).toMatchObject({ ok: true, lines: [expect.stringMatching(/: ok, 3 entries, .*\(1 segment, seq 1 to 3\)$/), expect.any(String)] });
  });

  it('refuses a broken chain with its file and line, and moves nothing', () => {
    const { files } = writeLegacyLog(current, [2, 2]);
    fs.appendFileSync(current, '{"seq":6,"ti');
    expect(() => openAuditLog(db)).toThrow(new RegExp(`cannot move the audit log .* into .*: ${current}: line 4: incomplete last line .*cut it off`));
    for (const f of files) expect(fs.existsSync(f)).toBe(true);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('only renames after a crash between the import and the renames', () => {
    const { files, lines } = writeLegacyLog(current, [2, 2]);
    openAuditLog(db).close();
    for (const f of files) fs.renameSync(`${f}.migrated`, f);
    openAuditLog(db).close();
    expect(exported()).toEqual(joined(lines));
    for (const f of files) expect(fs.existsSync(`${f}.migrated`)).toBe(true);
  });

  it('refuses files next to a database that holds another chain', () => {
    appendToAuditLog(db, { action: 'new' });
    writeLegacyLog(current, [2]);
    expect(() => openAuditLog(db)).toThrow(/already holds audit entries, and secrets\.audit\.jsonl next to it hold an earlier chain: move the files out/);
  });
});
