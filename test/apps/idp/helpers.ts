/**
 * Helpers for the idp suites: start the real platform with the idp app (dev mode, loopback,
 * real SQLite), register clients through the `/clients/` API, follow `/authorize` as the dev
 * user's browser would, grant builders and audit-log reading.
 */
import { join } from 'node:path';
import { vi } from 'vitest';
import { idpApp } from '../../../src/apps/idp/index.js';
import { buildProgram } from '../../../src/cli/main.js';
import type { AppDefinition } from '../../../src/platform/app.js';
import { readAuditEntries } from '../../../src/platform/audit.js';
import type { CapMap } from '../../../src/platform/identity.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/platform.js';

export const CAP = 'tailscale.com/cap/tsidp';

/** A capability map holding the given tsidp grant rules. */
export const grants = (...rules: unknown[]): CapMap => ({ [CAP]: rules });

/** Full access: admin UI, DCR, every resource for everyone. */
export const ADMIN = grants({ allow_admin_ui: true, allow_dcr: true, users: ['*'], resources: ['*'] });

export function startIdp(opts: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp(idpApp as AppDefinition, { login: 'alice@example.com', ...opts });
}

export interface RegisteredClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/** Registers a client through `POST /clients/new` (the caller needs allow_admin_ui). */
export async function newClient(url: string, redirectUris: string[], name = 'test rp'): Promise<RegisteredClient> {
  const res = await fetch(`${url}/clients/new`, { method: 'POST', body: new URLSearchParams({ name, redirect_uri: redirectUris.join('\n') }) });
  if (res.status !== 200) throw new Error(`creating a client: ${res.status} ${await res.text()}`);
  return (await res.json()) as RegisteredClient;
}

/** GETs an authorization URL as the browser would and returns the redirect it answers with. */
export async function follow(authorizationUrl: string | URL): Promise<URL> {
  const res = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  return new URL(location);
}

/** Posts a form to the token endpoint (optionally with Basic credentials) and returns status and JSON. */
export async function tokenRequest(url: string, form: Record<string, string>, basic?: [string, string]): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (basic) headers.Authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}`;
  const res = await fetch(`${url}/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** The idp audit log entries (the platform's hash-chained log, `idp.audit.db`). */
export function auditEntries(dataDir: string): Array<Record<string, unknown>> {
  return readAuditEntries(join(dataDir, 'idp.audit.db'));
}

/**
 * Runs `tailyard …` in-process (the real commander program) and returns what it printed, stdout
 * and stderr in order (its reports of what it did go to stderr), without log lines.
 */
export async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const capture = (chunk: unknown) => {
    if (!String(chunk).startsWith('{"level":')) out.push(String(chunk));
    return true;
  };
  const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await buildProgram().parseAsync(['node', 'tailyard', ...args]);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return out.join('');
}
