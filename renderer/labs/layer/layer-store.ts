/**
 * The Layer lab's state: plain, serializable data changed only through named actions. Views read
 * it; a change fires `changed` with what changed, in past tense (`matrixChanged`, `pointMoved`).
 */
import { LabStore, STATE_REPLACED } from '../../project/lab-store.js';
import type { LabState } from '../../../src/project/index.js';
import type { Activation } from '../../../src/layer/index.js';

import type { SmallShape } from '../../components/matrix-source.js';

export type LayerShape = SmallShape;

/** The lab's state: the type of its project-file schema (src/project/schema.ts), checked on every action. */
export type LayerState = LabState<'layer'>;

export type LayerChange =
  | typeof STATE_REPLACED
  | 'shapeChanged'
  | 'matrixChanged'
  | 'biasChanged'
  | 'pointMoved'
  | 'activationChanged'
  | 'timeChanged'
  | 'playingChanged'
  | 'speedChanged'
  | 'stackChanged'
  | 'seedChanged';

/** The end of the animation of one layer; a stacked second layer adds one more stage. */
export const TIME_END = 3;

export function shapeDims(shape: LayerShape): { rows: number; cols: number } {
  const [rows, cols] = shape.split('x').map(Number) as [number, number];
  return { rows, cols };
}

const identity = (n: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

export function initialLayerState(): LayerState {
  return {
    shape: '2x2',
    W: [
      [1, 0.5],
      [-0.5, 1.25],
    ],
    b: [0.5, 0.25],
    x: [1, 1],
    activation: 'none',
    leak: 0.1,
    time: TIME_END,
    playing: false,
    speed: 1,
    stacked: false,
    W2: [
      [0.8, -0.6],
      [0.6, 0.8],
    ],
    b2: [0, -0.5],
    seed: 1,
  };
}

export class LayerStore extends LabStore<LayerState, LayerChange> {
  constructor(initial: LayerState = initialLayerState()) {
    super('layer', initial);
  }

  /** Changes the shape of W, keeping the entries that still fit and padding with the identity. */
  setShape(shape: LayerShape): void {
    if (shape === this.state.shape) return;
    const { rows, cols } = shapeDims(shape);
    const old = this.state;
    const W = Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => old.W[i]?.[j] ?? (i === j ? 1 : 0)),
    );
    const fit = (v: readonly number[], n: number) => Array.from({ length: n }, (_, i) => v[i] ?? 0);
    const W2 = identity(rows).map((row, i) => row.map((v, j) => old.W2[i]?.[j] ?? v));
    this.set(
      { shape, W, b: fit(old.b, rows), x: fit(old.x, cols), W2, b2: fit(old.b2, rows) },
      'shapeChanged',
    );
  }

  setMatrix(W: readonly (readonly number[])[]): void {
    this.set({ W: W.map((row) => [...row]) }, 'matrixChanged');
  }

  setBias(b: readonly number[]): void {
    this.set({ b: [...b] }, 'biasChanged');
  }

  setPoint(x: readonly number[]): void {
    this.set({ x: [...x] }, 'pointMoved');
  }

  setActivation(activation: Activation): void {
    this.set({ activation }, 'activationChanged');
  }

  setLeak(leak: number): void {
    this.set({ leak }, 'activationChanged');
  }

  setTime(time: number): void {
    const end = this.state.stacked ? TIME_END + 1 : TIME_END;
    this.set({ time: Math.min(end, Math.max(0, time)) }, 'timeChanged');
  }

  setPlaying(playing: boolean): void {
    this.set({ playing }, 'playingChanged');
  }

  setSpeed(speed: number): void {
    if (Number.isFinite(speed) && speed > 0) this.set({ speed }, 'speedChanged');
  }

  setStacked(stacked: boolean): void {
    // Show the result of the whole network: the end of the (now longer or shorter) animation.
    this.set({ stacked, time: stacked ? TIME_END + 1 : Math.min(this.state.time, TIME_END) }, 'stackChanged');
  }

  setSecondLayer(W2: readonly (readonly number[])[], b2: readonly number[]): void {
    this.set({ W2: W2.map((row) => [...row]), b2: [...b2] }, 'stackChanged');
  }

  setSeed(seed: number): void {
    this.set({ seed }, 'seedChanged');
  }
}
