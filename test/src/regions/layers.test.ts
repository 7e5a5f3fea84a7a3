// The pre-activation rows carried from layer to layer, against a direct sum: for every cell,
// (gᵢ, hᵢ) = bᵢ + Σₖ W[i][k]·sₖ·(gₖ, hₖ). The blocks of neighbouring cells only regroup the same
// terms, so the rows agree to a few ulps of the terms (tolerance 1e-14 of their size); a cell whose
// inputs are all off gets exactly b.
import { describe, expect, it } from 'vitest';
import { emptyLayer, preActivations } from '../../../src/regions/layers.js';
import { flattenNetwork } from '../../../src/regions/network.js';
import { rng } from './helpers.js';

describe('preActivations', () => {
  it.each([0, 0.2])('matches a direct sum on cells of mixed groups and bits (leak %d)', (leak) => {
    const next = rng(3);
    const d = 2;
    const m = 12;
    const n = 5;
    const w = d + 1;
    const net = {
      weights: [Array.from({ length: m }, () => [next() - 0.5, next() - 0.5]), Array.from({ length: n }, () => Array.from({ length: m }, () => next() - 0.5)), [Array(n).fill(1)]],
      biases: [Array.from({ length: m }, () => next() - 0.5), Array.from({ length: n }, () => next() - 0.5), [0]],
      leak,
    };
    const flat = flattenNetwork(net);
    // 40 cells in 4 groups; bits mostly alike within a group (so blocks form), some cells all off.
    const groups = 4;
    const pre = Float64Array.from({ length: groups * m * w }, () => next() * 2 - 1);
    const prev = emptyLayer(m, pre, 40, d);
    const base = Array.from({ length: groups }, () => Array.from({ length: m }, () => (next() < 0.5 ? 1 : 0)));
    for (let c = 0; c < 40; c++) {
      const g = Math.floor(c / 10);
      prev.group.push(g);
      for (let k = 0; k < m; k++) prev.bits[c * m + k] = c % 10 === 9 ? 0 : next() < 0.15 ? 1 - base[g][k] : base[g][k];
    }
    const P = preActivations(flat, 1, prev, d);
    for (let c = 0; c < 40; c++) {
      const g = prev.group[c];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < w; j++) {
          let sum = j === d ? net.biases[1][i] : 0;
          let size = Math.abs(sum);
          for (let k = 0; k < m; k++) {
            const s = prev.bits[c * m + k] === 1 ? 1 : leak;
            const term = net.weights[1][i][k] * s * pre[(g * m + k) * w + j];
            sum += term;
            size += Math.abs(term);
          }
          const got = P[(c * n + i) * w + j];
          if (c % 10 === 9 && leak === 0) expect(got).toBe(j === d ? net.biases[1][i] : 0);
          else expect(Math.abs(got - sum)).toBeLessThanOrEqual(1e-14 * size);
        }
      }
    }
  });

  it('gives the weights and biases themselves for the first layer', () => {
    const net = { weights: [[[1, 2], [3, 4]], [[1, 1]]], biases: [[5, 6], [0]] };
    const box = emptyLayer(0, new Float64Array(0), 1, 2);
    box.group.push(-1); // the box: the one cell before any layer
    const P = preActivations(flattenNetwork(net), 0, box, 2);
    expect(Array.from(P)).toEqual([1, 2, 5, 3, 4, 6]);
  });
});
