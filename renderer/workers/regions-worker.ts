/**
 * Computes a network's exact linear regions off the main thread and sends them back in flat,
 * transferable arrays, with the layer that last cut each region; also one neuron's boundary, the
 * partition of a slicing plane x₃ = z, and the depth-against-width counts. The client cancels by
 * terminating the worker (or, for the slice worker it keeps, by dropping the answer).
 */
import { expose, transfer } from 'comlink';
import { lastCutLayers, linearRegionsPacked, neuronBoundary, type Box, type PackedRegions, type ReluNet } from '../../src/regions/index.js';
import { compareRows, type CompareRow } from '../labs/regions/compare-rows.js';
import { sliceNetwork } from '../labs/regions/regions-model.js';

export type RegionsProgress = (fraction: number, layer: number) => void;

/** The partition, and per region the hidden layer (1-based) that last cut it. */
export interface RegionsResult {
  readonly packed: PackedRegions;
  readonly cellLayers: Uint8Array;
}

/** The partition of `net` in `box` with its last-cut layers, its arrays handed over (not copied). */
function partition(net: ReluNet, box: Box, widths: readonly number[], onProgress?: RegionsProgress): RegionsResult {
  const packed = linearRegionsPacked(net, box, onProgress ? { onProgress } : {});
  const cellLayers = lastCutLayers(packed, widths);
  return transfer({ packed, cellLayers }, [
    packed.patterns.buffer, packed.measures.buffer, packed.gradients.buffer, packed.constants.buffer,
    packed.interiors.buffer, packed.coords.buffer, packed.cornerStart.buffer, packed.faceWords.buffer, packed.faceStart.buffer, cellLayers.buffer,
  ] as ArrayBuffer[]);
}

const hiddenWidths = (net: ReluNet) => net.weights.slice(0, -1).map((layer) => layer.length);

const api = {
  regions(net: ReluNet, box: Box, onProgress: RegionsProgress): RegionsResult {
    return partition(net, box, hiddenWidths(net), onProgress);
  },
  neuronBoundary(net: ReluNet, box: Box, layer: number, index: number): number[][][] {
    return neuronBoundary(net, box, layer, index);
  },
  /** The regions of the 3-input `net` on the plane x₃ = z, in the square [−r, r]². */
  slice(net: ReluNet, radius: number, z: number): RegionsResult {
    return partition(sliceNetwork(net, z), { min: [-radius, -radius], max: [radius, radius] }, hiddenWidths(net));
  },
  compare(onProgress: (fraction: number) => void): CompareRow[] {
    return compareRows(onProgress);
  },
};

export type RegionsWorkerApi = typeof api;

expose(api);
