/**
 * The idp app in-process behind the platform's identity middleware with a stand-in tailnet, so
 * tests can choose who calls (a user, a tagged node, an anonymous Funnel caller) and what WhoIs
 * answers later for the user's node (a changed grant, a node that left the tailnet). Funnel
 * cannot run here (it needs Tailscale's ingress and HTTPS certificates), which is why a fixed
 * identity stands in for it; everything else (SQLite, keys, routes) is real, and errors the app
 * throws are answered as the platform answers them (its `errors` mapping, the platform's renderer).
 */
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { idpApp } from '../../../src/apps/idp/index.js';
import type { AuditSink } from '../../../src/platform/app.js';
import { renderFailure } from '../../../src/platform/errors.js';
import { type Caller, makeCaller } from '../../../src/platform/identity.js';
import { silentLogger } from '../../../src/platform/logging.js';
import { identity, type PlatformEnv } from '../../../src/platform/middleware.js';
import { openAppDatabase } from '../../../src/platform/storage.js';
import type { Identification } from '../../../src/platform/tailnet/mode.js';
import { testAppContext } from '../../support/app-context.js';
import { fixedTailnetMode, INTERNET_PEER } from '../../support/fixed-mode.js';
import { tempDataDir } from '../../support/platform.js';
import { CAP } from './helpers.js';

export const ISSUER = 'https://idp.tail1234.ts.net';

/** A user on laptop.tail1234.ts.net with the given tsidp grant rules. */
export function user(login: string, rules: unknown[], extra: Partial<Parameters<typeof makeCaller>[0]> = {}): Caller {
  return makeCaller({
    kind: 'user',
    login,
    displayName: login.split('@')[0],
    nodeName: 'laptop',
    nodeFQDN: 'laptop.tail1234.ts.net',
    addresses: ['100.64.0.3', 'fd7a:115c:a1e0::3'],
    userId: '6789',
    nodeId: '9210502070016329719',
    nodeKey: 'nodekey:00aa',
    capMap: { [CAP]: rules },
    ...extra,
  });
}

export interface InProcessIdp {
  /** Who the next requests come from (`undefined`: an unknown peer, anonymous on Funnel paths). */
  caller: Caller | undefined;
  /** What WhoIs answers for the user's node address at refresh. */
  whois: (addr: string) => Promise<Identification>;
  audit: Record<string, unknown>[];
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): void;
}

export async function inProcessIdp(appConfig: Record<string, unknown> = {}, opts: { funnel?: boolean } = {}): Promise<InProcessIdp> {
  const dataDir = tempDataDir('tailyard-idp-');
  const db = openAppDatabase(':memory:', idpApp.migrations);
  const audit: Record<string, unknown>[] = [];
  const sink: AuditSink = { append: (e) => void audit.push(e) };
  let closeCtx = async () => {};
  const state: InProcessIdp = {
    caller: undefined,
    whois: async (addr) => (state.caller ? { kind: 'caller', caller: state.caller } : { kind: 'unknown', remoteAddr: addr }),
    audit,
    request: async () => new Response(),
    close: () => {
      // As the platform does: scheduled work stops and close hooks run before the database closes.
      void closeCtx().finally(() => db.close());
    },
  };
  const { ctx, close } = testAppContext(idpApp, {
    db,
    audit: sink,
    config: idpApp.configSchema.parse({ issuer: ISSUER, ...appConfig }),
    capName: CAP,
    dataDir,
    hostname: 'idp',
    tailnet: { whois: (addr) => state.whois(addr), baseUrl: () => ISSUER },
  });
  closeCtx = close;
  const routes = await idpApp.create(ctx);
  const mode = fixedTailnetMode(() => (state.caller ? { kind: 'caller', caller: state.caller } : { kind: 'unknown', remoteAddr: INTERNET_PEER }));
  const app = new Hono<PlatformEnv>();
  app.use(async (c, next) => {
    c.set('log', silentLogger());
    await next();
  });
  app.use(identity('idp', mode, { funnel: opts.funnel ?? true, prefixes: idpApp.publicPathPrefixes ?? [], admitUnknownPeers: false }));
  app.route('/', routes as unknown as Hono<PlatformEnv>);
  app.onError((err, c) => renderFailure(c, idpApp.errors?.(err) ?? { status: 500, code: 'internal', message: `internal error: ${err.message}` }));
  state.request = async (path, init = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const incoming = { headers, socket: { localPort: 443 } } as unknown as IncomingMessage;
    return app.request(path, init, { incoming });
  };
  return state;
}

/** Registers a confidential client through the `/clients/new` API as the current (admin) caller. */
export async function apiClient(idp: InProcessIdp, redirectUris: string[]): Promise<{ id: string; secret: string }> {
  const res = await idp.request('/clients/new', { method: 'POST', body: new URLSearchParams({ name: 'rp', redirect_uri: redirectUris.join('\n') }) });
  if (res.status !== 200) throw new Error(`client: ${res.status} ${await res.text()}`);
  const b = (await res.json()) as { client_id: string; client_secret: string };
  return { id: b.client_id, secret: b.client_secret };
}

/** `/authorize` with the given query; returns the redirect's URL (throws on anything but 302). */
export async function authorizeVia(idp: InProcessIdp, query: Record<string, string>): Promise<URL> {
  const res = await idp.request(`/authorize?${new URLSearchParams(query)}`);
  const loc = res.headers.get('location');
  if (res.status !== 302 || !loc) throw new Error(`authorize: ${res.status} ${await res.text()}`);
  return new URL(loc);
}

/** POST /token with form fields; `basic` sends the client credentials in the header. */
export async function tokenVia(idp: InProcessIdp, form: Record<string, string>, basic?: { id: string; secret: string }) {
  const headers: Record<string, string> = {};
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic.id}:${basic.secret}`).toString('base64')}`;
  const res = await idp.request('/token', { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, string> };
}

/** A full code flow (plain PKCE off) for `client`, returning the token response. */
export async function signInVia(idp: InProcessIdp, client: { id: string; secret: string }, redirectUri: string, extra: Record<string, string> = {}) {
  const cb = await authorizeVia(idp, { client_id: client.id, redirect_uri: redirectUri, response_type: 'code', scope: 'openid email profile', ...extra });
  return tokenVia(idp, { grant_type: 'authorization_code', code: cb.searchParams.get('code') ?? '', redirect_uri: redirectUri }, client);
}

/** The payload of a JWT, parsed. */
export function jwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
