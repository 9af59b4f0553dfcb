import { describe, expect, it } from 'vitest';
import { atHash, idTokenClaims, introspectionClaims, realishEmail, userinfoClaims } from './claims.js';
import type { Subject } from './subject.js';

const alice: Subject = {
  userId: '6789',
  login: 'alice@example.com',
  displayName: 'Alice',
  picture: 'https://pics.example/a.png',
  nodeId: '9210502070016329719',
  nodeKey: 'nodekey:abcd',
  nodeFQDN: 'laptop.tail1234.ts.net',
  addresses: ['100.64.0.3', 'fd7a:115c:a1e0::3'],
  tags: [],
  groups: [],
  caps: [],
};

const base = {
  issuer: 'https://idp.tail1234.ts.net',
  issuerHost: 'idp.tail1234.ts.net',
  clientId: 'c1',
  subject: alice,
  scopes: ['openid'],
  resources: [],
  now: 1000,
  ttl: 300,
  jti: 'j1',
  authTime: 990,
  options: { emailVerified: false },
};

describe('ID token claims', () => {
  it('has tsidp\'s claims, types and formats', () => {
    const { claims } = idTokenClaims({ ...base, nonce: 'n1' });
    expect(claims).toEqual({
      iss: 'https://idp.tail1234.ts.net',
      sub: 'userid:6789',
      aud: ['c1'],
      exp: 1300,
      iat: 1000,
      nbf: 700,
      jti: 'j1',
      auth_time: 990,
      nonce: 'n1',
      key: 'nodekey:abcd',
      addresses: ['100.64.0.3/32', 'fd7a:115c:a1e0::3/128'],
      nid: 9210502070016329719n,
      node: 'laptop.tail1234.ts.net.',
      tailnet: 'tail1234.ts.net.',
      uid: 6789n,
    });
  });

  it('adds azp with resources, email with the email scope, profile claims with profile', () => {
    const { claims } = idTokenClaims({ ...base, resources: ['https://mcp.example'], scopes: ['openid', 'email', 'profile'], options: { emailVerified: true } });
    expect(claims).toMatchObject({
      aud: ['c1', 'https://mcp.example'],
      azp: 'c1',
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice',
      preferred_username: 'alice',
      picture: 'https://pics.example/a.png',
    });
  });

  it('merges extra claims but never lets them replace protocol claims', () => {
    const subject = { ...alice, caps: [{ extraClaims: { nonce: 'evil', sub: 'x', email_verified: true, roles: [1, 2] } }, { extraClaims: { roles: [2, 3] } }] };
    const { claims, dropped } = idTokenClaims({ ...base, subject, nonce: 'n1' });
    expect(claims).toMatchObject({ nonce: 'n1', sub: 'userid:6789', email_verified: true, roles: [1, 2, 3] });
    expect(dropped).toEqual(['nonce', 'sub']);
  });

  it('protects email_verified and groups once the provider sets them', () => {
    const subject = { ...alice, groups: ['eng'], caps: [{ extraClaims: { email_verified: false, groups: ['x'] } }] };
    const { claims, dropped } = idTokenClaims({ ...base, subject, scopes: ['openid', 'email'], options: { emailVerified: true } });
    expect(claims).toMatchObject({ email_verified: true, groups: ['eng'] });
    expect(dropped).toEqual(['email_verified', 'groups']);
  });

  it('includes at_hash for the access token', () => {
    expect(idTokenClaims({ ...base, accessToken: 'abc' }).claims.at_hash).toBe(atHash('abc'));
    expect(atHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y')).toBe('77QmUPtjPfzWtF2AnpK9RQ');
  });
});

describe('userinfo and introspection', () => {
  it('userinfo has tsidp\'s fields and only includeInUserInfo extra claims', () => {
    const subject = { ...alice, caps: [{ extraClaims: { a: 1 } }, { extraClaims: { b: 2, name: 'evil' }, includeInUserInfo: true }] };
    const { claims, dropped } = userinfoClaims(subject, ['openid'], 'idp.ts.net', { emailVerified: false });
    expect(claims).toEqual({ sub: 'userid:6789', name: 'Alice', email: 'alice@example.com', picture: 'https://pics.example/a.png', username: 'alice', b: 2 });
    expect(dropped).toEqual(['name']);
  });

  it('introspection keeps the bare-decimal sub and the raw login', () => {
    const out = introspectionClaims({
      issuer: 'https://idp',
      clientId: 'c1',
      subject: { ...alice, login: 'bob@github' },
      scopes: ['openid', 'email'],
      audience: ['c1'],
      iat: 10,
      exp: 310,
      jti: 'j',
      subFormat: 'decimal',
    });
    expect(out).toMatchObject({ active: true, sub: '6789', username: 'bob@github', email: 'bob@github', token_type: 'Bearer', scope: 'openid email', aud: ['c1'] });
  });

  it('makes GitHub and passkey logins realish', () => {
    expect(realishEmail('bob@github', 'idp.t.ts.net')).toBe('bob@github.idp.t.ts.net');
    expect(realishEmail('bob@passkey', 'idp.t.ts.net')).toBe('bob@passkey.idp.t.ts.net');
    expect(realishEmail('bob@example.com', 'idp.t.ts.net')).toBe('bob@example.com');
  });
});
