/**
 * The identity provider in headless Chromium: the admin UI creates, edits and deletes a client,
 * and a sign-in round trip through a tiny relying-party page (openid-client on loopback) ends with
 * the user's name shown; the client page then lists that sign-in and revokes it.
 *
 * Needs /usr/bin/chromium; without it the suite is skipped with a warning, unless
 * TAILYARD_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { idpApp } from '../../src/apps/idp/index.js';
import type { AppDefinition } from '../../src/platform/app.js';
import { startTestApp, type TestApp } from '../support/platform.js';

const CHROMIUM = '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.TAILYARD_REQUIRE_BROWSER === '1') throw new Error(`${CHROMIUM} is missing and TAILYARD_REQUIRE_BROWSER=1`);
  process.stderr.write(`\n*** SKIPPING the idp browser test: ${CHROMIUM} is missing ***\n\n`);
}

/** A relying party in a dozen lines: /login starts the flow, /callback shows who signed in. */
async function tinyRp(issuer: string) {
  const pending = new Map<string, { verifier: string; nonce: string }>();
  let config: oidc.Configuration | undefined;
  let base = '';
  const rp = {
    url: '',
    configure: async (clientId: string, secret: string) => {
      config = await oidc.discovery(new URL(issuer), clientId, secret, undefined, { execute: [oidc.allowInsecureRequests] });
    },
    server: undefined as unknown as Server,
  };
  rp.server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', base);
      if (!config) throw new Error('not configured');
      if (url.pathname === '/login') {
        const verifier = oidc.randomPKCECodeVerifier();
        const nonce = oidc.randomNonce();
        const state = oidc.randomState();
        pending.set(state, { verifier, nonce });
        const to = oidc.buildAuthorizationUrl(config, {
          redirect_uri: `${base}/callback`,
          scope: 'openid profile email',
          state,
          nonce,
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        });
        res.writeHead(302, { Location: to.href });
        res.end();
        return;
      }
      if (url.pathname === '/callback') {
        const state = url.searchParams.get('state') ?? '';
        const p = pending.get(state);
        if (!p) throw new Error(`unknown state: ${url.search}`);
        const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: p.verifier, expectedNonce: p.nonce, expectedState: state });
        const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()?.sub as string);
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(`<!doctype html><title>rp</title><p id="user">Hello, ${String(info.name).replace(/[<&]/g, '')}</p>`);
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>rp</title><a href="/login">Sign in with the tailnet</a>');
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String((err as Error).message));
    }
  });
  await new Promise<void>((r) => rp.server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(rp.server.address() as { port: number }).port}`;
  rp.url = base;
  return rp;
}

describe.skipIf(!haveBrowser)('identity provider in a browser', () => {
  let t: TestApp;
  let rp: Awaited<ReturnType<typeof tinyRp>>;
  let browser: Browser;
  let page: Page;
  let clientId = '';

  beforeAll(async () => {
    t = await startTestApp(idpApp as AppDefinition, { login: 'amy@example.com' });
    rp = await tinyRp(t.url);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    rp?.server.close();
    await t?.cleanup();
  });

  test('create a client in the admin UI; the secret is shown once', async () => {
    await page.goto(`${t.url}/`);
    expect(await page.textContent('main')).toContain('No clients yet');
    await page.getByRole('link', { name: 'New client', exact: true }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('Tiny RP');
    await page.getByLabel(/Redirect URIs/).fill(`${rp.url}/callback`);
    await page.getByRole('button', { name: 'Create client' }).click();
    await expect.poll(() => page.textContent('h1')).toBe('Tiny RP is ready');
    clientId = (await page.textContent('#client-id'))?.trim() ?? '';
    const secret = (await page.textContent('#client-secret'))?.trim() ?? '';
    expect(clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await rp.configure(clientId, secret);
  });

  test('edit the client', async () => {
    await page.goto(`${t.url}/`);
    await page.getByRole('link', { name: 'Tiny RP' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Tiny relying party');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${t.url}/edit/${clientId}?saved=1`);
    expect(await page.textContent('h1')).toBe('Tiny relying party');
    await page.goto(`${t.url}/edit/${clientId}`);
    await page.getByLabel(/Redirect URIs/).fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.textContent('[role=alert]')).toContain('"javascript" scheme is not allowed');
  });

  test('sign in to the relying party: the round trip ends with the user\'s name', async () => {
    await page.goto(`${rp.url}/`);
    await page.getByRole('link', { name: 'Sign in with the tailnet' }).click();
    await page.waitForURL(`${rp.url}/callback?*`);
    expect(await page.textContent('#user')).toBe('Hello, amy');
  });

  test('the client page lists the sign-in and revokes it', async () => {
    await page.goto(`${t.url}/edit/${clientId}`);
    expect(await page.textContent('main')).toContain('Active sign-ins (1)');
    await page.getByRole('button', { name: "Revoke amy@example.com's sign-in" }).click();
    await expect.poll(() => page.textContent('main')).toContain("Revoked amy@example.com's sign-in.");
    expect(await page.textContent('main')).toContain('Active sign-ins (0)');
  });

  test('delete the client: the danger zone leads to a confirmation that says it cannot be undone', async () => {
    await page.goto(`${t.url}/edit/${clientId}`);
    await page.getByText('Danger zone').click();
    await page.getByRole('link', { name: 'Delete client…' }).click();
    await page.waitForURL(`${t.url}/edit/${clientId}/delete`);
    expect(await page.textContent('main')).toContain('This cannot be undone.');
    // Cancel keeps it.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(`${t.url}/edit/${clientId}`);
    await page.goto(`${t.url}/edit/${clientId}/delete`);
    await page.getByRole('button', { name: /^Delete / }).click();
    await page.waitForURL(`${t.url}/?deleted=1`);
    expect(await page.textContent('main')).toContain('This cannot be undone.');
    expect(await page.textContent('main')).toContain('No clients yet');
  });
});
