/**
 * Moving between the regions of a partition with the keyboard: ] and [ step through them in their
 * stable order (the partition's numbering), Home and End go to the first and last, and the arrow
 * keys (and Page Up / Page Down for x₃) go to the neighbouring region in that direction — the
 * first other region met walking from the focused region's interior point along that axis.
 */
import type { PackedRegions } from '../../../src/regions/index.js';

const AXES: Record<string, readonly [axis: number, sign: number]> = {
  ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowUp: [1, 1], ArrowDown: [1, -1], PageUp: [2, 1], PageDown: [2, -1],
};

/** Steps along the way (per half side of the box) when walking to a neighbour. */
const STEPS = 1024;

/**
 * The region `key` moves the keyboard to from `focused` (undefined: none yet), or undefined when
 * the key is not one of these (or, with `arrows` false, is an arrow key) or leads nowhere.
 */
export function regionKeyStep(
  key: string,
  p: PackedRegions,
  focused: number | undefined,
  locate: (x: ArrayLike<number>) => number,
  arrows: boolean,
): number | undefined {
  const n = p.count;
  if (n === 0) return undefined;
  if (key === ']') return focused === undefined ? 0 : (focused + 1) % n;
  if (key === '[') return focused === undefined ? n - 1 : (focused - 1 + n) % n;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  const move = AXES[key];
  if (!move || !arrows || move[0] >= p.dim) return undefined;
  if (focused === undefined) {
    const centre = locate(new Array(p.dim).fill(0));
    return centre >= 0 ? centre : 0;
  }
  return neighbourRegion(p, focused, move[0], move[1], locate);
}

/**
 * The first region other than `i` met walking from i's interior point along `axis` in direction
 * `sign`, inside the partition's box; `focused` itself when the walk leaves the box first.
 */
export function neighbourRegion(p: PackedRegions, i: number, axis: number, sign: number, locate: (x: ArrayLike<number>) => number): number {
  const d = p.dim;
  const x = Array.from(p.interiors.subarray(i * d, (i + 1) * d));
  const { lo, hi } = extent(p, axis);
  const h = (hi - lo) / (2 * STEPS);
  for (let step = 1; step <= 2 * STEPS; step++) {
    x[axis] = p.interiors[i * d + axis]! + sign * step * h;
    if (x[axis]! < lo || x[axis]! > hi) break;
    const r = locate(x);
    if (r >= 0 && r !== i) return r;
  }
  return i;
}

/** The box's bounds along `axis`: the extreme corners of the partition. */
function extent(p: PackedRegions, axis: number): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = axis; k < p.coords.length; k += p.dim) {
    lo = Math.min(lo, p.coords[k]!);
    hi = Math.max(hi, p.coords[k]!);
  }
  return { lo, hi };
}
