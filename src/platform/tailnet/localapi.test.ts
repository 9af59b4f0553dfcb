/**
 * The LocalAPI client's transport against a stand-in for tailscaled's LocalAPI: a real node HTTP
 * server on a real unix socket, answering the way tailscaled does (403 for a wrong Host, JSON
 * WhoIs answers, 404 "no match"). The tailnet suite runs the same client against real tailscaleds;
 * this file covers what a real daemon will not do on demand (stalling, dropping a kept-alive
 * connection, malformed answers).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DaemonNotRunningError, LOCALAPI_HOST, LocalApiClient, LocalApiError, PeerNotFoundError } from './localapi.js';

const whoisAnswer = {
  Node: { ID: 3, StableID: 'n3', Name: 'alice-laptop.tailnet.test.', Key: 'nodekey:00', Addresses: ['100.64.0.3/32'], ComputedName: 'alice-laptop' },
  UserProfile: { ID: 1, LoginName: 'alice@example.com', DisplayName: 'Alice' },
  CapMap: { 'example.com/cap/whoami': [{ allow: true }] },
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('LocalApiClient over a unix socket', () => {
  let dir: string;
  let socketPath: string;
  let server: Server;
  let handler: Handler;
  const connections = new Set<Socket>();
  let accepted = 0;
  let client: LocalApiClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tailyard-localapi-'));
    socketPath = join(dir, 'tailscaled.sock');
    server = createServer((req, res) => {
      if (req.headers.host !== LOCALAPI_HOST) {
        res.writeHead(403).end('invalid localapi request\n');
        return;
      }
      handler(req, res);
    });
    server.on('connection', (s) => {
      accepted++;
      connections.add(s);
      s.on('close', () => connections.delete(s));
    });
    await new Promise<void>((r) => server.listen(socketPath, r));
  });

  afterEach(async () => {
    await client?.close();
  });

  afterAll(async () => {
    for (const s of connections) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  function answerWhois(): void {
    handler = (req, res) => {
      if (!req.url?.startsWith('/localapi/v0/whois?addr=')) return void res.writeHead(404).end('not found\n');
      const addr = new URL(req.url, 'http://x').searchParams.get('addr');
      if (addr?.startsWith('100.64.0.3')) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(whoisAnswer));
      res.writeHead(404).end('no match for IP:port\n');
    };
  }

  it('sends the Host tailscaled insists on, decodes WhoIs, and reuses a bounded set of connections', async () => {
    answerWhois();
    client = new LocalApiClient({ socketPath, maxSockets: 4 });
    const before = accepted;
    const answers = await Promise.all(Array.from({ length: 40 }, () => client.whois('100.64.0.3:41234')));
    expect(answers[0]).toMatchObject({ Node: { Name: 'alice-laptop.tailnet.test.', Tags: [] }, UserProfile: { LoginName: 'alice@example.com' } });
    expect(accepted - before).toBeLessThanOrEqual(4);
    for (let i = 0; i < 10; i++) await client.whois('100.64.0.3:41234');
    expect(accepted - before).toBeLessThanOrEqual(4);
  });

  it('asks for the grants towards a Tailscale Service with svc_name', async () => {
    const asked: string[] = [];
    handler = (req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(200).end(JSON.stringify(whoisAnswer));
    };
    client = new LocalApiClient({ socketPath });
    await client.whois('100.64.0.3:41234', { service: 'svc:go' });
    await client.whois('[fd7a::3]:41234');
    expect(asked).toEqual(['/localapi/v0/whois?addr=100.64.0.3%3A41234&svc_name=svc%3Ago', '/localapi/v0/whois?addr=%5Bfd7a%3A%3A3%5D%3A41234']);
  });

  it('turns a 404 into PeerNotFoundError and other statuses into LocalApiError with the message', async () => {
    answerWhois();
    client = new LocalApiClient({ socketPath });
    await expect(client.whois('100.100.100.100:1')).rejects.toBeInstanceOf(PeerNotFoundError);
    handler = (_req, res) => void res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"backend went away"}');
    await expect(client.whois('100.64.0.3:1')).rejects.toThrow('whois: HTTP 500: backend went away');
  });

  it('fails closed on a malformed WhoIs answer, naming the field', async () => {
    handler = (_req, res) => void res.writeHead(200).end(JSON.stringify({ ...whoisAnswer, UserProfile: { ID: 1 } }));
    client = new LocalApiClient({ socketPath });
    const err = await client.whois('100.64.0.3:1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LocalApiError);
    expect((err as Error).message).toBe('whois: unexpected response shape at UserProfile.LoginName: expected a string');
  });

  it('bounds a call that gets no answer with its timeout', async () => {
    handler = () => {}; // never answers
    client = new LocalApiClient({ socketPath });
    const err = await client.whois('100.64.0.3:1', { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'LocalApiError', code: 'ETIMEDOUT', message: 'whois: timed out after 200 ms' });
  });

  it('stops a call when its signal aborts', async () => {
    handler = () => {};
    client = new LocalApiClient({ socketPath });
    const ac = new AbortController();
    const call = client.status({ signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(call).rejects.toMatchObject({ message: 'status: aborted' });
  });

  it('retries a GET once when tailscaled closed the kept-alive connection it went out on', async () => {
    answerWhois();
    client = new LocalApiClient({ socketPath, maxSockets: 1 });
    await client.whois('100.64.0.3:1');
    // The next request on the kept-alive connection is answered by closing it, as a server whose
    // idle timeout fired just then would.
    let dropped = 0;
    handler = (req, res) => {
      if (dropped++ === 0) return void req.socket.destroy();
      res.writeHead(200).end(JSON.stringify(whoisAnswer));
    };
    await expect(client.whois('100.64.0.3:1')).resolves.toMatchObject({ UserProfile: { LoginName: 'alice@example.com' } });
    expect(dropped).toBe(2);
  });

  it('says tailscaled is not running when nothing listens on the socket', async () => {
    client = new LocalApiClient({ socketPath: join(dir, 'absent.sock') });
    const err = await client.status().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DaemonNotRunningError);
    expect((err as Error).message).toContain(`no LocalAPI at ${join(dir, 'absent.sock')}`);
  });
});
