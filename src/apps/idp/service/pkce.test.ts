import { describe, expect, it } from 'vitest';
import { checkChallenge, s256, verifyPkce } from './pkce.js';

// RFC 7636 appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
  it('computes the RFC 7636 S256 example', () => {
    expect(s256(VERIFIER)).toBe(CHALLENGE);
  });

  it('defaults the method to plain and validates the challenge syntax', () => {
    expect(checkChallenge(undefined, VERIFIER)).toBe('plain');
    expect(checkChallenge('S256', CHALLENGE)).toBe('S256');
    expect(checkChallenge(undefined, undefined)).toBeUndefined();
    expect(() => checkChallenge('S512', CHALLENGE)).toThrow(/unsupported code_challenge_method "S512"/);
    expect(() => checkChallenge('S256', 'short')).toThrow(/not a valid S256 challenge/);
    expect(() => checkChallenge('S256', undefined)).toThrow(/without code_challenge/);
  });

  it('accepts the matching verifier and refuses others with tsidp\'s codes', () => {
    expect(() => verifyPkce({ method: 'S256', challenge: CHALLENGE }, VERIFIER)).not.toThrow();
    expect(() => verifyPkce({ method: 'plain', challenge: VERIFIER }, VERIFIER)).not.toThrow();
    expect(() => verifyPkce({ method: 'S256', challenge: CHALLENGE }, undefined)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => verifyPkce({ method: 'S256', challenge: CHALLENGE }, 'a'.repeat(42))).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    expect(() => verifyPkce({ method: 'S256', challenge: CHALLENGE }, 'a'.repeat(43))).toThrow(expect.objectContaining({ code: 'invalid_grant' }));
    expect(() => verifyPkce({ method: 'S256', challenge: CHALLENGE }, `${VERIFIER}!`)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
  });

  it('refuses a verifier when the request had no challenge (downgrade)', () => {
    expect(() => verifyPkce(undefined, VERIFIER)).toThrow(expect.objectContaining({ code: 'invalid_grant' }));
    expect(() => verifyPkce(undefined, undefined)).not.toThrow();
  });
});
