/**
 * Two processes on one data directory, as an operator gets there: the compiled `tailyard serve`
 * running with traffic that audits (secrets reads and writes, links saves, idp client admin and
 * sign-ins), a second `serve` on the same `--data` (refused with the documented line, exit 1),
 * `restore` into it (refused), and every writing CLI documented as safe while serving (`links
 * import`, `idp import`, `idp rotate-key`, `secret rotate-kek`) plus `backup` and `audit verify`
 * running concurrently with that traffic. Afterwards every chain verifies with `tailyard audit
 * verify` and holds every entry, the server's and the CLIs'. A SIGKILLed server leaves the
 * directory free for the next one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInApps as allApps } from '../../src/suite.js';
import { auditLogPath, readAuditEntries } from '../../src/platform/audit.js';
import { auditSegments } from '../support/audit.js';
import { tempDataDir } from '../support/platform.js';

const bin = join(import.meta.dirname, '../../bin/tailyard.js');
const SETEC = { 'Content-Type': 'application/json', 'Sec-X-Tailscale-No-Browsers': 'setec' };
const ACTOR = `cli:${userInfo().username}`;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs `tailyard …` as its own process. */
function tailyard(...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, TAILYARD_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

interface Server {
  child: ChildProcess;
  /** Base URL (no trailing slash) per app, and `admin`. */
  urls: Record<string, string>;
  ports: Record<string, number>;
}

/** Starts `tailyard serve` on every app with free ports; resolves once its banner is complete. */
function serve(dataDir: string): Promise<Server> {
  // The audit keys of the JSON Lines files (deprecated, still working): 16 KiB segments, none deleted.
  const flags = ['--admin-listen', '127.0.0.1:0', '--set', 'audit.maxFileBytes=16384', '--set', 'audit.keepFiles=1000'];
  for (const a of allApps) flags.push('--set', `apps.${a.id}.devPort=0`);
  const child = spawn(process.execPath, [bin, 'serve', '--data', dataDir, '--log-level', 'warn', ...flags], {
    env: { ...process.env, TAILYARD_CONFIG: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (!/ready in \d+ ms/.test(err) || !/^ {2}admin +\S+/m.test(err)) return;
      const urls: Record<string, string> = {};
      for (const m of err.matchAll(/^ {2}(\w+) +(http:\/\/127\.0\.0\.1:\d+)/gm)) urls[m[1] as string] = m[2] as string;
      const ports = Object.fromEntries(Object.entries(urls).map(([k, u]) => [k, Number(new URL(u).port)]));
      resolve({ child, urls, ports });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill(signal);
  return exited;
}

/**
 * `/healthz`'s status once the identity provider has made the first signing keys of a new
 * database, which it does after the banner (its own readiness, shown on /healthz since the app
 * API v1). Waits only for that: any other answer is returned at once. Bounded.
 */
async function healthzStatus(admin: string): Promise<number> {
  for (let i = 0; ; i++) {
    const res = await fetch(`${admin}/healthz`);
    const body = (await res.json()) as { apps?: Record<string, { app?: { detail?: string } }> };
    if (res.status !== 503 || body.apps?.idp?.app?.detail !== 'creating the first signing keys' || i === 200) return res.status;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every kept entry of an app's log. */
function entries(dataDir: string, appId: string): Array<Record<string, unknown>> {
  return readAuditEntries(auditLogPath(dataDir, appId));
}


const count = (list: Array<Record<string, unknown>>, match: Record<string, unknown>) =>
  list.filter((e) => Object.entries(match).every(([k, v]) => e[k] === v)).length;

/** A tsidp state directory: a signing key and the two clients of the idp suite's fixture. */
function tsidpState(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsidp-state-'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(dir, 'oidc-key.json'), `{"kid":9210502070016329719,"key":${JSON.stringify(privateKey.export({ type: 'pkcs1', format: 'pem' }))}}`, { mode: 0o600 });
  copyFileSync(join(import.meta.dirname, '../apps/idp/fixtures/oidc-funnel-clients.json'), join(dir, 'oidc-funnel-clients.json'));
  return dir;
}

/** What the traffic did, by outcome, to compare with the logs. */
interface Tally {
  puts: number;
  gets: number;
  links: number;
  signIns: number;
  failures: string[];
}

/** Rounds of audited requests against every auditing app until `done()` (bounded). */
async function traffic(urls: Record<string, string>, done: () => boolean): Promise<Tally> {
  const t: Tally = { puts: 0, gets: 0, links: 0, signIns: 0, failures: [] };
  const cb = 'http://127.0.0.1:9/cb';
  const created = await fetch(`${urls.idp}/clients/new`, { method: 'POST', body: new URLSearchParams({ name: 'e2e rp', redirect_uri: cb }) });
  const rp = (await created.json()) as { client_id: string; client_secret: string };
  const check = async (what: string, res: Response, status = 200) => {
    if (res.status !== status) t.failures.push(`${what}: ${res.status} ${await res.text()}`);
    return res.status === status;
  };
  const secrets = async (i: number) => {
    const name = `e2e/s${i % 5}`;
    const put = await fetch(`${urls.secrets}/api/put`, { method: 'POST', headers: SETEC, body: JSON.stringify({ Name: name, Value: Buffer.from(`v${i}`).toString('base64') }) });
    if (await check('secrets put', put)) t.puts++;
    const get = await fetch(`${urls.secrets}/api/get`, { method: 'POST', headers: SETEC, body: JSON.stringify({ Name: name, Version: 0 }) });
    if (await check('secrets get', get)) t.gets++;
  };
  const links = async (i: number) => {
    const res = await fetch(`${urls.links}/`, { method: 'POST', headers: { 'Sec-Golink': '1' }, body: new URLSearchParams({ short: `e2e${i % 10}`, long: `https://example.com/${i}` }) });
    if (await check('links save', res)) t.links++;
  };
  const signIn = async () => {
    const auth = await fetch(`${urls.idp}/authorize?client_id=${rp.client_id}&redirect_uri=${encodeURIComponent(cb)}&response_type=code&scope=openid`, { redirect: 'manual' });
    if (!(await check('idp authorize', auth, 302))) return;
    const code = new URL(auth.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const basic = `Basic ${Buffer.from(`${rp.client_id}:${rp.client_secret}`).toString('base64')}`;
    const token = await fetch(`${urls.idp}/token`, { method: 'POST', headers: { Authorization: basic }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: cb }) });
    if (await check('idp token', token)) t.signIns++;
  };
  for (let i = 0; i < 5000 && (!done() || i < 20); i++) await Promise.all([secrets(i), links(i), signIn()]);
  return t;
}

/** Runs `tailyard …args` `times` times, one after another; returns every run. */
async function repeat(times: number, ...args: string[]): Promise<Run[]> {
  const runs: Run[] = [];
  for (let i = 0; i < times; i++) runs.push(await tailyard(...args));
  return runs;
}

describe('two processes on one data directory', () => {
  it('refuses a second server, lets the safe CLIs write next to the first, and every chain verifies', { timeout: 180_000 }, async () => {
    const data = tempDataDir();
    const server = await serve(data);
    const { ports } = server;

    // A second server on the same directory: refused before it opens anything.
    const second = await tailyard('serve', '--data', data, '--admin-listen', '127.0.0.1:0', ...allApps.flatMap((a) => ['--set', `apps.${a.id}.devPort=0`]));
    const listed = [...allApps.map((a) => `${a.id} ${ports[a.id]}`), `admin ${ports.admin}`].join(', ');
    expect(second).toMatchObject({ code: 1, err: `data directory ${resolve(data)} is in use by another tailyard (pid ${server.child.pid}, ports ${listed})\n` });

    // The secrets KEK rotation needs a stored secret, the links import a file.
    expect((await fetch(`${server.urls.secrets}/api/put`, { method: 'POST', headers: SETEC, body: JSON.stringify({ Name: 'e2e/first', Value: 'eA==' }) })).status).toBe(200);
    const export_ = join(tempDataDir(), 'links.jsonl');
    writeFileSync(export_, ['{"Short":"imported","Long":"https://example.com/imported"}', '{"Short":"e2e0","Long":"https://example.com/from-import"}'].join('\n'));
    const backupDir = join(tempDataDir(), 'backup');

    let clisDone = false;
    const load = traffic(server.urls, () => clisDone);
    const [rotateKek, rotateKey, idpImport, linksImport, checks, backup] = await Promise.all([
      repeat(2, 'secret', 'rotate-kek', '--data', data),
      repeat(2, 'idp', 'rotate-key', '--data', data),
      repeat(2, 'idp', 'import', tsidpState(), '--data', data),
      repeat(2, 'links', 'import', export_, '--policy', 'overwrite', '--data', data),
      repeat(2, 'audit', 'verify', '--data', data),
      tailyard('backup', backupDir, '--data', data),
    ]).finally(() => {
      clisDone = true;
    });
    const tally = await load;

    for (const r of [...rotateKek, ...rotateKey, ...idpImport, ...linksImport, ...checks, backup]) expect(r, r.err).toMatchObject({ code: 0, err: expect.not.stringMatching(/error|cannot/i) });
    for (const r of checks) expect(r.out).toMatch(/^secrets: \S+: ok, \d+ entries/m);
    expect(idpImport[0]?.err).toContain('clients: 2 imported');
    expect(tally.failures).toEqual([]);
    expect(tally.signIns).toBeGreaterThan(0);

    // restore holds the directory too: refused while the server runs.
    const restore = await tailyard('restore', backupDir, '--data', data);
    expect(restore).toMatchObject({ code: 1, err: expect.stringMatching(new RegExp(`^data directory ${resolve(data)} is in use by another tailyard \\(pid ${server.child.pid}, `)) });

    expect(await stop(server.child, 'SIGTERM')).toBe(0);
    expect(existsSync(join(data, 'tailyard.lock.json'))).toBe(false);

    const verify = await tailyard('audit', 'verify', '--data', data);
    expect(verify, verify.out).toMatchObject({ code: 0, err: '' });
    for (const id of ['links', 'secrets', 'idp']) expect(verify.out).toMatch(new RegExp(`^${id}: \\S+: ok, \\d+ entries`, 'm'));
    for (const id of ['paste', 'sql']) expect(verify.out).toContain(`\n${id}: no audit log\n`);
    expect(verify.out).toMatch(/\n3 chains ok, 0 broken, 2 apps without an audit log\n$/);
    expect(auditSegments(auditLogPath(data, 'secrets'))).toBeGreaterThan(1);

    // Every entry is there: the server's, one per request, and the CLIs'.
    const secrets = entries(data, 'secrets');
    expect(count(secrets, { action: 'put', outcome: 'ok' })).toBe(tally.puts + 1);
    expect(count(secrets, { action: 'get', outcome: 'ok' })).toBe(tally.gets);
    expect(count(secrets, { action: 'rotate-kek', principal: ACTOR, outcome: 'ok' })).toBe(2);
    const idp = entries(data, 'idp');
    expect(count(idp, { action: 'token.issue' })).toBe(tally.signIns);
    expect(count(idp, { action: 'key.rotate', by: 'cli', user: ACTOR })).toBe(2);
    expect(count(idp, { action: 'key.import', by: 'cli' })).toBe(1);
    expect(count(idp, { action: 'client.import', by: 'cli' })).toBe(2);
    const links = entries(data, 'links');
    expect(count(links, { action: 'links.import', actor: ACTOR, via: 'cli' })).toBe(2);
    expect(links.filter((e) => String(e.action).startsWith('link.')).length).toBe(tally.links);

    // A restore into an empty directory works once nothing holds it.
    const fresh = tempDataDir();
    expect(await tailyard('restore', backupDir, '--data', fresh)).toMatchObject({ code: 0 });
  });

  it('starts again after the server holding the directory was SIGKILLed', { timeout: 60_000 }, async () => {
    const data = tempDataDir();
    const killed = await serve(data);
    expect(await stop(killed.child, 'SIGKILL')).toBeNull();
    // Its record stays behind, naming a dead process; the lock went with the process.
    expect(existsSync(join(data, 'tailyard.lock.json'))).toBe(true);
    const next = await serve(data);
    expect(await healthzStatus(next.urls.admin as string)).toBe(200);
    expect(JSON.parse(readFileSync(join(data, 'tailyard.lock.json'), 'utf8'))).toMatchObject({ pid: next.child.pid });
    expect(await stop(next.child, 'SIGTERM')).toBe(0);
  });
});
