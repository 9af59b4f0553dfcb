/**
 * Helpers for the links HTTP tests: start the real platform with the links app, and send
 * requests the way a browser form (Sec-Fetch-Site, Accept: text/html) or an API client
 * (Sec-Golink) does, without following redirects.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { linksApp } from '../../../src/apps/links/index.js';
import type { AppDefinition } from '../../../src/platform/app.js';
import { startTestApp, type TestAppOptions, type TestApp } from '../../support/platform.js';
import { oracleDir } from '../../support/oracle.js';

export const CAP = 'tailscale.com/cap/golink';

/** The answers recorded from the real golink (see test/fixtures/oracle/README.md). */
export const ORACLE = oracleDir('golink');
export const NO_CAPS = { [CAP]: [] };
export const ADMIN_CAPS = { [CAP]: [{ admin: true }] };

export async function startLinks(opts: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp(linksApp as AppDefinition, { caps: NO_CAPS, ...opts });
}

export type Fields = Record<string, string>;

/** A request as a browser form post sends it (same-origin, wants HTML). */
export function browserPost(t: TestApp, path: string, fields: Fields): Promise<Response> {
  return fetch(t.url + path, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Accept: 'text/html,application/xhtml+xml', 'Sec-Fetch-Site': 'same-origin' },
    redirect: 'manual',
  });
}

/** A request as an API client (curl with `-H Sec-Golink:1`) sends it. */
export function apiPost(t: TestApp, path: string, fields: Fields = {}, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(t.url + path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'Sec-Golink': '1', ...headers }, redirect: 'manual' });
}

export function get(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(t.url + path, { headers, redirect: 'manual' });
}

export function getHTML(t: TestApp, path: string): Promise<Response> {
  return get(t, path, { Accept: 'text/html' });
}

/** Creates a link through the API as the current caller; fails the test on a non-200. */
export async function create(t: TestApp, short: string, long: string, extra: Fields = {}): Promise<void> {
  const res = await apiPost(t, '/', { short, long, ...extra });
  if (res.status !== 200) throw new Error(`create ${short}: ${res.status} ${await res.text()}`);
}

/** An answer as `send` reads it: the status, the content type and the body as text. */
export interface SentAnswer {
  status: number;
  type: string | undefined;
  text: string;
}

/**
 * A request with exactly these headers (plus its Content-Length): fetch would add
 * `Accept: *\/*` and other headers, which golink's answers must not depend on.
 */
export function send(t: TestApp, method: string, path: string, headers: Record<string, string> = {}, body: string | Buffer = ''): Promise<SentAnswer> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const length = { 'Content-Length': String(Buffer.byteLength(body)) };
    const req = request({ host: hostname, port, path, method, headers: { ...length, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A GET with the request target sent exactly as given (fetch would normalise `..` segments). */
export function rawGet(t: TestApp, target: string): Promise<{ status: number; location: string | undefined }> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: target, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Switches the caller; unlike `t.as`, without `caps` the caller holds no grant (not admin). */
export function asUser(t: TestApp, caller: { login?: string; caps?: Record<string, unknown[]>; tags?: string[] }): void {
  t.as({ caps: NO_CAPS, ...caller });
}

/**
 * A GET whose request target is sent as these exact bytes on a raw socket with `Host: go` (an
 * HTTP client would re-encode it); the status and the `Location` as its bytes (Latin-1, as
 * Node's own header strings are).
 */
export function socketGet(port: number, target: Buffer | string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const head = Buffer.concat(chunks).toString('latin1').split('\r\n\r\n')[0] ?? '';
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), location: /\r\nlocation: ([^\r\n]*)/i.exec(head)?.[1] });
    });
    socket.write(Buffer.concat([Buffer.from('GET '), Buffer.from(target), Buffer.from(' HTTP/1.1\r\nHost: go\r\nConnection: close\r\n\r\n')]));
  });
}
