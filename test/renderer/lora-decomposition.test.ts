import { describe, expect, it } from 'vitest';
import { bestRankApproximation, difference, eckartYoungErrors, errorCurve, exampleUpdate, frobeniusNorm, gaussianMatrix, measuredErrors } from '../../src/lora/index.js';
import { svd } from '../../src/linalg/index.js';
import { CHECKPOINT_EVERY, decomposeUpdate, measuredSpectral, rankView } from '../../renderer/labs/lora/lora-decomposition.js';

/**
 * The rank slider recombines a decomposition instead of calling bestRankApproximation and
 * measuredErrors again: every number must be the same double as theirs (toEqual compares with
 * Object.is, so −0 and 0 would differ too).
 */
describe('rankView gives bestRankApproximation’s and measuredErrors’ numbers bit for bit', () => {
  const cases: [string, number[][]][] = [
    ['example 40×40 (crosses two checkpoints)', exampleUpdate(40, 40, { rank: 4, noise: 0.05, seed: 2 })],
    ['wide 7×37', gaussianMatrix(7, 37, 5)],
    ['tall 35×9', gaussianMatrix(35, 9, 6)],
    ['2×2', [[0.3, -1.2], [0.7, 0.05]]],
    ['rank 1, 17×17', Array.from({ length: 17 }, (_, i) => Array.from({ length: 17 }, (_, j) => (i + 1) * (j - 8)))],
  ];
  for (const [name, deltaW] of cases) {
    it(name, () => {
      const d = deltaW.length;
      const k = deltaW[0]!.length;
      const W0 = gaussianMatrix(d, k, 11);
      const dec = decomposeUpdate(deltaW);
      const decomposition = svd(deltaW);
      expect(dec.sigma).toEqual(decomposition.S);
      expect(dec.curve).toEqual(errorCurve(decomposition.S));
      expect(dec.updateNorm).toBe(frobeniusNorm(deltaW));
      expect(dec.checkpoints).toHaveLength(Math.floor(Math.min(d, k) / CHECKPOINT_EVERY) + 1);
      // Up a step at a time (continuing the previous product), then down (from checkpoints), then jumps.
      const p = Math.min(d, k);
      const ranks = [...Array.from({ length: p + 1 }, (_, r) => r), ...Array.from({ length: p + 1 }, (_, r) => p - r), 3, 13, 9, 12, 11, 30, 21, 0, p];
      let previous;
      for (const r of ranks.filter((r) => r <= p)) {
        const before = bestRankApproximation(deltaW, r, { decomposition });
        const view = rankView(dec, deltaW, W0, r, previous);
        previous = view;
        expect(view.approximation).toEqual(before);
        const residual = difference(deltaW, before.product);
        expect(view.residual).toEqual(residual);
        expect(view.adapted).toEqual(W0.map((row, i) => row.map((v, j) => v + before.product[i]![j]!)));
        expect(view.theory).toEqual(eckartYoungErrors(before.sigma, before.rank));
        const measured = measuredErrors(deltaW, before.product);
        expect(view.measuredFrobenius).toBe(measured.frobenius);
        expect(measuredSpectral(view.residualData, d, k)).toBe(measured.spectral);
      }
    });
  }
});
