// fastTanh against the true tanh (correctly rounded values from 60-digit decimal arithmetic,
// test/fixtures/training/make_tanh.py) and against Math.tanh over every magnitude, both signs and
// the edge cases.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastTanh } from '../../../src/training/tanh.js';

const reference = JSON.parse(readFileSync(new URL('../../fixtures/training/tanh-reference.json', import.meta.url), 'utf8')) as [number, number][];

const buffer = new Float64Array(1);
const bits = new BigInt64Array(buffer.buffer);
/** The double's position on the number line, so neighbouring doubles differ by 1 (−0 and +0 both 0). */
function ordinal(x: number): bigint {
  buffer[0] = x;
  const b = bits[0];
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}
/** How many doubles apart a and b are. */
function ulps(a: number, b: number): number {
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}

describe('fastTanh', () => {
  it('is within 1 ulp of the true tanh at 2008 reference points (1e-9 … 30, both signs)', () => {
    let worst = 0;
    for (const [x, t] of reference) worst = Math.max(worst, ulps(fastTanh(x), t));
    expect(worst).toBeLessThanOrEqual(1);
    expect(reference.length).toBe(2008);
  });

  it('is within 2 ulp of Math.tanh over magnitudes 1e-300 … 1e3, both signs', () => {
    const magnitude = fc.double({ min: -300, max: 3, noNaN: true }).map((e) => 10 ** e);
    fc.assert(fc.property(magnitude, fc.boolean(), (m, negative) => {
      const x = negative ? -m : m;
      return ulps(fastTanh(x), Math.tanh(x)) <= 2;
    }), { numRuns: 20000, seed: 16 });
  });

  it('is within 2 ulp of Math.tanh on a dense grid through both branches and the switch at 0.625', () => {
    let worst = 0;
    for (let i = -200000; i <= 200000; i++) {
      const x = i * 1.2e-4;
      worst = Math.max(worst, ulps(fastTanh(x), Math.tanh(x)));
    }
    for (let x = 0.625, i = 0; i < 1000; i++, x = nextUp(x)) worst = Math.max(worst, ulps(fastTanh(x), Math.tanh(x)), ulps(fastTanh(-x), Math.tanh(-x)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('keeps ±0, saturates to ±1 (also at ±∞ and past 22) and passes NaN through', () => {
    expect(Object.is(fastTanh(0), 0)).toBe(true);
    expect(Object.is(fastTanh(-0), -0)).toBe(true);
    expect(fastTanh(5e-324)).toBe(5e-324);
    expect(fastTanh(Infinity)).toBe(1);
    expect(fastTanh(-Infinity)).toBe(-1);
    expect(fastTanh(22)).toBe(Math.tanh(22));
    expect(fastTanh(-1e300)).toBe(-1);
    expect(fastTanh(NaN)).toBeNaN();
  });
});

function nextUp(x: number): number {
  buffer[0] = x;
  bits[0] += 1n;
  return buffer[0];
}
