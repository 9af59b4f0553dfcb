/**
 * `tailyard secret …` against the real app, in-process with injected streams: values come from
 * a pipe or a file and never from a terminal; get prints raw bytes; deletes need --yes;
 * init-kek creates a private key file and never overwrites one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { startTestApp, type TestApp, tempDataDir } from '../../support/platform.js';
import { ALL, runSecretCli } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(secretsApp, { caps: ALL });
});
afterAll(() => t.cleanup());

/** Runs `tailyard secret …` against the test app (SETEC_SERVER set unless `env` is given). */
const cli = (args: string[], opts: { stdin?: string; tty?: boolean; env?: NodeJS.ProcessEnv } = {}) =>
  runSecretCli(args, { ...opts, env: opts.env ?? { SETEC_SERVER: t.url } });

describe('tailyard secret', () => {
  it('puts from a pipe and a file, gets raw bytes, lists and shows info', async () => {
    const put = await cli(['put', 'cli/a'], { stdin: 'piped value' });
    expect(put).toMatchObject({ code: 0, err: 'Read 11 bytes from stdin\n' });
    expect(put.out.toString()).toBe('Secret saved as "cli/a", version 1\n');
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, 'v'), Buffer.from([0, 1, 2, 255]));
    const second = await cli(['put', 'cli/a', '--from-file', path.join(dir, 'v'), '--server', t.url], { env: {} });
    expect(second.out.toString()).toContain("To activate this version, run 'tailyard secret activate \"cli/a\" 2'");
    expect((await cli(['get', 'cli/a'])).out.toString()).toBe('piped value');
    expect((await cli(['get', 'cli/a', '--version', '2'])).out).toEqual(Buffer.from([0, 1, 2, 255]));
    expect((await cli(['list'])).out.toString()).toMatch(/^NAME\s+ACTIVE\s+VERSIONS\ncli\/a\s+1\s+1,2\n/);
    expect((await cli(['info', 'cli/a'])).out.toString()).toBe('Name: cli/a\nActive version: 1\nVersions: 1, 2\n');
    expect(await cli(['activate', 'cli/a', '2'])).toMatchObject({ code: 0, out: Buffer.alloc(0), err: 'Activated version 2 of "cli/a"\n' });
    const unchanged = await cli(['get', 'cli/a', '--version', '2', '--if-changed']);
    expect(unchanged).toMatchObject({ code: 1, err: 'tailyard secret: value not changed\n' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to read a value from a terminal, or an empty value without --empty-ok', async () => {
    const tty = await cli(['put', 'cli/b'], { tty: true });
    expect(tty.code).toBe(2);
    expect(tty.err).toMatch(/refusing to read a secret from the terminal/);
    expect((await cli(['put', 'cli/b'])).err).toMatch(/empty secret value/);
    expect((await cli(['put', 'cli/b', '--empty-ok'])).code).toBe(0);
  });

  it('creates versions, and deletes only with --yes', async () => {
    expect(await cli(['create-version', 'cli/c', '7'], { stdin: 'seven' })).toMatchObject({ code: 0, out: Buffer.alloc(0), err: 'Read 5 bytes from stdin\nSecret "cli/c" version 7 created and activated\n' });
    expect((await cli(['delete', 'cli/c'])).code).toBe(2);
    expect((await cli(['info', 'cli/c'])).code).toBe(0);
    await cli(['put', 'cli/c'], { stdin: 'eight' });
    expect(await cli(['delete-version', 'cli/c', '8', '--yes'])).toMatchObject({ code: 0, out: Buffer.alloc(0), err: 'Deleted version 8 of "cli/c"\n' });
    expect(await cli(['delete', 'cli/c', '--yes'])).toMatchObject({ code: 0, out: Buffer.alloc(0), err: 'Deleted "cli/c" and all its versions\n' });
    const gone = await cli(['get', 'cli/c']);
    expect(gone).toMatchObject({
      code: 1,
      err: `tailyard secret: no secret "cli/c" on ${t.url} (or you may not see it): \`tailyard secret list\` shows the secrets you may see; \`tailyard secret put "cli/c"\` stores one\n`,
    });
  });

  it('names a missing secret or version, the server, and the command that shows what there is', async () => {
    await cli(['put', 'cli/d'], { stdin: 'one' });
    const noVersion = `tailyard secret: no version 9 of "cli/d" on ${t.url} (or no secret of that name you may see): \`tailyard secret info "cli/d"\` lists its versions\n`;
    expect(await cli(['get', 'cli/d', '--version', '9'])).toMatchObject({ code: 1, err: noVersion });
    expect(await cli(['activate', 'cli/d', '9'])).toMatchObject({ code: 1, err: noVersion });
    expect(await cli(['delete-version', 'cli/d', '9', '--yes'])).toMatchObject({ code: 1, err: noVersion });
    for (const args of [['get', 'nope'], ['info', 'nope']]) {
      expect(await cli(args)).toMatchObject({ code: 1, err: expect.stringMatching(/^tailyard secret: no secret "nope" on http:\/\/127\.0\.0\.1:\d+ \(or you may not see it\): `tailyard secret list`/) });
    }
  });

  it('reports the server\'s name limit for a name over it, for every command that takes a name', async () => {
    const long = 'n'.repeat(1025);
    const message = 'the secret name is too long: the limit is 1024 bytes of UTF-8';
    const runs = [
      await cli(['get', long]),
      await cli(['info', long]),
      await cli(['put', long], { stdin: 'v' }),
      await cli(['create-version', long, '3'], { stdin: 'v' }),
      await cli(['activate', long, '1']),
      await cli(['delete-version', long, '1', '--yes']),
      await cli(['delete', long, '--yes']),
    ];
    for (const r of runs) expect(r).toMatchObject({ code: 1, err: expect.stringContaining(`status 400: "bad request: ${message}"`) });
    expect((await cli(['put', 'n'.repeat(1024)], { stdin: 'v' })).code).toBe(0);
  });

  it('needs a server, and a valid version number', async () => {
    expect(await cli(['list'], { env: {} })).toMatchObject({ code: 2, err: expect.stringContaining('SETEC_SERVER') });
    expect((await cli(['activate', 'cli/a', '-1'])).code).not.toBe(0);
    expect((await cli(['activate', 'cli/a', '4294967296'])).code).toBe(2);
  });

  it('init-kek creates a private key file once', async () => {
    const dir = tempDataDir();
    const first = await cli(['init-kek', '--data', dir]);
    expect(first.code).toBe(0);
    expect(first.out.toString()).toBe('');
    expect(first.err).toMatch(/created .*secrets\.key \(local:[0-9a-f]+\)/);
    expect(fs.statSync(path.join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect((await cli(['init-kek', '--data', dir])).err).toMatch(/already exists/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
