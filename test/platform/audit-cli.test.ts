/**
 * `tailyard audit verify`: a summary per app, exit 1 when any chain is broken, `--app` for one
 * app; `tailyard audit export`: the kept chains as JSON Lines, byte for byte what the files of
 * earlier versions held. Driven in-process with in-memory streams over real audit databases.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerAuditCli } from '../../src/cli/audit.js';
import type { CliIo } from '../../src/platform/cli-io.js';
import Database from 'better-sqlite3';
import { appendToAuditLog, auditLogPath, verifyAuditLog } from '../../src/platform/audit.js';
import { writeLegacyLog } from '../support/audit.js';
import { builtInApps } from '../../src/suite.js';
import { tempDataDir } from '../support/platform.js';

const APPS = ['links', 'paste', 'secrets'];

/** Runs `tailyard audit …args`; stdout is kept as bytes too (an export is compared byte for byte). */
async function audit(...args: string[]): Promise<{ code: number; out: string; bytes: Buffer; err: string }> {
  const chunks: Buffer[] = [];
  let err = '';
  let code = 0;
  const stream = (write: (s: Buffer) => void) => {
    const s = new PassThrough();
    s.on('data', (d: Buffer) => write(d));
    return s;
  };
  const io: CliIo = {
    stdin: new PassThrough(),
    stdout: stream((d) => {
      chunks.push(d);
    }),
    stderr: stream((d) => {
      err += d.toString();
    }),
    env: {},
    exit: (c) => {
      code = c;
    },
  };
  const program = new Command('tailyard').exitOverride();
  registerAuditCli(
    program,
    builtInApps.filter((a) => APPS.includes(a.id)),
    io,
  );
  await program.parseAsync(['node', 'tailyard', 'audit', ...args]);
  await new Promise((r) => setImmediate(r));
  const bytes = Buffer.concat(chunks);
  return { code, out: bytes.toString(), bytes, err };
}

const verify = (...args: string[]) => audit('verify', ...args);

function seeded(): string {
  const dir = tempDataDir();
  appendToAuditLog(auditLogPath(dir, 'links'), { action: 'link.create' }, { action: 'link.update' });
  appendToAuditLog(auditLogPath(dir, 'secrets'), { action: 'put' }, { action: 'get' }, { action: 'get' });
  return dir;
}

describe('tailyard audit verify', () => {
  it('reports every app, and exits 0 when every chain is sound', async () => {
    const dir = seeded();
    const r = await verify('--data', dir);
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^links: ${auditLogPath(dir, 'links')}: ok, 2 entries, head [0-9a-f]{64} \\(1 segment, seq 1 to 2\\)$`));
    expect(lines[1]).toBe('links: oldest entry kept: seq 1, the start of the log (nothing deleted by the retention)');
    expect(lines[2]).toBe('paste: no audit log');
    expect(lines[3]).toMatch(/^secrets: \S+: ok, 3 entries/);
    expect(lines.at(-2)).toBe('2 chains ok, 0 broken, 1 app without an audit log');
  });

  it('names the broken chain, still checks the others, and exits 1', async () => {
    const dir = seeded();
    const file = auditLogPath(dir, 'secrets');
    const db = new Database(file);
    db.prepare('DELETE FROM audit_entries WHERE seq = 2').run();
    db.close();
    const r = await verify('--data', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`secrets: BROKEN: ${file}: entry 2 (seq 3): seq is 3, expected 2: an entry was removed, inserted or reordered\n`);
    expect(r.out).toMatch(/^links: \S+: ok, 2 entries/m);
    expect(r.out).toMatch(/\n1 chain ok, 1 broken, 1 app without an audit log\n$/);
    // --app checks that app only.
    expect(await verify('--data', dir, '--app', 'links')).toMatchObject({ code: 0, out: expect.stringMatching(/^links: .*\n.*\n1 chain ok, 0 broken, 0 apps without an audit log\n$/) });
    expect((await verify('--data', dir, '--app', 'secrets')).code).toBe(1);
  });

  it('checks the JSON Lines files of an earlier version that no server moved in yet, moving nothing', async () => {
    const dir = tempDataDir();
    const { files } = writeLegacyLog(path.join(dir, 'links.audit.jsonl'), [2, 1], { dropOldest: 0 });
    const r = await verify('--data', dir, '--app', 'links');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^links: \S+links\.audit\.jsonl: ok, 4 entries, head [0-9a-f]{64} \(2 files, seq 1 to 4; moved into \S+links\.audit\.db at the next start\)\n/);
    for (const f of files) expect(fs.existsSync(f)).toBe(true);
    expect(fs.existsSync(auditLogPath(dir, 'links'))).toBe(false);
  });

  it('refuses an unknown app and a data directory that does not exist', async () => {
    const dir = seeded();
    expect(await verify('--data', dir, '--app', 'nope')).toMatchObject({ code: 2, out: '', err: 'tailyard audit verify: unknown app "nope": expected one of links, paste, secrets\n' });
    const missing = path.join(dir, 'missing');
    expect(await verify('--data', missing)).toMatchObject({ code: 2, err: expect.stringContaining(`data directory ${missing} does not exist`) });
  });
});

describe('tailyard audit export', () => {
  it('writes one app\'s kept chain to stdout, byte for byte what the JSON Lines files held, and a check of it passes', async () => {
    const dir = tempDataDir();
    const { lines } = writeLegacyLog(path.join(dir, 'secrets.audit.jsonl'), [3, 2], { dropOldest: 1 });
    appendToAuditLog(auditLogPath(dir, 'secrets'), { action: 'get' });
    const r = await audit('export', '--data', dir, '--app', 'secrets');
    expect(r).toMatchObject({ code: 0, err: '' });
    const files = Buffer.concat(lines.flatMap((l) => [l, Buffer.of(0x0a)]));
    expect(r.bytes.subarray(0, files.length)).toEqual(files);
    expect(r.bytes.toString().split('\n').slice(-2)[0]).toMatch(/"action":"get"/);
    const out = path.join(dir, 'export.jsonl');
    fs.writeFileSync(out, r.bytes);
    expect(verifyAuditLog(out)).toMatchObject({ ok: true, entries: 4, anchor: { seq: 3 } });
  });

  it('writes every app\'s chain into a directory (0600 files), and says which apps have none', async () => {
    const dir = seeded();
    const out = path.join(dir, 'exports');
    const r = await audit('export', '--data', dir, '--out', out);
    expect(r).toMatchObject({ code: 0, err: 'paste: no audit log\n' });
    expect(r.out).toBe(`links: 2 entries written to ${path.join(out, 'links.audit.jsonl')}\nsecrets: 3 entries written to ${path.join(out, 'secrets.audit.jsonl')}\n`);
    expect(fs.readdirSync(out).sort()).toEqual(['links.audit.jsonl', 'secrets.audit.jsonl']);
    for (const f of fs.readdirSync(out)) {
      expect(fs.statSync(path.join(out, f)).mode & 0o777).toBe(0o600);
      expect(verifyAuditLog(path.join(out, f))).toMatchObject({ ok: true });
    }
  });

  it('asks where to write when neither an app nor a directory is named', async () => {
    expect(await audit('export', '--data', seeded())).toMatchObject({ code: 2, err: expect.stringMatching(/name an app \(--app ID, written to stdout\) or a directory \(--out DIR\)/) });
  });
});
