/**
 * The exact partition of a box into a ReLU network's linear regions, built layer by layer. On a
 * cell where the patterns of layers 1..l−1 are fixed, every pre-activation of layer l is affine,
 * zᵢ(x) = gᵢ·x + hᵢ, so the cell is cut by at most n_l hyperplanes; the pieces are the cells of the
 * next layer. The affine maps are carried along (g, h of layer l on a cell are W_l·diag(s)·(G, H)
 * of layer l−1 on its parent, s the slopes 1 or leak), never recomputed from the input.
 */
import { CancelledError } from '../../src/linalg/errors.js';
import { cutCell, type Cutter } from './cut.js';
import { emptyLayer, preActivations, type Layer } from './layers.js';
import { NetworkFormatError, RegionLimitError } from './errors.js';
import { checkBox, flattenNetwork, roundingFloors, type FlatNetwork } from './network.js';
import { boxPolygon, polygonAreaAt } from './polygon.js';
import { boxPolyhedron, polyhedronVolumeAt } from './polyhedron.js';
import { unpackRegion } from './packed.js';
import { ShapeStore } from './store.js';
import type { Box, LinearRegions, LinearRegionsOptions, PackedRegions, ReluNet } from './types.js';

const DEFAULT_MAX_REGIONS = 250_000;
const DEFAULT_TOLERANCE = 1e-10;
/**
 * A cut is not made when one side would be smaller than a cube (square) whose side is this
 * fraction of the box's: a fraction 1e-12 of the box's area in 2D, 1e-18 of its volume in 3D.
 */
const MIN_SIDE = 1e-6;

/**
 * Every linear region of the network inside the box, exactly: the regions tile the box (their
 * measures sum to the box's up to rounding), do not overlap, and each carries its activation
 * pattern (zᵢ > 0 ↦ 1, one bit per hidden neuron, layer by layer), its corners (and faces in 3D),
 * its area or volume, its centroid (strictly inside), and the affine map f(x) = A·x + c of the
 * output on it. A corner within `tolerance` × (box size) of a neuron's hyperplane counts as on it,
 * so duplicate neurons, zero rows (a constant neuron: bit 1 iff its constant is > 0), and planes
 * through box corners or along faces cut nothing; a cut that would leave a piece smaller than a
 * square (cube) of side 1e-6 of the box's is not made (the piece stays whole, with the larger
 * side's bit), so there are no slivers and no area is lost. Each pattern appears once, since a
 * pattern's region {x : sign zᵢ(x) fixed} is convex. This is linearRegionsPacked with every region
 * unpacked into plain arrays; for tens of thousands of regions (or to send them between threads)
 * the packed form is several times cheaper. Throws NetworkFormatError for a malformed network, box
 * or option, RegionLimitError past `maxRegions`, and CancelledError when `signal` aborts.
 * @example linearRegions({ weights: [[[1, 0], [0, 1]], [[1, 1]]], biases: [[0, 0], [0]] }, { min: [-1, -1], max: [1, 1] }).regions.length // 4
 */
export function linearRegions(net: ReluNet, box: Box, options: LinearRegionsOptions = {}): LinearRegions {
  const packed = linearRegionsPacked(net, box, options);
  const regions = new Array(packed.count);
  for (let i = 0; i < packed.count; i++) regions[i] = unpackRegion(packed, i);
  return { regions, dim: packed.dim, stats: packed.stats };
}

/**
 * The partition of {@link linearRegions} in flat typed arrays (see PackedRegions), built layer by
 * layer: each cell of layer l−1 is cut by the hyperplanes zᵢ = gᵢ·x + hᵢ = 0 of layer l, whose
 * rows (gᵢ, hᵢ) = W_l·diag(s)·(G, H) + (0, b_l) come from its parent's rows, s the parent's slopes.
 * Same guarantees, options and errors as linearRegions.
 */
export function linearRegionsPacked(net: ReluNet, box: Box, options: LinearRegionsOptions = {}): PackedRegions {
  const flat = flattenNetwork(net);
  const d = flat.widths[0];
  checkBox(box, d);
  const { onProgress, signal } = options;
  const maxRegions = options.maxRegions ?? DEFAULT_MAX_REGIONS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('onProgress must be a function (fraction, layer) => void.');
  if (!(maxRegions >= 1)) throw new NetworkFormatError('maxRegions', 'must be at least 1');
  if (!(tolerance > 0 && tolerance <= 1e-4)) throw new NetworkFormatError('tolerance', 'must lie in (0, 1e-4]');
  if (signal?.aborted) throw new CancelledError('The region count was cancelled before it started.');

  // Coordinates enter f = g·x + h with their magnitude, so the tolerance scales with the larger of
  // the box's extent and its distance from the origin (rounding grows with |x|).
  const scale = Array.from({ length: d }, (_, k) => Math.max(box.max[k] - box.min[k], Math.abs(box.min[k]), Math.abs(box.max[k])));
  const boxMeasure = box.max.reduce((p, hi, k) => p * (hi - box.min[k]), 1);
  const floors = roundingFloors(flat, scale);
  const cutter: Cutter = { d, tolerance, scale, minMeasure: MIN_SIDE ** d * boxMeasure, floor: floors[0] ?? new Float64Array(0), counters: { splits: 0, cancelled: 0 } };
  const layers: Layer[] = [boxLayer(box, d)];
  const hiddenLayers = flat.weights.length - 1;
  let reported = -1;
  for (let l = 0; l < hiddenLayers; l++) {
    const prev = layers[l];
    const n = flat.widths[l + 1];
    const pre = preActivations(flat, l, prev, d);
    cutter.floor = floors[l];
    const count = prev.group.length;
    const next = emptyLayer(n, pre, 2 * count, d);
    for (let p = 0; p < count; p++) {
      if ((p & 255) === 0) {
        if (signal?.aborted) throw new CancelledError(`The region count was cancelled in hidden layer ${l + 1}.`);
        const fraction = (l + p / count) / hiddenLayers;
        if (onProgress && fraction >= reported + 0.01) onProgress((reported = fraction), l);
      }
      cutCell(cutter, prev, p, pre, n, next);
      if (next.group.length > maxRegions) throw new RegionLimitError(maxRegions, l);
    }
    // The previous layer's shapes and rows are spent; keep only its bits and groups.
    prev.store = new ShapeStore(1, 1);
    prev.pre = new Float64Array(0);
    layers.push(next);
  }
  onProgress?.(1, Math.max(0, hiddenLayers - 1));
  const { splits, cancelled } = cutter.counters;
  const stats = { regionsPerLayer: layers.slice(1).map((layer) => layer.group.length), splits, cancelledSlivers: cancelled };
  return pack(flat, layers, d, stats);
}

/** The box as the only cell of layer "0" (before any hidden layer). */
function boxLayer(box: Box, d: number): Layer {
  const layer = emptyLayer(0, new Float64Array(0), 1, d);
  if (d === 2) {
    layer.store.coords.set(boxPolygon(box.min, box.max));
    layer.store.coordTop = 8;
  } else {
    const { verts, faces } = boxPolyhedron(box.min, box.max);
    layer.store.coords.set(verts);
    layer.store.faces.set(faces);
    layer.store.coordTop = verts.length;
    layer.store.faceTop = faces.length;
  }
  layer.coordStart.push(0);
  layer.corners.push(d === 2 ? 4 : 8);
  layer.faceStart.push(0);
  layer.faceWords.push(layer.store.faceTop);
  layer.group.push(-1);
  return layer;
}

/**
 * The last layer's cells as PackedRegions. Patterns are gathered by walking up the groups, layer
 * by layer; the output map on a cell is f = w_out·diag(s)·(G x + H) + b_out on the last hidden
 * layer's rows (G, H), s the last layer's slopes; measure and centroid come from the shape.
 */
function pack(flat: FlatNetwork, layers: Layer[], d: number, stats: PackedRegions['stats']): PackedRegions {
  const L = layers.length - 1;
  const last = layers[L];
  const count = last.group.length;
  const hidden = flat.hidden;
  const patterns = new Uint8Array(count * hidden);
  const measures = new Float64Array(count);
  const gradients = new Float64Array(count * d);
  const constants = new Float64Array(count);
  const interiors = new Float64Array(count * d);
  const cornerStart = new Int32Array(count + 1);
  const faceStart = new Int32Array(count + 1);
  const { coords, faces } = last.store;
  const wOut = flat.weights[L];
  const w = d + 1;
  const centroid = [0, 0, 0];
  // Patterns layer by layer, last first: `cell` holds each region's ancestor in layer l.
  const cell = new Int32Array(count);
  for (let c = 0; c < count; c++) cell[c] = c;
  for (let l = L, offset = hidden; l >= 1; l--) {
    const { width, bits, group } = layers[l];
    offset -= width;
    for (let c = 0; c < count; c++) {
      const from = cell[c] * width;
      const to = c * hidden + offset;
      for (let k = 0; k < width; k++) patterns[to + k] = bits[from + k];
      cell[c] = group[cell[c]];
    }
  }
  const { pre, bits, width: m, group, corners, coordStart, faceWords: words } = last;
  const leak = flat.leak;
  for (let c = 0; c < count; c++) {
    let constant = flat.biases[L][0];
    if (L === 0) {
      for (let j = 0; j < d; j++) gradients[c * d + j] = wOut[j];
    } else {
      const rows = group[c] * m * w;
      for (let k = 0; k < m; k++) {
        const s = (bits[c * m + k] === 1 ? 1 : leak) * wOut[k];
        if (s === 0) continue;
        for (let j = 0; j < d; j++) gradients[c * d + j] += s * pre[rows + k * w + j];
        constant += s * pre[rows + k * w + d];
      }
    }
    constants[c] = constant;
    const c0 = coordStart[c];
    measures[c] = d === 2
      ? polygonAreaAt(coords, c0, corners[c], centroid)
      : polyhedronVolumeAt(coords, c0, faces, last.faceStart[c], words[c], centroid);
    for (let j = 0; j < d; j++) interiors[c * d + j] = centroid[j];
    // Cells were appended one after another, so each starts where the previous one ended.
    cornerStart[c + 1] = cornerStart[c] + corners[c];
    faceStart[c + 1] = faceStart[c] + words[c];
  }
  return {
    dim: d as 2 | 3, count, hidden, patterns, measures, gradients, constants, interiors,
    coords: coords.slice(0, last.store.coordTop),
    cornerStart,
    faceWords: d === 3 ? faces.slice(0, last.store.faceTop) : new Int32Array(0),
    faceStart,
    stats,
  };
}
