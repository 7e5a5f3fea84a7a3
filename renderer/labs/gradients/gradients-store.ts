/**
 * The Gradients lab's state: plain, serializable data changed only through named actions,
 * announced in the past tense. One layer (W, the input x, the upstream gradient g) and one deep
 * chain (its configuration; results are derived, never stored).
 */
import { LabStore, STATE_REPLACED } from '../../project/lab-store.js';
import { clipImportedRef, type LabState } from '../../../src/project/index.js';
import type { ChainConfig, WeightInit } from '../../../src/gradients/index.js';
import type { ImportedMatrixRef } from '../../import/imported-matrices.js';

export type GradientsView = 'layer' | 'chain';

/** The lab's state: the type of its project-file schema (src/project/schema.ts), checked on every action. */
export type GradientsState = LabState<'gradients'>;

export type GradientsChange =
  | typeof STATE_REPLACED
  | 'viewChanged' | 'matrixChanged' | 'inputChanged' | 'gradientChanged' | 'seedChanged' | 'chainChanged' | 'importChanged';

export function initialGradientsState(): GradientsState {
  return {
    view: 'layer',
    // σ ≈ 1.82 and 0.32: a condition number near 6, so the two directions differ visibly.
    W: [
      [1.5, 0.8],
      [0.4, 0.6],
    ],
    // x leans towards v₂, the direction W squeezes, so y comes out shorter than x.
    x: [-1, 0.8],
    // g lies close to −u₂: Wᵀ crushes it.
    g: [0.2, -1],
    seed: 1,
    chain: { depth: 30, width: 32, init: 'gaussian', scale: 1, relu: false, noise: 0.1, seed: 1 },
    imported: null,
  };
}

const fit = (v: readonly number[], n: number) => Array.from({ length: n }, (_, i) => v[i] ?? 0.5);

export class GradientsStore extends LabStore<GradientsState, GradientsChange> {
  constructor(initial: GradientsState = initialGradientsState()) {
    super('gradients', initial);
  }

  setView(view: GradientsView): void {
    if (view !== this.state.view) this.set({ view }, 'viewChanged');
  }

  /** A new W; x and g keep the entries that still fit (new ones are 0.5). */
  setMatrix(W: readonly (readonly number[])[]): void {
    const rows = W.length;
    const cols = W[0]?.length ?? 0;
    this.set({ W: W.map((row) => [...row]), x: fit(this.state.x, cols), g: fit(this.state.g, rows) }, 'matrixChanged');
  }

  setInput(x: readonly number[]): void {
    this.set({ x: [...x] }, 'inputChanged');
  }

  setGradient(g: readonly number[]): void {
    this.set({ g: [...g] }, 'gradientChanged');
  }

  setSeed(seed: number): void {
    this.set({ seed }, 'seedChanged');
  }

  /** Changes part of the chain's configuration (values are checked by the compute layer). */
  setChain(patch: Partial<ChainConfig>): void {
    this.set({ chain: { ...this.state.chain, ...patch } }, 'chainChanged');
  }

  setInit(init: WeightInit): void {
    this.setChain({ init });
  }

  /** Shows the singular values and conditioning of an imported matrix (null: stop showing it). */
  setImported(imported: ImportedMatrixRef | null): void {
    // The descriptive texts are cut to what a project keeps (a tensor's name may be very long).
    this.set({ imported: imported && clipImportedRef(imported) }, 'importChanged');
  }
}
