// One neuron's boundary: hand-worked lines and folds, the degenerate neurons that touch zero
// without switching, a hexagon in the cube, and on random networks every piece lies on zᵢ = 0 with
// the neuron switching across it, and every switch found on a dense grid lies on some piece.
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { networkOutput } from '../../../src/regions/network.js';
import { neuronBoundary } from '../../../src/regions/neuron-boundary.js';
import { neuronNetwork } from '../../../src/regions/subnetworks.js';
import type { ReluNet } from '../../../src/regions/types.js';
import { unitBox } from './helpers.js';

const square = unitBox(2);
const cube = unitBox(3);

/** Segments as sorted strings of their ends to 12 digits, for order-free comparison. */
const segments = (pieces: number[][][]) => pieces.map((s) => s.map((p) => p.map((x) => (Math.abs(x) < 1e-12 ? 0 : x).toFixed(12)).join(',')).sort().join(' – ')).sort();

function distanceToSegment(p: number[], [a, b]: number[][]): number {
  const ab = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / (ab[0] ** 2 + ab[1] ** 2)));
  return Math.hypot(p[0] - a[0] - t * ab[0], p[1] - a[1] - t * ab[1]);
}

describe('neuronBoundary', () => {
  it('a first-layer neuron: its line clipped to the box', () => {
    // x − 0.5y − 0.25 = 0 meets y = −1 at x = −0.25 and y = 1 at x = 0.75.
    const net: ReluNet = { weights: [[[1, -0.5]], [[1]]], biases: [[-0.25], [0]] };
    expect(segments(neuronBoundary(net, square, 0, 0))).toEqual(segments([[[-0.25, -1], [0.75, 1]]]));
  });

  it('|x| − 0.5 in layer 2: two pieces, one per half that layer 1 made', () => {
    const net: ReluNet = { weights: [[[1, 0], [-1, 0]], [[1, 1]], [[1]]], biases: [[0, 0], [-0.5], [0]] };
    expect(segments(neuronBoundary(net, square, 1, 0))).toEqual(segments([[[-0.5, -1], [-0.5, 1]], [[0.5, -1], [0.5, 1]]]));
  });

  it('a neuron repeating a boundary of layer 1 (ReLU(ReLU(x))) switches along it, drawn once', () => {
    const net: ReluNet = { weights: [[[1, 0]], [[1]], [[1]]], biases: [[0], [0], [0]] };
    expect(segments(neuronBoundary(net, square, 1, 0))).toEqual(segments([[[0, -1], [0, 1]]]));
  });

  it('no boundary where the neuron touches zero without switching: |x| and −|x|', () => {
    const fold = (sign: number): ReluNet => ({ weights: [[[1, 0], [-1, 0]], [[sign, sign]], [[1]]], biases: [[0, 0], [0], [0]] });
    expect(neuronBoundary(fold(1), square, 1, 0)).toEqual([]);
    expect(neuronBoundary(fold(-1), square, 1, 0)).toEqual([]);
  });

  it('a neuron that is never zero in the box has no boundary', () => {
    const net: ReluNet = { weights: [[[1, 0]], [[1]]], biases: [[3], [0]] };
    expect(neuronBoundary(net, square, 0, 0)).toEqual([]);
  });

  it('the plane x + y + z = 0 cuts the cube in a regular hexagon of area 3√3, counter-clockwise seen from +a', () => {
    const net: ReluNet = { weights: [[[1, 1, 1]], [[1]]], biases: [[0], [0]] };
    const pieces = neuronBoundary(net, cube, 0, 0);
    expect(pieces).toHaveLength(1);
    const loop = pieces[0];
    expect(loop).toHaveLength(6);
    const area = [0, 0, 0];
    loop.forEach((p, i) => {
      const q = loop[(i + 1) % loop.length];
      area[0] += (p[1] * q[2] - p[2] * q[1]) / 2;
      area[1] += (p[2] * q[0] - p[0] * q[2]) / 2;
      area[2] += (p[0] * q[1] - p[1] * q[0]) / 2;
      expect(Math.abs(p[0] + p[1] + p[2])).toBeLessThan(1e-15);
    });
    // The vector area points along +a = (1, 1, 1)/√3 with length 3√3 (corners exact, sums of a few terms).
    expect((area[0] + area[1] + area[2]) / Math.sqrt(3)).toBeCloseTo(3 * Math.sqrt(3), 14);
  });

  it('the refusal names a neuron that is not hidden', () => {
    const net = initNetwork({ inputs: 2, hidden: [3], init: 'he', seed: 1 });
    expect(() => neuronBoundary(net, square, 1, 0)).toThrow(expect.objectContaining({ path: 'layer' }));
  });

  it.each([
    [[8, 8], 1, 0],
    [[8, 8], 1, 7],
    [[6, 6, 6], 2, 3],
    [[12, 5], 1, 4],
  ] as const)('widths %j, neuron %i:%i of a random network: exact and complete', (hidden, layer, index) => {
    const net = initNetwork({ inputs: 2, hidden: [...hidden], init: 'he', seed: 4 + index });
    const z = (x: number[]) => networkOutput(neuronNetwork(net, layer, index), x);
    const pieces = neuronBoundary(net, square, layer, index);
    expect(pieces.length).toBeGreaterThan(0);
    // Exact: zᵢ vanishes along every piece (to rounding, relative to its scale), and the neuron
    // switches across it (checked 1e-6 to either side of the middle, away from the ends).
    const scale = Math.max(...pieces.flat().map((p) => Math.abs(z([p[0] + 0.01, p[1]])) + Math.abs(z([p[0], p[1] + 0.01]))), 1e-3);
    for (const [a, b] of pieces) {
      for (const t of [0, 0.3, 0.7, 1]) expect(Math.abs(z([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]))).toBeLessThan(1e-9 * scale);
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      const n = [(a[1] - b[1]) / len, (b[0] - a[0]) / len];
      const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const side = (s: number) => z([mid[0] + s * 1e-6 * n[0], mid[1] + s * 1e-6 * n[1]]) > 0;
      if (len > 1e-4) expect(side(1)).not.toBe(side(-1));
    }
    // Complete: wherever the bit flips between neighbours of a 120 × 120 grid, a piece passes
    // within one grid step (the switch lies on the grid edge between them).
    const N = 120;
    const h = 2 / N;
    const on = (i: number, j: number) => z([-1 + i * h, -1 + j * h]) > 0;
    for (let i = 0; i <= N; i++) {
      for (let j = 0; j <= N; j++) {
        for (const [di, dj] of [[1, 0], [0, 1]]) {
          if (i + di > N || j + dj > N || on(i, j) === on(i + di, j + dj)) continue;
          const mid = [-1 + (i + di / 2) * h, -1 + (j + dj / 2) * h];
          expect(Math.min(...pieces.map((s) => distanceToSegment(mid, s)))).toBeLessThanOrEqual(h / 2 + 1e-12);
        }
      }
    }
  });

  it('3D: every corner of every piece lies on zᵢ = 0, and each piece is a flat convex loop', () => {
    const net = initNetwork({ inputs: 3, hidden: [6, 6], init: 'he', seed: 9 });
    const z = (x: number[]) => networkOutput(neuronNetwork(net, 1, 2), x);
    const pieces = neuronBoundary(net, cube, 1, 2);
    expect(pieces.length).toBeGreaterThan(1);
    for (const loop of pieces) {
      expect(loop.length).toBeGreaterThanOrEqual(3);
      for (const p of loop) expect(Math.abs(z(p))).toBeLessThan(1e-9);
      // Convex and consistently turning: consecutive edge cross products point the same way.
      const normals = loop.map((p, i) => {
        const q = loop[(i + 1) % loop.length];
        const r = loop[(i + 2) % loop.length];
        const u = q.map((x, k) => x - p[k]);
        const v = r.map((x, k) => x - q[k]);
        return [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
      });
      const total = normals.reduce((s, n) => s.map((x, k) => x + n[k]), [0, 0, 0]);
      for (const n of normals) expect(n[0] * total[0] + n[1] * total[1] + n[2] * total[2]).toBeGreaterThanOrEqual(-1e-12);
    }
  });
});
