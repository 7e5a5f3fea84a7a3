/**
 * A ReLU network evaluated point by point: its output, its activation pattern, and the structural
 * checks every kernel of the Regions lab runs before it starts.
 */
import { NetworkFormatError } from './errors.js';
import type { Box, ReluNet } from './types.js';

/** The network in the form the kernels use: widths and row-major Float64Array layers. */
export interface FlatNetwork {
  /** [inputs, n_1, …, n_L, 1]. */
  readonly widths: readonly number[];
  /** weights[l][i·widths[l] + k] = W_l[i][k]. */
  readonly weights: readonly Float64Array[];
  readonly biases: readonly Float64Array[];
  /** Slope of a neuron whose pre-activation is ≤ 0. */
  readonly leak: number;
  /** Total number of hidden neurons (the length of a pattern). */
  readonly hidden: number;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Checks the structure of a network and returns it flattened: 2 or 3 inputs, every row of layer l
 * as long as layer l−1 is wide, one bias per neuron, a single output neuron, finite numbers and
 * a finite leak. Throws NetworkFormatError naming the first bad path, e.g.
 * `weights[1][3] has 7 entries, expected 16`. Size limits for files are parseNetwork's business.
 * @example flattenNetwork({ weights: [[[1, 0]], [[1]]], biases: [[0], [0]] }).widths // [2, 1, 1]
 */
export function flattenNetwork(net: ReluNet): FlatNetwork {
  if (net === null || typeof net !== 'object') throw new NetworkFormatError('', 'a network must be an object with weights and biases');
  const { weights, biases } = net;
  if (!Array.isArray(weights) || weights.length === 0) throw new NetworkFormatError('weights', 'must be a non-empty list of layers');
  if (!Array.isArray(biases)) throw new NetworkFormatError('biases', 'must be a list of layers');
  if (biases.length !== weights.length) throw new NetworkFormatError('biases', `has ${biases.length} layers, expected ${weights.length} (one per weight layer)`);
  const leak = net.leak ?? 0;
  if (!finite(leak)) throw new NetworkFormatError('leak', 'must be a finite number');
  const first = weights[0]?.[0];
  const inputs = Array.isArray(first) ? first.length : 0;
  if (inputs !== 2 && inputs !== 3) throw new NetworkFormatError('weights[0][0]', `has ${inputs} entries, expected 2 or 3 (the input dimension)`);
  const widths = [inputs];
  const flatW: Float64Array[] = [];
  const flatB: Float64Array[] = [];
  weights.forEach((layer, l) => {
    if (!Array.isArray(layer) || layer.length === 0) throw new NetworkFormatError(`weights[${l}]`, 'must be a non-empty list of rows');
    const fanIn = widths[l];
    const W = new Float64Array(layer.length * fanIn);
    layer.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== fanIn) {
        throw new NetworkFormatError(`weights[${l}][${i}]`, `has ${Array.isArray(row) ? row.length : 0} entries, expected ${fanIn}`);
      }
      row.forEach((w, k) => {
        if (!finite(w)) throw new NetworkFormatError(`weights[${l}][${i}][${k}]`, 'is not a finite number');
        W[i * fanIn + k] = w;
      });
    });
    const bias = biases[l];
    if (!Array.isArray(bias) || bias.length !== layer.length) {
      throw new NetworkFormatError(`biases[${l}]`, `has ${Array.isArray(bias) ? bias.length : 0} entries, expected ${layer.length}`);
    }
    bias.forEach((b, i) => {
      if (!finite(b)) throw new NetworkFormatError(`biases[${l}][${i}]`, 'is not a finite number');
    });
    widths.push(layer.length);
    flatW.push(W);
    flatB.push(Float64Array.from(bias));
  });
  if (widths[widths.length - 1] !== 1) {
    throw new NetworkFormatError(`weights[${weights.length - 1}]`, `has ${widths[widths.length - 1]} rows, expected 1 (the single output)`);
  }
  const hidden = widths.slice(1, -1).reduce((s, n) => s + n, 0);
  return { widths, weights: flatW, biases: flatB, leak, hidden };
}

/**
 * Checks a box against an input dimension: `min` and `max` of length d, finite, min < max in every
 * coordinate. Throws NetworkFormatError naming `box.min`/`box.max` and the coordinate.
 */
export function checkBox(box: Box, d: number): void {
  for (const key of ['min', 'max'] as const) {
    const v = box?.[key];
    if (!Array.isArray(v) || v.length !== d) throw new NetworkFormatError(`box.${key}`, `must list ${d} coordinates (the network has ${d} inputs)`);
    v.forEach((x, k) => {
      if (!finite(x)) throw new NetworkFormatError(`box.${key}[${k}]`, 'is not a finite number');
    });
  }
  for (let k = 0; k < d; k++) {
    if (!(box.min[k] < box.max[k])) throw new NetworkFormatError(`box.max[${k}]`, `must exceed box.min[${k}] (${box.min[k]})`);
  }
}

/**
 * Runs the network on x and writes each hidden neuron's bit into `pattern` (1 where its
 * pre-activation z > 0, else 0; z = 0 counts as off, as the partition does), returning the output
 * W_L·σ(…) + b_L. Allocates two small scratch vectors per call.
 */
export function forward(flat: FlatNetwork, x: ArrayLike<number>, pattern?: Uint8Array): number {
  const { widths, weights, biases, leak } = flat;
  let a: ArrayLike<number> = x;
  let bit = 0;
  for (let l = 0; l < weights.length; l++) {
    const n = widths[l + 1];
    const m = widths[l];
    const W = weights[l];
    const z = new Float64Array(n);
    const hiddenLayer = l < weights.length - 1;
    for (let i = 0; i < n; i++) {
      let s = biases[l][i];
      for (let k = 0; k < m; k++) s += W[i * m + k] * a[k];
      if (hiddenLayer) {
        const on = s > 0;
        if (pattern) pattern[bit++] = on ? 1 : 0;
        z[i] = on ? s : leak * s;
      } else {
        z[i] = s;
      }
    }
    a = z;
  }
  return a[0];
}

function checkPoint(x: readonly number[], d: number): void {
  if (!Array.isArray(x) || x.length !== d) throw new NetworkFormatError('point', `must have ${d} coordinates`);
  x.forEach((v, k) => {
    if (!finite(v)) throw new NetworkFormatError(`point[${k}]`, 'is not a finite number');
  });
}

/**
 * The network's output f(x) = W_L·σ(W_{L−1}·…σ(W_1·x + b_1)… + b_{L−1}) + b_L at one input x,
 * with σ(z) = z for z > 0 and leak·z otherwise. Throws NetworkFormatError for a malformed network
 * or a point of the wrong length.
 * @example networkOutput({ weights: [[[1, 0]], [[2]]], biases: [[0], [1]] }, [3, 5]) // 7
 */
export function networkOutput(net: ReluNet, x: readonly number[]): number {
  const flat = flattenNetwork(net);
  checkPoint(x, flat.widths[0]);
  return forward(flat, x);
}

/**
 * The activation pattern at x by a direct forward pass: one entry per hidden neuron, layer by
 * layer, 1 where the pre-activation zᵢ = wᵢ·a + bᵢ is > 0 and 0 where it is ≤ 0. Inside a linear
 * region it equals the region's `pattern`.
 * @example regionAt({ weights: [[[1, 0], [0, 1]], [[1, 1]]], biases: [[0, 0], [0]] }, [1, -1]) // Uint8Array [1, 0]
 */
export function regionAt(net: ReluNet, x: readonly number[]): Uint8Array {
  const flat = flattenNetwork(net);
  checkPoint(x, flat.widths[0]);
  const pattern = new Uint8Array(flat.hidden);
  forward(flat, x, pattern);
  return pattern;
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
let keyCodes = new Uint16Array(16);

/**
 * A pattern as a hexadecimal string, four neurons per digit, first neuron in the highest bit of
 * the first digit (the last digit is padded with zeros). Two patterns of one network have the same
 * key exactly when they are equal.
 * @example patternKey(Uint8Array.of(1, 0, 1, 1, 1)) // 'b8'
 */
export function patternKey(pattern: Uint8Array): string {
  const digits = Math.ceil(pattern.length / 4);
  if (keyCodes.length !== digits) keyCodes = new Uint16Array(digits);
  for (let i = 0, j = 0; i < digits; i++, j += 4) {
    keyCodes[i] = HEX_CODES[(pattern[j] << 3) | ((pattern[j + 1] ?? 0) << 2) | ((pattern[j + 2] ?? 0) << 1) | (pattern[j + 3] ?? 0)];
  }
  // One call for the whole key: building it digit by digit makes a rope of tiny strings.
  return String.fromCharCode.apply(null, keyCodes as unknown as number[]);
}
