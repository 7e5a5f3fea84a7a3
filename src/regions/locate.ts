/**
 * Finding the region under a point by the network itself: one forward pass gives the point's
 * activation pattern, and a pattern names at most one region, so no shape needs to be searched.
 */
import { NetworkFormatError } from './errors.js';
import { checkBox, flattenNetwork, forward, patternKey } from './network.js';
import type { Box, PackedRegions, ReluNet } from './types.js';

/**
 * A function x ↦ the index of the region of `packed` (the partition of `net` in `box`) that
 * contains x, or −1 when x lies outside the box or its pattern is none of the regions'. It runs
 * the network at x (a forward pass: O(number of weights), whatever the number of regions) and
 * looks the pattern up, since each pattern belongs to exactly one region. A point on a boundary
 * gets the pattern the network gives it there (a zero pre-activation counts as off), so it is
 * placed in one of the regions that meet there; a point within rounding of a boundary whose
 * float forward pass gives a pattern no region has (the partition's signs are exact) gets −1. The network is flattened once, so calls allocate only a few small vectors.
 * Throws NetworkFormatError when `packed` was not computed from a network of this size.
 * @example regionLocator(net, linearRegionsPacked(net, box), box)([0.2, -0.5]) // an index into packed
 */
export function regionLocator(net: ReluNet, packed: PackedRegions, box: Box): (x: ArrayLike<number>) => number {
  const flat = flattenNetwork(net);
  const d = flat.widths[0];
  checkBox(box, d);
  if (flat.hidden !== packed.hidden || d !== packed.dim) {
    throw new NetworkFormatError('packed', `holds patterns of ${packed.hidden} neurons in ${packed.dim}D, the network has ${flat.hidden} in ${d}D`);
  }
  const index = new Map<string, number>();
  for (let r = 0; r < packed.count; r++) index.set(patternKey(packed.patterns.subarray(r * packed.hidden, (r + 1) * packed.hidden)), r);
  const pattern = new Uint8Array(flat.hidden);
  return (x) => {
    for (let k = 0; k < d; k++) if (!(x[k] >= box.min[k] && x[k] <= box.max[k])) return -1;
    forward(flat, x, pattern);
    return index.get(patternKey(pattern)) ?? -1;
  };
}
