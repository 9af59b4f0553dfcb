/**
 * Signing JWTs (ID tokens, RFC 9068 access tokens) with `jose`, over a payload serialised here so
 * that integers past 2^53 (`nid`, `uid` on old tailnets) keep every digit: claims hold them as
 * `bigint`, which `JSON.stringify` cannot write, so they pass through a marker and are spliced
 * back as bare JSON numbers. `jose`'s `CompactSign` then signs the bytes as they are.
 *
 * @example
 *   const jws = await signJwt({ sub: 'userid:1', nid: 9210502070016329719n }, { kid, key }, 'JWT');
 *   // payload: {"sub":"userid:1","nid":9210502070016329719}
 */
import { randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';

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

const encoder = new TextEncoder();

/** A compact JWS of `claims` with header `{alg, kid, typ}`. */
export async function signJwt(claims: Record<string, unknown>, key: SigningKey, typ: 'JWT' | 'at+jwt'): Promise<string> {
  return new CompactSign(encoder.encode(serializeClaims(claims))).setProtectedHeader({ alg: key.alg, kid: key.kid, typ }).sign(key.key);
}
