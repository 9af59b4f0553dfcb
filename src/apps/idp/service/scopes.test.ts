import { describe, expect, it } from 'vitest';
import { grantScopes, narrowScopes } from './scopes.js';

describe('scopes', () => {
  it('ignores unknown scopes instead of refusing the request', () => {
    expect(grantScopes('openid email groups address offline_access')).toEqual(['openid', 'email', 'offline_access']);
  });

  it('defaults to openid and does not require it', () => {
    expect(grantScopes(undefined)).toEqual(['openid']);
    expect(grantScopes('  ')).toEqual(['openid']);
    expect(grantScopes('email profile')).toEqual(['email', 'profile']);
    expect(grantScopes('phone')).toEqual([]);
  });

  it('deduplicates and keeps request order', () => {
    expect(grantScopes('profile openid profile')).toEqual(['profile', 'openid']);
  });

  it('lets a refresh narrow but not widen the grant', () => {
    expect(narrowScopes(['openid', 'email'], undefined)).toEqual(['openid', 'email']);
    expect(narrowScopes(['openid', 'email'], 'openid')).toEqual(['openid']);
    expect(narrowScopes(['openid'], 'openid profile')).toEqual({ invalid: 'profile' });
    expect(narrowScopes(['openid'], 'openid unknown')).toEqual(['openid']);
  });
});
