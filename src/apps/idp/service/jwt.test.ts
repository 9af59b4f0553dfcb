import { generateKeyPairSync } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { serializeClaims, signJwt } from './jwt.js';

describe('JWT serialisation and signing', () => {
  it('writes bigints as exact JSON numbers and leaves look-alike strings alone', () => {
    const json = serializeClaims({ nid: 9210502070016329719n, s: 'int:1', n: 5, neg: -3n });
    expect(json).toBe('{"nid":9210502070016329719,"s":"int:1","n":5,"neg":-3}');
  });

  it('signs with RS256, the kid as given and the typ', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jws = await signJwt({ sub: 'userid:1', uid: 18446744073709551615n }, { kid: '9210502070016329719', alg: 'RS256', key: privateKey }, 'JWT');
    expect(decodeProtectedHeader(jws)).toEqual({ alg: 'RS256', kid: '9210502070016329719', typ: 'JWT' });
    const { payload } = await compactVerify(jws, publicKey);
    expect(new TextDecoder().decode(payload)).toBe('{"sub":"userid:1","uid":18446744073709551615}');
  });
});
