/**
 * Several writers on one audit log: the server's long-lived writer (starting segments, pruning,
 * group-committing) and CLIs appending next to it, in this process and in other real processes
 * (the compiled `dist/`, as `tailyard` runs). SQLite's own locking is all they share: the chain
 * must never fork, a check made meanwhile must always see a sound chain, and a writer holding the
 * database's write lock must only hold up the others while it lives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLogError, appendToAuditLog, openAuditLog, readAuditEntries, verifyAuditChain } from '../../src/platform/audit.js';
import { auditSegments as segmentCount } from '../support/audit.js';
import { tempDataDir } from '../support/platform.js';

const distAudit = pathToFileURL(path.join(import.meta.dirname, '../../dist/src/platform/audit.js')).href;
const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

const entries = readAuditEntries;


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
    const file = path.join(tempDataDir(), 'app.audit.db');
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
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
  });

  it('leaves segments to the server: a CLI appends past segmentBytes, the server starts a segment at its next entry', () => {
    const file = path.join(tempDataDir(), 'app.audit.db');
    const server = openAuditLog(file, { segmentBytes: 600 });
    server.append({ who: 'server', i: 0 });
    for (let i = 0; i < 5; i++) appendToAuditLog(file, { who: 'cli', i });
    expect(segmentCount(file)).toBe(1);
    expect(entries(file).some((e) => e.anchor)).toBe(false);
    const next = server.append({ who: 'server', i: 1 });
    server.close();
    expect(segmentCount(file)).toBe(2);
    expect(next.seq).toBe(8); // 7 is the anchor opening the new segment
    expect(entries(file)[6]).toMatchObject({ seq: 7, anchor: { seq: 6 } });
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 8, oldest: null });
  });

  it('never forks the chain when other processes append while the server group-commits and starts segments', async () => {
    const file = path.join(tempDataDir(), 'app.audit.db');
    const server = openAuditLog(file, { segmentBytes: 16 << 10, keepSegments: 1000 });
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
    expect(segmentCount(file)).toBeGreaterThan(1);
    const by = (who: string) => all.filter((e) => e.who === who).map((e) => e.i);
    for (const who of ['cli-a', 'cli-b', 'cli-c']) expect(by(who)).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(by('server')).toEqual(Array.from({ length: ours }, (_, i) => i));
  });

  it('checks a log being written and always finds a sound chain', async () => {
    const file = path.join(tempDataDir(), 'app.audit.db');
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

  it('fails an entry while another process holds the write lock too long, and writes once that process dies', async () => {
    const file = path.join(tempDataDir(), 'app.audit.db');
    const server = openAuditLog(file, { lockWaitMs: 200 });
    server.append({ who: 'server', i: 0 });
    // A writer stuck half way through its transaction (stopped, or hung on a dead disk).
    const script = `
      const Database = require(${JSON.stringify(sqlitePath)});
      const db = new Database(${JSON.stringify(file)});
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('holding\\n');
      setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(holder);
    await new Promise((resolve) => holder.stdout?.once('data', resolve));
    expect(() => server.append({ who: 'server', i: 1 })).toThrow(AuditLogError);
    expect(() => server.append({ who: 'server', i: 1 })).toThrow(/another process has held it for more than 200 ms/);
    await expect(server.commit({ who: 'server', i: 1 })).rejects.toThrow(AuditLogError);
    holder.kill('SIGKILL');
    await exited(holder);
    // The operating system dropped the dead process's lock: the log takes entries again.
    expect(server.append({ who: 'server', i: 1 }).seq).toBe(2);
    server.close();
    expect(verifyAuditChain(file)).toMatchObject({ ok: true, entries: 2 });
  });
});
