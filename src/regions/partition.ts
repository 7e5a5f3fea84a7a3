/**
 * The exact partition of a box into a ReLU network's linear regions, built layer by layer. On a
 * cell where the patterns of layers 1..l−1 are fixed, every pre-activation of layer l is affine,
 * zᵢ(x) = gᵢ·x + hᵢ, so the cell is cut by at most n_l hyperplanes; the pieces are the cells of the
 * next layer. The affine maps are carried along (g, h of layer l on a cell are W_l·diag(s)·(G, H)
 * of layer l−1 on its parent, s the slopes 1 or leak), never recomputed from the input.
 */
import { CancelledError } from '../linalg/errors.js';
import { cutCell, makeCutter } from './cut.js';
import { exactRowSource } from './exact-rows.js';
import { emptyLayer, layerRoom, preActivations, type Layer } from './layers.js';
import { NetworkFormatError, RegionLimitError } from './errors.js';
import { checkBox, flattenNetwork, type FlatNetwork } from './network.js';
import { PlaneTable } from './planes.js';
import { boxPolygon } from './polygon.js';
import { boxPolyhedron } from './polyhedron.js';
import { unpackRegion } from './packed.js';
import { appendRegion } from './region-cell.js';
import { releaseStore, ShapeStore, takeStore } from './shape-store.js';
import type { Box, LinearRegions, LinearRegionsOptions, PackedRegions, ReluNet } from './types.js';

const DEFAULT_MAX_REGIONS = 250_000;

/**
 * Every linear region of the network inside the box, exactly: the regions tile the box (their
 * measures sum to the box's up to rounding), do not overlap, and each carries its activation
 * pattern (zᵢ > 0 ↦ 1, one bit per hidden neuron, layer by layer), its corners (and faces in 3D),
 * its area or volume, its centroid (strictly inside), and the affine map f(x) = A·x + c of the
 * output on it. Exact means the partition that the float64 weights define in real arithmetic:
 * every sign decision is certified (a float filter with a proven error bound, exact dyadic
 * arithmetic when it cannot tell; see planes.ts), with no size threshold, so the thinnest sliver
 * is a region, while duplicate neurons, zero rows (a constant neuron: bit 1 iff its constant is
 * > 0) and planes through corners or along faces cut nothing of zero measure: a cell is cut
 * exactly when the plane has corners strictly on both sides. Each pattern appears once, since a
 * pattern's region {x : sign zᵢ(x) fixed} is convex; each region's interior point is checked (by
 * certified signs against every edge or face) to lie strictly inside it. This is linearRegionsPacked with every region
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
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new TypeError('onProgress must be a function (fraction, layer) => void.');
  if (!(maxRegions >= 1)) throw new NetworkFormatError('maxRegions', 'must be at least 1');
  if (signal?.aborted) throw new CancelledError('The region count was cancelled before it started.');

  const layers: Layer[] = [boxLayer(box, d)];
  const planes = new PlaneTable(box.min, box.max, exactRowSource(flat, layers, d));
  const cutter = makeCutter(planes);
  const hiddenLayers = flat.weights.length - 1;
  let reported = -1;
  for (let l = 0; l < hiddenLayers; l++) {
    const prev = layers[l];
    const n = flat.widths[l + 1];
    const pre = preActivations(flat, l, prev, d, planes.scale);
    cutter.layer = l;
    cutter.last = l === hiddenLayers - 1;
    const count = prev.group.length;
    const next = emptyLayer(n, pre, 2 * count, d, takeStore(`layer ${l}`, d, ...layerRoom(2 * count, d)));
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
    if (l > 0) releaseStore(`layer ${l - 1}`, prev.store);
    prev.store = new ShapeStore(d, 1, 1);
    prev.pre = new Float64Array(0);
    prev.err = new Float64Array(0);
    layers.push(next);
  }
  onProgress?.(1, Math.max(0, hiddenLayers - 1));
  if (hiddenLayers === 0) {
    // No hidden layer: the box is the only region, finished here as the cutting finishes cells.
    const box = layers[0];
    const only = emptyLayer(0, { P: new Float64Array(0), E: new Float64Array(0) }, 1, d);
    only.faceWords.push(appendRegion(only, 0, box.store, 0, box.corners.data[0], 0, box.faceWords.data[0], planes));
    only.cornerStart.push(0);
    only.faceStart.push(0);
    only.corners.push(box.corners.data[0]);
    only.group.push(-1);
    layers[0] = only;
  }
  const packed = pack(flat, layers, d);
  // pack copied what it returns: the last store and the cutter's arena are spares now.
  if (hiddenLayers > 0) releaseStore(`layer ${hiddenLayers - 1}`, layers[hiddenLayers].store);
  releaseStore('arena', cutter.arena);
  const stats = {
    regionsPerLayer: layers.slice(1).map((layer) => layer.group.length),
    splits: cutter.counters.splits,
    signTests: planes.counters.tests,
    exactSigns: planes.counters.exact,
    unverifiedInteriors: packed.unverified,
  };
  return { ...packed.regions, stats };
}

/** Edge labels of the box polygon (2·plane + side, planes 2j / 2j + 1 the low / high sides of x_j) and corners' planes. */
const BOX_EDGES = [5, 2, 6, 1];
const BOX_CORNER_PLANES_2D = [0, 2, 1, 2, 1, 3, 0, 3];
/** Labels of boxPolyhedron's six faces, in its order: x = min, x = max, y = min, y = max, z = min, z = max. */
const BOX_FACES = [1, 2, 5, 6, 9, 10];

/** The box as the only cell of layer "0" (before any hidden layer): corners exact (radius 0). */
function boxLayer(box: Box, d: number): Layer {
  const layer = emptyLayer(0, { P: new Float64Array(0), E: new Float64Array(0) }, 1, d);
  const store = layer.store;
  if (d === 2) {
    store.coords.set(boxPolygon(box.min, box.max));
    store.defs.set(BOX_CORNER_PLANES_2D);
    store.labels.set(BOX_EDGES);
    store.radius.fill(0, 0, 4);
    store.cornerTop = 4;
  } else {
    const { verts, faces } = boxPolyhedron(box.min, box.max);
    store.coords.set(verts);
    for (let v = 0; v < 8; v++) for (let j = 0; j < 3; j++) store.defs[3 * v + j] = 2 * j + ((v >> j) & 1);
    store.radius.fill(0, 0, 8);
    store.cornerTop = 8;
    store.reserve(0, 36);
    for (let f = 0, w = 0; f < 6; f++) {
      store.faces[store.faceTop++] = 4;
      store.faces[store.faceTop++] = BOX_FACES[f];
      for (let e = 0; e < 4; e++) store.faces[store.faceTop++] = faces[w + 1 + e];
      w += 5;
    }
  }
  layer.cornerStart.push(0);
  layer.corners.push(d === 2 ? 4 : 8);
  layer.faceStart.push(0);
  layer.faceWords.push(store.faceTop);
  layer.group.push(-1);
  return layer;
}

/**
 * The last layer's cells as PackedRegions (without stats), and how many interior points could not
 * be verified. Shapes, measures and interior points were written as the cells were made (see
 * region-cell.ts); patterns are gathered here by walking up the groups, layer by layer, and the
 * output map on a cell is f = w_out·diag(s)·(G x + H) + b_out on the last hidden layer's rows
 * (G, H), s the last layer's slopes.
 */
function pack(flat: FlatNetwork, layers: Layer[], d: number): { regions: Omit<PackedRegions, 'stats'>; unverified: number } {
  const L = layers.length - 1;
  const last = layers[L];
  const count = last.group.length;
  const hidden = flat.hidden;
  const patterns = new Uint8Array(count * hidden);
  const gradients = new Float64Array(count * d);
  const constants = new Float64Array(count);
  const cornerStart = new Int32Array(count + 1);
  const faceStart = new Int32Array(count + 1);
  const store = last.store;
  const wOut = flat.weights[L];
  const w = d + 1;
  // Patterns layer by layer, last first: `cell` holds each region's ancestor in layer l.
  const cell = new Int32Array(count);
  for (let c = 0; c < count; c++) cell[c] = c;
  for (let l = L, offset = hidden; l >= 1; l--) {
    const { width, bits } = layers[l];
    const group = layers[l].group.data;
    offset -= width;
    for (let c = 0; c < count; c++) {
      const from = cell[c] * width;
      const to = c * hidden + offset;
      for (let k = 0; k < width; k++) patterns[to + k] = bits[from + k];
      cell[c] = group[cell[c]];
    }
  }
  const { pre, bits, width: m } = last;
  const group = last.group.data;
  const corners = last.corners.data;
  const faceWords = last.faceWords.data;
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
    cornerStart[c + 1] = cornerStart[c] + corners[c];
    faceStart[c + 1] = faceStart[c] + faceWords[c];
  }
  return {
    regions: {
      dim: d as 2 | 3, count, hidden, patterns, gradients, constants,
      measures: last.measures.slice(0, count),
      interiors: last.interiors.slice(0, count * d),
      coords: store.coords.slice(0, d * store.cornerTop),
      cornerStart,
      faceWords: store.faces.slice(0, d === 3 ? store.faceTop : 0),
      faceStart,
    },
    unverified: last.unverified,
  };
}
