/**
 * The seeded fuzz run over every route of the identity provider (harness.ts): discovery and
 * JWKS, `/authorize` (every parameter, PKCE, resources, hostile redirect URIs), `/token` (every
 * grant type, with codes, refresh tokens and access tokens the run itself obtained, and broken
 * client credentials), `/userinfo`, `/introspect`, `/revoke`, `/logout`, dynamic registration
 * (JSON of every wrong shape, huge arrays and numbers), the `/clients/` API and the admin UI,
 * as an admin, a caller without grants and a tagged node, with browser headers and broken
 * bodies (urlencoded, multipart, JSON, invalid UTF-8).
 *
 * A client made before the run is never deleted or edited, so sign-ins can go all the way.
 * No request may be answered with a 5xx: the provider has no documented one. Same seed, same run.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN, grants, newClient, type RegisteredClient, startIdp } from '../idp/helpers.js';
import { body, browserHeaders, HUGE_NUMBERS, invalidUtf8, prng, query, type Req, type Rng, run, segment } from './harness.js';

const SEED = 0x5eed_2026 + 18;
const REQUESTS = 900;
const CB = 'http://127.0.0.1/cb';

const GRANT_TYPES = ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:token-exchange', 'client_credentials', 'password', '', 'x'];
const SCOPES = ['openid', 'openid email profile', 'openid offline_access', 'email', '', 'openid x y z', 'openid '.repeat(200)];
const RESOURCES = ['https://mcp.example', 'http://127.0.0.1/', 'not a uri', '', 'https://x.example/#frag'];
const TOKEN_TYPES = ['urn:ietf:params:oauth:token-type:access_token', 'urn:ietf:params:oauth:token-type:id_token', 'urn:ietf:params:oauth:token-type:jwt', 'x'];
const REDIRECTS = [CB, 'http://127.0.0.1:51234/cb', 'https://evil.example/cb', 'javascript:alert(1)', 'http://127.0.0.1/cb#x', '/cb', ''];

describe('fuzz: identity provider', () => {
  let t: TestApp;
  let main: RegisteredClient;
  /** What the run obtained: clients it created, codes, tokens. */
  const clients: Array<{ id: string; secret?: string }> = [];
  const codes: string[] = [];
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await startIdp({ caps: ADMIN, appConfig: { registrationRateLimit: { perMinute: 1_000_000, burst: 1_000_000 }, enableSts: true } });
    main = await newClient(t.url, [CB, 'http://127.0.0.1/other']);
  });
  afterAll(() => t?.cleanup());

  const someClient = (r: Rng) => (clients.length && r.chance(0.4) ? r.pick(clients) : r.chance(0.7) ? { id: main.client_id, secret: main.client_secret } : { id: r.pick(['', 'nosuch', segment(r), '0'.repeat(32)]), secret: segment(r) });
  const someToken = (r: Rng) => (tokens.length && r.chance(0.7) ? r.pick(tokens) : r.pick(['', 'x', 'eyJhbGciOiJub25lIn0.e30.', `${segment(r)}.${segment(r)}.${segment(r)}`, 'A'.repeat(5000)]));
  /** Mostly the newest code (likely unused), else an older one (a replay), else garbage. */
  const someCode = (r: Rng) => (codes.length && r.chance(0.8) ? (r.chance(0.6) ? (codes.at(-1) as string) : r.pick(codes)) : r.pick(['', 'x', segment(r)]));
  /** An id to edit or delete: never the main client's. */
  const expendable = (r: Rng) => (clients.length && r.chance(0.6) ? r.pick(clients).id : r.pick(['nosuch', segment(r), '%2e%2e', '0'.repeat(32)]));

  function basic(r: Rng, c: { id: string; secret?: string }): string {
    if (r.chance(0.8)) return `Basic ${Buffer.from(`${encodeURIComponent(c.id)}:${encodeURIComponent(c.secret ?? '')}`).toString('base64')}`;
    return r.pick(['Basic', 'Basic !!!', `Basic ${Buffer.from('nocolon').toString('base64')}`, 'Bearer x', `Basic ${Buffer.from(`%zz:${'x'.repeat(3000)}`).toString('base64')}`]);
  }

  /** A form body for `fields`: as a client sends it, or broken (harness bodies, invalid UTF-8). */
  function form(r: Rng, fields: Record<string, string>): { type: string | undefined; body: Buffer } {
    if (r.chance(0.8)) return { type: 'application/x-www-form-urlencoded', body: Buffer.from(new URLSearchParams(fields).toString()) };
    if (r.chance(0.2)) return { type: r.pick(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json']), body: invalidUtf8(r) };
    const b = body(r, fields);
    return { type: b.type, body: Buffer.from(b.body) };
  }

  function registration(r: Rng): string {
    const pick = <T>(good: T, bad: readonly unknown[]) => (r.chance(0.7) ? good : r.pick(bad));
    const doc: Record<string, unknown> = {
      redirect_uris: pick([r.pick(REDIRECTS)], [[], 'http://x/cb', [5], null, Array(40).fill(CB), [`https://x.example/${'a'.repeat(3000)}`]]),
      token_endpoint_auth_method: pick(r.pick(['client_secret_basic', 'client_secret_post', 'none']), ['x', 5, null]),
      grant_types: pick(['authorization_code', 'refresh_token'], [['x'], 'authorization_code', Array(20).fill('refresh_token')]),
      client_name: pick(segment(r), [5, { a: 1 }, 'n'.repeat(500), Number(r.pick(HUGE_NUMBERS))]),
      contacts: pick(['a@example.com'], ['a', [1], Array(30).fill('a@example.com')]),
      scope: pick('openid email', [5, 's'.repeat(2000)]),
    };
    for (const k of Object.keys(doc)) if (r.chance(0.15)) delete doc[k];
    const text = JSON.stringify(doc);
    return r.chance(0.9) ? text : r.pick([text.slice(0, r.int(text.length)), '[]', 'null', '"x"', `{"redirect_uris": [${'['.repeat(3000)}`, `{"client_id_issued_at": ${r.pick(HUGE_NUMBERS) || '1'}}`]);
  }

  function make(r: Rng): Req {
    const req = (method: string, target: string, b?: { type: string | undefined; body: Buffer }, auth?: string): Req => {
      const headers = browserHeaders(r, t.url, b?.type);
      if (auth !== undefined) headers.Authorization = auth;
      return { method, target, headers, body: b?.body ?? Buffer.alloc(0) };
    };
    const c = someClient(r);
    switch (r.int(14)) {
      case 0:
      case 1: {
        const params = { client_id: [c.id], redirect_uri: REDIRECTS, response_type: ['code', 'token', 'code id_token', ''], scope: SCOPES, state: ['s', ''], nonce: ['n'], code_challenge: ['E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'short', ''], code_challenge_method: ['S256', 'plain', 'x'], resource: RESOURCES, prompt: ['none', 'login', 'consent', 'x'], max_age: HUGE_NUMBERS, request: ['x.y.z'], request_uri: ['urn:x'] };
        const sane = `client_id=${encodeURIComponent(r.chance(0.75) ? main.client_id : c.id)}&redirect_uri=${encodeURIComponent(CB)}&response_type=code&scope=openid&`;
        const q = (r.chance(0.6) ? sane : '') + query(r, params);
        return r.chance(0.8) ? req('GET', `/authorize?${q}`) : req('POST', '/authorize', form(r, Object.fromEntries(new URLSearchParams(q))));
      }
      case 2:
      case 3:
      case 4: {
        const payer = r.chance(0.8) ? { id: main.client_id, secret: main.client_secret } : c;
        const grant = r.chance(0.5) ? 'authorization_code' : r.pick(GRANT_TYPES);
        const fields: Record<string, string> = { grant_type: grant, code: someCode(r), redirect_uri: r.chance(0.8) ? CB : r.pick(REDIRECTS), refresh_token: someToken(r) };
        if (r.chance(0.3)) Object.assign(fields, { client_id: payer.id, client_secret: payer.secret ?? '' });
        if (r.chance(0.3)) Object.assign(fields, { code_verifier: r.pick(['dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'x', '']), scope: r.pick(SCOPES), resource: r.pick(RESOURCES) });
        if (grant.endsWith('token-exchange') || r.chance(0.1)) Object.assign(fields, { subject_token: someToken(r), subject_token_type: r.pick(TOKEN_TYPES), requested_token_type: r.pick(TOKEN_TYPES), audience: r.pick(RESOURCES) });
        for (const k of Object.keys(fields)) if (r.chance(0.1)) fields[k] = r.chance(0.5) ? r.pick(HUGE_NUMBERS) : segment(r);
        return req(r.chance(0.92) ? 'POST' : r.pick(['GET', 'PUT', 'OPTIONS']), '/token', form(r, fields), r.chance(0.75) ? basic(r, payer) : undefined);
      }
      case 5: {
        const bearer = r.chance(0.8) ? `Bearer ${someToken(r)}` : r.pick(['Bearer', 'bearer x', 'Basic x', `Bearer ${'A'.repeat(10_000)}`]);
        return r.chance(0.6) ? req('GET', '/userinfo', undefined, bearer) : req(r.pick(['POST', 'PUT']), '/userinfo', form(r, { access_token: someToken(r) }), r.chance(0.5) ? bearer : undefined);
      }
      case 6:
        return req(r.chance(0.9) ? 'POST' : 'GET', r.pick(['/introspect', '/revoke']), form(r, { token: someToken(r), token_type_hint: r.pick(['access_token', 'refresh_token', 'x']) }), r.chance(0.5) ? basic(r, c) : undefined);
      case 7:
      case 8:
        return r.chance(0.9)
          ? req(r.chance(0.9) ? 'POST' : r.pick(['OPTIONS', 'GET']), '/register', { type: r.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', undefined]), body: r.chance(0.1) ? invalidUtf8(r) : Buffer.from(registration(r)) })
          : req('POST', '/register', form(r, { redirect_uris: CB }));
      case 9: {
        const id = expendable(r);
        switch (r.int(4)) {
          case 0:
            return req('GET', r.pick(['/clients/', '/clients', `/clients/${id}`, `/clients/${c.id}`]));
          case 1:
            return req('DELETE', `/clients/${id}`);
          default:
            return req(r.chance(0.9) ? 'POST' : 'GET', '/clients/new', form(r, { name: r.chance(0.8) ? 'fuzz' : segment(r), redirect_uri: r.chance(0.7) ? CB : [...REDIRECTS, Array(40).fill(CB).join('\n')].join(r.pick(['\n', '\r\n', ' '])) }));
        }
      }
      case 10:
      case 11: {
        const id = expendable(r);
        const settings = { name: r.chance(0.8) ? 'fuzz ui' : segment(r), redirect_uris: r.chance(0.7) ? CB : r.pick(REDIRECTS), post_logout_redirect_uris: r.pick(['', CB, 'javascript:x']), allowed_users: r.pick(['', 'a@example.com', 'group:x']), auth_method: r.pick(['none', 'client_secret_basic', 'x']), access_token_format: r.pick(['jwt', 'opaque', 'x']) };
        const action = r.pick(['', 'delete', 'regenerate_secret', 'revoke_sessions', 'revoke_session', 'x']);
        switch (r.int(4)) {
          case 0:
            return req('GET', r.pick(['/', `/?${query(r, { page: HUGE_NUMBERS, deleted: ['1'] })}`, '/new', `/edit/${id}`, `/edit/${main.client_id}?saved=1`]));
          case 1:
            return req('POST', '/new', form(r, settings));
          default:
            return req('POST', `/edit/${id}`, form(r, { ...settings, action, family: segment(r) }));
        }
      }
      case 12:
        return req(r.pick(['GET', 'POST']), `/logout?${query(r, { id_token_hint: [someToken(r)], post_logout_redirect_uri: REDIRECTS, state: ['s'], client_id: [c.id], ui_locales: ['en'] })}`, r.chance(0.3) ? form(r, { id_token_hint: someToken(r) }) : undefined);
      default: {
        const path = r.pick(['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server', '/.well-known/jwks.json', '/.well-known/oauth-protected-resource', '/.well-known/x', `/${segment(r)}`, `/edit/${segment(r)}/x`]);
        return req(r.pick(['GET', 'GET', 'OPTIONS', 'POST', 'HEAD', 'DELETE', 'FOO']), path, r.chance(0.3) ? form(r, { x: segment(r) }) : undefined);
      }
    }
  }

  const CALLERS = [
    () => t.as({ caps: ADMIN }),
    () => t.as({ caps: ADMIN, login: 'bob@example.com' }),
    () => t.as({ caps: grants({ allow_dcr: true }) }),
    () => t.as({ caps: {} }),
    () => t.as({ caps: ADMIN, login: 'tagged-devices', tags: ['tag:ci'] }),
  ];

  /** Keeps what answers hand out: clients, codes (from redirects) and tokens. */
  function harvest(res: { status: number; head: string; text: string }): void {
    const code = /\r\nlocation: [^\r]*[?&]code=([^&\r]+)/i.exec(res.head)?.[1];
    if (code) codes.push(decodeURIComponent(code));
    if (!res.text.startsWith('{')) return;
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(res.text) as Record<string, unknown>;
    } catch {
      return;
    }
    for (const k of ['access_token', 'refresh_token', 'id_token']) if (typeof doc[k] === 'string') tokens.push(doc[k] as string);
    if (typeof doc.client_id === 'string' && (res.status === 200 || res.status === 201)) clients.push({ id: doc.client_id, secret: doc.client_secret as string | undefined });
  }

  test(`${REQUESTS} requests, seed ${SEED}: no 5xx at all`, async () => {
    const { failures, statuses } = await run(
      t,
      REQUESTS,
      prng(SEED),
      (r) => {
        if (r.chance(0.08)) r.pick(CALLERS)();
        return make(r);
      },
      async () => false,
      (_req, res) => harvest(res),
    );
    expect(failures).toEqual([]);
    // The run went deep: clients were registered, codes redeemed for tokens.
    expect(clients.length).toBeGreaterThan(5);
    expect(codes.length).toBeGreaterThan(10);
    expect(tokens.length).toBeGreaterThan(5);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
  }, 180_000);
});
