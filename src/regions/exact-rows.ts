/**
 * The exact pre-activation rows of a hidden layer on a cell, for the rare sign decisions the float
 * filter cannot settle. On cell p of the partition after l hidden layers, neuron i of hidden layer
 * l + 1 computes zᵢ = bᵢ + Σₖ Wᵢₖ·sₖ·zₖ with zₖ layer l's rows on p's parent cell and sₖ their
 * slopes on p (1 or the leak): a sum of products of doubles, so a dyadic rational, computed here
 * with BigInt and cached per cell.
 */
import { combine, exactRowOf, toDyadic, type Dyadic, type ExactRow } from './dyadic.js';
import type { Layer } from './layers.js';
import type { FlatNetwork } from './network.js';
import type { ExactSource } from './planes.js';

const ONE: Dyadic = { m: 1n, e: 0 };

/**
 * A source of exact rows for the partition whose cells after l hidden layers are layers[l]: the
 * row of neuron i of hidden layer l + 1 (weights[l]) on cell p of layers[l]. Reads only the
 * layers' bits and groups, which the partition keeps to the end.
 */
export function exactRowSource(flat: FlatNetwork, layers: readonly Layer[], d: number): ExactSource {
  const cache: Map<number, ExactRow[]>[] = [];
  const unitH: ExactRow = { nums: Array.from({ length: d + 1 }, (_, j) => (j === d ? 1n : 0n)), e: 0 };
  const leak = toDyadic(flat.leak);
  const rowsOn = (l: number, p: number): ExactRow[] => {
    const memo = (cache[l] ??= new Map());
    const hit = memo.get(p);
    if (hit) return hit;
    const W = flat.weights[l];
    const b = flat.biases[l];
    const n = flat.widths[l + 1];
    const m = flat.widths[l];
    const rows: ExactRow[] = [];
    if (l === 0) {
      for (let i = 0; i < n; i++) rows.push(exactRowOf([...W.subarray(i * d, i * d + d), b[i]]));
    } else {
      const parent = rowsOn(l - 1, layers[l].group.data[p]);
      const bits = layers[l].bits;
      for (let i = 0; i < n; i++) {
        const terms: [Dyadic, ExactRow][] = [[toDyadic(b[i]), unitH]];
        for (let k = 0; k < m; k++) {
          const s = bits[p * m + k] === 1 ? ONE : leak;
          const w = toDyadic(W[i * m + k]);
          if (s.m === 0n || w.m === 0n) continue;
          terms.push([{ m: s.m * w.m, e: s.e + w.e }, parent[k]]);
        }
        rows.push(combine(terms));
      }
    }
    memo.set(p, rows);
    return rows;
  };
  return (l, p, i) => rowsOn(l, p)[i];
}
