/**
 * The linear regions a segment of input space crosses (the view after Hanin & Rolnick, 2019, who
 * found that their number grows about linearly with the number of neurons, not exponentially with
 * depth). Exact, by the partition of the previous files in one dimension: on x(t) = a + t(b − a),
 * t ∈ [0, 1], every pre-activation is affine in t on each piece, so each splits at one root.
 */
import { NetworkFormatError } from './errors.js';
import { flattenNetwork, roundingFloors } from './network.js';
import type { ReluNet } from './types.js';

/** Pieces of the segment closer together than this (in t, where the segment has length 1) merge. */
const T_TOLERANCE = 1e-10;

function checkPoint(x: readonly number[], d: number, name: string): void {
  if (!Array.isArray(x) || x.length !== d) throw new NetworkFormatError(name, `must have ${d} coordinates`);
  x.forEach((v, k) => {
    if (!Number.isFinite(v)) throw new NetworkFormatError(`${name}[${k}]`, 'is not a finite number');
  });
}

/**
 * The parameters t ∈ (0, 1), increasing, at which the segment x(t) = a + t(b − a) passes from one
 * linear region of the network to the next. Layer by layer, each piece [t₀, t₁] carries the
 * previous layer's activations as α + β·t; neuron i's pre-activation zᵢ = Σₖ Wᵢₖ(αₖ + βₖt) + bᵢ
 * vanishes at t = −(Σₖ Wᵢₖαₖ + bᵢ)/(Σₖ Wᵢₖβₖ), and the piece splits at every such root inside it
 * (roots within 1e-10 of each other or of an end count as one). A neuron's bit on a piece is the
 * sign of zᵢ at its midpoint (z ≤ 0 is off), as in linearRegions; a neuron that is zero on a piece
 * up to the rounding of its terms (see roundingFloors) neither splits it nor is on. Throws
 * NetworkFormatError for a malformed network or points.
 * @example lineBreakpoints({ weights: [[[1, 0]], [[1]]], biases: [[0], [0]] }, [-1, 0], [1, 0]) // [0.5]
 */
export function lineBreakpoints(net: ReluNet, a: readonly number[], b: readonly number[]): number[] {
  const flat = flattenNetwork(net);
  const d = flat.widths[0];
  checkPoint(a, d, 'a');
  checkPoint(b, d, 'b');
  // A pre-activation within its rounding floor over a piece is zero there: no root, off.
  const floors = roundingFloors(flat, a.map((x, k) => Math.max(Math.abs(x), Math.abs(b[k]), Math.abs(b[k] - x))));
  // Pieces as parallel lists: ends, and per piece the activations' (α, β) of the current layer.
  let starts = [0];
  let ends = [1];
  let act: Float64Array[] = [Float64Array.from({ length: 2 * d }, (_, j) => (j < d ? a[j] : b[j - d] - a[j - d]))];
  for (let l = 0; l + 1 < flat.weights.length; l++) {
    const n = flat.widths[l + 1];
    const m = flat.widths[l];
    const W = flat.weights[l];
    const bias = flat.biases[l];
    const floor = floors[l];
    const nextStarts: number[] = [];
    const nextEnds: number[] = [];
    const nextAct: Float64Array[] = [];
    for (let p = 0; p < starts.length; p++) {
      const prev = act[p];
      const z = new Float64Array(2 * n); // (α_i, β_i) of the pre-activations
      for (let i = 0; i < n; i++) {
        let alpha = bias[i];
        let beta = 0;
        for (let k = 0; k < m; k++) {
          alpha += W[i * m + k] * prev[k];
          beta += W[i * m + k] * prev[m + k];
        }
        z[i] = alpha;
        z[n + i] = beta;
      }
      const t0 = starts[p];
      const t1 = ends[p];
      const cuts = [t0];
      for (let i = 0; i < n; i++) {
        if (z[n + i] === 0 || Math.max(Math.abs(z[i] + z[n + i] * t0), Math.abs(z[i] + z[n + i] * t1)) <= floor[i]) continue;
        const t = -z[i] / z[n + i];
        if (t > t0 + T_TOLERANCE && t < t1 - T_TOLERANCE) cuts.push(t);
      }
      cuts.sort((x, y) => x - y);
      cuts.push(t1);
      for (let c = 0; c + 1 < cuts.length; c++) {
        if (cuts[c + 1] - cuts[c] <= T_TOLERANCE && c + 2 < cuts.length) {
          cuts[c + 1] = cuts[c]; // a repeated root: skip the empty piece between the two copies
          continue;
        }
        const mid = (cuts[c] + cuts[c + 1]) / 2;
        const next = new Float64Array(2 * n);
        for (let i = 0; i < n; i++) {
          const s = z[i] + z[n + i] * mid > floor[i] ? 1 : flat.leak;
          next[i] = s * z[i];
          next[n + i] = s * z[n + i];
        }
        nextStarts.push(cuts[c]);
        nextEnds.push(cuts[c + 1]);
        nextAct.push(next);
      }
    }
    starts = nextStarts;
    ends = nextEnds;
    act = nextAct;
  }
  return starts.slice(1);
}

/**
 * How many linear regions the segment from a to b crosses: 1 + the number of lineBreakpoints.
 * These are activation regions; two neighbours may still share one affine map (say, a neuron
 * whose output weight is 0), so the output along the line can have fewer distinct slopes.
 * @example countRegionsAlongLine({ weights: [[[1, 0], [0, 1]], [[1, 1]]], biases: [[0, 0], [0]] }, [-1, -1], [1, 1]) // 2
 */
export function countRegionsAlongLine(net: ReluNet, a: readonly number[], b: readonly number[]): number {
  return lineBreakpoints(net, a, b).length + 1;
}
