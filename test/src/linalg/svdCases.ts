/**
 * The SVD's test matrices as data (the Numerics rows of RELIABILITY.md and more): svd.test.ts runs
 * every row through LAPACK's test ratios and the checks the row asks for.
 */
import { GRADED_BIDIAGONAL, HILBERT_12_NUMPY, KAHAN_50_NUMPY } from './fixtures/svdReference.js';
import { bidiagonal, hilbert, kahan, randomMatrix, scale, withSingularValues, zeros, type Rows } from './matrices.js';

export interface SvdCase {
  readonly name: string;
  readonly matrix: () => Rows;
  /**
   * Singular values the matrix is known (constructed) or measured (fixture) to have, compared with
   * an absolute tolerance 10·max(m, n)·ε·σ₁: the size of error any backward-stable SVD may make.
   */
  readonly sigma?: readonly number[];
  /**
   * For matrices whose entries determine every σ to high relative accuracy: the allowed
   * |σ̂ − σ|/σ, in units of ε.
   */
  readonly relativeUlps?: number;
}

const randomShapes: readonly [number, number][] = [
  [1, 1], [1, 7], [7, 1], [5, 3], [3, 5], [7, 5], [5, 7], [40, 40], [64, 33], [33, 64], [150, 120], [120, 150], [200, 200],
];

/** 1 four times with splits of 1e-12 around it, then 0.5 twice with a split of 1e-13, then 0.1 … */
const CLUSTERED = [1 + 2e-12, 1 + 1e-12, 1, 1, 1 - 1e-12, 0.5 + 1e-13, 0.5, 0.1, 0.1, 0.1, 0.01, 0.01, 1e-3, 1e-3, 1e-3];
const GRADED = Array.from({ length: 16 }, (_, k) => 10 ** -k);
const RANK_3 = [3, 2, 1, ...new Array<number>(17).fill(0)];

/** A graded diagonal scattered by a row and a column permutation: σ are exactly the entries. */
function permutedDiagonal(): Rows {
  const values = [1, 1e-3, 1e-6, 1e-9, 1e-12, 1e-15, 1e-18, 1e-21];
  const rowOf = [3, 6, 0, 7, 2, 5, 1, 4];
  const colOf = [5, 2, 7, 0, 4, 1, 6, 3];
  const a = zeros(8, 8);
  values.forEach((v, k) => (a[rowOf[k]][colOf[k]] = v));
  return a;
}

export const SVD_CASES: readonly SvdCase[] = [
  ...randomShapes.map(([m, n], k): SvdCase => ({ name: `random ${m}×${n}`, matrix: () => randomMatrix(m, n, 1000 + k) })),
  { name: 'Hilbert(12) vs numpy', matrix: () => hilbert(12), sigma: HILBERT_12_NUMPY },
  { name: 'Kahan(50), c = 0.285, vs numpy', matrix: () => kahan(50, 0.285), sigma: KAHAN_50_NUMPY },
  { name: 'clustered σ (splits of 1e-12), 15×15', matrix: () => withSingularValues(15, 15, CLUSTERED, 11), sigma: CLUSTERED },
  { name: 'clustered σ, 20×15', matrix: () => withSingularValues(20, 15, CLUSTERED, 12), sigma: CLUSTERED },
  { name: 'graded σ = 10^-k, k = 0..15', matrix: () => withSingularValues(16, 16, GRADED, 13), sigma: GRADED },
  { name: 'graded σ = 10^-k, 16×24', matrix: () => withSingularValues(16, 24, GRADED, 14), sigma: GRADED },
  { name: 'rank 3 in 20×20', matrix: () => withSingularValues(20, 20, RANK_3, 15), sigma: RANK_3 },
  {
    name: 'graded bidiagonal vs mpmath (relative accuracy)',
    matrix: () => bidiagonal(GRADED_BIDIAGONAL.d, GRADED_BIDIAGONAL.e),
    sigma: GRADED_BIDIAGONAL.sigma,
    // dbdsqr guarantees relative error O(n)·TOL (TOL ≈ 99ε its convergence threshold); 2ε is
    // what we measure, so 10·n·ε still catches any loss of relative accuracy.
    relativeUlps: 10 * 12,
  },
  {
    name: 'permuted graded diagonal 1 … 1e-21 (relative accuracy)',
    matrix: permutedDiagonal,
    sigma: [1, 1e-3, 1e-6, 1e-9, 1e-12, 1e-15, 1e-18, 1e-21],
    relativeUlps: 4,
  },
  { name: 'zero 6×4', matrix: () => zeros(6, 4), sigma: [0, 0, 0, 0] },
  { name: 'zero 3×5', matrix: () => zeros(3, 5), sigma: [0, 0, 0] },
  { name: 'single entry 1×1 negative', matrix: () => [[-2.5]], sigma: [2.5] },
  { name: 'empty 0×0', matrix: () => [], sigma: [] },
  { name: 'empty 3×0', matrix: () => [[], [], []], sigma: [] },
  { name: 'random 20×15 · 1e300 (near overflow)', matrix: () => scale(randomMatrix(20, 15, 21), 1e300) },
  { name: 'random 15×20 · 1e-300 (near underflow)', matrix: () => scale(randomMatrix(15, 20, 22), 1e-300) },
  {
    name: 'known σ · 1e300',
    matrix: () => scale(withSingularValues(12, 9, [9, 7, 5, 3, 1, 0.5, 0.25, 0.125, 0], 23), 1e300),
    sigma: [9e300, 7e300, 5e300, 3e300, 1e300, 0.5e300, 0.25e300, 0.125e300, 0],
  },
  { name: 'tall 40×3 (QR first)', matrix: () => randomMatrix(40, 3, 24) },
  { name: 'wide 2×30', matrix: () => randomMatrix(2, 30, 25) },
];
