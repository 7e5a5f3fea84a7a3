/**
 * Seeded example matrices for the LoRA lab: a Gaussian weight W₀ and a fine-tuning update ΔW that
 * is nearly low rank — a few strong directions plus a little noise — which is what measured
 * fine-tuning updates tend to look like and why a small r captures most of them.
 */
import { randomSource } from '../expression/random.js';

/** Options of {@link exampleUpdate}. */
export interface ExampleUpdateOptions {
  /** How many strong directions the update has (clamped to min(d, k)); default 4. */
  readonly rank?: number;
  /** Size of the noise: its entries are N(0, noise²/max(d, k)), so its σ₁ ≈ 2·noise; default 0.02. */
  readonly noise?: number;
  /** Strength of direction i (from 0) is decay^i; default 0.6. */
  readonly decay?: number;
  /** Seed of the random draws; default 1. */
  readonly seed?: number;
}

/**
 * A rows×cols matrix of standard normal entries drawn row by row from the seeded generator of
 * typed expressions, so it is exactly what `randn(rows, cols)` parses to with the same seed.
 * Throws RangeError for sizes that are not whole numbers ≥ 0.
 * @example gaussianMatrix(2, 2, 1) // the same numbers as parseMatrix('randn(2, 2)', { seed: 1 })
 */
export function gaussianMatrix(rows: number, cols: number, seed: number): number[][] {
  checkSize(rows, cols, 'gaussianMatrix');
  const source = randomSource(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => source.normal()));
}

/**
 * A d×k update that is low rank plus noise: ΔW = Σ_{i<t} decayⁱ xᵢyᵢᵀ + noise·N/√max(d, k), where
 * xᵢ, yᵢ are random unit vectors (Gaussian, normalized), N has standard normal entries and
 * t = min(rank, d, k). Its spectrum shows t large singular values (near 1, 0.6, 0.36, …) above a
 * floor of about 2·noise. Deterministic for a given seed. Throws RangeError for bad sizes or
 * options.
 * @example exampleUpdate(32, 32, { rank: 4, noise: 0.02, seed: 1 }) // 32×32, four σ well above the rest
 */
export function exampleUpdate(d: number, k: number, options: ExampleUpdateOptions = {}): number[][] {
  checkSize(d, k, 'exampleUpdate');
  const rank = options.rank ?? 4;
  const noise = options.noise ?? 0.02;
  const decay = options.decay ?? 0.6;
  if (!Number.isInteger(rank) || rank < 0) throw new RangeError(`exampleUpdate: rank must be a whole number ≥ 0, not ${rank}.`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new RangeError(`exampleUpdate: noise must be a finite number ≥ 0, not ${noise}.`);
  if (!(decay > 0) || !Number.isFinite(decay)) throw new RangeError(`exampleUpdate: decay must be a finite number > 0, not ${decay}.`);
  const source = randomSource(options.seed ?? 1);
  const unit = (n: number): number[] => {
    for (;;) {
      const v = Array.from({ length: n }, () => source.normal());
      const norm = Math.hypot(...v);
      if (norm > 0) return v.map((x) => x / norm);
    }
  };
  const out = Array.from({ length: d }, () => new Array<number>(k).fill(0));
  const t = Math.min(rank, d, k);
  for (let i = 0; i < t; i++) {
    const x = unit(d);
    const y = unit(k);
    const s = decay ** i;
    for (let a = 0; a < d; a++) for (let b = 0; b < k; b++) out[a][b] += s * x[a] * y[b];
  }
  const noiseScale = noise / Math.sqrt(Math.max(d, k));
  for (let a = 0; a < d; a++) for (let b = 0; b < k; b++) out[a][b] += noiseScale * source.normal();
  return out;
}

function checkSize(rows: number, cols: number, name: string): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`${name}: sizes must be whole numbers ≥ 0, not ${rows}×${cols}.`);
  }
}
