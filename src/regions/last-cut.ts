/**
 * Which hidden layer made each linear region what it is: the colouring "by layer" of the Regions
 * lab, computed from the regions' activation patterns alone.
 */
import { NetworkFormatError } from './errors.js';
import { patternKey } from './network.js';
import type { PackedRegions } from './types.js';

/**
 * Per region, the hidden layer (1-based) that last cut it: the smallest l such that no other
 * region of the box shares its pattern on layers 1..l. The regions sharing a pattern on layers
 * 1..l are exactly the pieces of one cell of the partition after layer l (that set of inputs is
 * convex, so it is one cell), so this is the layer whose cut left the region's cell with no other
 * region in it: layer l split its cell after layer l − 1, and no later layer splits it again. A
 * region gets 0 only when the box is a single region (no layer cut anything). `widths` are the
 * hidden widths whose bits the patterns hold (the first k layers of a truncated network give the
 * partition after layer k); their sum must be packed.hidden. Counting the distinct prefixes after
 * layer l reproduces stats.regionsPerLayer[l − 1].
 * @example lastCutLayers(linearRegionsPacked(net, box), [16, 16]) // Uint8Array of 1s and 2s
 */
export function lastCutLayers(packed: PackedRegions, widths: readonly number[]): Uint8Array {
  if (!Array.isArray(widths) || widths.length === 0 || widths.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new NetworkFormatError('widths', 'must list the hidden widths, each a whole number ≥ 1');
  }
  const total = widths.reduce((s, n) => s + n, 0);
  if (total !== packed.hidden) throw new NetworkFormatError('widths', `add up to ${total} neurons, but the patterns have ${packed.hidden} bits`);
  const { count, hidden, patterns } = packed;
  const out = new Uint8Array(count);
  if (count <= 1) return out;
  // cell[r]: the number of r's cell after the layers so far (all start in the box, cell 0).
  let cell = new Int32Array(count);
  let offset = 0;
  for (let l = 0; l < widths.length; l++) {
    const ids = new Map<string, number>();
    const next = new Int32Array(count);
    for (let r = 0; r < count; r++) {
      const at = r * hidden + offset;
      const key = `${cell[r]}:${patternKey(patterns.subarray(at, at + widths[l]))}`;
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      next[r] = id;
    }
    const sizes = new Int32Array(ids.size);
    for (let r = 0; r < count; r++) sizes[next[r]]++;
    for (let r = 0; r < count; r++) if (out[r] === 0 && sizes[next[r]] === 1) out[r] = l + 1;
    cell = next;
    offset += widths[l];
  }
  return out;
}
