import { describe, expect, it, vi } from 'vitest';
import { capValues, makeCaller } from '../../platform/identity.js';
import { type Action, allowed, callerRules, matchSecret, type Rule, requiredAction, SECRETS_CAP, SecretsCap } from './access.js';
import { ENDPOINTS } from './wire.js';

describe('allowed: setec acl_test.go table, with the current action names', () => {
  const rules: Rule[] = [
    { action: ['get'], secret: ['control/foo', 'control/bar'] },
    { action: ['info', 'put', 'activate'], secret: ['*'] },
    { action: ['delete'], secret: ['dev/*'] },
  ];
  const cases: [Action, string, boolean][] = [
    ['get', 'control/foo', true],
    ['get', 'control/bar', true],
    ['get', 'control/quux', false],
    ['get', 'something/else', false],
    ['get', 'dev/foo', false],
    ...(['info', 'put', 'activate'] as const).flatMap((a): [Action, string, boolean][] =>
      ['control/foo', 'control/bar', 'control/quux', 'something/else', 'dev/foo'].map((s) => [a, s, true]),
    ),
    ['delete', 'dev/foo', true],
    ['delete', 'dev/bar/quux', true],
    ['delete', 'control/foo', false],
    ['delete', 'control/bar', false],
    ['delete', 'something/else', false],
    ['delete', 'dev', false],
    ['create-version', 'dev/foo', false],
  ];
  it.each(cases)('%s %s → %s', (action, name, want) => {
    expect(allowed(rules, action, name)).toBe(want);
  });

  it('needs the action and a matching pattern in the same rule', () => {
    const split: Rule[] = [
      { action: ['get'], secret: ['a'] },
      { action: ['info'], secret: ['b'] },
    ];
    expect(allowed(split, 'get', 'b')).toBe(false);
    expect(allowed(split, 'info', 'a')).toBe(false);
  });

  it('denies everything with no rules, and has no action wildcard', () => {
    expect(allowed([], 'get', 'x')).toBe(false);
    expect(allowed([{ action: ['*'], secret: ['*'] }], 'get', 'x')).toBe(false);
  });
});

describe('matchSecret (mstr.Match)', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything/at/all', true],
    ['', '', true],
    ['', 'x', false],
    ['exact', 'exact', true],
    ['exact', 'Exact', false],
    ['exact', 'exact/', false],
    ['dev/*', 'dev/', true],
    ['dev/*', 'dev/a/b', true],
    ['dev/*', 'dev', false],
    ['dev/*', 'prod/dev/x', false],
    ['*/db', 'prod/db', true],
    ['*/db', 'prod/db2', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['a*bb*b', 'abbb', true],
    ['a*bb*b', 'abb', false],
    ['**', 'x', true],
    ['x**y', 'xy', true],
    ['.*', 'ab', false],
    ['.*', '.ab', true],
    ['a?c', 'abc', false],
    ['a?c', 'a?c', true],
    ['[ab]', 'a', false],
    ['caf\u00e9/*', 'caf\u00e9/\u{1f511}', true],
  ])('%j matches %j: %s', (pattern, name, want) => {
    expect(matchSecret(pattern, name)).toBe(want);
  });
});

describe('SecretsCap', () => {
  it('parses a grant value', () => {
    expect(SecretsCap.parse({ action: ['get', 'info'], secret: ['prod/*'] })).toEqual({
      action: ['get', 'info'],
      secret: ['prod/*'],
    });
  });

  it('matches keys case-insensitively and ignores unknown keys, like Go', () => {
    expect(SecretsCap.parse({ Action: ['get'], SECRET: ['x'], comment: 'hi' })).toEqual({ action: ['get'], secret: ['x'] });
    expect(SecretsCap.parse({ action: ['get'], \u017fecret: ['x'] })).toEqual({ action: ['get'], secret: ['x'] });
  });

  it('reads missing and null as empty, and null elements as ""', () => {
    expect(SecretsCap.parse({})).toEqual({ action: [], secret: [] });
    expect(SecretsCap.parse(null)).toEqual({ action: [], secret: [] });
    expect(SecretsCap.parse({ action: null, secret: ['x', null] })).toEqual({ action: [], secret: ['x', ''] });
  });

  it('keeps unknown actions, which never match', () => {
    const rule = SecretsCap.parse({ action: ['set-info', 'get'], secret: ['*'] });
    expect(rule.action).toEqual(['set-info', 'get']);
    expect(allowed([rule], 'get', 'x')).toBe(true);
  });

  it.each([
    ['an action string', { action: 'get', secret: ['*'] }],
    ['a secret string', { action: ['get'], secret: '*' }],
    ['a number element', { action: ['get', 1], secret: ['*'] }],
    ['an array value', [{ action: ['get'], secret: ['*'] }]],
    ['a string value', 'get'],
  ])('rejects %s', (_, raw) => {
    expect(SecretsCap.safeParse(raw).success).toBe(false);
  });
});

describe('callerRules', () => {
  const log = { warn: vi.fn() };
  const grant = { action: ['get'], secret: ['*'] };

  it('skips (and logs) a malformed value instead of failing the caller', () => {
    const caller = makeCaller({
      kind: 'user',
      login: 'alice@example.com',
      capMap: { [SECRETS_CAP]: [{ action: 'get', secret: ['*'] }, grant] },
    });
    expect(callerRules(caller, SECRETS_CAP, log)).toEqual([grant]);
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('falls back to the https:// capability name when the plain one yields nothing', () => {
    const caller = makeCaller({ kind: 'user', login: 'bob@example.com', capMap: { [`https://${SECRETS_CAP}`]: [grant] } });
    expect(callerRules(caller, SECRETS_CAP)).toEqual([grant]);
  });

  it('uses only the plain name when it yields rules', () => {
    const other = { action: ['info'], secret: ['*'] };
    const caller = makeCaller({
      kind: 'tagged',
      login: 'tagged-devices',
      capMap: { [SECRETS_CAP]: [grant], [`https://${SECRETS_CAP}`]: [other] },
    });
    expect(callerRules(caller, SECRETS_CAP)).toEqual([grant]);
  });

  it('works with the platform capValues directly', () => {
    const caller = makeCaller({ kind: 'user', login: 'c@example.com', capMap: { [SECRETS_CAP]: [{ Action: ['put'] }] } });
    expect(capValues(caller, SECRETS_CAP, SecretsCap)).toEqual([{ action: ['put'], secret: [] }]);
  });
});

describe('requiredAction', () => {
  it('maps every endpoint as setec does', () => {
    expect(Object.fromEntries(ENDPOINTS.map((e) => [e, requiredAction(e)]))).toEqual({
      list: 'info',
      get: 'get',
      info: 'info',
      put: 'put',
      'create-version': 'create-version',
      activate: 'activate',
      delete: 'delete',
      'delete-version': 'delete',
    });
  });
});
