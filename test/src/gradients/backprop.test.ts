// Backprop through one layer: ∂L/∂x = Wᵀg, checked by hand, against finite differences of
// L(x) = ⟨g, Wx⟩, by the adjoint identity ⟨Wx, g⟩ = ⟨x, Wᵀg⟩, and against the singular values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { linearBackward, linearLayerGradients } from '../../../src/gradients/index.js';
import { matVec } from '../../../src/layer/index.js';
import { singularValues } from '../../../src/linalg/index.js';
import { EPS, randomMatrix } from '../linalg/matrices.js';

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
const norm = (a: readonly number[]) => Math.hypot(...a);

describe('linearBackward', () => {
  it('multiplies by the transpose', () => {
    expect(linearBackward([[1, 2], [3, 4]], [1, 0])).toEqual([1, 2]);
    expect(linearBackward([[1, 2, 3]], [2])).toEqual([2, 4, 6]);
    expect(linearBackward([[1], [2], [3]], [1, 1, 1])).toEqual([6]);
  });

  it('is the gradient of L(x) = ⟨g, Wx⟩ (central differences, exact for a linear L up to rounding)', () => {
    const W = randomMatrix(3, 4, 7);
    const g = [0.5, -1, 2];
    const x = [0.1, 0.2, -0.3, 0.4];
    const grad = linearBackward(W, g);
    const h = 1e-3;
    x.forEach((_, j) => {
      const up = [...x];
      const down = [...x];
      up[j] += h;
      down[j] -= h;
      const fd = (dot(g, matVec(W, up)) - dot(g, matVec(W, down))) / (2 * h);
      // L is linear, so the only error is rounding: ~ε·|L|/h ≈ 1e-12.
      expect(Math.abs(fd - grad[j]!)).toBeLessThan(1e-10);
    });
  });

  it('satisfies ⟨Wx, g⟩ = ⟨x, Wᵀg⟩ and σ_min ≤ ‖Wᵀg‖/‖g‖ ≤ σ_max (Wᵀ has W’s singular values)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.nat(1000), (m, n, seed) => {
        const W = randomMatrix(m, n, seed);
        const x = randomMatrix(1, n, seed + 1)[0]!;
        const g = randomMatrix(1, m, seed + 2)[0]!;
        const back = linearBackward(W, g);
        const scale = norm(x) * norm(g) * norm(W.flat());
        expect(Math.abs(dot(matVec(W, x), g) - dot(x, back))).toBeLessThan(8 * Math.max(m, n) * EPS * scale + 1e-300);
        const sigma = singularValues(W);
        const ratio = norm(back) / norm(g);
        const sMax = sigma[0]!;
        // Wᵀ maps ℝᵐ → ℝⁿ: when m > n it has a null space and the lower bound is 0.
        const sMin = m <= n ? sigma[sigma.length - 1]! : 0;
        expect(ratio).toBeLessThanOrEqual(sMax * (1 + 1e-12));
        expect(ratio).toBeGreaterThanOrEqual(sMin * (1 - 1e-12));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a gradient of the wrong length', () => {
    expect(() => linearBackward([[1, 2]], [1, 2])).toThrow(ShapeError);
    expect(() => linearBackward([[1, 2]], [1, 2])).toThrow(/1 rows?.*needs 1 entries.*has 2/);
  });
});

describe('linearLayerGradients', () => {
  it('gives y = Wx, ∂L/∂x = Wᵀg and ∂L/∂W = g xᵀ', () => {
    const r = linearLayerGradients([[2, 0], [0, 3]], [1, 1], [1, -1]);
    expect(r.y).toEqual([2, 3]);
    expect(r.gradInput).toEqual([2, -3]);
    expect(r.gradWeight).toEqual([[1, 1], [-1, -1]]);
  });
});
