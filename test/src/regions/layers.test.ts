// The pre-activation rows carried from layer to layer, against a direct sum: for every cell,
// (gᵢ, hᵢ) = bᵢ + Σₖ W[i][k]·sₖ·(gₖ, hₖ). The blocks of neighbouring cells only regroup the same
// terms, so the rows agree to a few ulps of the terms (tolerance 1e-14 of their size); a cell whose
// inputs are all off gets exactly b; and the error bounds E cover the exact (dyadic) distance.
import { describe, expect, it } from 'vitest';
import { emptyLayer, preActivations } from '../../../src/regions/layers.js';
import { combine, exactRowOf, toDyadic, type Dyadic, type ExactRow } from '../../../src/regions/dyadic.js';
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
    const prev = emptyLayer(m, { P: pre, E: new Float64Array(groups * m) }, 40, d);
    const base = Array.from({ length: groups }, () => Array.from({ length: m }, () => (next() < 0.5 ? 1 : 0)));
    for (let c = 0; c < 40; c++) {
      const g = Math.floor(c / 10);
      prev.group.push(g);
      for (let k = 0; k < m; k++) prev.bits[c * m + k] = c % 10 === 9 ? 0 : next() < 0.15 ? 1 - base[g][k] : base[g][k];
    }
    // Parent rows carry error bounds of their own, which must add to the children's.
    for (let r = 0; r < groups * m; r++) prev.err[r] = next() * 1e-15;
    const scale = [1.5, 0.75];
    const { P, E } = preActivations(flat, 1, prev, d, scale);
    for (let c = 0; c < 40; c++) {
      const g = prev.group.data[c];
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
        // E bounds the float row's distance from the exact sum (dyadic arithmetic) over the box,
        // Σⱼ |Δgⱼ|·scaleⱼ + |Δh|, plus the parents' own bounds carried through |W·s|.
        const terms: [Dyadic, ExactRow][] = [[toDyadic(net.biases[1][i]), exactRowOf([0, 0, 1])]];
        let carried = 0;
        for (let k = 0; k < m; k++) {
          const s = prev.bits[c * m + k] === 1 ? 1 : leak;
          const a = toDyadic(net.weights[1][i][k] * s);
          const exactA = s === 1 ? a : null;
          if (s === 0) continue;
          // W·s with s = leak is itself a product of two doubles: multiply exactly.
          const ws = exactA ?? (() => { const x = toDyadic(net.weights[1][i][k]); const y = toDyadic(s); return { m: x.m * y.m, e: x.e + y.e }; })();
          terms.push([ws, exactRowOf(Array.from(pre.subarray((g * m + k) * w, (g * m + k + 1) * w)))]);
          carried += Math.abs(net.weights[1][i][k] * s) * prev.err[g * m + k];
        }
        const exact = combine(terms);
        const floatRow = exactRowOf(Array.from(P.subarray((c * n + i) * w, (c * n + i + 1) * w)));
        const diff = combine([[{ m: 1n, e: 0 }, floatRow], [{ m: -1n, e: 0 }, exact]]);
        const distance = diff.nums.reduce((t, x, j) => t + Math.abs(Number(x) * 2 ** diff.e) * (j < d ? scale[j] : 1), 0);
        expect(distance + carried).toBeLessThanOrEqual(E[c * n + i]);
      }
    }
  });

  it('gives the weights and biases themselves for the first layer', () => {
    const net = { weights: [[[1, 2], [3, 4]], [[1, 1]]], biases: [[5, 6], [0]] };
    const box = emptyLayer(0, { P: new Float64Array(0), E: new Float64Array(0) }, 1, 2);
    box.group.push(-1); // the box: the one cell before any layer
    const { P, E } = preActivations(flattenNetwork(net), 0, box, 2, [1, 1]);
    expect(Array.from(P)).toEqual([1, 2, 5, 3, 4, 6]);
    expect(Array.from(E)).toEqual([0, 0]);
  });
});
