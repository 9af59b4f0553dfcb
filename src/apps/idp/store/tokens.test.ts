import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../../platform/storage.js';
import { migrations } from '../schema.js';
import type { Subject } from '../service/subject.js';
import { ClientStore } from './clients.js';
import { TokenStore } from './tokens.js';

const subject: Subject = { userId: '1', login: 'a@x', displayName: 'a', picture: '', nodeId: '2', nodeKey: '', nodeFQDN: 'n.t', addresses: ['100.64.0.1'], tags: [], groups: [], caps: [] };

function stores() {
  const db = openAppDatabase(':memory:', migrations);
  const clients = new ClientStore(db);
  clients.insert({
    clientId: 'c', secretHash: 'h', name: 'c', redirectUris: ['https://r/cb'], postLogoutRedirectUris: [], authMethod: 'client_secret_basic',
    grantTypes: [], responseTypes: ['code'], applicationType: 'web', accessTokenFormat: 'opaque', allowedUsers: [], metadata: {}, dynamic: false,
    createdAt: 1, createdBy: '', lastUsedAt: null,
  });
  return { db, clients, tokens: new TokenStore(db) };
}

const family = (id: string, now: number) => ({ id, clientId: 'c', login: 'a@x', subject, nodeAddr: '100.64.0.1', scopes: ['openid'], resources: [], nonce: null, authTime: now, createdAt: now, lastUsedAt: now, expiresAt: now + 100, revokedAt: null });

describe('token store', () => {
  it('claims a code once; the second claim loses', () => {
    const { tokens } = stores();
    tokens.saveCode({ hash: 'k', clientId: 'c', redirectUri: 'https://r/cb', scopes: ['openid'], resources: [], nonce: null, pkce: undefined, subject, nodeAddr: 'x', authTime: 1, expiresAt: 100 });
    expect(tokens.claimCode('k', 'f1', 2)).toBe(true);
    expect(tokens.claimCode('k', 'f2', 3)).toBe(false);
    expect(tokens.peekCode('k')).toMatchObject({ usedAt: 2, familyId: 'f1', subject });
  });

  it('rotates a refresh token once and revoking a family ends its tokens', () => {
    const { tokens } = stores();
    tokens.createFamily(family('f', 10));
    tokens.saveRefresh('r1', 'f', 10);
    tokens.saveAccess({ hash: 'a1', jti: 'j', clientId: 'c', familyId: 'f', subject, scopes: ['openid'], audience: ['c'], kind: 'access', act: undefined, issuedAt: 10, expiresAt: 50 });
    expect(tokens.rotateRefresh('r1', 'r2', 'f', 11)).toBe(true);
    expect(tokens.rotateRefresh('r1', 'r3', 'f', 12)).toBe(false);
    expect(tokens.familyOfRefresh('r1')?.used).toBe(true);
    expect(tokens.familyOfRefresh('r3')).toBeUndefined();
    tokens.revokeFamily('f', 'test', 13);
    expect(tokens.familyOfRefresh('r2')).toBeUndefined();
    expect(tokens.access('a1', 14)).toBeUndefined();
    expect(tokens.family('f')?.revokedAt).toBe(13);
  });

  it('reports expired access tokens as absent, lists live sessions, sweeps the rest', () => {
    const { tokens } = stores();
    tokens.createFamily(family('live', 100));
    tokens.createFamily(family('old', 0));
    tokens.saveAccess({ hash: 'a', jti: 'j', clientId: 'c', familyId: 'live', subject, scopes: [], audience: [], kind: 'access', act: undefined, issuedAt: 100, expiresAt: 150 });
    expect(tokens.access('a', 149)?.jti).toBe('j');
    expect(tokens.access('a', 150)).toBeUndefined();
    expect(tokens.sessions('c', 120, 0).map((s) => s.familyId)).toEqual(['live']);
    tokens.sweep(120, 1000);
    expect(tokens.family('old')).toBeUndefined();
    expect(tokens.family('live')).toBeDefined();
  });

  it('deleting a client removes its families, codes and tokens', () => {
    const { tokens, clients } = stores();
    tokens.createFamily(family('f', 10));
    tokens.saveAccess({ hash: 'x', jti: 'j', clientId: 'c', familyId: null, subject, scopes: [], audience: [], kind: 'exchange', act: undefined, issuedAt: 10, expiresAt: 99 });
    expect(clients.delete('c')).toBe(true);
    expect(tokens.family('f')).toBeUndefined();
    expect(tokens.access('x', 11)).toBeUndefined();
  });
});
