/**
 * The linear regions a segment of input space crosses (the view after Hanin & Rolnick, 2019, who
 * found that their number grows about linearly with the number of neurons, not exponentially with
 * depth). Exact, by the partition of the previous files in one dimension: on x(t) = a + t(b − a),
 * t ∈ [0, 1], every pre-activation is affine in t on each piece, so each splits at one root. Every
 * decision (a sign at a piece's end, the order of two roots) is certified (line-points.ts).
 */
import { combine, toDyadic, type Dyadic, type ExactRow } from './dyadic.js';
import { NetworkFormatError } from './errors.js';
import { LinePoints, SLACK, TINY, type LineRowSource, type LineStats } from './line-points.js';
import { flattenNetwork, type FlatNetwork } from './network.js';
import type { ReluNet } from './types.js';

export type { LineStats } from './line-points.js';

/** The unit roundoff of float64. */
const U = 2 ** -53;

function checkPoint(x: readonly number[], d: number, name: string): void {
  if (!Array.isArray(x) || x.length !== d) throw new NetworkFormatError(name, `must have ${d} coordinates`);
  x.forEach((v, k) => {
    if (!Number.isFinite(v)) throw new NetworkFormatError(`${name}[${k}]`, 'is not a finite number');
  });
}

/** The segment's breakpoints (floats, each within its proven radius of the exact one) and the decision counters. */
export interface LineCrossings {
  readonly breakpoints: number[];
  readonly stats: LineStats;
}

/** Pieces of one layer's input: ids of their end points, their layer-l bits and parent pieces. */
interface Level {
  group: number[];
  bits: Uint8Array;
}

/**
 * The exact rows (β, α) of the pre-activations on the pieces, cached per piece: layer 0 from
 * xⱼ(t) = aⱼ + t(bⱼ − aⱼ) with dyadic aⱼ, bⱼ; layer l on piece p from layer l − 1's rows on p's
 * parent times the slopes of p's bits (as exact-rows.ts does for the plane).
 */
function exactLineRows(flat: FlatNetwork, a: readonly number[], b: readonly number[], levels: Level[]): LineRowSource {
  const one: ExactRow = { nums: [0n, 1n], e: 0 };
  const xs = a.map((x, j) => combine([[toDyadic(b[j]), { nums: [1n, 0n], e: 0 }], [toDyadic(x), { nums: [-1n, 1n], e: 0 }]]));
  const leak = toDyadic(flat.leak);
  const cache: Map<number, ExactRow[]>[] = [];
  const rowsOn = (l: number, p: number): ExactRow[] => {
    const memo = (cache[l] ??= new Map());
    const hit = memo.get(p);
    if (hit) return hit;
    const m = flat.widths[l];
    const parent = l === 0 ? xs : rowsOn(l - 1, levels[l].group[p]);
    const rows: ExactRow[] = [];
    for (let i = 0; i < flat.widths[l + 1]; i++) {
      const terms: [Dyadic, ExactRow][] = [[toDyadic(flat.biases[l][i]), one]];
      for (let k = 0; k < m; k++) {
        const w = toDyadic(flat.weights[l][i * m + k]);
        const s = l === 0 || levels[l].bits[p * m + k] === 1 ? { m: 1n, e: 0 } : leak;
        if (w.m !== 0n && s.m !== 0n) terms.push([{ m: w.m * s.m, e: w.e + s.e }, parent[k]]);
      }
      rows.push(combine(terms));
    }
    memo.set(p, rows);
    return rows;
  };
  return (l, p, i) => rowsOn(l, p)[i];
}

// Scratch for one piece's active inputs: index, slope, value of α and β, and their q.
let idx = new Int32Array(64);
let sl = new Float64Array(64);
let av = new Float64Array(64);
let bv = new Float64Array(64);
let qa = new Float64Array(64);
let qb = new Float64Array(64);

function grow(m: number): void {
  idx = new Int32Array(2 * m);
  sl = new Float64Array(2 * m);
  av = new Float64Array(2 * m);
  bv = new Float64Array(2 * m);
  qa = new Float64Array(2 * m);
  qb = new Float64Array(2 * m);
}

/**
 * Whether c + Σₜ W[row + idxₜ]·slₜ·vₜ is exactly 0 (v = α when which is 0, β when 1): c = 0 and
 * every term has W = 0 or an input that is an exact 0 (value 0 with error bound 0, i.e. q = 0).
 */
function exactZero(c: number, W: Float64Array, row: number, count: number, which: number): boolean {
  if (c !== 0) return false;
  const v = which === 0 ? av : bv;
  const q = which === 0 ? qa : qb;
  for (let t = 0; t < count; t++) if (W[row + idx[t]] !== 0 && (v[t] !== 0 || q[t] !== 0)) return false;
  return true;
}

/**
 * The segment x(t) = a + t(b − a) cut into the pieces of constant activation pattern, with proven
 * decisions. Layer by layer, each piece carries the previous layer's activations as α + βt (floats
 * with error bounds); neuron i's pre-activation zᵢ = bᵢ + Σₖ Wᵢₖ(αₖ + βₖt) is evaluated at the
 * piece's two ends with a certified sign, and the piece splits at zᵢ's root exactly when the signs
 * are strictly opposite; roots are sorted and exactly equal ones merged by a certified comparison.
 * A neuron's bit on a sub-piece is 1 when zᵢ > 0 there (z ≤ 0 is off, so a neuron that is 0 on a
 * whole piece is off and cuts nothing), as in linearRegions. The breakpoints are the exact roots
 * rounded (non-decreasing, in [0, 1]); stats counts the decisions and the exact fallbacks. Throws
 * NetworkFormatError for a malformed network or points.
 */
export function lineCrossings(net: ReluNet, a: readonly number[], b: readonly number[]): LineCrossings {
  const flat = flattenNetwork(net);
  const d = flat.widths[0];
  checkPoint(a, d, 'a');
  checkPoint(b, d, 'b');
  const levels: Level[] = [{ group: [0], bits: new Uint8Array(0) }];
  const points = new LinePoints(exactLineRows(flat, a, b, levels));
  // Per piece of the current level: its end points, the piece of the previous level it was cut
  // from (whose pre-activations [α̃, β̃, Eα, Eβ], 4 blocks of m, are its inputs before the slopes),
  // and its bits. Level 0 is the whole segment, whose inputs are x(t) itself.
  let starts = [0];
  let ends = [1];
  const first = new Float64Array(4 * d);
  for (let j = 0; j < d; j++) {
    first[j] = a[j];
    first[d + j] = b[j] - a[j];
    first[3 * d + j] = U * Math.abs(first[d + j]) * SLACK;
  }
  let inputs: Float64Array[] = [first];
  const hiddenLayers = flat.weights.length - 1;
  const leak = flat.leak;
  for (let l = 0; l < hiddenLayers; l++) {
    const n = flat.widths[l + 1];
    const m = flat.widths[l];
    const W = flat.weights[l];
    const bias = flat.biases[l];
    const gamma = (m + 4) * U;
    const { group, bits } = levels[l];
    const side0 = new Int8Array(n);
    const side1 = new Int8Array(n);
    const rootOf = new Int32Array(n);
    if (idx.length < m) grow(m);
    const next: Level = { group: [], bits: new Uint8Array(Math.max(16, 2 * starts.length * n)) };
    const nextStarts: number[] = [];
    const nextEnds: number[] = [];
    const pre: Float64Array[] = [];
    for (let p = 0; p < starts.length; p++) {
      const prev = inputs[group[p]];
      // The inputs with a non-zero slope, listed once (no branch per term), with qₖ = γ|vₖ| + Eₖ:
      // a term w·vₖ (w = slope·W, rounded) is within |w|·qₖ of its exact value once summed.
      let count = 0;
      for (let k = 0; k < m; k++) {
        const slope = l === 0 || bits[p * m + k] === 1 ? 1 : leak;
        if (slope === 0) continue;
        idx[count] = k;
        sl[count] = slope;
        // fl(leak·W) may underflow (an absolute error up to 2^-1074): room for it in q.
        const under = slope === 1 ? 0 : Number.MIN_VALUE;
        av[count] = prev[k];
        bv[count] = prev[m + k];
        qa[count] = gamma * Math.abs(prev[k]) + prev[2 * m + k] + under * (Math.abs(prev[k]) + prev[2 * m + k]);
        qb[count] = gamma * Math.abs(prev[m + k]) + prev[3 * m + k] + under * (Math.abs(prev[m + k]) + prev[3 * m + k]);
        count++;
      }
      const z = new Float64Array(4 * n);
      pre.push(z);
      for (let i = 0; i < n; i++) {
        const row = i * m;
        let alpha = bias[i];
        let beta = 0;
        let ea = gamma * Math.abs(alpha);
        let eb = 0;
        for (let t = 0; t < count; t++) {
          const w = sl[t] * W[row + idx[t]];
          const aw = Math.abs(w);
          alpha += w * av[t];
          beta += w * bv[t];
          ea += aw * qa[t];
          eb += aw * qb[t];
        }
        z[i] = alpha;
        z[n + i] = beta;
        z[2 * n + i] = alpha === 0 && exactZero(bias[i], W, row, count, 0) ? 0 : (ea + TINY) * SLACK;
        z[3 * n + i] = beta === 0 && exactZero(0, W, row, count, 1) ? 0 : (eb + TINY) * SLACK;
      }
      const s = starts[p];
      const e = ends[p];
      const roots: number[] = [];
      for (let i = 0; i < n; i++) {
        side0[i] = points.sign(s, z[i], z[n + i], z[2 * n + i], z[3 * n + i], l, p, i);
        side1[i] = points.sign(e, z[i], z[n + i], z[2 * n + i], z[3 * n + i], l, p, i);
        rootOf[i] = -1;
        if (side0[i] * side1[i] < 0) {
          rootOf[i] = roots.length;
          roots.push(points.addRoot(z[i], z[n + i], z[2 * n + i], z[3 * n + i], points.t[s], points.t[e], l, p, i));
        }
      }
      // Sort the roots exactly and merge equal ones: cuts = [s, one root per distinct value, e];
      // rank[r] is the index in cuts of root r's value.
      const cuts = [s];
      const rank = new Int32Array(roots.length);
      if (roots.length > 0) {
        const order = roots.map((_, r) => r);
        if (order.length > 1) order.sort((x, y) => points.compare(roots[x], roots[y]));
        for (let r = 0; r < order.length; r++) {
          if (r === 0 || points.compare(roots[order[r - 1]], roots[order[r]]) !== 0) cuts.push(roots[order[r]]);
          rank[order[r]] = cuts.length - 1;
        }
      }
      cuts.push(e);
      for (let c = 0; c + 1 < cuts.length; c++) {
        const at = next.group.length * n;
        if (at + n > next.bits.length) {
          const grown = new Uint8Array(2 * (at + n));
          grown.set(next.bits);
          next.bits = grown;
        }
        for (let i = 0; i < n; i++) {
          const g = rootOf[i] < 0 ? -1 : rank[rootOf[i]];
          next.bits[at + i] = (g < 0 ? side0[i] > 0 || side1[i] > 0 : c < g ? side0[i] > 0 : side1[i] > 0) ? 1 : 0;
        }
        next.group.push(p);
        nextStarts.push(cuts[c]);
        nextEnds.push(cuts[c + 1]);
      }
    }
    levels.push(next);
    starts = nextStarts;
    ends = nextEnds;
    inputs = pre;
  }
  const breakpoints: number[] = [];
  let last = 0;
  for (let c = 1; c < starts.length; c++) {
    last = Math.min(1, Math.max(last, points.t[starts[c]]));
    breakpoints.push(last);
  }
  return { breakpoints, stats: points.stats };
}

/**
 * The parameters t ∈ (0, 1), non-decreasing, at which the segment x(t) = a + t(b − a) passes from
 * one linear region of the network to the next (see lineCrossings): the exact roots, rounded.
 * @example lineBreakpoints({ weights: [[[1, 0]], [[1]]], biases: [[0], [0]] }, [-1, 0], [1, 0]) // [0.5]
 */
export function lineBreakpoints(net: ReluNet, a: readonly number[], b: readonly number[]): number[] {
  return lineCrossings(net, a, b).breakpoints;
}

/**
 * How many linear regions the segment from a to b crosses: 1 + the number of exact breakpoints,
 * i.e. the number of distinct activation patterns on the open pieces of the segment (activation
 * regions are convex, so none is met twice). Two neighbours may still share one affine map (say, a
 * neuron whose output weight is 0), so the output along the line can have fewer distinct slopes.
 * @example countRegionsAlongLine({ weights: [[[1, 0], [0, 1]], [[1, 1]]], biases: [[0, 0], [0]] }, [-1, -1], [1, 1]) // 2
 */
export function countRegionsAlongLine(net: ReluNet, a: readonly number[], b: readonly number[]): number {
  return lineBreakpoints(net, a, b).length + 1;
}
