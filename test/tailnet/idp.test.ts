/**
 * The identity provider over a real tailnet (Headscale + tailscaled, all on loopback): alice's
 * laptop signs in through /authorize and the ID token names alice and her node; a grant change
 * (Headscale accepts `tailscale.com/cap/tsidp`) shows in the next refresh; once her node has left
 * the tailnet, refreshing ends the sign-in with invalid_grant. The relying party runs on bob's
 * laptop and reaches the idp through the tailnet too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idpApp } from '../../src/apps/idp/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { silentLogger } from '../../src/platform/logging.js';
import { type RunningPlatform, startPlatform } from '../../src/platform/platform.js';
import type { ManagedNode } from '../../src/platform/tailnet/managed/node.js';
import { eventually, freeTcpPort, type Headscale, startClientNode, startHeadscale, TAILNET_DOMAIN, TEST_TS_ENV, tailnetPrereqs } from './harness.js';

const pre = tailnetPrereqs();
const CAP = 'tailscale.com/cap/tsidp';
const HOST = `idp.${TAILNET_DOMAIN}`;
const ISSUER = `http://${HOST}`;
const CB = 'https://rp.example/cb';

function policy(role: string): unknown {
  return {
    tagOwners: { 'tag:apps': [] },
    grants: [
      { src: ['autogroup:member'], dst: ['tag:apps'], ip: ['tcp:80', 'tcp:443'] },
      { src: ['alice@example.com'], dst: ['tag:apps'], app: { [CAP]: [{ allow_admin_ui: true, extraClaims: { role } }] } },
    ],
  };
}

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request from `node` through the tailnet to the idp. */
async function via(node: ManagedNode, method: string, path: string, form?: Record<string, string>): Promise<Res> {
  const socket = await node.client.dial('idp', 80, { timeoutMs: 10_000 });
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const headers: Record<string, string | number> = { Host: HOST, Connection: 'close' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers['Content-Length'] = Buffer.byteLength(body);
  }
  return new Promise((resolve, reject) => {
    const req = request({ createConnection: () => socket, method, path, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

const payload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

describe.skipIf(!pre.run)('identity provider over a real tailnet', () => {
  let hs: Headscale;
  let platform: RunningPlatform;
  let alice: ManagedNode;
  let bob: ManagedNode;
  let aliceId: string;
  let dataDir: string;
  let client: { client_id: string; client_secret: string };
  let refresh = '';

  const token = (form: Record<string, string>) => via(bob, 'POST', '/token', { ...form, client_id: client.client_id, client_secret: client.client_secret });

  beforeAll(async () => {
    if (pre.reason) throw new Error(`TAILYARD_REQUIRE_TAILNET=1 but ${pre.reason}`);
    hs = await startHeadscale(pre.dir);
    aliceId = (await hs.createUser('alice', 'alice@example.com', 'Alice')).id;
    const bobUser = await hs.createUser('bob', 'bob@example.com', 'Bob');
    // Headscale refuses tailscale.com/cap/* names except a few, tsidp among them: this must load.
    await hs.setPolicy(policy('viewer'));
    const appKey = await hs.createKey({ tags: ['tag:apps'] });
    const aliceKey = await hs.createKey({ user: aliceId });
    const bobKey = await hs.createKey({ user: bobUser.id });
    dataDir = mkdtempSync(join(tmpdir(), 'tailyard-idp-tailnet-'));
    const backendPort = await freeTcpPort('127.0.0.2');
    [platform, alice, bob] = await Promise.all([
      startPlatform({
        config: {
          mode: 'managed',
          dataDir,
          admin: { enabled: false },
          tailnet: { controlURL: hs.url, authKey: appKey.key, env: TEST_TS_ENV, tailscaled: join(pre.dir, 'tailscaled'), whoisCacheMs: 0 },
          apps: { idp: { backendPort } },
        },
        apps: [idpApp as AppDefinition],
        log: silentLogger(),
        defaultMetrics: false,
      }),
      startClientNode(pre.dir, hs, 'alice-laptop', aliceKey.key),
      startClientNode(pre.dir, hs, 'bob-laptop', bobKey.key),
    ]);
    await eventually(async () => (await via(alice, 'GET', '/.well-known/openid-configuration')).status === 200, 30_000);
    await eventually(async () => (await via(bob, 'GET', '/.well-known/openid-configuration')).status === 200, 30_000);
    const created = await via(alice, 'POST', '/clients/new', { name: 'rp', redirect_uri: CB });
    expect(created.status).toBe(200);
    client = JSON.parse(created.body);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([platform?.close(), alice?.close(), bob?.close()]);
    await hs?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('uses http://<fqdn> as the issuer without tailnet certificates', async () => {
    const doc = JSON.parse((await via(bob, 'GET', '/.well-known/openid-configuration')).body) as Record<string, unknown>;
    expect(doc).toMatchObject({ issuer: ISSUER, token_endpoint: `${ISSUER}/token` });
  });

  it("alice's laptop signs in and the ID token names alice and her node", async () => {
    const auth = await via(alice, 'GET', `/authorize?${new URLSearchParams({ client_id: client.client_id, redirect_uri: CB, response_type: 'code', scope: 'openid email profile', nonce: 'n1' })}`);
    expect(auth.status).toBe(302);
    const code = new URL(String(auth.headers.location)).searchParams.get('code') ?? '';
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: CB });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as Record<string, string>;
    refresh = body.refresh_token ?? '';
    const jwks = JSON.parse((await via(bob, 'GET', '/.well-known/jwks.json')).body) as JSONWebKeySet;
    const idToken = body.id_token ?? '';
    await expect(jwtVerify(idToken, createLocalJWKSet(jwks), { issuer: ISSUER, audience: client.client_id })).resolves.toBeTruthy();
    expect(payload(idToken)).toMatchObject({
      iss: ISSUER,
      sub: `userid:${aliceId}`,
      aud: [client.client_id],
      nonce: 'n1',
      email: 'alice@example.com',
      name: 'Alice',
      preferred_username: 'alice',
      node: `alice-laptop.${TAILNET_DOMAIN}.`,
      tailnet: `${TAILNET_DOMAIN}.`,
      addresses: alice.status?.TailscaleIPs.map((ip) => (ip.includes(':') ? `${ip}/128` : `${ip}/32`)),
      role: 'viewer',
    });
    expect(String(payload(idToken).key)).toMatch(/^nodekey:[0-9a-f]{64}$/);
  });

  it('a grant change is visible after the next refresh', async () => {
    await hs.setPolicy(policy('editor'));
    const claims = await eventually(async () => {
      const res = await token({ grant_type: 'refresh_token', refresh_token: refresh });
      const body = JSON.parse(res.body) as Record<string, string>;
      if (res.status !== 200) throw new Error(`refresh: ${res.body}`);
      refresh = body.refresh_token ?? '';
      const c = payload(body.id_token ?? '');
      return c.role === 'editor' ? c : undefined;
    }, 30_000, 500);
    expect(claims).toMatchObject({ sub: `userid:${aliceId}`, role: 'editor' });
  });

  it("once alice's node has left the tailnet, a refresh ends the sign-in with invalid_grant", async () => {
    const nodes = (await hs.cli(['nodes', 'list'])) as Array<{ id: string | number; given_name?: string; name?: string }>;
    const node = nodes.find((n) => (n.given_name ?? n.name) === 'alice-laptop');
    expect(node).toBeDefined();
    await alice.close();
    await hs.cli(['nodes', 'delete', '--identifier', String(node?.id), '--force']);
    const final = await eventually(async () => {
      const res = await token({ grant_type: 'refresh_token', refresh_token: refresh });
      const body = JSON.parse(res.body) as Record<string, string>;
      if (res.status === 200) {
        refresh = body.refresh_token ?? '';
        return undefined;
      }
      return body;
    }, 30_000, 500);
    expect(final).toMatchObject({ error: 'invalid_grant', error_description: "the user's node has left the tailnet" });
    expect(JSON.parse((await token({ grant_type: 'refresh_token', refresh_token: refresh })).body)).toMatchObject({ error: 'invalid_grant' });
  });
});
