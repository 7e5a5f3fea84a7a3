/**
 * The fine-tune panel's sentences: what was measured, in words, never more. A layer's update is
 * called low-rank only when deltaEnergy says so (90% of ‖ΔW‖² in at most a quarter of its
 * directions); LoRA is said to match the full fine-tune only at a rank whose loss came within 10%.
 */
import type { DeltaEnergy, FineTuneComparison } from '../../../src/training/index.js';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** One layer's ΔW: how much its top directions hold, and whether that makes it low-rank. */
export function deltaVerdict(name: string, shape: readonly [number, number], e: DeltaEnergy): string {
  const [n, m] = shape;
  if (e.kept.at(-1) === 0) return `${name}: the full fine-tune did not change it (ΔW = 0).`;
  if (e.directions === 1) return `${name} (${n}×${m}) has one direction: its ΔW is rank 1 whatever training does — nothing to learn from it.`;
  const flat = Math.ceil(e.share * e.directions - 1e-12);
  const held = `rank ${e.rankForShare} of ${e.directions} keeps ${pct(e.kept[e.rankForShare]!)} of ‖ΔW‖² (a flat spectrum would need ${flat})`;
  if (e.lowRank === undefined) return `${name} (${n}×${m}): ${held}; ${e.directions} directions are too few to call it low-rank or not.`;
  return e.lowRank
    ? `${name} (${n}×${m}): ${held} — low-rank, as measured.`
    : `${name} (${n}×${m}): ${held} — not low-rank: 90% needs more than a quarter of its directions.`;
}

/** LoRA's losses against the full fine-tune's: the smallest rank within 10% of it, if any. */
export function lossVerdict(result: FineTuneComparison): string {
  const full = result.full.trainLoss;
  if (!Number.isFinite(full)) return 'The full fine-tune did not end on a finite loss; lower the learning rate.';
  const close = result.lora.find((r) => Number.isFinite(r.trainLoss) && r.trainLoss <= full * 1.1);
  const best = result.lora.reduce((a, b) => (b.trainLoss < a.trainLoss ? b : a));
  if (close && close.trainLoss < full) {
    return `LoRA at rank ${close.rank} reached a lower training loss than the full fine-tune in the same steps (${close.trainLoss.toPrecision(3)} against ${full.toPrecision(3)}), training ${close.trainedParameters} numbers instead of ${result.full.trainedParameters}.`;
  }
  if (close) {
    return `LoRA at rank ${close.rank} came within 10% of the full fine-tune's training loss (${close.trainLoss.toPrecision(3)} against ${full.toPrecision(3)}), training ${close.trainedParameters} numbers instead of ${result.full.trainedParameters}.`;
  }
  return `No rank tried came within 10% of the full fine-tune's training loss (${full.toPrecision(3)}); the closest was rank ${best.rank} at ${best.trainLoss.toPrecision(3)}. LoRA also leaves the biases and the other layers frozen.`;
}
