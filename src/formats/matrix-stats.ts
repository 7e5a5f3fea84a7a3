/**
 * What a glance at an imported matrix should tell: its range, mean, size (the Frobenius norm), how
 * many entries are exactly zero (pruned or padded weights), a small picture of it, and a
 * fingerprint that names its values, so a project reopened later can tell whether a re-imported
 * file holds the same matrix.
 */

/** Summary statistics of a matrix's entries. */
export interface MatrixStatistics {
  readonly count: number;
  /** The smallest and largest entry (NaN for an empty matrix). */
  readonly min: number;
  readonly max: number;
  /** The arithmetic mean Σ mᵢⱼ / count (NaN for an empty matrix). */
  readonly mean: number;
  /** ‖M‖_F = √(Σ mᵢⱼ²). */
  readonly frobenius: number;
  /** max |mᵢⱼ| (0 for an empty matrix): the limit of a symmetric colour scale. */
  readonly maxAbs: number;
  /** How many entries are exactly 0 (−0 included). */
  readonly zeros: number;
}

/**
 * Min, max, mean, ‖M‖_F, max |mᵢⱼ| and the count of exact zeros of the values `data` (any order).
 * The mean is summed with Neumaier's compensation, so a million entries lose no more than a few
 * ulps; the norm is max|m|·√(Σ (m/max|m|)²), which neither overflows for entries near 1e300 nor
 * vanishes for entries near 1e-300. One pass for the range, one for the sums.
 * @example matrixStatistics([3, 0, -4, 0]) // { count: 4, min: -4, max: 3, mean: -0.25, frobenius: 5, maxAbs: 4, zeros: 2 }
 */
export function matrixStatistics(data: ArrayLike<number>): MatrixStatistics {
  const count = data.length;
  if (count === 0) return { count, min: NaN, max: NaN, mean: NaN, frobenius: 0, maxAbs: 0, zeros: 0 };
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (let i = 0; i < count; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
  }
  const maxAbs = Math.max(Math.abs(min), Math.abs(max));
  let sum = 0;
  let compensation = 0;
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const v = data[i];
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    if (v !== 0) {
      const s = v / maxAbs;
      squares += s * s;
    }
  }
  return { count, min, max, mean: (sum + compensation) / count, frobenius: maxAbs * Math.sqrt(squares), maxAbs, zeros };
}

/** A matrix sampled down for a small picture. */
export interface MatrixPreview {
  readonly rows: number;
  readonly cols: number;
  /** Every `step`-th row and column of the original was taken. */
  readonly step: number;
  readonly values: Float64Array;
}

/**
 * A picture of a rows × cols matrix at most `maxSide` entries on its longer side: every s-th row
 * and every s-th column, s = ⌈max(rows, cols)/maxSide⌉, so the aspect ratio is kept and each
 * pixel is a real entry (averaging blocks would grey out random weights, whose means are ≈ 0).
 * @example previewMatrix(data, 4096, 4096, 256).step // 16
 */
export function previewMatrix(data: ArrayLike<number>, rows: number, cols: number, maxSide: number): MatrixPreview {
  if (data.length !== rows * cols) throw new RangeError(`previewMatrix: ${data.length} values cannot be a ${rows}×${cols} matrix.`);
  if (!(maxSide >= 1)) throw new RangeError(`previewMatrix: the side must be at least 1, not ${maxSide}.`);
  const step = Math.max(1, Math.ceil(Math.max(rows, cols) / Math.floor(maxSide)));
  const pr = Math.ceil(rows / step);
  const pc = Math.ceil(cols / step);
  const values = new Float64Array(pr * pc);
  for (let i = 0; i < pr; i++) {
    const from = i * step * cols;
    for (let j = 0; j < pc; j++) values[i * pc + j] = data[from + j * step];
  }
  return { rows: pr, cols: pc, step, values };
}

/**
 * A 53-bit fingerprint of a rows × cols matrix's float64 values (their bytes, so −0 ≠ 0), as 14
 * hex digits prefixed by the size: "768x768-1f3a…". Two hashes of 32 bits mixed as in cyrb53
 * (Math.imul multiply–xorshift); not cryptographic, it only tells matrices apart.
 * @example matrixFingerprint(new Float64Array([1, 2]), 1, 2) // "1x2-…" (the same for the same values)
 */
export function matrixFingerprint(data: Float64Array, rows: number, cols: number): string {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.length * 2);
  let h1 = 0xdeadbeef ^ rows;
  let h2 = 0x41c6ce57 ^ cols;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${rows}x${cols}-${value.toString(16).padStart(14, '0')}`;
}
