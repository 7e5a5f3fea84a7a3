// The summary of an imported matrix (range, mean, norm, exact zeros), its preview and its fingerprint.
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { matrixFingerprint, matrixStatistics, previewMatrix } from '../../../src/formats/matrix-stats.js';

// numpy: r = np.random.default_rng(11).standard_normal((6, 4)); r[1, 2] = 0; r[4, 0] = -0.0
const R = [0.03419276725318417, 1.3597475403099617, 1.2247210785859324, -0.5103070767876675, -0.2979695111064471, -0.5273841930334252, 0.0,
  -0.056064439045617594, 0.7468856162565439, -1.8473247989741095, 1.5665487746995206, -0.09643216015562055, 0.6803784532741461,
  -0.13656633397682774, -0.3790985670748533, 0.46311015859758675, -0.0, -0.20252987069345152, -0.15278617857019708, 0.685698610809258,
  -0.8703406419471712, -1.5143835037313955, 0.39498186274953, -0.6705658236878794];

describe('matrixStatistics', () => {
  it('agrees with numpy (r.min(), r.max(), r.mean(), np.linalg.norm(r), (r == 0).sum())', () => {
    const s = matrixStatistics(R);
    expect(s.count).toBe(24);
    expect(s.min).toBe(-1.8473247989741095);
    expect(s.max).toBe(1.5665487746995206);
    expect(s.maxAbs).toBe(1.8473247989741095);
    expect(s.zeros).toBe(2); // 0 and −0 are both exact zeros
    // Summation orders differ (numpy sums pairwise): a few ulps of the result's scale.
    expect(Math.abs(s.mean - -0.004395343177041655)).toBeLessThan(1e-17);
    expect(Math.abs(s.frobenius / 3.930030263504254 - 1)).toBeLessThan(4 * Number.EPSILON);
  });

  it('neither overflows nor vanishes at the ends of the float range', () => {
    expect(matrixStatistics([3e300, 4e300]).frobenius).toBeCloseTo(5e300, -288);
    expect(matrixStatistics([3e-300, 4e-300]).frobenius / 5e-300).toBeCloseTo(1, 14);
    expect(matrixStatistics([Number.MIN_VALUE, 0]).frobenius).toBe(Number.MIN_VALUE);
  });

  it('keeps the mean of a large sum with cancellation (Neumaier)', () => {
    // 1e16 + 1 − 1e16 … summed naively loses the ones.
    const values = [1e16, 1, -1e16, 1, 1, 1];
    expect(matrixStatistics(values).mean).toBe(4 / 6);
  });

  it('gives NaN range and zero norm for an empty matrix', () => {
    expect(matrixStatistics([])).toEqual({ count: 0, min: NaN, max: NaN, mean: NaN, frobenius: 0, maxAbs: 0, zeros: 0 });
  });
});

describe('previewMatrix', () => {
  it('keeps a small matrix whole', () => {
    const p = previewMatrix([1, 2, 3, 4, 5, 6], 2, 3, 16);
    expect(p).toEqual({ rows: 2, cols: 3, step: 1, values: Float64Array.from([1, 2, 3, 4, 5, 6]) });
  });

  it('takes every s-th row and column of a large one, keeping its aspect', () => {
    const rows = 10;
    const cols = 7;
    const data = Float64Array.from({ length: rows * cols }, (_, i) => i);
    const p = previewMatrix(data, rows, cols, 4);
    expect(p.step).toBe(3);
    expect([p.rows, p.cols]).toEqual([4, 3]);
    // Rows 0, 3, 6, 9 and columns 0, 3, 6.
    expect(Array.from(p.values)).toEqual([0, 3, 6, 21, 24, 27, 42, 45, 48, 63, 66, 69]);
  });

  it('refuses a size that does not match the data', () => {
    expect(() => previewMatrix([1, 2, 3], 2, 2, 4)).toThrow(RangeError);
  });
});

describe('matrixFingerprint', () => {
  it('is the same for the same values and size, and differs otherwise', () => {
    const a = Float64Array.from(R);
    expect(matrixFingerprint(a, 6, 4)).toBe(matrixFingerprint(Float64Array.from(R), 6, 4));
    expect(matrixFingerprint(a, 6, 4)).toMatch(/^6x4-[0-9a-f]{14}$/);
    expect(matrixFingerprint(a, 4, 6)).not.toBe(matrixFingerprint(a, 6, 4));
    const b = a.slice();
    b[5] = Math.nextUp?.(b[5]!) ?? b[5]! * (1 + Number.EPSILON);
    expect(matrixFingerprint(b, 6, 4)).not.toBe(matrixFingerprint(a, 6, 4));
  });
});

fcTest.prop([fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 60 })])(
  'the range holds every entry and the norm equals √Σm² to rounding',
  (values) => {
    const s = matrixStatistics(values);
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(s.min);
      expect(v).toBeLessThanOrEqual(s.max);
    }
    // The naive sum is a fair reference only where v² neither underflows nor overflows.
    if (values.every((v) => v === 0 || Math.abs(v) > 1e-140)) {
      const naive = Math.sqrt(values.reduce((acc, v) => acc + v * v, 0));
      expect(Math.abs(s.frobenius - naive)).toBeLessThanOrEqual(1e-14 * naive);
    }
    expect(s.zeros).toBe(values.filter((v) => v === 0).length);
  },
);
