import { describe, expect, it } from 'vitest';
import { GO_MAX_HEAD_BYTES, headEnd, RequestFramer } from './request-framer.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const text = (b: Buffer | undefined) => (b ? b.toString('latin1') : '');

/** Everything the framer passes on when `input` arrives in pieces of `step` bytes. */
function feed(input: string, step: number) {
  const framer = new RequestFramer();
  const all = bytes(input);
  let out = '';
  const targets: { escaped: string; raw: string }[] = [];
  for (let i = 0; i < all.length; i += step) {
    const r = framer.push(all.subarray(i, i + step));
    expect(r.tooLarge).toBe(false);
    out += text(r.data);
    targets.push(...r.targets);
  }
  return { out, targets, framer };
}

describe('RequestFramer', () => {
  it('passes an ordinary request on as the very same buffer', () => {
    const req = bytes('GET /gh?x=1 HTTP/1.1\r\nHost: go\r\n\r\n');
    const r = new RequestFramer().push(req);
    expect(r.data).toBe(req);
    expect(r.targets).toEqual([]);
  });

  it('escapes raw bytes ≥ 0x80 in the request line only, and reports the raw target', () => {
    const { out, targets } = feed('GET /\xc3\xbc?q=\xff HTTP/1.1\r\nHost: go\r\nX-Name: \xc3\xbc\r\n\r\n', 1 << 16);
    expect(out).toBe('GET /%C3%BC?q=%FF HTTP/1.1\r\nHost: go\r\nX-Name: \xc3\xbc\r\n\r\n');
    expect(targets).toEqual([{ escaped: '/%C3%BC?q=%FF', raw: '/\xc3\xbc?q=\xff' }]);
  });

  it('re-frames every request of a keep-alive connection, whatever the read sizes', () => {
    const conn =
      'POST /a HTTP/1.1\r\nContent-Length: 12\r\n\r\nGET /\xe4 HTTP\r\n' +
      'POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n\xe4\xe4GET\r\n0\r\nX-Trailer: \xe4\r\n\r\n' +
      'GET /\xe4 HTTP/1.1\r\n\r\n' +
      '\r\nGET /\xf0 HTTP/1.1\n\n';
    const want =
      'POST /a HTTP/1.1\r\nContent-Length: 12\r\n\r\nGET /\xe4 HTTP\r\n' +
      'POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n\xe4\xe4GET\r\n0\r\nX-Trailer: \xe4\r\n\r\n' +
      'GET /%E4 HTTP/1.1\r\n\r\n' +
      '\r\nGET /%F0 HTTP/1.1\n\n';
    for (const step of [1, 2, 3, 7, 64, 1 << 16]) {
      const { out, targets } = feed(conn, step);
      expect(out, `reads of ${step}`).toBe(want);
      expect(targets.map((t) => t.raw)).toEqual(['/\xe4', '/\xf0']);
    }
  });

  it('passes each head on as soon as its blank line arrives, one byte at a time', () => {
    const framer = new RequestFramer();
    const head = bytes('GET /\xe4 HTTP/1.1\r\nHost: go\r\n\r\n');
    for (let i = 0; i < head.length - 1; i++) expect(framer.push(head.subarray(i, i + 1)).data).toBeUndefined();
    expect(text(framer.push(head.subarray(head.length - 1)).data)).toBe('GET /%E4 HTTP/1.1\r\nHost: go\r\n\r\n');
    expect(framer.heldBytes).toBe(0);
  });

  it('stops touching a connection it cannot follow exactly', () => {
    for (const head of ['Transfer-Encoding: gzip', 'Content-Length: 3\r\nTransfer-Encoding: chunked', 'Content-Length: 3\r\nContent-Length: 4', 'Upgrade: websocket']) {
      const { out, framer } = feed(`POST / HTTP/1.1\r\n${head}\r\n\r\nabcGET /\xe4 HTTP/1.1\r\n\r\n`, 1 << 16);
      expect(framer.opaque, head).toBe(true);
      expect(out).toContain('GET /\xe4');
    }
    expect(feed('CONNECT go:80 HTTP/1.1\r\n\r\nGET /\xe4 HTTP/1.1\r\n\r\n', 5).out).toContain('/\xe4');
  });

  it("holds a head up to Go's limit and refuses one byte more", () => {
    const line = (n: number) => `GET /${'a'.repeat(n)} HTTP/1.1\r\n\r\n`;
    const fits = line(GO_MAX_HEAD_BYTES - 'GET / HTTP/1.1\r\n\r\n'.length);
    expect(bytes(fits).length).toBe(GO_MAX_HEAD_BYTES);
    expect(feed(fits, 1 << 16).out).toBe(fits);
    const framer = new RequestFramer();
    const over = bytes(line(GO_MAX_HEAD_BYTES));
    let tooLarge = false;
    for (let i = 0; i < over.length && !tooLarge; i += 1 << 16) tooLarge = framer.push(over.subarray(i, i + (1 << 16))).tooLarge;
    expect(tooLarge).toBe(true);
  });

  it('finds the end of a head with CRLF or bare LF line ends', () => {
    expect(headEnd(bytes('GET / HTTP/1.1\r\nA: b\r\n\r\nrest'), 0)).toBe(24);
    expect(headEnd(bytes('GET / HTTP/1.1\nA: b\n\nrest'), 0)).toBe(21);
    expect(headEnd(bytes('GET / HTTP/1.1\r\nA: b\r\n'), 0)).toBe(-1);
  });
});
