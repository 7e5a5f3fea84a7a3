/**
 * Scaled dot-product attention, one or several heads, on plain arrays.
 */
import { ShapeError } from '../errors.js';
import { NonFiniteError } from '../linalg/errors.js';
import { softmax } from './softmax.js';
import type { Matrix } from '../layer/types.js';


/** How attention is computed. */
export interface AttentionOptions {
  /** Divide the scores by √d_k (default true), so they do not grow with the key dimension. */
  readonly scale?: boolean;
  /** Divide the scores by this too (default 1): above 1 flattens the weights, below 1 sharpens them. */
  readonly temperature?: number;
  /** Let query i see only keys j ≤ i (default false): later scores are −Infinity, their weights 0. */
  readonly causal?: boolean;
  /**
   * Number of heads h (default 1). W_Q and W_K are d×(h·d_k), W_V is d×(h·d_v); head t uses
   * columns t·d_k … (t+1)·d_k − 1 of W_Q and W_K (and t·d_v … of W_V), so the heads are the
   * standard column blocks of one projection. Head outputs are concatenated, then mixed by W_O.
   */
  readonly heads?: number;
  /** (h·d_v)×m output projection applied to the concatenated heads; without it the output is the concatenation. */
  readonly Wo?: Matrix;
}

/** Everything attention computes, as plain arrays; per-head lists are indexed [head][i][j]. */
export interface AttentionResult {
  /** XW_Q: n×(h·d_k); head t's queries are its column block t. */
  readonly Q: number[][];
  /** XW_K: n×(h·d_k). */
  readonly K: number[][];
  /** XW_V: n×(h·d_v). */
  readonly V: number[][];
  /** Per head, the Gram matrix of queries and keys QₜKₜᵀ: entry (i, j) = qᵢ·kⱼ. */
  readonly dots: number[][][];
  /** Per head, the softmax input QₜKₜᵀ/(√d_k·T), −Infinity where masked. */
  readonly scores: number[][][];
  /** Per head, the row-stochastic softmax of the scores (masked entries exactly 0). */
  readonly weights: number[][][];
  /** Per head, n×d_v: row i = Σⱼ weights[t][i][j]·vⱼ, a convex combination of the head's values. */
  readonly headOutputs: number[][][];
  /** The head outputs side by side: n×(h·d_v). */
  readonly concat: number[][];
  /** concat·W_O (or concat without W_O). For one head without W_O this is softmax(·)V itself. */
  readonly output: number[][];
  readonly headCount: number;
  readonly dk: number;
  readonly dv: number;
}

function checkMatrix(name: string, A: Matrix, rows: number | undefined): number {
  if (rows !== undefined && A.length !== rows) throw new ShapeError(`attention: ${name} has ${A.length} rows, but it must have ${rows}.`);
  const cols = A[0]?.length ?? 0;
  A.forEach((row, i) => {
    if (row.length !== cols) throw new ShapeError(`attention: row ${i + 1} of ${name} has ${row.length} entries, row 1 has ${cols}.`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) {
        const error = new NonFiniteError(i, j, v);
        error.message = `${name}: ${error.message}`;
        throw error;
      }
    });
  });
  return cols;
}

/** A·B[:, from … from+width) with A n×k: one head's block of a projection. */
function projectBlock(A: Matrix, B: Matrix, from: number, width: number): number[][] {
  return A.map((row) =>
    Array.from({ length: width }, (_, c) => {
      let s = 0;
      for (let k = 0; k < row.length; k++) s += row[k]! * B[k]![from + c]!;
      return s;
    }),
  );
}

function matMul(A: Matrix, B: Matrix): number[][] {
  return projectBlock(A, B, 0, B[0]?.length ?? 0);
}

/**
 * Scaled dot-product attention (Vaswani et al. 2017). With Q = XW_Q, K = XW_K, V = XW_V and for
 * every head t (its column block of each), scoresₜ = QₜKₜᵀ/(√d_k·T) — the Gram matrix of the
 * queries against the keys, scaled — then weightsₜ = softmax of each row (`softmax`: stable,
 * masked entries exactly 0), so every row is a probability distribution over the keys and
 * headₜ = weightsₜVₜ puts each output inside the convex hull of the values. The heads are
 * concatenated and multiplied by W_O when given. X is n×d; n = 0 gives empty results.
 * Throws ShapeError on mismatched sizes or a head count that does not divide the columns,
 * NonFiniteError (naming the matrix and cell) on NaN/±Infinity entries, RangeError on a
 * temperature that is not a positive finite number, NaNScoreError if a score overflows to NaN.
 * @example attention([[1, 0], [0, 1]], I2, I2, I2).weights[0] // [[0.67, 0.33], [0.33, 0.67]] (rounded)
 */
export function attention(X: Matrix, Wq: Matrix, Wk: Matrix, Wv: Matrix, options: AttentionOptions = {}): AttentionResult {
  const { scale = true, temperature = 1, causal = false, heads = 1, Wo } = options;
  if (!(temperature > 0) || !Number.isFinite(temperature)) throw new RangeError(`attention: the temperature must be a positive finite number, not ${temperature}.`);
  if (!Number.isInteger(heads) || heads < 1) throw new RangeError(`attention: the number of heads must be a whole number ≥ 1, not ${heads}.`);
  const n = X.length;
  // With no tokens X has no rows to tell d; the projections then say it.
  const d = n === 0 ? Wq.length : checkMatrix('X', X, undefined);
  const qCols = checkMatrix('W_Q', Wq, d);
  const kCols = checkMatrix('W_K', Wk, d);
  const vCols = checkMatrix('W_V', Wv, d);
  if (kCols !== qCols) throw new ShapeError(`attention: W_Q has ${qCols} columns and W_K ${kCols}; queries and keys must have the same size.`);
  if (qCols < heads || vCols < heads) throw new ShapeError(`attention: each of the ${heads} head(s) needs at least one query/key and one value column.`);
  if (qCols % heads !== 0 || vCols % heads !== 0) {
    throw new ShapeError(`attention: ${heads} heads must split the ${qCols} query/key columns and the ${vCols} value columns evenly.`);
  }
  if (Wo) checkMatrix('W_O', Wo, vCols);
  const dk = qCols / heads;
  const dv = vCols / heads;
  const divisor = (scale ? Math.sqrt(dk) : 1) * temperature;

  const Q = matMul(X, Wq);
  const K = matMul(X, Wk);
  const V = matMul(X, Wv);
  const dots: number[][][] = [];
  const scores: number[][][] = [];
  const weights: number[][][] = [];
  const headOutputs: number[][][] = [];
  for (let t = 0; t < heads; t++) {
    const dot = Q.map((q) => K.map((k) => {
      let s = 0;
      for (let c = t * dk; c < (t + 1) * dk; c++) s += q[c]! * k[c]!;
      return s;
    }));
    const score = dot.map((row, i) => row.map((s, j) => (causal && j > i ? -Infinity : s / divisor)));
    const weight = score.map((row, i) => softmax(row, i));
    const out = weight.map((w) => Array.from({ length: dv }, (_, c) => {
      let s = 0;
      for (let j = 0; j < n; j++) if (w[j] !== 0) s += w[j]! * V[j]![t * dv + c]!;
      return s;
    }));
    dots.push(dot);
    scores.push(score);
    weights.push(weight);
    headOutputs.push(out);
  }
  const concat = Array.from({ length: n }, (_, i) => headOutputs.flatMap((h) => h[i]!));
  const output = Wo ? matMul(concat, Wo) : concat.map((row) => [...row]);
  return { Q, K, V, dots, scores, weights, headOutputs, concat, output, headCount: heads, dk, dv };
}
