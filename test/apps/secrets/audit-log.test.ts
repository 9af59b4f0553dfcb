/**
 * The secrets audit log on disk, end to end: rotation by size under the platform's `audit`
 * settings, `tailyard secret audit verify` over every kept file, and a full disk failing closed.
 *
 * The full disk is real: the server runs as a child process under RLIMIT_FSIZE (`prlimit
 * --fsize`), so a write past the limit fails with EFBIG, just as a full file system fails a
 * write with ENOSPC (node ignores SIGXFSZ, so the write returns the error).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { verifyAuditChain } from '../../../src/platform/audit.js';
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

/** Every entry of every audit file in `dir`, oldest file first. */
function allEntries(dir: string): Array<Record<string, unknown>> {
  const v = verifyAuditChain(path.join(dir, 'secrets.audit.jsonl'));
  if (!v.ok) throw new Error(`${v.file}: line ${v.line}: ${v.problem}`);
  return v.files.flatMap((f) =>
    fs
      .readFileSync(f.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );
}

/** Runs `tailyard secret …` in-process, output as text. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runSecretCli(args);
  return { ...r, out: r.out.toString() };
}

/** A name near the default limit, so each audit entry is about 1.3 KB. */
const NAME = `disk/${'n'.repeat(1000)}`;

describe('rotation in the running app', () => {
  it('rotates by size, keeps keepFiles files (0600), and audit verify checks them as one chain', async () => {
    const dir = newDir();
    const t = await startTestApp(secretsApp, { caps: ALL, dataDir: dir, settings: { audit: { maxFileBytes: 8192, keepFiles: 3 } } });
    await call(t.url, 'put', { Name: NAME, Value: b64('v') });
    for (let i = 0; i < 60; i++) expect((await call(t.url, 'get', { Name: NAME })).status).toBe(200);
    await t.close();

    const files = fs.readdirSync(dir).filter((n) => n.endsWith('.audit.jsonl'));
    expect(files).toHaveLength(3);
    for (const f of files) {
      expect(fs.statSync(path.join(dir, f)).size, f).toBeLessThanOrEqual(8192);
      expect(fs.statSync(path.join(dir, f)).mode & 0o777, f).toBe(0o600);
    }
    const ok = await cli('audit', 'verify', '--data', dir);
    expect(ok).toMatchObject({ code: 0, err: '' });
    const summary = /ok, (\d+) entries, head [0-9a-f]{64} \(3 files, seq (\d+) to (\d+)\)\n/.exec(ok.out);
    const anchor = /oldest anchor kept: after seq (\d+) \(head [0-9a-f]{64}, hash [0-9a-f]{64}\) in (\S+); entries up to \1 were rotated away/.exec(ok.out);
    expect(summary, ok.out).not.toBeNull();
    expect(anchor, ok.out).not.toBeNull();
    const [, entries, first, last] = summary?.map(Number) ?? [];
    expect(Number(anchor?.[1])).toBe((first ?? 0) - 1);
    expect(entries).toBe((last ?? 0) - (first ?? 0) + 1);
    // 61 requests plus one anchor per rotation: everything up to the oldest anchor was deleted.
    expect(last).toBeGreaterThan(61);
    const oldest = anchor?.[2] ?? '';
    expect(path.basename(oldest)).toMatch(/^secrets\.\d{12}\.audit\.jsonl$/);

    const lines = fs.readFileSync(oldest, 'utf8').split('\n');
    fs.writeFileSync(oldest, lines.map((l, i) => (i === 1 ? l.replace('"authorized":true', '"authorized":false') : l)).join('\n'));
    const tampered = await cli('audit', 'verify', '--data', dir);
    expect(tampered).toMatchObject({ code: 1, err: `tailyard secret: ${oldest}: line 2: hash does not match the content: the entry was changed\n` });
  });

  it('refuses audit settings out of range at start-up', async () => {
    await expect(startTestApp(secretsApp, { settings: { audit: { keepFiles: 0 } } })).rejects.toThrow(/keepFiles/);
    await expect(startTestApp(secretsApp, { settings: { audit: { maxFileBytes: 100 } } })).rejects.toThrow(/maxFileBytes/);
    await expect(startTestApp(secretsApp, { settings: { audit: { maxFiles: 3 } } })).rejects.toThrow(/maxFiles/);
  });
});

describe('a full disk (RLIMIT_FSIZE on the server process)', () => {
  const LIMIT = 128 * 1024;

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

    // The audit log is what filled up: it ends within one entry of the limit, not past it.
    const size = fs.statSync(path.join(dir, 'secrets.audit.jsonl')).size;
    expect(size).toBeLessThanOrEqual(LIMIT);
    expect(size).toBeGreaterThan(LIMIT - 1500);
    const entries = allEntries(dir);
    expect(entries.filter((e) => e.action === 'get' && e.outcome === 'ok')).toHaveLength(served);
    expect(entries.filter((e) => e.action === 'put')).toHaveLength(1);

    // With room again, the refused put turns out never to have happened.
    const roomy = await spawnServer(dir);
    expect((await call(roomy.url, 'info', { Name: NAME })).text).toBe(`{"Name":"${NAME}","Versions":[1],"ActiveVersion":1}`);
    expect((await call(roomy.url, 'get', { Name: NAME })).text).toBe(`{"Value":"${b64('kept')}","Version":1}`);
    await roomy.kill();
    expect(verifyAuditChain(path.join(dir, 'secrets.audit.jsonl'))).toMatchObject({ ok: true, oldest: null });
  });

  it('keeps serving under the same limit once the files rotate below it', { timeout: 60_000 }, async () => {
    const dir = newDir();
    const s = await spawnServer(dir, { fsizeBytes: LIMIT, settings: { audit: { maxFileBytes: LIMIT / 4, keepFiles: 3 } } });
    await call(s.url, 'put', { Name: NAME, Value: b64('v') });
    // Twice what filled the disk above.
    for (let i = 0; i < 200; i++) expect((await call(s.url, 'get', { Name: NAME })).status).toBe(200);
    await s.kill();
    const v = verifyAuditChain(path.join(dir, 'secrets.audit.jsonl'));
    expect(v).toMatchObject({ ok: true, files: [{}, {}, {}], oldest: { seq: expect.any(Number) } });
  });
});
