import { createServer as createHttpServer } from 'node:http';
import { createConnection } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKEND_HOST, ProxiedBackend, proxiedPeer } from './backend.js';
import { V2_SIGNATURE } from './proxy-protocol.js';

const log = pino({ level: 'silent' });

function v2Header(ip: [number, number, number, number], port: number): Buffer {
  const b = Buffer.alloc(28);
  V2_SIGNATURE.copy(b, 0);
  b[12] = 0x21;
  b[13] = 0x11;
  b.writeUInt16BE(12, 14);
  Buffer.from(ip).copy(b, 16);
  Buffer.from([100, 64, 0, 1]).copy(b, 20);
  b.writeUInt16BE(port, 24);
  b.writeUInt16BE(80, 26);
  return b;
}

/** Sends raw bytes to the backend and collects everything it answers until it closes. */
function exchange(port: number, data: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = createConnection({ host: BACKEND_HOST, port });
    let out = '';
    c.on('data', (d) => {
      out += d.toString();
    });
    c.on('close', () => resolve(out));
    c.on('error', reject);
    c.write(data);
  });
}

describe('ProxiedBackend', () => {
  let backend: ProxiedBackend | undefined;
  afterEach(async () => backend?.close(0));

  async function start(headerTimeoutMs = 500) {
    backend = await ProxiedBackend.listen({ port: 0, log, headerTimeoutMs });
    const http = createHttpServer((req, res) => {
      res.setHeader('Connection', 'close');
      res.end(`peer=${proxiedPeer(req.socket) ?? 'none'} path=${req.url}`);
    });
    backend.attach(http);
    return backend;
  }

  it('binds 127.0.0.2, not 127.0.0.1', async () => {
    const b = await start();
    await expect(
      new Promise((resolve, reject) => createConnection({ host: '127.0.0.1', port: b.port }).on('connect', resolve).on('error', reject)),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('serves a request sent in the same packet as the PROXY header, with the header source as peer', async () => {
    const b = await start();
    const req = Buffer.concat([v2Header([100, 64, 0, 7], 51234), Buffer.from('GET /x?y=1 HTTP/1.1\r\nHost: go\r\n\r\n')]);
    const out = await exchange(b.port, req);
    expect(out).toMatch(/^HTTP\/1\.1 200/);
    expect(out).toContain('peer=100.64.0.7:51234 path=/x?y=1');
  });

  it('also accepts PROXY v1', async () => {
    const b = await start();
    const out = await exchange(b.port, 'PROXY TCP4 100.64.0.9 127.0.0.2 4000 80\r\nGET / HTTP/1.1\r\nHost: go\r\n\r\n');
    expect(out).toContain('peer=100.64.0.9:4000');
  });

  it('drops a connection without a PROXY header, without answering', async () => {
    const b = await start();
    const out = await exchange(b.port, 'GET / HTTP/1.1\r\nHost: go\r\n\r\n');
    expect(out).toBe('');
    expect(b.rejected).toBe(1);
  });

  it('drops a connection that sends nothing within the header timeout', async () => {
    const b = await start(200);
    const t0 = Date.now();
    const out = await exchange(b.port, Buffer.alloc(0));
    expect(out).toBe('');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    expect(b.rejected).toBe(1);
  });
});
