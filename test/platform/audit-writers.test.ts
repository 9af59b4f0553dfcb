/**
 * Several writers on one audit log: the server's long-lived writer (rotating, group-committing)
 * and CLIs appending next to it, in this process and in other real processes (the compiled
 * `dist/`, as `tailyard` runs). The chain must never fork, a check made meanwhile must never see
 * a half-written line, and a writer holding the append lock must only hold up the others while
 * it lives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLogError, appendToAuditLog, openAuditLog, verifyAuditChain } from '../../src/platform/audit.js';
import { auditLockPath, rotatedFiles } from '../../src/platform/audit-files.js';
import { tempDataDir } from '../support/platform.js';

const distAudit = pathToFileURL(path.join(import.meta.dirname, '../../dist/src/platform/audit.js')).href;
const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Every entry of the log, oldest first, across its kept files. */
function entries(file: string): Array<Record<string, unknown>> {
  const files = [...rotatedFiles(file).map((f) => f.file), file];
  return files.flatMap((f) =>
    fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A process that appends `count` events `{who, i}` to `file` one CLI-style append at a time. */
function appender(file: string, who: string, count: number): ChildProcess {
  const script = `
    const { appendToAuditLog } = await import(${JSON.stringify(distAudit)});
    for (let i = 0; i < ${count}; i++) appendToAuditLog(${JSON.stringify(file)}, { who: ${JSON.stringify(who)}, i });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

describe('several writers on one audit log', () => {
  it('continues the chain from entries a CLI appended between the server’s, in this process', async () => {
    const file = path.join(tempDataDir(), 'app.audit.jsonl');
    const server = openAuditLog(file);
    server.append({ who: 'server', i: 0 });
    const [cli] = appendToAuditLog(file, { who: 'cli', i: 0 });
    const committed = await server.commit({ who: 'server', i: 1 });
    appendToAuditLog(file, { who: 'cli', i: 1 }, { who: 'cli', i: 2 });
    server.append({ who: 'server', i: 2 });
    server.close();
    expect(cli?.seq).toBe(2);
    expect(committed.seq).toBe(3);
    expect(entries(file).map((e) => `${e.seq} ${e.who} ${e.i}`)).toEqual(['1 server 0', '2 cli 0', '3 server 1', '4 cli 1', '5 cli 2', '6 server 2']);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 6 });
    expect(fs.statSync(auditLockPath(file)).mode & 0o777).toBe(0o600);
  });

  it('leaves rotation to the server: a CLI appends past maxFileBytes, the server rotates at its next entry', () => {
    const file = path.join(tempDataDir(), 'app.audit.jsonl');
    const server = openAuditLog(file, { maxFileBytes: 600 });
    server.append({ who: 'server', i: 0 });
    for (let i = 0; i < 5; i++) appendToAuditLog(file, { who: 'cli', i });
    expect(rotatedFiles(file)).toEqual([]);
    expect(fs.statSync(file).size).toBeGreaterThan(600);
    const next = server.append({ who: 'server', i: 1 });
    server.close();
    expect(rotatedFiles(file).map((f) => f.lastSeq)).toEqual([6]);
    expect(next.seq).toBe(8); // 7 is the anchor opening the new file
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 8, oldest: null });
  });

  it('writes into the file at the path, not into the void, when the current file is deleted by hand', () => {
    const file = path.join(tempDataDir(), 'app.audit.jsonl');
    const server = openAuditLog(file, { maxFileBytes: 600 });
    for (let i = 0; i < 6; i++) server.append({ who: 'server', i });
    const newest = rotatedFiles(file).at(-1);
    fs.rmSync(file);
    server.append({ who: 'server', i: 6 });
    server.close();
    // As a restart would: the new file opens with an anchor to the newest rotated file.
    expect(entries(file).slice(-2).map((e) => [e.seq, e.who ?? 'anchor'])).toEqual([
      [(newest?.lastSeq ?? 0) + 1, 'anchor'],
      [(newest?.lastSeq ?? 0) + 2, 'server'],
    ]);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true });
  });

  it('never forks the chain when other processes append while the server group-commits and rotates', async () => {
    const file = path.join(tempDataDir(), 'app.audit.jsonl');
    const server = openAuditLog(file, { maxFileBytes: 16 << 10, keepFiles: 1000 });
    const procs = ['cli-a', 'cli-b', 'cli-c'].map((who) => appender(file, who, 150));
    const done = Promise.all(procs.map(exited));
    let running = true;
    void done.then(() => {
      running = false;
    });
    let ours = 0;
    // Batches of concurrent commits share fsyncs, as busy request paths do, until the others finish.
    for (let round = 0; round < 2000 && (running || ours < 200); round++) {
      await Promise.all(Array.from({ length: 10 }, () => server.commit({ who: 'server', i: ours++ })));
    }
    expect(await done).toEqual([0, 0, 0]);
    server.close();

    const all = entries(file);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: all.length, oldest: null });
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(rotatedFiles(file).length).toBeGreaterThan(1);
    const by = (who: string) => all.filter((e) => e.who === who).map((e) => e.i);
    for (const who of ['cli-a', 'cli-b', 'cli-c']) expect(by(who)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(by('server')).toEqual(Array.from({ length: ours }, (_, i) => i));
  });

  it('checks a log being written without ever seeing half a line', async () => {
    const file = path.join(tempDataDir(), 'app.audit.jsonl');
    appendToAuditLog(file, { who: 'seed', i: 0 });
    const child = appender(file, 'cli', 400);
    const done = exited(child);
    let checks = 0;
    let running = true;
    void done.then(() => {
      running = false;
    });
    while (running && checks < 10_000) {
      const v = verifyAuditChain(file);
      expect(v, JSON.stringify(v)).toMatchObject({ ok: true });
      checks++;
      await new Promise((r) => setImmediate(r));
    }
    expect(await done).toBe(0);
    expect(checks).toBeGreaterThan(0);
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 401 });
  });

  it('fails an entry while another process holds the append lock too long, and writes once that process dies', async () => {
    const file = path.join(tempDataDir(), 'app.audit.jsonl');
    const server = openAuditLog(file, { lockWaitMs: 200 });
    server.append({ who: 'server', i: 0 });
    // A writer stuck half way through its append (stopped, or hung on a dead disk).
    const script = `
      const Database = require(${JSON.stringify(sqlitePath)});
      const db = new Database(${JSON.stringify(auditLockPath(file))});
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('holding\\n');
      setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(holder);
    await new Promise((resolve) => holder.stdout?.once('data', resolve));
    expect(() => server.append({ who: 'server', i: 1 })).toThrow(AuditLogError);
    expect(() => server.append({ who: 'server', i: 1 })).toThrow(/held by another process for more than 200 ms/);
    await expect(server.commit({ who: 'server', i: 1 })).rejects.toThrow(AuditLogError);
    holder.kill('SIGKILL');
    await exited(holder);
    // The operating system dropped the dead process's lock: the log takes entries again.
    expect(server.append({ who: 'server', i: 1 }).seq).toBe(2);
    server.close();
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 2 });
  });
});
