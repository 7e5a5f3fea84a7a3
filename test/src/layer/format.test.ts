import { describe, expect, it } from 'vitest';
import { formatNumber, formatScaled } from '../../../src/layer/format.js';

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1e-17, '1e-17'],
    [-1e-13, '-1e-13'],
    [1e-14, '1e-14'],
    [1, '1'],
    [-1, '-1'],
    [0.5, '0.5'],
    [0.8660254037844387, '0.866'],
    [-0.49999999999999994, '-0.5'],
    [Math.PI, '3.14'],
    [123.456, '123'],
    [999.6, '1000'],
    [123456, '123000'],
    [999999, '1e6'],
    [1e6, '1e6'],
    [2.345e9, '2.35e9'],
    [0.001, '0.001'],
    [0.0012345, '0.00123'],
    [0.00099, '9.9e-4'],
    [1.5e-7, '1.5e-7'],
    [-2e-12, '-2e-12'],
    [NaN, 'NaN'],
    [Infinity, '∞'],
    [-Infinity, '-∞'],
  ])('%d → %s', (x, expected) => {
    expect(formatNumber(x)).toBe(expected);
  });

  it('honours the number of significant figures', () => {
    expect(formatNumber(Math.PI, 1)).toBe('3');
    expect(formatNumber(Math.PI, 6)).toBe('3.14159');
    expect(formatNumber(-1234.5678, 6)).toBe('-1234.57');
    expect(() => formatNumber(1, 0)).toThrow(RangeError);
  });
});

describe('formatScaled', () => {
  it('prints a number beyond the double range as m × 10ᵏ, and an ordinary one as formatNumber does', () => {
    expect(formatScaled({ mantissa: 1.5, exponent: 0 })).toBe('1.5');
    expect(formatScaled({ mantissa: 0, exponent: 0 })).toBe('0');
    // 2^1100 ≈ 1.36 × 10³³¹; −2^−1100 ≈ −7.36 × 10⁻³³².
    expect(formatScaled({ mantissa: 1, exponent: 1100 })).toBe('1.36 × 10³³¹ (beyond double range)');
    expect(formatScaled({ mantissa: -1, exponent: -1100 })).toBe('−7.36 × 10⁻³³² (beyond double range)');
  });
});
