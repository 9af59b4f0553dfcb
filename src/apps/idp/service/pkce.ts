/**
 * PKCE (RFC 7636): the checks at `/authorize` (method, challenge syntax) and at `/token`
 * (verifier syntax, then the comparison in constant time).
 *
 * tsidp's rules are kept: `plain` is the default method and PKCE is optional for confidential
 * clients. Public clients (`token_endpoint_auth_method: none`) must use S256; that rule lives with
 * the client checks in `authorize.ts`.
 *
 * @example
 *   checkChallenge('S256', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM') // ok
 *   verifyPkce({ method: 'S256', challenge }, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk') // true
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { OAuthError } from '../errors.js';

export type PkceMethod = 'plain' | 'S256';

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const S256_CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

/**
 * The method to store for an `/authorize` request, or throws `invalid_request`. Returns undefined
 * when no challenge was sent.
 */
export function checkChallenge(method: string | undefined, challenge: string | undefined): PkceMethod | undefined {
  if (challenge === undefined || challenge === '') {
    if (method) throw new OAuthError('invalid_request', 'code_challenge_method given without code_challenge');
    return undefined;
  }
  const m = method || 'plain';
  if (m !== 'plain' && m !== 'S256') throw new OAuthError('invalid_request', `unsupported code_challenge_method "${m}" (use S256 or plain)`);
  const ok = m === 'S256' ? S256_CHALLENGE.test(challenge) : VERIFIER.test(challenge);
  if (!ok) throw new OAuthError('invalid_request', `code_challenge is not a valid ${m} challenge`);
  return m;
}

/** base64url(SHA-256(verifier)) without padding. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * Checks the verifier against the stored challenge: `invalid_request` for a missing or malformed
 * verifier, `invalid_grant` for a mismatch (tsidp's codes). Without a stored challenge a verifier
 * is refused too (RFC 9700 §2.1.1: a downgrade).
 */
export function verifyPkce(stored: { method: PkceMethod; challenge: string } | undefined, verifier: string | undefined): void {
  if (!stored) {
    if (verifier) throw new OAuthError('invalid_grant', 'code_verifier sent, but the authorization request had no code_challenge');
    return;
  }
  if (!verifier) throw new OAuthError('invalid_request', 'code_verifier is required');
  if (!VERIFIER.test(verifier)) throw new OAuthError('invalid_request', 'code_verifier must be 43-128 characters of [A-Za-z0-9-._~]');
  const computed = stored.method === 'S256' ? s256(verifier) : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(stored.challenge);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
}
