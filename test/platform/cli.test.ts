/**
 * The `tailyard` command as users run it: the compiled bin (built by `npm test` / `npm ci`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInApps as allApps } from '../../src/suite.js';
import { tempDataDir } from '../support/platform.js';

const bin = join(import.meta.dirname, '../../bin/tailyard.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, TAILYARD_CONFIG: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts `tailyard serve` and resolves once its banner says it is ready. */
function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; banner: string; stdout: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (/ready in \d+ ms/.test(err) && err.includes('admin')) resolve({ child, banner: err, stdout: () => out });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

describe('tailyard CLI', () => {
  it('prints help for every command and a version', () => {
    const top = run('--help');
    expect(top.code).toBe(0);
    for (const cmd of ['serve', 'backup', 'restore', 'audit', 'config']) expect(top.out).toContain(cmd);
    expect(run('serve', '--help').out).toContain('--dev-caps <file>');
    expect(run('config', 'check', '--help').code).toBe(0);
    expect(run('--version').out).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--version names the version and the commit the build was made from', () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' });
    // dist/ was built from this checkout (npm test builds first), with or without local changes.
    const commit = head.status === 0 ? `${head.stdout.trim()}(-dirty)?` : 'unknown';
    expect(run('--version').out).toMatch(new RegExp(`^${version.replaceAll('.', '\\.')} \\(commit ${commit}\\)\n$`));
  });

  it('takes `secrets` (the app\'s name) as `secret`, help included', async () => {
    const help = run('secrets', '--help');
    expect(help).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: tailyard secret\|secrets \[options\] \[command\]\n/) });
    for (const cmd of ['list', 'get', 'put', 'activate', 'rotate-kek']) expect(help.out).toContain(`  ${cmd}`);
    expect(run('--help').out).toMatch(/secret\|secrets +use a setec-compatible secrets server/);
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const r = run('secrets', 'get', 'prod/db', '--server', `http://127.0.0.1:${port}`);
    expect(r).toMatchObject({ code: 1, out: '' });
    expect(r.err).toBe(`tailyard secret: cannot reach the secrets server: connect ECONNREFUSED 127.0.0.1:${port} (the address comes from --server URL or SETEC_SERVER)\n`);
  });

  it('backup lists its files on stdout and says what it did on stderr', () => {
    const data = tempDataDir();
    new Database(join(data, 'links.db')).exec('CREATE TABLE t (x)').close();
    const dest = join(tempDataDir(), 'b');
    const r = run('backup', dest, '--data', data);
    expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/^links\.db\t/), err: `backup written to ${dest}\n` });
  });

  it('config example prints a config that config check accepts', () => {
    const dir = tempDataDir();
    const ex = run('config', 'example');
    expect(ex.code).toBe(0);
    expect(ex.out).toContain('// tailyard configuration');
    writeFileSync(join(dir, 'c.hujson'), ex.out);
    expect(run('config', 'check', join(dir, 'c.hujson'))).toMatchObject({ code: 0, out: expect.stringContaining(': ok') });
  });

  it('config check names the bad field and exits non-zero', () => {
    const dir = tempDataDir();
    writeFileSync(join(dir, 'bad.hujson'), '{ "admin": { "listen": "everywhere" } }');
    const r = run('config', 'check', join(dir, 'bad.hujson'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/admin\.listen: expected "host:port"/);
  });

  it('serve refuses a non-loopback address in dev mode', () => {
    const r = run('serve', '--data', tempDataDir(), '--admin-listen', '0.0.0.0:0');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/dev mode only listens on loopback/);
  });

  it('serve lists URLs on loopback, and exits cleanly on SIGTERM', async () => {
    const data = tempDataDir();
    const ports = ['--admin-listen', '127.0.0.1:0', ...allApps.flatMap((a) => ['--set', `apps.${a.id}.devPort=0`])];
    const { child, banner, stdout } = await serve(['--data', data, ...ports], { TAILYARD_DEV_LOGIN: 'carol@example.com' });
    expect(banner).toMatch(/dev mode/);
    // Logs are batched, but a quiet server still shows its start-up warnings promptly.
    await expect.poll(stdout, { timeout: 3000 }).toMatch(/"level":40.*secrets key file/);
    const urls = banner.match(/https?:\/\/[^\s]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(new URL(u).hostname).toBe('127.0.0.1');
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
