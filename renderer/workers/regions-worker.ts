/**
 * Computes a network's exact linear regions off the main thread and sends them back in flat,
 * transferable arrays, with the layer that last cut each region; also one neuron's boundary. The
 * client cancels by terminating the worker.
 */
import { expose, transfer } from 'comlink';
import { lastCutLayers, linearRegionsPacked, neuronBoundary, type Box, type PackedRegions, type ReluNet } from '../../src/regions/index.js';

export type RegionsProgress = (fraction: number, layer: number) => void;

/** The partition, and per region the hidden layer (1-based) that last cut it. */
export interface RegionsResult {
  readonly packed: PackedRegions;
  readonly cellLayers: Uint8Array;
}

const api = {
  regions(net: ReluNet, box: Box, onProgress: RegionsProgress): RegionsResult {
    const packed = linearRegionsPacked(net, box, { onProgress });
    const cellLayers = lastCutLayers(packed, net.weights.slice(0, -1).map((layer) => layer.length));
    return transfer({ packed, cellLayers }, [
      packed.patterns.buffer, packed.measures.buffer, packed.gradients.buffer, packed.constants.buffer,
      packed.interiors.buffer, packed.coords.buffer, packed.cornerStart.buffer, packed.faceWords.buffer, packed.faceStart.buffer, cellLayers.buffer,
    ] as ArrayBuffer[]);
  },
  neuronBoundary(net: ReluNet, box: Box, layer: number, index: number): number[][][] {
    return neuronBoundary(net, box, layer, index);
  },
};

export type RegionsWorkerApi = typeof api;

expose(api);
