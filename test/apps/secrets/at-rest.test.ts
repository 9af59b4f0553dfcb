/**
 * Encryption at rest, end to end: no plaintext anywhere in the data directory or the logs, a
 * ciphertext moved to another row does not decrypt, KEK rotation while the server runs, and
 * tamper detection in the audit chain through `tailyard secret audit verify`.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { secretsEnvelope } from '../../../src/apps/secrets/sealing.js';
import { LocalKek } from '../../../src/platform/keys/local-kek.js';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { rotateLocalKek } from '../../../src/apps/secrets/rotate.js';
import { startTestApp, type TestApp, tempDataDir } from '../../support/platform.js';
import { ALL, b64, call, runSecretCli } from './helpers.js';

const quiet = { warn: () => {}, info: () => {} };
let apps: TestApp[] = [];
let dirs: string[] = [];

afterEach(async () => {
  for (const a of apps) await a.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  apps = [];
  dirs = [];
});

/** Starts the app on `dataDir` with its log lines collected in `lines`. */
async function start(dataDir: string, lines: string[] = []): Promise<TestApp> {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const app = await startTestApp(secretsApp, { caps: ALL, dataDir, log: pino({ level: 'debug' }, sink) });
  apps.push(app);
  return app;
}

function newDir(): string {
  const d = tempDataDir('tailyard-secrets-');
  dirs.push(d);
  return d;
}

/** Every file under `dir`, with its bytes. */
function filesUnder(dir: string): Array<[string, Buffer]> {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const p = path.join(e.parentPath, e.name);
      return [p, fs.readFileSync(p)] as [string, Buffer];
    });
}

describe('no plaintext at rest', () => {
  it('leaves no trace of a value, or of its base64, in any file of the data directory or in the logs', async () => {
    const dir = newDir();
    const lines: string[] = [];
    const t = await start(dir, lines);
    const value = randomBytes(48).toString('hex');
    const valueB64 = b64(value);
    const other = randomBytes(48).toString('hex');
    expect((await call(t.url, 'put', { Name: 'rest/a', Value: valueB64 })).status).toBe(200);
    expect((await call(t.url, 'put', { Name: 'rest/a', Value: valueB64 })).text).toBe('1');
    expect((await call(t.url, 'put', { Name: 'rest/a', Value: b64(other) })).text).toBe('2');
    expect((await call(t.url, 'create-version', { Name: 'rest/b', Version: 7, Value: valueB64 })).status).toBe(200);
    expect(JSON.parse((await call(t.url, 'get', { Name: 'rest/a' })).text)).toMatchObject({ Value: valueB64 });
    expect((await call(t.url, 'put', { Name: 'rest/c', Value: `${valueB64}!` })).status).toBe(400);
    await call(t.url, 'delete-version', { Name: 'rest/a', Version: 2 });

    const needles = [value, valueB64, other, b64(other)].map((s) => Buffer.from(s));
    const check = (expected: string[]) => {
      const files = filesUnder(dir);
      expect(files.map(([p]) => path.basename(p))).toEqual(expect.arrayContaining(expected));
      for (const [p, bytes] of files) {
        for (const n of needles) expect(bytes.includes(n), `${p} contains a secret`).toBe(false);
      }
    };
    check(['secrets.db', 'secrets.db-wal', 'secrets.db-shm', 'secrets.key', 'secrets.audit.db', 'secrets.audit.db-wal']);
    await t.close();
    check(['secrets.db', 'secrets.key', 'secrets.audit.db']);
    const logs = Buffer.from(lines.join(''));
    expect(lines.length).toBeGreaterThan(0);
    for (const n of needles) expect(logs.includes(n)).toBe(false);
  });
});

describe('associated data binds ciphertexts to their row', () => {
  it('refuses a value copied onto another version or secret with a generic 500, logging no value', async () => {
    const dir = newDir();
    let t = await start(dir);
    await call(t.url, 'put', { Name: 'ad/a', Value: b64('alpha-one') });
    await call(t.url, 'put', { Name: 'ad/a', Value: b64('alpha-two') });
    await call(t.url, 'put', { Name: 'ad/b', Value: b64('beta-one') });
    await t.close();

    const db = new Database(path.join(dir, 'secrets.db'));
    const sealed = (name: string, v: number) =>
      (db.prepare('SELECT sealed FROM versions WHERE name = ? AND version = ?').get(name, v) as { sealed: Buffer }).sealed;
    const a1 = sealed('ad/a', 1);
    db.prepare('UPDATE versions SET sealed = ? WHERE name = ? AND version = ?').run(a1, 'ad/a', 2);
    db.prepare('UPDATE versions SET sealed = ? WHERE name = ? AND version = ?').run(a1, 'ad/b', 1);
    db.close();

    const lines: string[] = [];
    t = await start(dir, lines);
    expect(JSON.parse((await call(t.url, 'get', { Name: 'ad/a', Version: 1 })).text)).toMatchObject({ Value: b64('alpha-one') });
    for (const [name, version] of [['ad/a', 2], ['ad/b', 1]] as const) {
      const r = await call(t.url, 'get', { Name: name, Version: version });
      expect(r).toMatchObject({ status: 500, text: 'internal error\n' });
    }
    // Put compares with the latest version by decrypting it: a moved row fails that too.
    expect((await call(t.url, 'put', { Name: 'ad/a', Value: b64('alpha-three') })).status).toBe(500);
    const log = lines.join('');
    expect(log).toContain('failed to decrypt');
    for (const v of ['alpha-one', 'alpha-two', 'beta-one']) {
      expect(log).not.toContain(v);
      expect(log).not.toContain(b64(v));
    }
  });

  it('refuses a data key copied onto another key row', async () => {
    const dir = newDir();
    let t = await start(dir);
    await call(t.url, 'put', { Name: 'dk/a', Value: b64('a') });
    await call(t.url, 'put', { Name: 'dk/b', Value: b64('b') });
    await t.close();
    const db = new Database(path.join(dir, 'secrets.db'));
    const dekOf = (n: string) => (db.prepare('SELECT dek_id FROM secrets WHERE name = ?').get(n) as { dek_id: string }).dek_id;
    const wrapped = (db.prepare('SELECT wrapped FROM deks WHERE id = ?').get(dekOf('dk/a')) as { wrapped: Buffer }).wrapped;
    db.prepare('UPDATE deks SET wrapped = ? WHERE id = ?').run(wrapped, dekOf('dk/b'));
    db.close();
    t = await start(dir);
    expect((await call(t.url, 'get', { Name: 'dk/a' })).status).toBe(200);
    expect(await call(t.url, 'get', { Name: 'dk/b' })).toMatchObject({ status: 500, text: 'internal error\n' });
  });
});

describe('KEK rotation', () => {
  const deks = (dir: string) => {
    const db = new Database(path.join(dir, 'secrets.db'), { readonly: true });
    try {
      return db.prepare('SELECT id AS dekId, kek_id AS kekId, wrapped FROM deks').all() as Array<{ dekId: string; kekId: string; wrapped: Uint8Array }>;
    } finally {
      db.close();
    }
  };

  it('re-wraps every data key while the server keeps serving; the old key no longer opens them', async () => {
    const dir = newDir();
    const t = await start(dir);
    for (const n of ['r/a', 'r/b', 'r/c']) await call(t.url, 'put', { Name: n, Value: b64(`value ${n}`) });
    const oldKek = LocalKek.openOrCreate(path.join(dir, 'secrets.key'), { create: false, log: quiet });

    const result = await rotateLocalKek({ dataDir: dir, log: quiet });
    expect(result).toMatchObject({ from: oldKek.id, rewrapped: 3 });
    expect(result.to).not.toBe(oldKek.id);
    expect(result.retired && fs.existsSync(result.retired)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'secrets.key.next'))).toBe(false);
    expect(fs.statSync(path.join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);

    // The running server keeps reading, and wraps new data keys with the new KEK.
    expect(JSON.parse((await call(t.url, 'get', { Name: 'r/a' })).text)).toMatchObject({ Value: b64('value r/a') });
    expect((await call(t.url, 'put', { Name: 'r/d', Value: b64('after rotation') })).text).toBe('1');
    expect((await call(t.url, 'put', { Name: 'r/a', Value: b64('second') })).text).toBe('2');
    const rows = deks(dir);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.kekId).toBe(result.to);
      await expect(secretsEnvelope.unwrapDek(oldKek, row)).rejects.toThrow();
      await expect(secretsEnvelope.unwrapDek(oldKek, { ...row, kekId: oldKek.id })).rejects.toThrow(/cannot unwrap/);
    }
    oldKek.destroy();

    // A restart uses the new key file alone.
    await t.close();
    const again = await start(dir);
    for (const n of ['r/a', 'r/b', 'r/c', 'r/d']) expect((await call(again.url, 'get', { Name: n })).status).toBe(200);
  });

  it('lets a running server open data keys it had not unwrapped before the rotation', async () => {
    const dir = newDir();
    const first = await start(dir);
    await call(first.url, 'put', { Name: 'u/a', Value: b64('cold') });
    await first.close();
    const t = await start(dir);
    await rotateLocalKek({ dataDir: dir, log: quiet });
    expect(JSON.parse((await call(t.url, 'get', { Name: 'u/a' })).text)).toMatchObject({ Value: b64('cold') });
  });

  it('refuses to start with a key file that is not the database KEK', async () => {
    const dir = newDir();
    const t = await start(dir);
    await call(t.url, 'put', { Name: 'w/a', Value: b64('x') });
    await t.close();
    fs.rmSync(path.join(dir, 'secrets.key'));
    await expect(start(dir)).rejects.toThrow(/does not exist.*restore that key file/);
    fs.writeFileSync(path.join(dir, 'secrets.key'), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    await expect(start(dir)).rejects.toThrow(/wrong key file/);
  });
});

describe('tailyard secret audit verify', () => {
  /** Runs `tailyard secret …` in-process, output as text. */
  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const r = await runSecretCli(args);
    return { ...r, out: r.out.toString() };
  }

  it('accepts an intact chain and names the first changed or removed entry', async () => {
    const dir = newDir();
    const t = await start(dir);
    for (const n of ['x/a', 'x/b', 'x/c']) await call(t.url, 'put', { Name: n, Value: b64(n) });
    await call(t.url, 'get', { Name: 'x/b' });
    await t.close();
    const file = path.join(dir, 'secrets.audit.db');
    const ok = await cli('audit', 'verify', '--data', dir);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toMatch(/ok, 4 entries, head [0-9a-f]{64}/);

    const db = new Database(file);
    const line = db.prepare('SELECT line FROM audit_entries WHERE seq = 2').pluck().get() as Buffer;
    db.prepare('UPDATE audit_entries SET line = ? WHERE seq = 2').run(Buffer.from(line.toString().replace('"x/b"', '"x/z"')));
    const changed = await cli('audit', 'verify', '--file', file);
    expect(changed.code).toBe(1);
    expect(changed.err).toMatch(/entry 2 \(seq 2\): hash does not match/);

    db.prepare('UPDATE audit_entries SET line = ? WHERE seq = 2').run(line);
    db.prepare('DELETE FROM audit_entries WHERE seq = 3').run();
    db.close();
    const removed = await cli('audit', 'verify', '--data', dir);
    expect(removed.code).toBe(1);
    expect(removed.err).toMatch(/entry 3 \(seq 4\): seq is 4, expected 3/);
  });
});
