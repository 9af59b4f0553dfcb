import { describe, expect, it } from 'vitest';
import { allowedResources, canAdmin, canRegister, extraClaimSources, parseRules } from './access.js';

describe('grant rules', () => {
  it('skips malformed rules instead of failing', () => {
    const { rules, malformed } = parseRules([{ allow_dcr: true }, 'junk', { users: 'alice' }, null, { extra: 1 }]);
    expect(rules).toEqual([{ allow_dcr: true }, { extra: 1 }]);
    expect(malformed).toBe(3);
  });

  it('ORs the admin and DCR flags over rules', () => {
    const { rules } = parseRules([{ allow_admin_ui: false }, { allow_admin_ui: true }]);
    expect(canAdmin(rules)).toBe(true);
    expect(canRegister(rules)).toBe(false);
    expect(canAdmin([])).toBe(false);
  });

  it('filters resources by the rules that apply to the user', () => {
    const rules = parseRules([
      { users: ['alice@example.com'], resources: ['https://a.example'] },
      { users: ['*'], resources: ['https://pub.example'] },
      { users: ['bob@example.com'], resources: ['*'] },
    ]).rules;
    expect(allowedResources(rules, 'alice@example.com', ['https://a.example', 'https://b.example', 'https://pub.example'])).toEqual([
      'https://a.example',
      'https://pub.example',
    ]);
    expect(allowedResources(rules, 'bob@example.com', ['https://anything'])).toEqual(['https://anything']);
    expect(allowedResources(rules, 'carol@example.com', ['https://a.example'])).toEqual([]);
  });

  it('takes every rule\'s extraClaims for ID tokens and only includeInUserInfo ones for userinfo', () => {
    const rules = parseRules([{ extraClaims: { a: 1 } }, { extraClaims: { b: 2 }, includeInUserInfo: true }, { allow_dcr: true }]).rules;
    expect(extraClaimSources(rules, 'id_token')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(extraClaimSources(rules, 'userinfo')).toEqual([{ b: 2 }]);
  });
});
