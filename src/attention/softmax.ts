/**
 * The softmax that turns a row of scores into attention weights, and how spread out the result is.
 */
import { NaNScoreError } from './errors.js';

/**
 * softmax(s)ⱼ = exp(sⱼ) / Σₖ exp(sₖ), computed as exp(sⱼ − max s) / Σₖ exp(sₖ − max s): the same
 * numbers, but the largest exponent is exp(0) = 1, so nothing overflows (scores of ±1e300 are
 * fine) and the sum is at least 1. The result is a probability vector: entries in [0, 1] summing
 * to 1 within n·ε.
 *
 * Masked entries are −Infinity and get weight exactly 0. Two limits are decided on purpose:
 * a row whose entries are all −Infinity (every key masked) gives all zeros — there is nothing to
 * attend to, and inventing weight on a masked key would break the mask, so this one row is not a
 * distribution (a causal mask never produces it: the diagonal stays open); entries of +Infinity
 * share the weight equally and everything finite gets 0, which is the limit of softmax as those
 * scores grow. NaN has no limit: it throws NaNScoreError, naming `row` and the column.
 * @example softmax([1, 1, -Infinity]) // [0.5, 0.5, 0]
 */
export function softmax(scores: readonly number[], row = 0): number[] {
  let max = -Infinity;
  for (let j = 0; j < scores.length; j++) {
    const s = scores[j]!;
    if (Number.isNaN(s)) throw new NaNScoreError(row, j);
    if (s > max) max = s;
  }
  if (max === -Infinity) return scores.map(() => 0);
  if (max === Infinity) {
    const count = scores.filter((s) => s === Infinity).length;
    return scores.map((s) => (s === Infinity ? 1 / count : 0));
  }
  // s − max may overflow to −Infinity (−1e308 − 1e308): exp gives 0, which is the right answer.
  const e = scores.map((s) => Math.exp(s - max));
  let sum = 0;
  for (const v of e) sum += v;
  return e.map((v) => v / sum);
}

/**
 * The Shannon entropy H(p) = −Σ pⱼ ln pⱼ of a probability row, in nats (terms with pⱼ = 0 count
 * 0). It is 0 when all weight sits on one key and ln n when it is spread evenly over n keys: a
 * readout of how peaked a softmax row is.
 * @example rowEntropy([0.5, 0.5]) // Math.LN2
 */
export function rowEntropy(p: readonly number[]): number {
  let h = 0;
  for (const v of p) if (v > 0) h -= v * Math.log(v);
  return h;
}
