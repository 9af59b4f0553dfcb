import { describe, expect, it } from 'vitest';
import { expiresAt, isExpired, LifetimeError, offeredLifetimes, parseLifetime, resolveLifetime } from './lifetime.js';

describe('lifetimes', () => {
  it('parses the canonical choices and a few aliases, case-insensitively', () => {
    expect(parseLifetime('1h')).toBe('1h');
    expect(parseLifetime(' 1D ')).toBe('1d');
    expect(parseLifetime('7d')).toBe('1w');
    expect(parseLifetime('24h')).toBe('1d');
    expect(parseLifetime('forever')).toBe('never');
  });

  it('refuses anything else with a message naming the choices', () => {
    expect(() => parseLifetime('2y')).toThrow(LifetimeError);
    expect(() => parseLifetime('2y')).toThrow('unknown expiry "2y": choose one of 1h, 1d, 1w, 30d, never');
  });

  it('uses the default when nothing is asked, and caps at the maximum', () => {
    expect(resolveLifetime(undefined, { default: '1w', max: 'never' })).toBe('1w');
    expect(resolveLifetime('', { default: 'never', max: 'never' })).toBe('never');
    expect(resolveLifetime('never', { default: '1d', max: '30d' })).toBe('30d');
    expect(resolveLifetime('1h', { default: '1d', max: '1d' })).toBe('1h');
    expect(resolveLifetime(undefined, { default: 'never', max: '1w' })).toBe('1w');
  });

  it('offers only the lifetimes under the cap', () => {
    expect(offeredLifetimes('1w')).toEqual(['1h', '1d', '1w']);
    expect(offeredLifetimes('never')).toEqual(['1h', '1d', '1w', '30d', 'never']);
  });

  it('computes RFC 3339 UTC expiry instants', () => {
    const now = new Date('2024-05-01T00:00:00Z');
    expect(expiresAt('1h', now)).toBe('2024-05-01T01:00:00.000Z');
    expect(expiresAt('30d', now)).toBe('2024-05-31T00:00:00.000Z');
    expect(expiresAt('never', now)).toBeNull();
  });

  it('treats the expiry instant itself as expired', () => {
    const at = '2024-05-01T01:00:00.000Z';
    expect(isExpired(at, new Date('2024-05-01T00:59:59.999Z'))).toBe(false);
    expect(isExpired(at, new Date(at))).toBe(true);
    expect(isExpired(null, new Date(8.64e15))).toBe(false);
  });
});
