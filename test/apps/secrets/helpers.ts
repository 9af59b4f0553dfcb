/**
 * Helpers for the secrets suites: a raw setec API call (so tests control every header and byte
 * of the body), grant builders, audit-log reading, and `tailyard secret …` run in-process.
 */
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { Command } from 'commander';
import { SECRETS_CAP } from '../../../src/apps/secrets/access.js';
import { registerSecretCli } from '../../../src/apps/secrets/cli.js';
import { secretsApp } from '../../../src/apps/secrets/index.js';
import { cliContext } from '../../../src/cli/context.js';
import { readAuditEntries } from '../../../src/platform/audit.js';
import type { CliIo } from '../../../src/platform/cli-io.js';
import type { CapMap } from '../../../src/platform/identity.js';

export interface RawResponse {
  status: number;
  text: string;
  contentType: string | null;
}

export interface CallOptions {
  method?: string;
  contentType?: string | null;
  sec?: string | null;
  /** A raw body; by default the JSON of `body`. */
  raw?: string;
}

/** POSTs to `/api/<endpoint>` with setec's headers unless overridden. */
export async function call(url: string, endpoint: string, body: unknown = {}, opts: CallOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  const ct = opts.contentType === undefined ? 'application/json' : opts.contentType;
  if (ct !== null) headers['Content-Type'] = ct;
  const sec = opts.sec === undefined ? 'setec' : opts.sec;
  if (sec !== null) headers['Sec-X-Tailscale-No-Browsers'] = sec;
  const method = opts.method ?? 'POST';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const res = await fetch(`${url}/api/${endpoint}`, {
    method,
    headers,
    body: hasBody ? (opts.raw ?? JSON.stringify(body)) : undefined,
  });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

/** base64 of a UTF-8 string. */
export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A caller's capability map holding the given grant values of the secrets capability. */
export function grants(...rules: unknown[]): CapMap {
  return { [SECRETS_CAP]: rules };
}

/** Every grant value, for everything. */
export const ALL = grants({ action: ['get', 'info', 'put', 'create-version', 'activate', 'delete'], secret: ['*'] });

/** The parsed entries of the app's audit log (empty if it does not exist yet). */
export function auditEntries(dataDir: string): Array<Record<string, unknown>> {
  return readAuditEntries(join(dataDir, 'secrets.audit.db'));
}

/** What a `tailyard secret …` run printed, and its exit status. */
export interface CliRun {
  code: number;
  out: Buffer;
  err: string;
}

/**
 * Runs `tailyard secret <args>` in-process with injected streams: `stdin` is piped in (or a
 * terminal, with `tty`), and the environment is only `env`.
 */
export async function runSecretCli(args: string[], opts: { stdin?: string; tty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const out: Buffer[] = [];
  let err = '';
  let code = 0;
  const stdin = Object.assign(new PassThrough(), { isTTY: opts.tty ?? false });
  stdin.end(opts.stdin ?? '');
  const io: CliIo = {
    stdin,
    stdout: new Writable({
      write(chunk, _e, cb) {
        out.push(Buffer.from(chunk as Buffer));
        cb();
      },
    }),
    stderr: new Writable({
      write(chunk, _e, cb) {
        err += String(chunk);
        cb();
      },
    }),
    env: opts.env ?? {},
    exit: (c) => {
      code = c;
    },
  };
  const program = new Command('tailyard').exitOverride();
  registerSecretCli(program, cliContext(secretsApp, [secretsApp], io));
  await program.parseAsync(['node', 'tailyard', 'secret', ...args]);
  return { code, out: Buffer.concat(out), err };
}
