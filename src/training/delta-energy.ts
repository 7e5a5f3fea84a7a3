/**
 * Is a fine-tune's update low-rank? Read off ΔW's singular values as measured: the share of
 * ‖ΔW‖_F² the best rank-r matrix keeps (Eckart–Young), the smallest rank that keeps a given
 * share, and the share a flat spectrum would keep, so a claim of "low rank" can be checked
 * against what no structure at all would give.
 */

import { scaledTailSums } from '../linalg/power-of-two.js';

/** What ΔW's spectrum says about its rank. */
export interface DeltaEnergy {
  /** min(n, m): how many directions ΔW has. */
  readonly directions: number;
  /** kept[r] = Σ_{i≤r} σᵢ² / Σ σᵢ², r = 0 … directions (all 0 for ΔW = 0). */
  readonly kept: number[];
  /** The smallest r with kept[r] ≥ `share` (0 for ΔW = 0). */
  readonly rankForShare: number;
  /** The share asked for (e.g. 0.9). */
  readonly share: number;
  /**
   * true: `rankForShare` ≤ directions / 4 (the energy sits in a few directions); false: it does
   * not (the spectrum is spread); undefined: ΔW is zero or has fewer than 4 directions, too few
   * to tell.
   */
  readonly lowRank: boolean | undefined;
}

/**
 * From the singular values σ₁ ≥ σ₂ ≥ … of a matrix with `directions` = min(n, m) of them (the
 * full spectrum): kept[r] = Σ_{i≤r} σᵢ² / Σᵢ σᵢ² — by Eckart–Young 1 − ‖ΔW − ΔW_r‖_F² / ‖ΔW‖_F²
 * for the best rank-r ΔW_r — for r = 0 … directions, the smallest r keeping at least `share`
 * of it, and whether that r is at most a quarter of the directions (a flat spectrum would need
 * ⌈share · directions⌉). Sums run smallest σ first so kept[directions] is 1 exactly, over the σᵢ
 * scaled by the power of two of the largest (exactly, so the shares are the same bits), so tiny
 * or huge values neither underflow nor overflow when squared. Throws
 * RangeError for a share outside (0, 1] or a value that is negative or not finite.
 * @example deltaEnergy([3, 1, 0, 0]).kept // [0, 0.9, 1, 1, 1]; rankForShare 1, lowRank true
 */
export function deltaEnergy(singularValues: readonly number[], share = 0.9): DeltaEnergy {
  if (!(share > 0 && share <= 1)) throw new RangeError(`deltaEnergy: the share must be in (0, 1], not ${share}.`);
  singularValues.forEach((s, i) => {
    if (!Number.isFinite(s) || s < 0) throw new RangeError(`deltaEnergy: σ${i + 1} must be a finite number ≥ 0, not ${s}.`);
  });
  const directions = singularValues.length;
  // tail[r] = Σ_{i>r} σᵢ² (scaled exactly), summed from the smallest so small tails keep their digits.
  const tail = scaledTailSums(singularValues);
  const total = tail[0]!;
  const kept = tail.map((t) => (total > 0 ? 1 - t / total : 0));
  const rankForShare = total > 0 ? kept.findIndex((k) => k >= share) : 0;
  const lowRank = total > 0 && directions >= 4 ? rankForShare <= directions / 4 : undefined;
  return { directions, kept, rankForShare, share, lowRank };
}
