import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProxyProtocolError, V2_SIGNATURE, formatV6, parseProxyHeader, readProxyHeader, sourceOf } from './proxy-protocol.js';

/** A v2 header as tailscaled (go-proxyproto) writes it. */
function v2(opts: { cmd?: number; fam?: number; src?: number[]; dst?: number[]; sport?: number; dport?: number; extra?: Buffer; len?: number } = {}): Buffer {
  const fam = opts.fam ?? 0x11;
  const src = opts.src ?? [100, 64, 0, 3];
  const dst = opts.dst ?? [100, 64, 0, 1];
  const ports = Buffer.alloc(4);
  ports.writeUInt16BE(opts.sport ?? 41234, 0);
  ports.writeUInt16BE(opts.dport ?? 18080, 2);
  const body = Buffer.concat([Buffer.from(src), Buffer.from(dst), ports, opts.extra ?? Buffer.alloc(0)]);
  const head = Buffer.alloc(4);
  head[0] = 0x20 | (opts.cmd ?? 1);
  head[1] = fam;
  head.writeUInt16BE(opts.len ?? body.length, 2);
  return Buffer.concat([V2_SIGNATURE, head, body]);
}

const v6src = [0xfd, 0x7a, 0x11, 0x5c, 0xa1, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3];
const v6dst = [0xfd, 0x7a, 0x11, 0x5c, 0xa1, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

describe('parseProxyHeader', () => {
  it('parses a v2 TCP4 header and reports its length', () => {
    const buf = Buffer.concat([v2(), Buffer.from('GET / HTTP/1.1\r\n')]);
    const r = parseProxyHeader(buf);
    expect(r).toEqual({
      complete: true,
      length: 28,
      header: { version: 2, sourceAddress: '100.64.0.3', sourcePort: 41234, destinationAddress: '100.64.0.1', destinationPort: 18080 },
    });
  });

  it('parses a v2 TCP6 header', () => {
    const r = parseProxyHeader(v2({ fam: 0x21, src: v6src, dst: v6dst }));
    expect(r.complete && r.header.sourceAddress).toBe('fd7a:115c:a1e0::3');
    expect(r.complete && sourceOf(r.header)).toBe('[fd7a:115c:a1e0::3]:41234');
    expect(r.complete && r.length).toBe(16 + 36);
  });

  it('skips TLVs after the addresses', () => {
    const tlv = Buffer.from([0x04, 0x00, 0x02, 0xaa, 0xbb]);
    const r = parseProxyHeader(Buffer.concat([v2({ extra: tlv }), Buffer.from('x')]));
    expect(r.complete && r.length).toBe(28 + 5);
  });

  it('asks for more bytes while a header is incomplete, byte by byte', () => {
    const full = v2();
    for (let i = 0; i < full.length; i++) expect(parseProxyHeader(full.subarray(0, i)).complete).toBe(false);
    expect(parseProxyHeader(full).complete).toBe(true);
    const line = Buffer.from('PROXY TCP4 100.64.0.3 100.64.0.1 41234 18080\r\n');
    for (let i = 0; i < line.length; i++) expect(parseProxyHeader(line.subarray(0, i)).complete).toBe(false);
    expect(parseProxyHeader(line).complete).toBe(true);
  });

  it('rejects the v2 LOCAL command, which names no caller', () => {
    expect(() => parseProxyHeader(v2({ cmd: 0 }))).toThrow(/LOCAL/);
  });

  it('rejects v2 UDP, unix and unspecified families', () => {
    for (const fam of [0x12, 0x22, 0x31, 0x00]) expect(() => parseProxyHeader(v2({ fam }))).toThrow(ProxyProtocolError);
  });

  it('rejects a wrong v2 version, a bad command, an oversized or short address block', () => {
    const badVer = v2();
    badVer[12] = 0x11;
    expect(() => parseProxyHeader(badVer)).toThrow(/version/);
    expect(() => parseProxyHeader(v2({ cmd: 2 }))).toThrow(/command/);
    expect(() => parseProxyHeader(v2({ len: 60000 }))).toThrow(/too long/);
    expect(() => parseProxyHeader(v2({ len: 8 }))).toThrow(/too short/);
  });

  it('parses v1 TCP4 and TCP6 lines', () => {
    const r4 = parseProxyHeader(Buffer.from('PROXY TCP4 100.64.0.3 100.64.0.1 41234 18080\r\nGET /'));
    expect(r4).toMatchObject({ complete: true, length: 46, header: { version: 1, sourceAddress: '100.64.0.3', sourcePort: 41234 } });
    const r6 = parseProxyHeader(Buffer.from('PROXY TCP6 fd7a:115c:a1e0::3 fd7a:115c:a1e0::1 41234 18080\r\n'));
    expect(r6).toMatchObject({ complete: true, header: { sourceAddress: 'fd7a:115c:a1e0::3' } });
  });

  it('rejects v1 UNKNOWN, malformed lines, wrong families, bad ports and oversized lines', () => {
    const bad = [
      'PROXY UNKNOWN\r\n',
      'PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n',
      'PROXY TCP4 100.64.0.3 100.64.0.1 41234\r\n',
      'PROXY TCP4 fd7a::3 100.64.0.1 41234 18080\r\n',
      'PROXY TCP6 100.64.0.3 100.64.0.1 41234 18080\r\n',
      'PROXY TCP4 100.64.0.3 100.64.0.1 65536 18080\r\n',
      'PROXY TCP4 100.64.0.3 100.64.0.1 0123 18080\r\n',
      'PROXY UDP4 100.64.0.3 100.64.0.1 1 2\r\n',
      'PROXY  TCP4 100.64.0.3 100.64.0.1 1 2\r\n',
      `PROXY TCP4 ${'1'.repeat(120)}`,
    ];
    for (const b of bad) expect(() => parseProxyHeader(Buffer.from(b)), b).toThrow(ProxyProtocolError);
  });

  it('rejects anything that is not a PROXY header at the first byte that differs', () => {
    expect(() => parseProxyHeader(Buffer.from('GET / HTTP/1.1\r\n'))).toThrow(/does not start/);
    expect(() => parseProxyHeader(Buffer.from('POST / HTTP/1.1\r\n'))).toThrow(ProxyProtocolError);
    expect(() => parseProxyHeader(Buffer.from('\r\n\r\nX'))).toThrow(ProxyProtocolError);
  });
});

describe('formatV6', () => {
  it('compresses the longest zero run and keeps lone zeros', () => {
    expect(formatV6(Buffer.from(v6src))).toBe('fd7a:115c:a1e0::3');
    expect(formatV6(Buffer.alloc(16))).toBe('::');
    const b = Buffer.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(formatV6(b)).toBe('2001:db8:0:1::1');
  });
});

describe('readProxyHeader on a socket', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function serverSide(send: (c: Socket) => void, timeoutMs = 300) {
    const accepted = new Promise<Socket>((resolve) => {
      server = createServer({ pauseOnConnect: true }, resolve);
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const addr = server?.address();
    const client = createConnection({ host: '127.0.0.1', port: typeof addr === 'object' && addr ? addr.port : 0 });
    client.on('error', () => {});
    send(client);
    const sock = await accepted;
    try {
      return await readProxyHeader(sock, { timeoutMs });
    } finally {
      sock.destroy();
      client.destroy();
    }
  }

  it('returns the header and the bytes after it when they arrive in pieces', async () => {
    const h = v2();
    const { header, rest } = await serverSide((c) => {
      c.write(h.subarray(0, 5));
      setTimeout(() => c.write(Buffer.concat([h.subarray(5), Buffer.from('GET /')])), 20);
    });
    expect(sourceOf(header)).toBe('100.64.0.3:41234');
    expect(rest.toString()).toBe('GET /');
  });

  it('times out when the header never completes', async () => {
    await expect(serverSide((c) => c.write(V2_SIGNATURE.subarray(0, 4)))).rejects.toThrow(/within 300 ms/);
  });

  it('fails when the peer closes early', async () => {
    await expect(serverSide((c) => c.end('PROXY TCP4'))).rejects.toThrow(/closed before/);
  });
});
