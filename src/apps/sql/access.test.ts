import { describe, expect, it, vi } from 'vitest';
import { makeCaller } from '../../platform/identity.js';
import { accessOf, decide, matchSource, TAILSQL_CAP } from './access.js';

const user = (caps?: unknown[]) => makeCaller({ kind: 'user', login: 'amy@example.com', capMap: caps ? { [TAILSQL_CAP]: caps } : {} });
const tagged = (caps?: unknown[]) => makeCaller({ kind: 'tagged', login: 'tagged-devices', tags: ['tag:ci'], capMap: caps ? { [TAILSQL_CAP]: caps } : {} });
const plain = { appSource: false };

describe('matchSource', () => {
  it('is tailsql MatchSource', () => {
    expect(matchSource('*', '')).toBe(true);
    expect(matchSource('*', 'main')).toBe(true);
    expect(matchSource('main', 'main')).toBe(true);
    expect(matchSource('main', 'main2')).toBe(false);
    expect(matchSource('shard*', 'shard')).toBe(true);
    expect(matchSource('shard*', 'shard12')).toBe(true);
    expect(matchSource('foo*', 'fo')).toBe(false);
    expect(matchSource('a*b', 'axb')).toBe(false);
  });
});

describe('decide', () => {
  it('default policy: users yes, tagged nodes no, app databases no', () => {
    expect(decide(accessOf(user(), TAILSQL_CAP), 'main', plain)).toEqual({ ok: true });
    expect(decide(accessOf(tagged(), TAILSQL_CAP), 'main', plain)).toEqual({ ok: false, status: 403, message: 'tagged node is not authorized' });
    expect(decide(accessOf(user(), TAILSQL_CAP), 'links', { appSource: true }).ok).toBe(false);
  });

  it('grants decide per source, for tagged nodes too', () => {
    const a = accessOf(tagged([{ src: ['main', 'prod-*'] }]), TAILSQL_CAP);
    expect(decide(a, 'main', plain).ok).toBe(true);
    expect(decide(a, 'prod-eu', plain).ok).toBe(true);
    expect(decide(a, 'other', plain)).toEqual({ ok: false, status: 403, message: 'not authorized for access to "other"' });
    expect(decide(accessOf(user([{ src: ['links'] }]), TAILSQL_CAP), 'links', { appSource: true }).ok).toBe(true);
  });

  it('ignores a malformed grant (logged once) without falling back to the open default', () => {
    const log = { warn: vi.fn() };
    const mixed = accessOf(user([{ src: 'main' }, { SRC: ['other'] }, 7]), TAILSQL_CAP, log);
    expect(decide(mixed, 'other', plain).ok).toBe(true);
    expect(decide(mixed, 'main', plain).ok).toBe(false);
    expect(log.warn).toHaveBeenCalled();
    const onlyBad = accessOf(user([{ src: 'main' }]), TAILSQL_CAP, log);
    expect(decide(onlyBad, 'main', plain)).toEqual({ ok: false, status: 403, message: 'not authorized for access to tailsql' });
    expect(decide(accessOf(user([{ src: null }]), TAILSQL_CAP), 'main', plain).ok).toBe(false);
  });
});
