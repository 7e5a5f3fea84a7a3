/**
 * What LoRA saves: a full update of a d×k weight trains d·k numbers, the factors A (d×r) and
 * B (r×k) only r(d + k).
 */

/** The parameter counts of a full update and of a rank-r LoRA update. */
export interface LoraParameterCount {
  /** d·k: every entry of ΔW. */
  readonly full: number;
  /** r(d + k): the entries of A and B. */
  readonly lora: number;
  /** full / lora: how many times fewer numbers LoRA trains (Infinity when r = 0). */
  readonly ratio: number;
  /** lora / full, the fraction kept. */
  readonly fraction: number;
  /**
   * True when r ≥ dk/(d + k): the factors then hold at least as many numbers as ΔW itself, so
   * the low-rank form saves nothing.
   */
  readonly noSaving: boolean;
}

/** Largest size accepted for d, k or r: the counts stay exact integers (below 2⁵³) up to here. */
export const MAX_LORA_DIMENSION = 2 ** 24;

/**
 * Parameter counts of a rank-r update of a d×k weight: full = d·k, lora = r(d + k), and their
 * ratio dk / (r(d + k)). For d = k = 4096 and r = 16: 16 777 216 against 131 072, 128× fewer.
 * Throws RangeError unless d and k are whole numbers from 1 to 2²⁴ and r a whole number from 0 to
 * 2²⁴ (so every count is an exact integer).
 * @example loraParameterCount(4096, 4096, 16) // { full: 16777216, lora: 131072, ratio: 128, … }
 */
export function loraParameterCount(d: number, k: number, r: number): LoraParameterCount {
  for (const [name, value, min] of [['d', d, 1], ['k', k, 1], ['r', r, 0]] as const) {
    if (!Number.isInteger(value) || value < min || value > MAX_LORA_DIMENSION) {
      throw new RangeError(`loraParameterCount: ${name} must be a whole number from ${min} to ${MAX_LORA_DIMENSION}, not ${value}.`);
    }
  }
  const full = d * k;
  const lora = r * (d + k);
  return { full, lora, ratio: lora === 0 ? Infinity : full / lora, fraction: lora / full, noSaving: lora >= full };
}
