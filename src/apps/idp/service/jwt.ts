/**
 * Signing JWTs (ID tokens, RFC 9068 access tokens), over a payload serialised here so that
 * integers past 2^53 (`nid`, `uid` on old tailnets) keep every digit: claims hold them as
 * `bigint`, which `JSON.stringify` cannot write, so they pass through a marker and are spliced
 * back as bare JSON numbers.
 *
 * The compact JWS (RFC 7515 §7.1: three base64url parts) is assembled here and signed with
 * node's asynchronous `crypto.sign`, which runs in the thread pool: measured on this project's
 * machines it costs half of `jose`'s WebCrypto `CompactSign` per token, and signing is most of
 * the token endpoint's work (`npm run bench -- idp`). `jose` still verifies tokens (tests, logout
 * hints) and computes key thumbprints; the tests check every token it signs here verifies there.
 *
 * @example
 *   const jws = await signJwt({ sub: 'userid:1', nid: 9210502070016329719n }, { kid, key }, 'JWT');
 *   // payload: {"sub":"userid:1","nid":9210502070016329719}
 */
import { type KeyObject, randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';

const signAsync = promisify(sign);

/** A per-process marker no claim value can contain by accident. */
const NONCE = randomBytes(6).toString('hex');
const MARK = `\u0000int:${NONCE}:`;
const MARKED = new RegExp(`"\\\\u0000int:${NONCE}:(-?\\d+)"`, 'g');

/**
 * JSON of `claims`, writing `bigint` values as exact JSON numbers.
 *
 * @example serializeClaims({ a: 1n, b: 'x' }) // '{"a":1,"b":"x"}'
 */
export function serializeClaims(claims: Record<string, unknown>): string {
  const json = JSON.stringify(claims, (_k, v: unknown) => (typeof v === 'bigint' ? `${MARK}${v.toString()}` : v));
  return json.replace(MARKED, '$1');
}

/** The key a token is signed with. */
export interface SigningKey {
  kid: string;
  alg: 'RS256';
  key: KeyObject;
}

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** A compact JWS of `claims` with header `{alg, kid, typ}` (RS256: RSASSA-PKCS1-v1_5 with SHA-256). */
export async function signJwt(claims: Record<string, unknown>, key: SigningKey, typ: 'JWT' | 'at+jwt'): Promise<string> {
  const input = `${b64url(JSON.stringify({ alg: key.alg, kid: key.kid, typ }))}.${b64url(serializeClaims(claims))}`;
  const signature = await signAsync('sha256', Buffer.from(input, 'ascii'), key.key);
  return `${input}.${signature.toString('base64url')}`;
}
