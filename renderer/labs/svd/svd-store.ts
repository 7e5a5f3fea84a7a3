/**
 * The SVD lab's state: plain, serializable data changed only through named actions, announced
 * in the past tense.
 */
import { LabStore, STATE_REPLACED } from '../../project/lab-store.js';
import { clipImportedRef, type LabState } from '../../../src/project/index.js';
import type { ImportedMatrixRef } from '../../import/imported-matrices.js';
/** How the spectrum chart draws σ: on a log or a linear axis. */
export type SpectrumScale = 'log' | 'linear';

/** The lab's state: the type of its project-file schema (src/project/schema.ts), checked on every action. */
export type SvdState = LabState<'svd'>;

export type SvdChange =
  | typeof STATE_REPLACED
  | 'matrixChanged' | 'timeChanged' | 'playingChanged' | 'speedChanged' | 'thresholdChanged' | 'seedChanged' | 'spectrumTextChanged' | 'spectrumScaleChanged' | 'importChanged';

export function initialSvdState(): SvdState {
  return {
    W: [
      [1.2, 0.9],
      [-0.4, 1.1],
    ],
    seed: 1,
    time: 0,
    playing: false,
    speed: 1,
    threshold: 0.1,
    spectrumText: 'randn(512, 512)',
    spectrumScale: 'log',
    imported: null,
  };
}

export class SvdStore extends LabStore<SvdState, SvdChange> {
  constructor(initial: SvdState = initialSvdState()) {
    super('svd', initial);
  }

  setMatrix(W: readonly (readonly number[])[]): void {
    this.set({ W: W.map((row) => [...row]) }, 'matrixChanged');
  }

  /** Sets the time, clamped to [0, end]. */
  setTime(time: number, end: number): void {
    this.set({ time: Math.min(end, Math.max(0, time)) }, 'timeChanged');
  }

  setPlaying(playing: boolean): void {
    this.set({ playing }, 'playingChanged');
  }

  setSpeed(speed: number): void {
    this.set({ speed }, 'speedChanged');
  }

  setThreshold(threshold: number): void {
    this.set({ threshold: Math.min(1, Math.max(0, threshold)) }, 'thresholdChanged');
  }

  setSeed(seed: number): void {
    this.set({ seed }, 'seedChanged');
  }

  setSpectrumScale(spectrumScale: SpectrumScale): void {
    if (spectrumScale !== this.state.spectrumScale) this.set({ spectrumScale }, 'spectrumScaleChanged');
  }

  setSpectrumText(spectrumText: string): void {
    this.set({ spectrumText }, 'spectrumTextChanged');
  }

  /** Shows the spectrum of an imported matrix (null: stop showing it). */
  setImported(imported: ImportedMatrixRef | null): void {
    // The descriptive texts are cut to what a project keeps (a tensor's name may be very long).
    this.set({ imported: imported && clipImportedRef(imported) }, 'importChanged');
  }
}
