import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFloat, goFloatV } from './float.js';

/** Go's answers (test/fixtures/go-formats/README.md says how they were recorded). */
const FIXTURE = resolve(import.meta.dirname, '../../../test/fixtures/go-formats/floats.tsv');

const view = new DataView(new ArrayBuffer(8));
function fromBits(hex: string): number {
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('goFloatV (fmt %v of a float64)', () => {
  // Each answer is Go's (go1.26.8).
  it.each([
    // zeros, NaN, infinities
    [0, '0'],
    [-0, '-0'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
    // subnormals, the smallest normal, the largest float
    [5e-324, '5e-324'],
    [-5e-324, '-5e-324'],
    [2.225073858507201e-308, '2.225073858507201e-308'],
    [2.2250738585072014e-308, '2.2250738585072014e-308'],
    [Number.MAX_VALUE, '1.7976931348623157e+308'],
    // Go's thresholds: exponent form below 1e-4 and from 1e6, two-digit exponents
    [0.0001, '0.0001'],
    [0.00009999999999999999, '9.999999999999999e-05'],
    [0.00001, '1e-05'],
    [999999.9999999999, '999999.9999999999'],
    [1e6, '1e+06'],
    [-1234567.5, '-1.2345675e+06'],
    [123456789.125, '1.23456789125e+08'],
    // JavaScript's thresholds (1e-7, 1e21) mean nothing to Go
    [1e-7, '1e-07'],
    [99999999999999980000, '9.999999999999998e+19'],
    [1e21, '1e+21'],
    [1.0000000000000001e21, '1.0000000000000001e+21'],
    [1.0000000000000003e21, '1.0000000000000003e+21'],
    [2 ** 53 + 2, '9.007199254740994e+15'],
    [0.1, '0.1'],
    [-0.25, '-0.25'],
    [1e300, '1e+300'],
  ])('%s → %s', (x, want) => {
    expect(goFloatV(x)).toBe(want);
    expect(formatFloat(x, 'g', -1)).toBe(want);
  });

  it('takes its shortcut only where the general path agrees (seeded random values)', () => {
    // The common magnitudes go through String(x); every value must still be Go's: exponent
    // form exactly when the decimal exponent is below -4 or at least 6, shortest digits.
    let seed = 0x2545f4914f6cdd1dn;
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      seed ^= seed >> 12n;
      seed ^= (seed << 25n) & 0xffffffffffffffffn;
      seed ^= seed >> 27n;
      // Magnitudes from 1e-9 to 1e24, around every threshold.
      const x = (Number((seed * 0x2545f4914f6cdd1dn) & 0xfffffffffffffn) / 2 ** 52) * 10 ** ((i % 34) - 9) * (i % 2 ? -1 : 1);
      const exp = Number(x.toExponential().split('e')[1]);
      const v = goFloatV(x);
      const ok = exp < -4 || exp >= 6 ? v === formatFloat(x, 'e', -1) : !v.includes('e') && Number(v) === x && v === String(x);
      if (!ok) wrong.push(`${x} → ${v}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("Go's own answers (recorded)", () => {
  const lines = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n').slice(1);

  it('has the recorded sample', () => {
    expect(lines.length).toBeGreaterThan(900);
  });

  it('matches %v, shortest %e, %.3e, %.2f, %.4g and %.17g on every recorded value', () => {
    const wrong: string[] = [];
    for (const line of lines) {
      const [hex = '', ...want] = line.split('\t');
      const x = fromBits(hex);
      const got = [goFloatV(x), formatFloat(x, 'e', -1), formatFloat(x, 'e', 3), formatFloat(x, 'f', 2), formatFloat(x, 'g', 4), formatFloat(x, 'g', 17)];
      if (got.join('\t') !== want.join('\t')) wrong.push(`${hex} (${x}): got ${got.join(' ')}, Go ${want.join(' ')}`);
    }
    expect(wrong).toEqual([]);
  });
});
