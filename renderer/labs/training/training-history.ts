/**
 * What the Training lab's charts plot: one point per snapshot the worker sent, thinned to a
 * bounded number as training runs long (every other point dropped, the first and last kept).
 */
import type { TrainingSnapshot } from '../../../src/training/index.js';

/** The spectral measure the per-layer chart shows. */
export type SpectrumMetric = 'sigmaMax' | 'sigmaMin' | 'stableRank' | 'condition';
export const SPECTRUM_METRICS: readonly SpectrumMetric[] = ['sigmaMax', 'sigmaMin', 'stableRank', 'condition'];

/** One snapshot's numbers, as the charts read them. */
export interface HistoryPoint {
  readonly step: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly trainAccuracy?: number;
  readonly testAccuracy?: number;
  readonly regionCount?: number;
  readonly spectra: readonly { readonly sigmaMax: number; readonly sigmaMin: number; readonly stableRank: number; readonly condition: number }[];
  readonly gradientNorms: readonly number[];
}

/** The most points kept; past it every other point goes. */
export const MAX_HISTORY_POINTS = 1200;

/**
 * The history with `snapshot` added: a snapshot at a step not after the last point (a reset, a
 * new run) starts the history again; a snapshot at the last point's step replaces it.
 */
export function appendHistory(history: readonly HistoryPoint[], snapshot: TrainingSnapshot): HistoryPoint[] {
  const point: HistoryPoint = {
    step: snapshot.step,
    trainLoss: snapshot.trainLoss,
    testLoss: snapshot.testLoss,
    trainAccuracy: snapshot.trainAccuracy,
    testAccuracy: snapshot.testAccuracy,
    regionCount: snapshot.regionCount,
    spectra: snapshot.spectra.map(({ sigmaMax, sigmaMin, stableRank, condition }) => ({ sigmaMax, sigmaMin, stableRank, condition })),
    gradientNorms: [...snapshot.gradientNorms],
  };
  const last = history.at(-1);
  if (!last || snapshot.step < last.step) return [point];
  const kept = snapshot.step === last.step ? history.slice(0, -1) : history.slice();
  kept.push(point);
  if (kept.length <= MAX_HISTORY_POINTS) return kept;
  return kept.filter((_, i) => i % 2 === 0 || i === kept.length - 1);
}
