/**
 * Computes a network's exact linear regions off the main thread and sends them back in flat,
 * transferable arrays; the client cancels by terminating the worker.
 */
import { expose, transfer } from 'comlink';
import { linearRegionsPacked, type Box, type PackedRegions, type ReluNet } from '../../src/regions/index.js';

export type RegionsProgress = (fraction: number, layer: number) => void;

const api = {
  regions(net: ReluNet, box: Box, onProgress: RegionsProgress): PackedRegions {
    const packed = linearRegionsPacked(net, box, { onProgress });
    return transfer(packed, [
      packed.patterns.buffer, packed.measures.buffer, packed.gradients.buffer, packed.constants.buffer,
      packed.interiors.buffer, packed.coords.buffer, packed.cornerStart.buffer, packed.faceWords.buffer, packed.faceStart.buffer,
    ] as ArrayBuffer[]);
  },
};

export type RegionsWorkerApi = typeof api;

expose(api);
