import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('funnel', 'funnel')).toBe(0);
    expect(editDistance('funnel', 'funnle')).toBe(1);
    expect(editDistance('devPort', 'devPorts')).toBe(1);
    expect(editDistance('mode', 'mod')).toBe(1);
    expect(editDistance('dataDir', 'dataDur')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('didYouMean', () => {
  it('suggests the closest known name, ignoring case', () => {
    expect(didYouMean('readOnly', ['readonly', 'hostname'])).toBe('readonly');
    expect(didYouMean('devport', ['devPort', 'devHost'])).toBe('devPort');
    expect(didYouMean('enabeld', ['listen', 'enabled'])).toBe('enabled');
    expect(didYouMean('linsk', ['links', 'paste', 'sql'])).toBe('links');
  });

  it('suggests nothing for a name far from every known one', () => {
    expect(didYouMean('colour', ['mode', 'dataDir', 'admin'])).toBeUndefined();
    expect(didYouMean('ab', ['xy'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });
});
