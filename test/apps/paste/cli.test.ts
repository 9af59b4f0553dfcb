/**
 * `tailyard paste` against the real app (in-process, injected streams), and against a stand-in
 * that records requests, to show it sends exactly tclip's request (so it works with a tclip
 * server too).
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPasteCli } from '../../../src/apps/paste/cli.js';
import type { TestApp } from '../../support/platform.js';
import { get, startPaste } from './helpers.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function runCli(args: string[], opts: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const stdin = new PassThrough();
  stdin.end(opts.stdin ?? '');
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const program = new Command().exitOverride();
  const sink = (into: string[]) => ({ write: (s: string) => into.push(s) > 0 }) as never;
  registerPasteCli(program, {
    stdin,
    stdout: sink(out),
    stderr: sink(err),
    env: opts.env ?? {},
    exit: (c) => {
      code = c;
    },
  });
  await program.parseAsync(['paste', ...args], { from: 'user' });
  return { code, out: out.join(''), err: err.join('') };
}

let t: TestApp;
beforeAll(async () => {
  t = await startPaste({ login: 'amy@example.com', appConfig: { maxBytes: 2048 } });
});
afterAll(() => t.cleanup());

const meta = async (url: string) => (await (await get(t, `/paste/${url.trim().split('/').pop()}`, { Accept: 'application/json' })).json()) as Record<string, unknown>;

describe('tailyard paste', () => {
  it('pastes stdin as paste.txt and prints the URL with a newline', async () => {
    const r = await runCli(['--server', t.url], { stdin: 'from stdin\n' });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(new RegExp(`^${t.url}/paste/[0-9a-f-]{36}\\n$`));
    expect(await meta(r.out)).toMatchObject({ filename: 'paste.txt', content: 'from stdin\n' });
  });

  it('pastes a file under its base name, or -n NAME, with the server from TAILYARD_PASTE_SERVER', async () => {
    const file = join(t.dataDir, 'script.py');
    writeFileSync(file, 'print("hi")\n');
    const r = await runCli([file], { env: { TAILYARD_PASTE_SERVER: t.url } });
    expect(await meta(r.out)).toMatchObject({ filename: 'script.py', language: 'python' });
    const named = await runCli(['-n', 'build.log', '--server', t.url], { stdin: 'ok' });
    expect(await meta(named.out)).toMatchObject({ filename: 'build.log' });
  });

  it('passes --expires, --unlisted and --burn', async () => {
    const r = await runCli(['--server', t.url, '--expires', '1d', '--unlisted'], { stdin: 'x' });
    const m = await meta(r.out);
    expect(m).toMatchObject({ unlisted: true, burn: false });
    expect(m.expiresAt).not.toBeNull();
    const burn = await runCli(['--server', t.url, '--burn'], { stdin: 'y' });
    expect(await meta(burn.out)).toMatchObject({ burn: true });
  });

  it('reports the server’s refusal and exits 1', async () => {
    const r = await runCli(['--server', t.url], { stdin: 'x'.repeat(3000) });
    expect(r).toEqual({ code: 1, out: '', err: 'error submitting paste: paste too large: the paste is 3000 bytes; the limit is 2 KiB\n' });
  });

  it('refuses input that is not UTF-8, a bad --expires, and an unreachable server, sending nothing', async () => {
    expect(await runCli(['--server', t.url], { stdin: Buffer.from([0xff, 0xfe, 0x00]) })).toEqual({ code: 1, out: '', err: 'stdin is not UTF-8 text; paste servers store text only\n' });
    expect((await runCli(['--server', t.url, '--expires', '2y'], { stdin: 'x' })).err).toBe('tailyard paste: unknown expiry "2y": choose one of 1h, 1d, 1w, 30d, never\n');
    const r = await runCli(['--server', 'http://127.0.0.1:9'], { stdin: 'x' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error submitting paste: cannot reach http:\/\/127\.0\.0\.1:9\/api\/post/);
  });
});

describe('tclip protocol', () => {
  let server: Server;
  let url: string;
  const seen: Array<{ method?: string; path?: string; headers: IncomingHttpHeaders; body: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => {
        body += d.toString();
      });
      req.on('end', () => {
        seen.push({ method: req.method, path: req.url, headers: req.headers, body });
        if (req.url === '/api/post') {
          res.writeHead(307, { Location: '/moved/api/post' }).end();
          return;
        }
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('https://paste.tail1234.ts.net/paste/abc');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("sends tclip's request (path replaced, exact content type, Accept: text/plain, sorted fields) and follows redirects", async () => {
    const r = await runCli(['--server', `${url}/some/path?x=1`, '-n', 'a b.txt'], { stdin: 'hello & bye=1\n' });
    expect(r).toEqual({ code: 0, out: 'https://paste.tail1234.ts.net/paste/abc\n', err: '' });
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/post', body: 'content=hello+%26+bye%3D1%0A&filename=a+b.txt' });
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0]?.headers.accept).toBe('text/plain');
    expect(seen[0]?.headers.origin).toBeUndefined();
    expect(seen[1]).toMatchObject({ method: 'POST', path: '/moved/api/post', body: 'content=hello+%26+bye%3D1%0A&filename=a+b.txt' });
  });
});
