/**
 * PROXY protocol (v1 text and v2 binary) header parsing for the managed-mode backend listener.
 *
 * tailscaled's serve `TCPForward` with `ProxyProtocol: 2` writes a header naming the real tailnet
 * caller (`ip:port`) before the forwarded bytes; that source address is what WhoIs is asked about,
 * so this parser is the trust boundary between the tailnet and the apps. It is written in-house
 * (about 150 lines, no dependency) so that every rule is visible and tested here:
 *   - only `PROXY` commands over TCP4/TCP6 are accepted (v2 `LOCAL`, v1 `UNKNOWN`, UDP and unix
 *     families are rejected: none of them names a caller);
 *   - malformed or oversized headers are rejected, and a header must arrive within a short timeout;
 *   - bytes after the header are handed back untouched.
 * Spec: https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt
 *
 * @example
 *   const { header, rest } = await readProxyHeader(socket);   // throws ProxyProtocolError
 *   socket.unshift(rest); // then hand the socket to the HTTP server
 */
import { isIPv4, isIPv6, type Socket } from 'node:net';

export class ProxyProtocolError extends Error {
  override name = 'ProxyProtocolError';
}

export interface ProxyHeader {
  version: 1 | 2;
  sourceAddress: string;
  sourcePort: number;
  destinationAddress: string;
  destinationPort: number;
}

/** A parsed header and how many bytes of the input it used. */
export type ParseResult = { complete: false } | { complete: true; header: ProxyHeader; length: number };

/** The 12-byte v2 signature. */
export const V2_SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);
const V1_PREFIX = Buffer.from('PROXY ', 'latin1');
/** v1 headers are at most 107 bytes including CRLF (spec §2.1). */
const V1_MAX = 107;
/** We accept at most this much v2 address+TLV data (tailscaled sends 12 or 36 bytes, no TLVs). */
const V2_MAX_PAYLOAD = 512;

/**
 * Parses a PROXY header at the start of `buf`. Returns `{complete: false}` while more bytes are
 * needed, and throws ProxyProtocolError as soon as the bytes cannot be a valid header.
 *
 * @example parseProxyHeader(Buffer.from('PROXY TCP4 100.64.0.3 127.0.0.2 41234 18080\r\nGET /'))
 *          // → { complete: true, length: 45, header: { version: 1, sourceAddress: '100.64.0.3', ... } }
 */
export function parseProxyHeader(buf: Buffer): ParseResult {
  if (buf.length === 0) return { complete: false };
  if (buf[0] === 0x0d) return parseV2(buf);
  if (buf[0] === 0x50) return parseV1(buf);
  throw new ProxyProtocolError('connection does not start with a PROXY protocol header');
}

function parseV1(buf: Buffer): ParseResult {
  const n = Math.min(buf.length, V1_PREFIX.length);
  if (!buf.subarray(0, n).equals(V1_PREFIX.subarray(0, n))) throw new ProxyProtocolError('not a PROXY protocol header');
  const end = buf.indexOf('\r\n', 0, 'latin1');
  if (end < 0) {
    if (buf.length >= V1_MAX) throw new ProxyProtocolError('PROXY v1 header too long');
    return { complete: false };
  }
  if (end + 2 > V1_MAX) throw new ProxyProtocolError('PROXY v1 header too long');
  const line = buf.toString('latin1', 0, end);
  const parts = line.split(' ');
  const proto = parts[1];
  if (proto === 'UNKNOWN') throw new ProxyProtocolError('PROXY v1 UNKNOWN header names no caller');
  if (parts.length !== 6 || (proto !== 'TCP4' && proto !== 'TCP6')) throw new ProxyProtocolError(`malformed PROXY v1 header`);
  const [, , src, dst, sport, dport] = parts as [string, string, string, string, string, string];
  const isFamily = proto === 'TCP4' ? isIPv4 : isIPv6;
  if (!isFamily(src) || !isFamily(dst)) throw new ProxyProtocolError(`PROXY v1 header has addresses that are not ${proto}`);
  return {
    complete: true,
    length: end + 2,
    header: { version: 1, sourceAddress: src, sourcePort: v1Port(sport), destinationAddress: dst, destinationPort: v1Port(dport) },
  };
}

function v1Port(s: string): number {
  if (!/^(0|[1-9][0-9]{0,4})$/.test(s) || Number(s) > 65535) throw new ProxyProtocolError(`PROXY v1 header has a bad port "${s}"`);
  return Number(s);
}

function parseV2(buf: Buffer): ParseResult {
  const n = Math.min(buf.length, V2_SIGNATURE.length);
  if (!buf.subarray(0, n).equals(V2_SIGNATURE.subarray(0, n))) throw new ProxyProtocolError('not a PROXY protocol header');
  if (buf.length < 16) return { complete: false };
  const verCmd = buf[12] as number;
  const fam = buf[13] as number;
  const len = buf.readUInt16BE(14);
  if (verCmd >> 4 !== 2) throw new ProxyProtocolError(`PROXY v2 header has version ${verCmd >> 4}`);
  const cmd = verCmd & 0x0f;
  if (cmd === 0) throw new ProxyProtocolError('PROXY v2 LOCAL command names no caller');
  if (cmd !== 1) throw new ProxyProtocolError(`PROXY v2 header has unknown command ${cmd}`);
  if (len > V2_MAX_PAYLOAD) throw new ProxyProtocolError(`PROXY v2 header too long (${len} bytes)`);
  const need = fam === 0x11 ? 12 : fam === 0x21 ? 36 : -1;
  if (need < 0) throw new ProxyProtocolError(`PROXY v2 header has unsupported family/transport 0x${fam.toString(16).padStart(2, '0')} (want TCP over IPv4 or IPv6)`);
  if (len < need) throw new ProxyProtocolError(`PROXY v2 address block too short (${len} < ${need})`);
  if (buf.length < 16 + len) return { complete: false };
  const a = buf.subarray(16, 16 + need);
  const alen = need === 12 ? 4 : 16;
  const fmt = alen === 4 ? formatV4 : formatV6;
  return {
    complete: true,
    length: 16 + len,
    header: {
      version: 2,
      sourceAddress: fmt(a.subarray(0, alen)),
      destinationAddress: fmt(a.subarray(alen, 2 * alen)),
      sourcePort: a.readUInt16BE(2 * alen),
      destinationPort: a.readUInt16BE(2 * alen + 2),
    },
  };
}

function formatV4(b: Buffer): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** RFC 5952 text form: lower-case hex, longest run (>= 2) of zero groups compressed to `::`. */
export function formatV6(b: Buffer): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** `ip:port`, with brackets for IPv6 (the form WhoIs accepts). */
export function sourceOf(h: ProxyHeader): string {
  return h.sourceAddress.includes(':') ? `[${h.sourceAddress}]:${h.sourcePort}` : `${h.sourceAddress}:${h.sourcePort}`;
}

/**
 * Reads a PROXY header from the first bytes of `socket`. Resolves with the header and any bytes
 * that followed it (unshift them back before handing the socket on); rejects with
 * ProxyProtocolError when the header is missing, invalid, or not complete within `timeoutMs`.
 * The socket is left paused; the caller destroys it on rejection.
 */
export function readProxyHeader(socket: Socket, opts: { timeoutMs?: number } = {}): Promise<{ header: ProxyHeader; rest: Buffer }> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    let buf: Buffer = Buffer.alloc(0);
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onError);
      socket.off('close', onEnd);
      socket.pause();
    };
    const fail = (err: Error) => {
      cleanup();
      reject(err instanceof ProxyProtocolError ? err : new ProxyProtocolError(err.message));
    };
    const onData = (chunk: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      let result: ParseResult;
      try {
        result = parseProxyHeader(buf);
      } catch (err) {
        fail(err as Error);
        return;
      }
      if (!result.complete) return;
      cleanup();
      resolve({ header: result.header, rest: buf.subarray(result.length) });
    };
    const onEnd = () => fail(new ProxyProtocolError('connection closed before a complete PROXY header'));
    const onError = (err: Error) => fail(err);
    const timer = setTimeout(() => fail(new ProxyProtocolError(`no complete PROXY header within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', onError);
    socket.resume();
  });
}
