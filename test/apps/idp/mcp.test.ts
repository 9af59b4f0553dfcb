/**
 * The MCP TypeScript SDK's client auth flow against the idp, with a toy MCP server (streamable
 * HTTP, stateless) that publishes RFC 9728 protected-resource metadata and checks each bearer
 * token by introspecting it at the idp (as tsidp's example MCP server does) — and, unlike that
 * example, also checks the audience. Flow: 401 → discovery → dynamic registration (public client)
 * → authorize with S256 and `resource` → token → tool call → refresh.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { auth, type OAuthClientProvider, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../support/platform.js';
import { ADMIN, auditEntries, follow, startIdp } from './helpers.js';

/** The provider an MCP host app would implement: everything in memory; the "browser" is the test. */
class MemoryProvider implements OAuthClientProvider {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  authUrl: URL | undefined;
  constructor(readonly redirectUrl: string) {}
  get clientMetadata(): OAuthClientMetadata {
    return { client_name: 'mcp test client', redirect_uris: [this.redirectUrl], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authUrl = url;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
}

/** A toy MCP server whose one tool says who the token belongs to. */
async function toyMcpServer(idpUrl: string) {
  let base = '';
  const introspections: Array<Record<string, unknown>> = [];
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const resource = `${base}/mcp`;
    if (req.url?.startsWith('/.well-known/oauth-protected-resource')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ resource, authorization_servers: [idpUrl], bearer_methods_supported: ['header'] }));
      return;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const info = token
      ? ((await (await fetch(`${idpUrl}/introspect`, { method: 'POST', body: new URLSearchParams({ token }) })).json()) as Record<string, unknown>)
      : { active: false };
    introspections.push(info);
    if (info.active !== true || !(info.aud as string[] | undefined)?.includes(resource)) {
      res.writeHead(401, { 'WWW-Authenticate': `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"` });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const mcp = new McpServer({ name: 'toy', version: '1.0.0' });
    mcp.registerTool('whoami', { description: 'the signed-in user' }, async () => ({ content: [{ type: 'text', text: String(info.username) }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close());
    await mcp.connect(transport);
    await transport.handleRequest(req, res, chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined);
  };
  const server: Server = createServer((req, res) => {
    handler(req, res).catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url: `${base}/mcp`, introspections, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('MCP TypeScript SDK client auth', () => {
  let t: TestApp;
  let mcp: Awaited<ReturnType<typeof toyMcpServer>>;
  const provider = new MemoryProvider('http://127.0.0.1:33418/oauth/callback');

  beforeAll(async () => {
    t = await startIdp({ caps: ADMIN });
    mcp = await toyMcpServer(t.url);
  });
  afterAll(async () => {
    await mcp?.close();
    await t?.cleanup();
  });

  it('discovers, registers, authorizes with S256 and resource, and calls a tool', async () => {
    const first = new StreamableHTTPClientTransport(new URL(mcp.url), { authProvider: provider });
    await expect(new Client({ name: 'test', version: '1.0.0' }).connect(first)).rejects.toThrow(UnauthorizedError);
    expect(provider.info?.client_id).toMatch(/^[0-9a-f]{32}$/);
    const url = provider.authUrl as URL;
    expect(url.origin + url.pathname).toBe(`${t.url}/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('resource')).toBe(mcp.url);
    const callback = await follow(url);
    await first.finishAuth(callback.searchParams.get('code') ?? '');
    expect(provider.saved?.refresh_token).toBeTruthy();

    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { authProvider: provider }));
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    expect(result.content).toEqual([{ type: 'text', text: 'alice@example.com' }]);
    await client.close();
    expect(mcp.introspections.at(-1)).toMatchObject({ active: true, aud: [provider.info?.client_id, mcp.url] });
  });

  it('refreshes with the resource and keeps calling', async () => {
    const before = provider.saved?.access_token;
    expect(await auth(provider, { serverUrl: mcp.url })).toBe('AUTHORIZED');
    expect(provider.saved?.access_token).not.toBe(before);
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { authProvider: provider }));
    expect((await client.callTool({ name: 'whoami', arguments: {} })).content).toEqual([{ type: 'text', text: 'alice@example.com' }]);
    await client.close();
    const actions = auditEntries(t.dataDir).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['client.register', 'authorize', 'token.issue', 'token.refresh']));
  });
});
