/**
 * `tailyard audit verify`: a summary per app, exit 1 when any chain is broken, `--app` for one
 * app; driven in-process with in-memory streams over real log files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerAuditCli } from '../../src/cli/audit.js';
import type { CliIo } from '../../src/platform/cli-io.js';
import { appendToAuditLog, auditLogPath } from '../../src/platform/audit.js';
import { builtInApps } from '../../src/suite.js';
import { tempDataDir } from '../support/platform.js';

const APPS = ['links', 'paste', 'secrets'];

async function verify(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = 0;
  const stream = (write: (s: string) => void) => {
    const s = new PassThrough();
    s.on('data', (d: Buffer) => write(d.toString()));
    return s;
  };
  const io: CliIo = {
    stdin: new PassThrough(),
    stdout: stream((s) => {
      out += s;
    }),
    stderr: stream((s) => {
      err += s;
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
  await program.parseAsync(['node', 'tailyard', 'audit', 'verify', ...args]);
  await new Promise((r) => setImmediate(r));
  return { code, out, err };
}

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
    expect(lines[0]).toMatch(new RegExp(`^links: ${auditLogPath(dir, 'links')}: ok, 2 entries, head [0-9a-f]{64} \\(1 file, seq 1 to 2\\)$`));
    expect(lines[1]).toBe('links: oldest entry kept: seq 1, the start of the log (nothing rotated away)');
    expect(lines[2]).toBe('paste: no audit log');
    expect(lines[3]).toMatch(/^secrets: \S+: ok, 3 entries/);
    expect(lines.at(-2)).toBe('2 chains ok, 0 broken, 1 app without an audit log');
  });

  it('names the broken chain, still checks the others, and exits 1', async () => {
    const dir = seeded();
    const file = auditLogPath(dir, 'secrets');
    const kept = fs.readFileSync(file, 'utf8').split('\n');
    fs.writeFileSync(file, kept.filter((_, i) => i !== 1).join('\n'));
    const r = await verify('--data', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`secrets: BROKEN: ${file}: line 2: seq is 3, expected 2: an entry was removed, inserted or reordered\n`);
    expect(r.out).toMatch(/^links: \S+: ok, 2 entries/m);
    expect(r.out).toMatch(/\n1 chain ok, 1 broken, 1 app without an audit log\n$/);
    // --app checks that app only.
    expect(await verify('--data', dir, '--app', 'links')).toMatchObject({ code: 0, out: expect.stringMatching(/^links: .*\n.*\n1 chain ok, 0 broken, 0 apps without an audit log\n$/) });
    expect((await verify('--data', dir, '--app', 'secrets')).code).toBe(1);
  });

  it('refuses an unknown app and a data directory that does not exist', async () => {
    const dir = seeded();
    expect(await verify('--data', dir, '--app', 'nope')).toMatchObject({ code: 2, out: '', err: 'tailyard audit verify: unknown app "nope": expected one of links, paste, secrets\n' });
    const missing = path.join(dir, 'missing');
    expect(await verify('--data', missing)).toMatchObject({ code: 2, err: expect.stringContaining(`data directory ${missing} does not exist`) });
  });
});
