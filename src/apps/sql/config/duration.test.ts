import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from './duration.js';

describe('Go durations', () => {
  it('parses what time.ParseDuration accepts', () => {
    expect(parseGoDuration('5s')).toBe(5000);
    expect(parseGoDuration('1m30s')).toBe(90_000);
    expect(parseGoDuration('1.5s')).toBe(1500);
    expect(parseGoDuration('500ms')).toBe(500);
    expect(parseGoDuration('2h')).toBe(7_200_000);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('1500000us')).toBe(1500);
  });
  it('refuses what it refuses, with its wording', () => {
    expect(() => parseGoDuration('5')).toThrow('time: missing unit in duration "5"');
    expect(() => parseGoDuration('5 s')).toThrow('time: invalid duration "5 s"');
    expect(() => parseGoDuration('')).toThrow('invalid duration');
    expect(() => parseGoDuration('1d')).toThrow('invalid duration');
  });
  it('prints like Duration.String', () => {
    expect(formatGoDuration(5000)).toBe('5s');
    expect(formatGoDuration(90_000)).toBe('1m30s');
    expect(formatGoDuration(1500)).toBe('1.5s');
    expect(formatGoDuration(500)).toBe('500ms');
    expect(formatGoDuration(7_200_000)).toBe('2h0m0s');
    expect(formatGoDuration(3_723_250)).toBe('1h2m3.25s');
    expect(formatGoDuration(60_000)).toBe('1m0s');
  });
});
