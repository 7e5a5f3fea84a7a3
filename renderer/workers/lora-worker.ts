/**
 * The LoRA lab's heavy arithmetic off the main thread: the SVD of a new ΔW with everything the rank
 * slider recombines (decompose), and the spectral norm of a residual ΔW − AB (spectralNorm), which
 * needs an SVD of its own at every rank. Matrices arrive and leave as moved Float64Arrays.
 */
import { expose, transfer } from 'comlink';
import { decomposeUpdate, decompositionBuffers, measuredSpectral, type LoraDecomposition } from '../labs/lora/lora-decomposition.js';

/** The id of the newest spectralNorm request: older ones still waiting are skipped. */
let latest = 0;

const rowsOf = (data: Float64Array, d: number, k: number) => Array.from({ length: d }, (_, i) => Array.from(data.subarray(i * k, (i + 1) * k)));

const api = {
  /** decomposeUpdate of the d×k row-major ΔW; its arrays are moved back. */
  decompose(data: Float64Array, d: number, k: number): LoraDecomposition {
    const dec = decomposeUpdate(rowsOf(data, d, k));
    return transfer(dec, decompositionBuffers(dec));
  },

  /**
   * ‖R‖₂ of the d×k row-major residual R, or null when a newer request (a larger `id`) arrived
   * before this one started: while the slider is dragged only the last rank is measured.
   */
  async spectralNorm(data: Float64Array, d: number, k: number, id: number): Promise<number | null> {
    latest = id;
    // Let requests already queued behind this one arrive first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (id !== latest) return null;
    return measuredSpectral(data, d, k);
  },
};

export type LoraWorkerApi = typeof api;

expose(api);
