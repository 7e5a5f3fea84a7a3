// cornerRadius is a proven bound: for corners where d planes meet, the distance (∞-norm) from the
// stored float point to the exact meeting point of the planes' exact rows is at most the radius.
// The exact rows are the float rows plus perturbations inside their error bounds E (as the
// partition's carried rows are), and the exact point comes from Cramer's rule in BigInt (every
// double is an integer times 2^-1074, so scaling by 2^1074 makes every quantity an integer).
// Cases: random planes through a point of the box, and nearly parallel ones (the radius is then
// large, or ∞ when the floats cannot bound det M away from 0).
import { describe, expect, it } from 'vitest';
import { cornerRadius, PlaneTable } from '../../../src/regions/planes.js';
import { ShapeStore } from '../../../src/regions/shape-store.js';
import { rng } from './helpers.js';

const K = 1074n;

/** x·2^1074 exactly, for a double x (finite). */
function scaled(x: number): bigint {
  if (x === 0) return 0n;
  let m = x;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  return BigInt(m) << (BigInt(e) + K);
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function det(m: bigint[][]): bigint {
  if (m.length === 2) return m[0][0] * m[1][1] - m[0][1] * m[1][0];
  return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
    - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
    + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

describe.each([2, 3])('cornerRadius (%dD)', (d) => {
  it('bounds the distance to the exact meeting point of the exact planes', () => {
    const next = rng(17 + d);
    const lo = Array(d).fill(-1);
    const hi = Array(d).fill(1);
    let finite = 0;
    let checked = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const T = new PlaneTable(lo, hi, () => {
        throw new Error('no exact row is needed');
      });
      const p = Array.from({ length: d }, () => 1.8 * next() - 0.9);
      const nearParallel = trial % 3 === 2;
      const floatRows: number[][] = [];
      const exactRows: bigint[][] = [];
      const ids: number[] = [];
      for (let i = 0; i < d; i++) {
        let g = Array.from({ length: d }, () => 2 * next() - 1);
        if (nearParallel && i === d - 1) g = floatRows[0].slice(0, d).map((v) => v + 10 ** -(3 + 11 * next()) * (2 * next() - 1));
        const h = -g.reduce((s, v, j) => s + v * p[j], 0);
        const row = [...g, h];
        // The exact row: the float row plus perturbations (0 in a third of the rows), E covering them.
        const size = trial % 3 === 0 && i === 0 ? 0 : 10 ** -(3 + 13 * next());
        const delta = row.map(() => size * (2 * next() - 1));
        const E = delta.reduce((s, v) => s + Math.abs(v), 0) * (1 + 2 ** -50);
        floatRows.push(row);
        exactRows.push(row.map((v, j) => scaled(v) + scaled(delta[j])));
        ids.push(T.add(row, 0, E, 0, 0, i));
      }
      // The stored point: the meeting point near p, off by rounding-sized amounts (inside the box).
      const x = p.map((v) => v + 1e-12 * (2 * next() - 1));
      const store = new ShapeStore(d, 1, 1);
      store.coords.set(x);
      store.defs.set(ids);
      store.cornerTop = 1;
      const rho = cornerRadius(T, store, 0);
      expect(rho).toBeGreaterThanOrEqual(0);
      if (rho === Infinity) continue;
      finite++;
      // Exact meeting point by Cramer: M x = −h, x_j = det(M_j)/det(M) (all scaled by 2^1074).
      const M = exactRows.map((r) => r.slice(0, d));
      const D = det(M);
      if (D === 0n) continue; // parallel exact planes meet nowhere; a finite radius is then vacuous
      checked++;
      const R = scaled(rho);
      for (let j = 0; j < d; j++) {
        const Mj = M.map((r, i) => r.map((v, k) => (k === j ? -exactRows[i][d] : v)));
        // |x̃_j − x_j| ≤ ρ  ⇔  |X̃_j·D − det(M_j)·2^1074| ≤ R·|D|.
        expect(abs(scaled(x[j]) * D - (det(Mj) << K)) <= R * abs(D)).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(finite).toBe(checked);
  });
});
