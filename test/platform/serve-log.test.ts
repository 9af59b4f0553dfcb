/**
 * `tailyard serve`'s log format, chosen by where stdout goes: readable lines on a terminal (a
 * real pseudo-terminal, made by util-linux `script`), JSON lines into a pipe, and either when
 * asked with `--log-format`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInApps } from '../../src/suite.js';
import { tempDataDir } from '../support/platform.js';

const bin = join(import.meta.dirname, '../../bin/tailyard.js');
const freePorts = ['--admin-listen', '127.0.0.1:0', ...builtInApps.flatMap((a) => ['--set', `serve.${a.id}.devPort=0`])];
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `child` until its output matches `pattern`, then stops it; resolves with the output. */
function outputUntil(child: ChildProcess, pattern: RegExp): Promise<string> {
  let out = '';
  let seen = false;
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (!seen && pattern.test(out)) {
        seen = true;
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => (seen ? resolve(out) : reject(new Error(`exited ${code} before printing ${pattern}: ${out}`))));
  });
}

describe('serve log format', () => {
  it('is readable on a terminal', async () => {
    const args = ['serve', '--data', tempDataDir(), ...freePorts].map(quote).join(' ');
    // `script` runs the command on a new pseudo-terminal and copies what it prints to our pipe.
    const child = spawn('script', ['-qfec', `${quote(process.execPath)} ${quote(bin)} ${args}`, '/dev/null'], { env: { ...process.env, NO_COLOR: '1', TAILYARD_CONFIG: '' } });
    const out = await outputUntil(child, /WARN {2}secrets .*\r?\n/);
    expect(out).toMatch(/^\d\d:\d\d:\d\d WARN {2}secrets {2}dev mode: created a new secrets key file; .* path=\S+secrets\.key\r?$/m);
    expect(out).not.toMatch(/"level":/);
  });

  it('is JSON into a pipe, and readable there when asked', async () => {
    const env = { ...process.env, TAILYARD_CONFIG: '' };
    const piped = spawn(process.execPath, [bin, 'serve', '--data', tempDataDir(), ...freePorts], { env });
    expect(await outputUntil(piped, /secrets key file.*\n/)).toMatch(/^\{"level":40,"time":\d+,"svc":"tailyard","app":"secrets",/m);
    const asked = spawn(process.execPath, [bin, 'serve', '--data', tempDataDir(), ...freePorts, '--log-format', 'pretty'], { env: { ...env, NO_COLOR: '1' } });
    expect(await outputUntil(asked, /secrets key file.*\n/)).toMatch(/^\d\d:\d\d:\d\d WARN {2}secrets {2}dev mode: created a new secrets key file/m);
  });
});
