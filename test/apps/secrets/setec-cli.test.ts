/**
 * Acceptance: tailscale/setec's own CLI (built from the pinned module by
 * `scripts/build-test-binaries.sh`, cached outside the repo) drives tailyard's secrets app in
 * dev mode over plain HTTP (reference §6.3). Outputs and exit codes are setec's.
 *
 * Without the binary the suite is skipped loudly; with TAILYARD_REQUIRE_UPSTREAM_CLI=1 (CI) a
 * missing binary fails it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { startTestApp, type TestApp } from '../../support/platform.js';
import { ALL } from './helpers.js';

function setecBinary(): string | undefined {
  const script = join(import.meta.dirname, '../../../scripts/build-test-binaries.sh');
  const dir = spawnSync('bash', [script, '--print-dir'], { encoding: 'utf8' }).stdout.trim().split('\n').at(-1) ?? '';
  const bin = join(dir, 'setec');
  return existsSync(bin) ? bin : undefined;
}

const setec = setecBinary();
const required = process.env.TAILYARD_REQUIRE_UPSTREAM_CLI === '1';
if (!setec && !required) {
  console.warn('\n*** SKIPPING the setec CLI acceptance suite: the setec binary is not built. Run scripts/build-test-binaries.sh ***\n');
}

describe('setec binary', () => {
  it.runIf(required)('is present (TAILYARD_REQUIRE_UPSTREAM_CLI=1)', () => {
    expect(setec, 'run scripts/build-test-binaries.sh to build the pinned setec CLI').toBeDefined();
  });
});

describe.runIf(setec)('the real setec CLI against tailyard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(secretsApp, { caps: ALL });
  });
  afterAll(() => t.cleanup());

  /** Runs setec asynchronously (the server shares this process's event loop). */
  function run(args: string[], input = ''): Promise<{ code: number | null; out: string; err: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(setec as string, args, { env: { ...process.env, SETEC_SERVER: t.url }, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, out, err }));
      child.stdin.end(input);
    });
  }

  /** Runs a command that needs setec's confirmation token: once to get it, once with it. */
  async function confirmed(args: string[]) {
    const first = await run(args);
    const token = /use token "([^"]+)"/.exec(first.err + first.out)?.[1];
    expect(token, first.err).toBeDefined();
    return run([...args, token as string]);
  }

  it('put, list, info and get', async () => {
    const put = await run(['put', 'dev/hello'], 'hello, world');
    expect(put).toMatchObject({ code: 0 });
    expect(put.err).toContain('Read 12 bytes from stdin');
    expect(put.out).toContain('Secret saved as "dev/hello", version 1');

    const list = await run(['list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/NAME\s+ACTIVE\s+VERSIONS/);
    expect(list.out).toMatch(/dev\/hello\s+1\s+1/);

    const info = await run(['info', 'dev/hello']);
    expect(info.code).toBe(0);
    expect(info.out).toMatch(/Name:\s+dev\/hello/);
    expect(info.out).toMatch(/Active version:\s+1/);
    expect(info.out).toMatch(/Versions:\s+1/);

    expect(await run(['get', 'dev/hello'])).toMatchObject({ code: 0, out: 'hello, world' });
    expect(await run(['-s', t.url, 'get', 'dev/hello'])).toMatchObject({ code: 0, out: 'hello, world' });
  });

  it('put of a second version, get --version, activate and get --if-changed', async () => {
    const put = await run(['put', 'dev/hello'], 'v2');
    expect(put.code).toBe(0);
    expect(put.out).toContain('version 2');
    expect(put.out).toContain('To activate this version');
    expect(await run(['get', '--version=1', 'dev/hello'])).toMatchObject({ code: 0, out: 'hello, world' });
    expect(await run(['get', '--version', '2', 'dev/hello'])).toMatchObject({ code: 0, out: 'v2' });
    expect(await run(['get', 'dev/hello'])).toMatchObject({ code: 0, out: 'hello, world' });

    expect(await run(['activate', 'dev/hello', '2'])).toMatchObject({ code: 0, out: '' });
    expect(await run(['get', 'dev/hello'])).toMatchObject({ code: 0, out: 'v2' });

    const unchanged = await run(['get', '--if-changed', '--version=2', 'dev/hello']);
    expect(unchanged.code).toBe(1);
    expect(unchanged.err).toContain('value not changed');
    expect(await run(['get', '--if-changed', '--version=1', 'dev/hello'])).toMatchObject({ code: 0, out: 'v2' });
  });

  it('reports not found and refuses an empty value client-side unless --empty-ok', async () => {
    const missing = await run(['get', 'nonesuch']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('not found');
    expect((await run(['put', 'dev/empty'], '')).code).toBe(1);
    expect(await run(['put', '--empty-ok', 'dev/empty'], '')).toMatchObject({ code: 0 });
    expect(await run(['get', 'dev/empty'])).toMatchObject({ code: 0, out: '' });
  });

  it('delete-version refuses the active version, deletes an inactive one; delete removes the secret', async () => {
    const active = await confirmed(['delete-version', 'dev/hello', '2']);
    expect(active.code).toBe(1);
    expect(active.err).toContain('cannot delete the active version');

    expect(await confirmed(['delete-version', 'dev/hello', '1'])).toMatchObject({ code: 0 });
    const gone = await run(['get', '--version=1', 'dev/hello']);
    expect(gone.code).toBe(1);
    expect(gone.err).toContain('not found');

    expect(await confirmed(['delete', 'dev/hello'])).toMatchObject({ code: 0 });
    expect((await run(['info', 'dev/hello'])).code).toBe(1);
    expect((await run(['list'])).out).not.toContain('dev/hello');
  });

  it('reports access denied from the grants', async () => {
    t.as({ caps: {} });
    try {
      const denied = await run(['get', 'dev/empty']);
      expect(denied.code).toBe(1);
      expect(denied.err).toContain('access denied');
    } finally {
      t.as({ caps: ALL });
    }
  });
});
