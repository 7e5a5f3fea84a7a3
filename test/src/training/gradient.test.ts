// Back-propagation against central finite differences, over random networks (2–3 inputs, 1–3
// hidden layers of 1–5 neurons), every activation, both losses, random batches. Tolerance: the
// central difference with step h = 1e-6 has truncation error ~h²·|f‴| and rounding error
// ~ε·|L|/h ≈ 1e-10, so |analytic − numeric| ≤ 1e-6·(1 + |analytic|) holds with room to spare.
// (Leaky) ReLU networks whose pre-activations come within 1e-3 of a kink are skipped: there the
// difference quotient straddles the kink and is not the derivative.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernelFor } from '../../../src/training/trainer.js';
import type { TrainingActivation, TrainingLoss } from '../../../src/training/index.js';

const H = 1e-6;

/** Every hidden pre-activation at every point, by a plain forward pass (for the kink guard). */
function preActivations(weights: number[][][], biases: number[][], x: number[][], activation: TrainingActivation, leak: number): number[] {
  const zs: number[] = [];
  for (const point of x) {
    let a = point;
    for (let l = 0; l + 1 < weights.length; l++) {
      const z = weights[l].map((row, i) => row.reduce((s, w, k) => s + w * a[k], biases[l][i]));
      zs.push(...z);
      a = z.map((v) => (v > 0 ? v : activation === 'leaky-relu' ? leak * v : 0));
    }
  }
  return zs;
}

const caseArb = fc
  .record({
    inputs: fc.constantFrom(2, 3),
    hidden: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
    activation: fc.constantFrom<TrainingActivation>('relu', 'leaky-relu', 'tanh', 'gelu'),
    loss: fc.constantFrom<TrainingLoss>('bce', 'mse'),
    batch: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
  })
  .map(({ inputs, hidden, activation, loss, batch, seed }) => {
    // Seeded values in (−1.5, 1.5) from a small LCG: fast-check picks the shape and the seed.
    let s = seed >>> 0;
    const next = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return (s / 2 ** 32) * 3 - 1.5;
    };
    const widths = [inputs, ...hidden, 1];
    const weights = widths.slice(1).map((n, l) => Array.from({ length: n }, () => Array.from({ length: widths[l] }, next)));
    const biases = widths.slice(1).map((n) => Array.from({ length: n }, next));
    const x = Array.from({ length: batch }, () => Array.from({ length: inputs }, next));
    const y = x.map(() => (loss === 'bce' ? (next() > 0 ? 1 : 0) : next()));
    return { weights, biases, x, y, activation, loss, leak: 0.1 };
  });

describe('gradient of the mean loss', () => {
  it('equals central finite differences for every weight and bias', () => {
    fc.assert(
      fc.property(caseArb, ({ weights, biases, x, y, activation, loss, leak }) => {
        if (activation === 'relu' || activation === 'leaky-relu') {
          fc.pre(preActivations(weights, biases, x, activation, leak).every((z) => Math.abs(z) > 1e-3));
        }
        const kernel = kernelFor({ net: { weights, biases }, activation, leak });
        kernel.batch(x, y, loss, true);
        const analytic = Float64Array.from(kernel.grad);
        const p = kernel.params;
        for (let j = 0; j < p.length; j++) {
          const keep = p[j];
          p[j] = keep + H;
          const up = kernel.batch(x, y, loss, false);
          p[j] = keep - H;
          const down = kernel.batch(x, y, loss, false);
          p[j] = keep;
          const numeric = (up - down) / (2 * H);
          expect(Math.abs(analytic[j] - numeric)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(analytic[j])));
        }
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('reports per-layer ‖∂L/∂W_l‖_F as the trainer gradient norms', () => {
    const net = { weights: [[[1, -2], [0.5, 0.3]], [[0.7, -1.1]]], biases: [[0.1, -0.2], [0.05]] };
    const kernel = kernelFor({ net, activation: 'tanh' });
    const x = [[0.3, -0.4], [1, 0.2]];
    const y = [1, 0];
    kernel.batch(x, y, 'bce', true);
    const g = Array.from(kernel.grad);
    // Layout: W₀ (4), b₀ (2), W₁ (2), b₁ (1).
    expect(kernel.weightGradientNorms()).toEqual([Math.sqrt(g.slice(0, 4).reduce((s, v) => s + v * v, 0)), Math.sqrt(g[6] ** 2 + g[7] ** 2)]);
  });
});
