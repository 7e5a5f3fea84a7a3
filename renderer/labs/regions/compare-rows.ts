/**
 * Depth against width, as data: for one parameter budget, a shallow wide network and deeper
 * narrower ones, their exact region counts over several seeds (in a box and along a segment), and
 * the known bounds beside them. Pure: the Regions worker runs it off the main thread.
 */
import { countRegionsAlongLine, initNetwork, linearRegionsPacked, montufarLowerBound, serraUpperBound, zaslavskyCount } from '../../../src/regions/index.js';
import { parameterCount } from '../../../src/training/index.js';

export { parameterCount };

/** Architectures with about the same number of parameters (2 inputs, one output). */
export const ARCHITECTURES: readonly (readonly number[])[] = [[64], [14, 14], [10, 10, 10], [8, 8, 8, 8]];
export const COMPARE_SEEDS = [1, 2, 3];
/** Half the side of the box [−r, r]² the regions are counted in. */
export const COMPARE_RADIUS = 6;

/** One architecture's row of the comparison. */
export interface CompareRow {
  readonly label: string;
  readonly params: number;
  /** Regions in the box, one per seed. */
  readonly counts: number[];
  /** Regions along the segment from (−r, −0.3r) to (r, 0.3r), one per seed. */
  readonly lineCounts: number[];
  readonly lower: number;
  readonly upper: number;
  /** A single layer's exact count (Zaslavsky) when there is one layer. */
  readonly zaslavsky: number | undefined;
}

/** Every row, reporting the fraction of networks counted so far. */
export function compareRows(onProgress?: (fraction: number) => void): CompareRow[] {
  const rows: CompareRow[] = [];
  const total = ARCHITECTURES.length * COMPARE_SEEDS.length;
  const r = COMPARE_RADIUS;
  for (const hidden of ARCHITECTURES) {
    const counts: number[] = [];
    const lineCounts: number[] = [];
    for (const seed of COMPARE_SEEDS) {
      const net = initNetwork({ inputs: 2, hidden, init: 'he', seed });
      counts.push(linearRegionsPacked(net, { min: [-r, -r], max: [r, r] }).count);
      lineCounts.push(countRegionsAlongLine(net, [-r, -r * 0.3], [r, r * 0.3]));
      onProgress?.((rows.length * COMPARE_SEEDS.length + counts.length) / total);
    }
    rows.push({
      label: `2→${hidden.join('→')}→1`,
      params: parameterCount(2, hidden),
      counts,
      lineCounts,
      lower: montufarLowerBound(hidden, 2),
      upper: serraUpperBound(hidden, 2),
      zaslavsky: hidden.length === 1 ? zaslavskyCount(hidden[0]!, 2) : undefined,
    });
  }
  return rows;
}
