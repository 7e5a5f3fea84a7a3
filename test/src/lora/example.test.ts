// The seeded examples: the Gaussian matrix is exactly what `randn` parses to, and the example
// update is low rank plus a small noise floor.
import { describe, expect, it } from 'vitest';
import { parseMatrix } from '../../../src/expression/index.js';
import { singularValues } from '../../../src/linalg/index.js';
import { exampleUpdate, gaussianMatrix } from '../../../src/lora/index.js';

describe('gaussianMatrix', () => {
  it('equals randn(m, n) typed with the same seed, bit for bit', () => {
    expect(gaussianMatrix(5, 7, 3)).toEqual(parseMatrix('randn(5, 7)', { seed: 3 }));
    const scaled = parseMatrix('randn(32, 32) / sqrt(32)', { seed: 9, maxEntries: 4096 });
    gaussianMatrix(32, 32, 9).forEach((row, i) => row.forEach((v, j) => expect(scaled[i]![j]).toBe(v / Math.sqrt(32))));
  });

  it('refuses bad sizes', () => {
    expect(() => gaussianMatrix(-1, 2, 1)).toThrow(RangeError);
  });
});

describe('exampleUpdate', () => {
  it('is deterministic per seed', () => {
    expect(exampleUpdate(6, 5, { seed: 4 })).toEqual(exampleUpdate(6, 5, { seed: 4 }));
    expect(exampleUpdate(6, 5, { seed: 4 })).not.toEqual(exampleUpdate(6, 5, { seed: 5 }));
  });

  it('has `rank` strong singular values and a floor of about 2·noise', () => {
    const sigma = singularValues(exampleUpdate(32, 32, { rank: 4, noise: 0.02, seed: 1 }));
    // Random unit directions are nearly orthogonal in 32 dimensions, so σᵢ ≈ 0.6^i within ~0.3.
    [1, 0.6, 0.36, 0.216].forEach((s, i) => expect(Math.abs(sigma[i]! - s)).toBeLessThan(0.35 * s + 0.05));
    expect(sigma[3]!).toBeGreaterThan(2 * sigma[4]!);
    // The noise is N(0, noise²/32) per entry: its σ₁ ≈ noise·(√32 + √32)/√32 = 2·noise, with slack.
    expect(sigma[4]!).toBeLessThan(3 * 0.02);
  });

  it('without noise is exactly of the given rank (numerically)', () => {
    const sigma = singularValues(exampleUpdate(10, 8, { rank: 2, noise: 0, seed: 2 }));
    expect(sigma[1]!).toBeGreaterThan(0.1);
    expect(sigma[2]!).toBeLessThan(sigma[0]! * 10 * Number.EPSILON * 4);
  });

  it('handles tiny shapes and refuses bad options', () => {
    expect(exampleUpdate(2, 2, { rank: 1 })).toHaveLength(2);
    expect(exampleUpdate(1, 3, { rank: 4 })[0]).toHaveLength(3);
    expect(() => exampleUpdate(2, 2, { noise: -1 })).toThrow(RangeError);
    expect(() => exampleUpdate(2, 2, { rank: 1.5 })).toThrow(RangeError);
  });
});
