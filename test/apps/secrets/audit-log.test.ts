/**
 * The secrets audit log on disk, end to end: retention in the running app under the platform's
 * `audit` settings (new and deprecated keys), `tailyard secret audit verify` over the kept chain,
 * and a full disk failing closed.
 *
 * The full disk is real: the server runs as a child process under RLIMIT_FSIZE (`prlimit
 * --fsize`), so a write past the limit fails with EFBIG, just as a full file system fails a
 * write with ENOSPC (node ignores SIGXFSZ, so the write returns the error). What fills up first
 * is the audit database's write-ahead log, which grows with every entry until a checkpoint.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import Database from 'better-sqlite3';
import { readAuditEntries, verifyAuditChain } from '../../../src/platform/audit.js';
import { auditSegments } from '../../support/audit.js';
import { startTestApp, tempDataDir } from '../../support/platform.js';
import { ALL, b64, call, runSecretCli } from './helpers.js';
import { killAll, spawnServer } from './support/child.js';

const dirs: string[] = [];
const newDir = () => {
  const d = tempDataDir('tailyard-audit-');
  dirs.push(d);
  return d;
};
afterAll(() => {
  killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const auditDb = (dir: string) => path.join(dir, 'secrets.audit.db');

/** Every kept entry of the chain in `dir`, after checking it. */
function allEntries(dir: string): Array<Record<string, unknown>> {
  const v = verifyAuditChain(auditDb(dir));
  if (!v.ok) throw new Error(`entry ${v.entry}: ${v.problem}`);
  return readAuditEntries(auditDb(dir));
}


/** Runs `tailyard secret …` in-process, output as text. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runSecretCli(args);
  return { ...r, out: r.out.toString() };
}

/** A name near the default limit, so each audit entry is about 1.3 KB. */
const NAME = `disk/${'n'.repeat(1000)}`;

describe('retention in the running app', () => {
  it.each([
    ['audit.keepBytes', { keepBytes: 16 * 4096 }, 16],
    ['the deprecated audit.maxFileBytes and keepFiles', { maxFileBytes: 8192, keepFiles: 3 }, 3],
  ])('keeps what %s allow (0600), and audit verify checks the kept chain from its oldest anchor', async (_, audit, kept) => {
    const dir = newDir();
    const t = await startTestApp(secretsApp, { caps: ALL, dataDir: dir, settings: { audit } });
    await call(t.url, 'put', { Name: NAME, Value: b64('v') });
    for (let i = 0; i < 60; i++) expect((await call(t.url, 'get', { Name: NAME })).status).toBe(200);
    await t.close();

    expect(auditSegments(auditDb(dir))).toBe(kept);
    for (const f of ['secrets.audit.db', 'secrets.audit.db-wal', 'secrets.audit.db-shm']) expect(fs.statSync(path.join(dir, f)).mode & 0o777, f).toBe(0o600);
    const ok = await cli('audit', 'verify', '--data', dir);
    expect(ok).toMatchObject({ code: 0, err: '' });
    const summary = new RegExp(`ok, (\\d+) entries, head [0-9a-f]{64} \\(${kept} segments, seq (\\d+) to (\\d+)\\)\n`).exec(ok.out);
    const anchor = /oldest anchor kept: after seq (\d+) \(head [0-9a-f]{64}, hash [0-9a-f]{64}\); entries up to \1 were deleted by the retention/.exec(ok.out);
    expect(summary, ok.out).not.toBeNull();
    expect(anchor, ok.out).not.toBeNull();
    const [, entries, first, last] = summary?.map(Number) ?? [];
    expect(Number(anchor?.[1])).toBe((first ?? 0) - 1);
    expect(entries).toBe((last ?? 0) - (first ?? 0) + 1);
    // 61 requests plus one anchor per segment started: everything up to the oldest anchor was deleted.
    expect(last).toBeGreaterThan(61);

    const db = new Database(auditDb(dir));
    db.prepare("UPDATE audit_entries SET line = CAST(replace(CAST(line AS TEXT), '\"authorized\":true', '\"authorized\":false') AS BLOB) WHERE seq = ?").run((first ?? 0) + 1);
    db.close();
    const tampered = await cli('audit', 'verify', '--data', dir);
    expect(tampered).toMatchObject({ code: 1, err: `tailyard secret: ${auditDb(dir)}: entry 2 (seq ${(first ?? 0) + 1}): hash does not match the content: the entry was changed\n` });
  });

  it('refuses audit settings out of range at start-up', async () => {
    await expect(startTestApp(secretsApp, { settings: { audit: { keepFiles: 0 } } })).rejects.toThrow(/keepFiles/);
    await expect(startTestApp(secretsApp, { settings: { audit: { maxFileBytes: 100 } } })).rejects.toThrow(/maxFileBytes/);
    await expect(startTestApp(secretsApp, { settings: { audit: { keepBytes: 4096 } } })).rejects.toThrow(/keepBytes/);
    await expect(startTestApp(secretsApp, { settings: { audit: { maxFiles: 3 } } })).rejects.toThrow(/maxFiles/);
  });
});

describe('a full disk (RLIMIT_FSIZE on the server process)', () => {
  // Each entry's transaction appends a few pages to the WAL: room for some fifty of them.
  const LIMIT = 1 << 20;

  it('fails the request that cannot be audited, returns nothing without a durable entry, and loses no write', { timeout: 60_000 }, async () => {
    const dir = newDir();
    const full = await spawnServer(dir, { fsizeBytes: LIMIT });
    expect((await call(full.url, 'put', { Name: NAME, Value: b64('kept') })).text).toBe('1');
    let served = 0;
    let refused: { status: number; text: string } | undefined;
    for (let i = 0; i < 1000 && !refused; i++) {
      const r = await call(full.url, 'get', { Name: NAME });
      if (r.status === 200) served++;
      else refused = r;
    }
    expect(served).toBeGreaterThan(50);
    expect(refused).toEqual({ status: 500, text: 'internal error\n', contentType: expect.any(String) });
    // It stays closed: reads, metadata and writes all fail rather than go unaudited.
    expect((await call(full.url, 'get', { Name: NAME })).status).toBe(500);
    expect((await call(full.url, 'info', { Name: NAME })).status).toBe(500);
    expect((await call(full.url, 'put', { Name: NAME, Value: b64('lost') })).status).toBe(500);
    // The page is not setec's API: its failure is answered by the platform's renderer, by Accept.
    // (Its audit entry names no secret, so a few still fit in what is left.)
    const page = async (accept: string) => {
      const res = await fetch(`${full.url}/`, { headers: { Accept: accept } });
      return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    };
    const browser = 'text/html,application/xhtml+xml,*/*;q=0.8';
    let html = await page(browser);
    for (let i = 0; i < 20 && html.status === 200; i++) html = await page(browser);
    expect(html).toMatchObject({ status: 500, type: expect.stringMatching(/^text\/html/), text: expect.stringContaining('internal error') });
    expect(await page('application/json')).toMatchObject({ status: 500, text: '{"error":"internal","message":"internal error"}' });
    expect(await page('*/*')).toMatchObject({ status: 500, text: 'internal error\n' });
    await full.kill();

    // The audit log is what filled up: its WAL ends within one transaction's pages of the limit, not past it.
    const size = fs.statSync(`${auditDb(dir)}-wal`).size;
    expect(size).toBeLessThanOrEqual(LIMIT);
    expect(size).toBeGreaterThan(LIMIT - 4 * (4096 + 24));
    const entries = allEntries(dir);
    expect(entries.filter((e) => e.action === 'get' && e.outcome === 'ok')).toHaveLength(served);
    expect(entries.filter((e) => e.action === 'put')).toHaveLength(1);

    // With room again, the refused put turns out never to have happened.
    const roomy = await spawnServer(dir);
    expect((await call(roomy.url, 'info', { Name: NAME })).text).toBe(`{"Name":"${NAME}","Versions":[1],"ActiveVersion":1}`);
    expect((await call(roomy.url, 'get', { Name: NAME })).text).toBe(`{"Value":"${b64('kept')}","Version":1}`);
    await roomy.kill();
    expect(verifyAuditChain(auditDb(dir))).toMatchObject({ ok: true, oldest: null });
  });

  it('keeps serving under a limit its files stay below once the retention deletes old entries', { timeout: 120_000 }, async () => {
    // Each file must stay under the limit: the WAL grows to SQLite's checkpoint threshold (1000
    // pages, 4 MiB) before it starts over, and the database holds the retention's keepBytes.
    const limit = 6 << 20;
    const long = `disk/${'n'.repeat(8000)}`;
    const dir = newDir();
    const s = await spawnServer(dir, { fsizeBytes: limit, settings: { audit: { keepBytes: limit / 4 }, apps: { secrets: { maxNameBytes: 8192 } } } });
    await call(s.url, 'put', { Name: long, Value: b64('v') });
    // Twice the limit's worth of entries of about 8 KiB.
    for (let i = 0; i < 1600; i++) expect((await call(s.url, 'get', { Name: long })).status).toBe(200);
    await s.kill();
    for (const f of ['secrets.audit.db', 'secrets.audit.db-wal']) expect(fs.statSync(path.join(dir, f)).size, f).toBeLessThan(limit);
    expect(verifyAuditChain(auditDb(dir))).toMatchObject({ ok: true, segments: 16, oldest: { seq: expect.any(Number) } });
  });
});
