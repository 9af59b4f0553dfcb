/**
 * Helpers for the paste HTTP tests: start the real platform (dev mode, real sockets, real SQLite in
 * a temp dir) with the paste app, and send requests the way each client does: tclip's CLI (its
 * exact bytes, replayed over a raw socket), curl (`-F` multipart), a browser form (Sec-Fetch-Site
 * and Accept: text/html), a JSON client.
 */
import { request } from 'node:http';
import { pasteApp } from '../../../src/apps/paste/index.js';
import type { AppDefinition } from '../../../src/platform/app.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/platform.js';

export const CAP = 'tailscale.com/cap/tclip';
export const NO_CAPS = { [CAP]: [] };
export const ADMIN_CAPS = { [CAP]: [{ all: { admin: true } }] };
export const BROWSER = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'Sec-Fetch-Site': 'same-origin' };

/** Starts the paste app; by default the caller holds no grant (the tclip policy needs none). */
export async function startPaste(opts: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp(pasteApp as AppDefinition, { caps: NO_CAPS, ...opts });
}

/** Switches the caller; without `caps` it holds no grant. */
export function asUser(t: TestApp, caller: { login?: string; caps?: Record<string, unknown[]>; tags?: string[] }): void {
  t.as({ caps: NO_CAPS, ...caller });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends exactly these header lines and body bytes (no client adds anything). */
export function rawRequest(t: TestApp, method: string, path: string, headers: Array<[string, string]>, body: Uint8Array | string = ''): Promise<RawResponse> {
  const { hostname, port } = new URL(t.url);
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers: [...headers.flat(), 'Content-Length', String(bytes.length)], setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/**
 * tclip's CLI request, byte for byte as Go's http client sends it (cmd/tclip: url.Values encoded
 * with sorted keys, `Content-Type: application/x-www-form-urlencoded`, `Accept: text/plain`).
 */
export function tclipPost(t: TestApp, content: string, filename: string): Promise<RawResponse> {
  const body = new URLSearchParams([
    ['content', content],
    ['filename', filename],
  ]).toString();
  return rawRequest(
    t,
    'POST',
    '/api/post',
    [
      ['Host', new URL(t.url).host],
      ['User-Agent', 'Go-http-client/1.1'],
      ['Accept', 'text/plain'],
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['Accept-Encoding', 'gzip'],
    ],
    body,
  );
}

/** A browser form post (same-origin), redirects not followed. */
export function browserPost(t: TestApp, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(t.url + path, { method: 'POST', body: new URLSearchParams(fields), headers: { ...BROWSER, Origin: t.url }, redirect: 'manual' });
}

/** A GET, redirects not followed. */
export function get(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(t.url + path, { headers, redirect: 'manual' });
}

/** Creates a paste through the JSON API as the current caller; fails the test on anything but 201. */
export async function createPaste(t: TestApp, fields: Record<string, string | boolean>): Promise<{ id: string; url: string; rawUrl: string; expiresAt: string | null }> {
  const res = await fetch(`${t.url}/api/post`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(fields) });
  if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; url: string; rawUrl: string; expiresAt: string | null };
}
