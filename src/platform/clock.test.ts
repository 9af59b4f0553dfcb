import { afterEach, describe, expect, it } from 'vitest';
import { clockOf, fixedClock, platformClock, TEST_CLOCK_ENV, testClockMillis } from './clock.js';

const AT = '2026-12-07T12:00:00Z';
const saved = process.env[TEST_CLOCK_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[TEST_CLOCK_ENV];
  else process.env[TEST_CLOCK_ENV] = saved;
});

describe('the test clock setting', () => {
  it('is an RFC 3339 instant honoured under NODE_ENV=test', () => {
    expect(testClockMillis({ NODE_ENV: 'test', [TEST_CLOCK_ENV]: AT })).toBe(Date.parse(AT));
    expect(testClockMillis({ NODE_ENV: 'test', [TEST_CLOCK_ENV]: '2026-12-07T13:00:00.250+01:00' })).toBe(Date.parse(AT) + 250);
  });

  it('means the real clock when unset or empty', () => {
    expect(testClockMillis({ NODE_ENV: 'test' })).toBeUndefined();
    expect(testClockMillis({ NODE_ENV: 'production', [TEST_CLOCK_ENV]: '' })).toBeUndefined();
  });

  it('is refused outside tests, saying why and what to do', () => {
    expect(() => testClockMillis({ NODE_ENV: 'production', [TEST_CLOCK_ENV]: AT })).toThrow(/NODE_ENV is not "test".*unset TAILYARD_TEST_CLOCK/);
    expect(() => testClockMillis({ [TEST_CLOCK_ENV]: AT })).toThrow(/keep every paste, code and token alive forever/);
  });

  it('is refused when it is not an instant with a zone', () => {
    for (const bad of ['2026-12-07', '2026-12-07T12:00:00', 'yesterday', '2026-13-07T12:00:00Z']) {
      expect(() => testClockMillis({ NODE_ENV: 'test', [TEST_CLOCK_ENV]: bad }), bad).toThrow(/not an RFC 3339 instant/);
    }
  });
});

describe('clocks', () => {
  it('agree in every unit', () => {
    const c = fixedClock('2026-12-07T12:00:00.999Z');
    expect(c.now().toISOString()).toBe('2026-12-07T12:00:00.999Z');
    expect(c.millis()).toBe(Date.parse(AT) + 999);
    expect(c.seconds()).toBe(Date.parse(AT) / 1000);
  });

  it('the platform clock follows the variable from one call to the next, and is real time without it', () => {
    process.env[TEST_CLOCK_ENV] = AT;
    expect(platformClock.now().toISOString()).toBe('2026-12-07T12:00:00.000Z');
    process.env[TEST_CLOCK_ENV] = '2026-12-07T12:03:00Z';
    expect(platformClock.seconds()).toBe(Date.parse(AT) / 1000 + 180);
    delete process.env[TEST_CLOCK_ENV];
    const before = Date.now();
    const t = platformClock.millis();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('the platform clock refuses a setting once NODE_ENV leaves test, even one it read before', () => {
    process.env[TEST_CLOCK_ENV] = AT;
    expect(platformClock.millis()).toBe(Date.parse(AT));
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => platformClock.millis()).toThrow(/NODE_ENV is not "test"/);
    } finally {
      process.env.NODE_ENV = env;
    }
  });

  it('clockOf reads the source it is given', () => {
    let t = 5_000;
    const c = clockOf(() => t);
    t = 7_500;
    expect(c.seconds()).toBe(7);
  });
});
