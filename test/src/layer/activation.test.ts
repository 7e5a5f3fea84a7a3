import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activate, gelu, sigmoid } from '../../../src/layer/activation.js';
import { erf, erfc, normalCdf } from '../../../src/layer/erf.js';

/** |actual − expected| ≤ tol·|expected|. */
function expectRelative(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

// Reference values: mpmath 1.3.0 at 40 digits, `float(mpmath.erf(mpmath.mpf(x)))` (and erfc).
const ERF_REFERENCE: ReadonlyArray<readonly [number, number, number]> = [
  // x, erf(x), erfc(x)
  [0.1, 0.1124629160182849, 0.8875370839817152],
  [0.3, 0.32862675945912745, 0.6713732405408726],
  [0.46875, 0.49261347321793797, 0.507386526782062],
  [0.47, 0.4937450508860821, 0.5062549491139179],
  [0.5, 0.5204998778130465, 0.4795001221869535],
  [0.9, 0.7969082124228322, 0.20309178757716786],
  [1, 0.8427007929497149, 0.15729920705028513],
  [1.5, 0.9661051464753108, 0.033894853524689274],
  [2, 0.9953222650189527, 0.004677734981047266],
  [3, 0.9999779095030014, 2.209049699858544e-5],
  [4, 0.9999999845827421, 1.541725790028002e-8],
  [4.5, 0.9999999998033839, 1.9661604415428876e-10],
  [5.5, 0.9999999999999927, 7.357847917974398e-15],
  [6, 1, 2.1519736712498913e-17],
];

describe('erf and erfc (W. J. Cody)', () => {
  // 1e-15 relative is about 4–8 units in the last place: Cody's approximations are good to ~1e-18,
  // leaving only the rounding of a dozen floating-point operations.
  it.each(ERF_REFERENCE)('erf(%d) and erfc', (x, erfX, erfcX) => {
    expectRelative(erf(x), erfX, 1e-15);
    expectRelative(erf(-x), -erfX, 1e-15);
    // erfc keeps its relative accuracy in the tail, where erf would have cancelled to 1.
    expectRelative(erfc(x), erfcX, 4e-15);
  });

  it('matches the brief values', () => {
    expectRelative(erf(0.5), 0.5204998778130465, 1e-15);
    expectRelative(erf(1), 0.8427007929497149, 1e-15);
    expectRelative(erf(2), 0.9953222650189527, 1e-15);
    expect(erf(6)).toBe(1);
  });

  it('has the right edges', () => {
    expect(erf(0)).toBe(0);
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erf(NaN)).toBeNaN();
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(30)).toBe(0);
    // mpmath: erfc(10) = 2.088487583762545e-45, erfc(-1) = 1.8427007929497148
    expectRelative(erfc(10), 2.088487583762545e-45, 1e-14);
    expectRelative(erfc(-1), 1.8427007929497148, 1e-15);
  });

  it('is odd, bounded and non-decreasing', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -30, max: 30 }), fc.double({ noNaN: true, min: 0, max: 1 }), (x, dx) => {
        expect(erf(-x)).toBe(-erf(x));
        expect(Math.abs(erf(x))).toBeLessThanOrEqual(1);
        expect(erf(x + dx)).toBeGreaterThanOrEqual(erf(x));
      }),
      { numRuns: 500 },
    );
  });
});

describe('activations', () => {
  it('lists every activation once', () => {
    expect(ACTIVATIONS).toEqual(['none', 'relu', 'leaky-relu', 'gelu', 'swish', 'tanh']);
  });

  it('computes each by definition', () => {
    expect(activate('none', -2.5)).toBe(-2.5);
    expect(activate('relu', -2)).toBe(0);
    expect(activate('relu', 3)).toBe(3);
    expect(activate('leaky-relu', -2)).toBeCloseTo(-0.2, 16);
    expect(activate('leaky-relu', -2, 0.5)).toBe(-1);
    expect(activate('leaky-relu', 4)).toBe(4);
    expect(activate('tanh', 0.7)).toBe(Math.tanh(0.7));
    expect(activate('swish', 0)).toBe(0);
    expect(() => activate('softmax' as never, 1)).toThrow(RangeError);
  });

  // mpmath: z/2·(1 + erf(z/√2)) at 40 digits.
  it.each([
    [1, 0.8413447460685429],
    [-1, -0.15865525393145705],
    [2.5, 2.4844758366855597],
    [-3, -0.0040496940948902835],
    [-10, -7.619853024160526e-23],
  ])('gelu(%d) is exact to 1e-15 relative', (z, expected) => {
    expectRelative(activate('gelu', z), expected, 1e-15);
    expect(gelu(z)).toBe(activate('gelu', z));
  });

  it('keeps sigmoid and swish finite at ±800', () => {
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
    expect(activate('swish', 800)).toBe(800);
    expect(activate('swish', -800)).toBe(-0);
    for (const f of ACTIVATIONS) {
      expect(activate(f, 800)).not.toBeNaN();
      expect(activate(f, -800)).not.toBeNaN();
    }
  });

  it('sigmoid(−z) = 1 − sigmoid(z) to rounding', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -40, max: 40 }), (z) => {
        expect(Math.abs(sigmoid(-z) - (1 - sigmoid(z)))).toBeLessThanOrEqual(2 * Number.EPSILON);
      }),
      { numRuns: 300 },
    );
  });
});

describe('normalCdf', () => {
  it('is ½ at 0, symmetric, and accurate deep in the lower tail', () => {
    expect(normalCdf(0)).toBe(0.5);
    // mpmath: ncdf(-10) = 7.619853024160525e-24, ncdf(-30) = 4.906713927148187e-198
    expectRelative(normalCdf(-10), 7.619853024160525e-24, 1e-15);
    expectRelative(normalCdf(-30), 4.906713927148187e-198, 1e-14);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -8, max: 8 }), (z) => {
        expect(Math.abs(normalCdf(z) + normalCdf(-z) - 1)).toBeLessThanOrEqual(2 * Number.EPSILON);
      }),
      { numRuns: 300 },
    );
  });
});
