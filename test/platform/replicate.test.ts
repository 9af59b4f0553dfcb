/**
 * Replication to a file replica with the real Litestream v0.5.18, supervised by the platform:
 * every database from the start, its state on /healthz and /metrics, credentials only ever in
 * Litestream's environment, a replicator left by an earlier tailyard killed before another
 * starts, the replicator dying with tailyard whichever way tailyard dies (both methods), paste's
 * erasing under Litestream's read transaction, and the acceptance test: continuous writes to
 * every app, tailyard and Litestream SIGKILLed (and Litestream once more in the middle of the
 * load), the data directory deleted, restored from the replica, and every write acknowledged
 * more than monitor + sync interval before the kill found again, every audit chain verifying.
 * The same against an S3-compatible store is test/replication/s3.test.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { pasteApp } from '../../src/apps/paste/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { ConfigError } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logging.js';
import { litestreamConfig } from '../../src/platform/replicate/litestream-config.js';
import { writePidfile } from '../../src/platform/replicate/litestream.js';
import { replicatePaths } from '../../src/platform/replicate/paths.js';
import { ReplicateSchema } from '../../src/platform/replicate/settings.js';
import { startPlatform } from '../../src/platform/platform.js';
import { expectRecovered, killAndRestore, replicating, tailyard } from '../support/kill-test.js';
import { tempDataDir, withBuiltIns } from '../support/platform.js';
import { gone, processesNaming, replicationBinaries, replicatorPid } from '../support/replication.js';
import { whoamiApp } from '../support/whoami-app.js';

const bins = replicationBinaries('the file-replica replication tests');
const dirs: string[] = [];
const children: ChildProcess[] = [];
const dir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A platform with the whoami and paste apps replicating to a new file replica; its log lines are kept. */
async function replicated(replicate: Record<string, unknown> = {}, dataDir = tempDataDir('tailyard-repl-')) {
  dirs.push(dataDir);
  const replica = dir('tailyard-replica-');
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const log = createLogger('debug', sink);
  const known = withBuiltIns([whoamiApp, pasteApp as AppDefinition]);
  const platform = await startPlatform({
    config: {
      dataDir,
      admin: { listen: '127.0.0.1:0' },
      dev: { login: 'amy@example.com' },
      serve: { ...known.serve, whoami: { devPort: 0 }, paste: { devPort: 0 } },
      replicate: { url: `file://${replica}`, litestream: bins?.litestream, ...replicate },
    },
    apps: known.apps,
    log,
    defaultMetrics: false,
  });
  return { platform, dataDir, replica, lines, url: (id: string) => (platform.urls[id]?.[0] ?? '').replace(/\/$/, '') };
}

describe('refusing to replicate with anything but Litestream v0.5.18', () => {
  it('names the version found and what to install, and a binary it cannot run', async () => {
    const start = (litestream: string) => startPlatform({ config: { dataDir: tempDataDir(), admin: { enabled: false }, replicate: { url: 'file:///tmp/x', litestream }, serve: { whoami: { devPort: 0 } } }, apps: [whoamiApp], defaultMetrics: false, log: createLogger('silent') });
    await expect(start('/bin/echo')).rejects.toThrow(
      new ConfigError('replicate.litestream: /bin/echo reports version "version", but tailyard needs Litestream v0.5.18: install it with: go install github.com/benbjohnson/litestream/cmd/litestream@v0.5.18, then set replicate.litestream to its path'),
    );
    await expect(start('/nonexistent/litestream')).rejects.toThrow(/replicate\.litestream: cannot run \/nonexistent\/litestream \(not found\); tailyard replicates with Litestream v0\.5\.18: install it with: go install/);
  });
});

describe.skipIf(!bins)('tailyard restore --from-replica refuses what it cannot do, and changes nothing', () => {
  const from = (replica: string, data: string, ...extra: string[]) => tailyard(['restore', '--from-replica', `file://${replica}`, '--data', data, '--set', `replicate.litestream=${bins?.litestream}`, ...extra]);

  it('wants a backup directory or a replica, not both and not neither', async () => {
    const data = dir('tailyard-restore-');
    expect(await tailyard(['restore', '--data', data])).toMatchObject({ code: 2, err: 'tailyard: restore: name a backup directory or --from-replica URL (one of them)\n' });
    expect(await from(dir('tailyard-replica-'), data, dir('tailyard-backup-'))).toMatchObject({ code: 2, err: 'tailyard: restore: name a backup directory or --from-replica URL (one of them)\n' });
  });

  it('refuses a data directory that holds data, and one a tailyard serves', async () => {
    const data = dir('tailyard-restore-');
    writeFileSync(join(data, 'links.db'), 'not a restore target', { mode: 0o600 });
    const held = await from(dir('tailyard-replica-'), data);
    expect(held.code).toBe(1);
    expect(held.err).toMatch(/refusing to restore into .*: it already holds data \(links\.db\); restore into an empty data directory/);
    expect(readFileSync(join(data, 'links.db'), 'utf8')).toBe('not a restore target');

    const served = tempDataDir('tailyard-served-');
    dirs.push(served);
    const platform = await startPlatform({ config: { dataDir: served, admin: { enabled: false }, serve: { whoami: { devPort: 0 } } }, apps: [whoamiApp], defaultMetrics: false, log: createLogger('silent') });
    try {
      const r = await from(dir('tailyard-replica-'), served);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^data directory \S+ is in use by another tailyard \(pid \d+/m);
    } finally {
      await platform.close();
    }
  });

  it('fails on a replica that holds none of the databases (a mistyped URL), leaving the directory empty', async () => {
    const data = dir('tailyard-restore-');
    const replica = dir('tailyard-replica-');
    const r = await from(replica, data);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`tailyard: the replica file://${replica} holds no database of links, paste, secrets, sql, idp: check the URL (replicate.url as the lost host had it), the endpoint and the credentials\n`);
    expect(readdirSync(data).filter((n) => n.endsWith('.db'))).toEqual([]);
  });
});

describe.skipIf(!bins)('replicating to a file replica', () => {
  it('replicates every database from the start, shows it on /healthz and /metrics, and hands credentials over in the environment only', { timeout: 60_000 }, async () => {
    const secret = 'aws-secret-never-in-a-file-0c1f';
    const credentials = join(dir('tailyard-creds-'), 'replica.env');
    writeFileSync(credentials, `AWS_ACCESS_KEY_ID=test\nAWS_SECRET_ACCESS_KEY="${secret}"\n`, { mode: 0o600 });
    const r = await replicated({ credentialsFile: credentials });
    const paths = replicatePaths(r.dataDir);
    const pid = replicatorPid(r.dataDir);
    try {
      await replicating(r.platform.adminUrl as string, { databases: 4 });
      const health = (await (await fetch(`${r.platform.adminUrl}/healthz`)).json()) as { ready: boolean; replication: { state: string; url: string; databases: Record<string, unknown> } };
      expect(health.ready).toBe(true);
      expect(health.replication).toMatchObject({ state: 'running', url: `file://${r.replica}`, pid, restarts: 0 });
      // The enabled apps' databases and audit databases; the disabled apps have none yet.
      expect(Object.keys(health.replication.databases).sort()).toEqual(['paste.audit.db', 'paste.db', 'whoami.audit.db', 'whoami.db']);
      const metrics = await (await fetch(`${r.platform.adminUrl}/metrics`)).text();
      expect(metrics).toContain('tailyard_replication_up 1');
      expect(metrics).toMatch(/tailyard_replication_lag_seconds\{database="paste\.db"\} \d/);
      expect(metrics).toMatch(/tailyard_replication_last_sync_timestamp_seconds\{database="whoami\.audit\.db"\} \d{10}/);
      for (const f of [paths.config, paths.pidfile]) expect(statSync(f).mode & 0o777, f).toBe(0o600);
      expect(statSync(paths.dir).mode & 0o777).toBe(0o700);
      expect(readFileSync(paths.config, 'utf8')).not.toContain(secret);
      expect(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')).toContain(`AWS_SECRET_ACCESS_KEY=${secret}`);
    } finally {
      await r.platform.close();
    }
    expect(await gone(pid)).toBe(true);
    expect(existsSync(paths.pidfile)).toBe(false);
    expect(r.lines.join('')).not.toContain(secret);
    expect(existsSync(join(r.replica, 'whoami.db'))).toBe(true);
  });

  it('kills a replicator an earlier tailyard left running, and never runs two on one replica', { timeout: 60_000 }, async () => {
    const dataDir = tempDataDir('tailyard-leftover-');
    const replica = dir('tailyard-replica-');
    const paths = replicatePaths(dataDir);
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    writeFileSync(paths.config, litestreamConfig(ReplicateSchema.parse({ url: `file://${replica}` }), [], paths), { mode: 0o600 });
    const leftover = spawn(bins?.litestream as string, ['replicate', '-config', paths.config, '-no-expand-env'], { stdio: 'ignore', detached: true });
    children.push(leftover);
    writePidfile(paths.pidfile, leftover.pid as number);
    const r = await replicated({}, dataDir);
    try {
      expect(await gone(leftover.pid as number)).toBe(true);
      expect(r.lines.join('')).toContain('killed a replicator left running by an earlier tailyard');
      expect(processesNaming(paths.config)).toEqual([replicatorPid(dataDir)]);
    } finally {
      await r.platform.close();
    }
    expect(processesNaming(paths.config)).toEqual([]);
  });

  it.each(['setpriv', 'pipe'])('dies with tailyard when tailyard is SIGKILLed (%s)', { timeout: 60_000 }, async (method) => {
    const dataDir = dir('tailyard-death-');
    const replica = dir('tailyard-replica-');
    const child = spawn(join(import.meta.dirname, '../../node_modules/.bin/vite-node'), [join(import.meta.dirname, '../support/replicator-child.ts'), dataDir, method, bins?.litestream as string, `file://${replica}`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /PID (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`the replicator child exited ${code}`)));
    });
    const config = replicatePaths(dataDir).config;
    const running = processesNaming(config);
    expect(running).toContain(pid);
    child.kill('SIGKILL');
    for (const p of running) expect(await gone(p), `pid ${p}`).toBe(true);
    expect(processesNaming(config)).toEqual([]);
  });

  it('erases a paste under Litestream\'s read transaction at once, where a TRUNCATE checkpoint waited 5 s and failed', { timeout: 60_000 }, async () => {
    const r = await replicated();
    try {
      for (let i = 0; i < 5; i++) {
        const made = await fetch(`${r.url('paste')}/api/post`, { method: 'POST', headers: { Accept: 'application/json' }, body: new URLSearchParams({ content: `erase me ${i}` }) });
        const { id } = (await made.json()) as { id: string };
        const started = performance.now();
        const del = await fetch(`${r.url('paste')}/paste/${id}`, { method: 'DELETE' });
        expect(del.status).toBe(204);
        // Not a timing bound: the busy timeout (5 s) is what a blocked checkpoint would have cost.
        expect(performance.now() - started).toBeLessThan(5000);
        expect((await fetch(`${r.url('paste')}/paste/${id}/raw`)).status).toBe(410);
      }
    } finally {
      await r.platform.close();
    }
  });

  it('restores after tailyard and Litestream are SIGKILLed with every write older than monitor + sync interval, and every chain verifies', { timeout: 240_000 }, async () => {
    const replica = dir('tailyard-replica-');
    const r = await killAndRestore({ replicate: { url: `file://${replica}`, litestream: bins?.litestream }, loadMs: 4000, killLitestreamMidLoad: true });
    try {
      expectRecovered(r, 'file replica', `file://${replica}`);
    } finally {
      r.cleanup();
    }
  });
});
