/**
 * The map the Layer lab draws at animation time t, for every point of the drawing space:
 * t ∈ [0,1] the identity turning into W, [1,2] the bias sliding in, [2,3] the nonlinearity
 * bending space, and, when a second layer is stacked, [3,4] that layer.
 */
import { layerAtTime, transformPointsInto, matMul, matVec, type Activation } from '../../../src/layer/index.js';
import { shapeDims, type LayerState } from './layer-store.js';

export interface StageMap {
  readonly space: 2 | 3;
  readonly W: number[][];
  readonly b: number[];
  readonly activation: Activation;
  readonly blend: number;
  readonly leak: number;
  /** The second layer at this time, already padded to the drawing space; undefined when not stacked. */
  readonly second: { W: number[][]; b: number[] } | undefined;
}

export function spaceDim(state: LayerState): 2 | 3 {
  const { rows, cols } = shapeDims(state.shape);
  return Math.max(rows, cols) as 2 | 3;
}

export function timeEnd(state: LayerState): number {
  return state.stacked ? 4 : 3;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** Pads a square matrix with the identity and a vector with zeros up to `n`. */
export function padAffine(W: readonly (readonly number[])[], b: readonly number[], n: number): { W: number[][]; b: number[] } {
  return {
    W: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => W[i]?.[j] ?? 0)),
    b: Array.from({ length: n }, (_, i) => b[i] ?? 0),
  };
}

export function stageMap(state: LayerState, t = state.time): StageMap {
  const space = spaceDim(state);
  // layerAtTime pads W to the square size max(rows, cols), which is the drawing space.
  const first = layerAtTime(state.W, state.b, Math.min(t, 2));
  let second: StageMap['second'];
  if (state.stacked) {
    const u = clamp01(t - 3);
    const rows = state.W2.length;
    const moving = layerAtTime(state.W2, state.b2, 2 * u);
    // layerAtTime pads to the second layer's own size; pad the identity part up to the space.
    const padded = padAffine(moving.W, moving.b, space);
    for (let i = rows; i < space; i++) padded.W[i]![i] = 1 - u;
    second = padded;
  }
  return { space, W: first.W, b: first.b, activation: state.activation, blend: clamp01(t - 2), leak: state.leak, second };
}

/** The single layer that two stacked layers collapse to when there is no nonlinearity. */
export function collapsedLayer(state: LayerState): { W: number[][]; b: number[] } {
  return { W: matMul(state.W2, state.W), b: matVec(state.W2, state.b).map((v, i) => v + state.b2[i]!) };
}

/**
 * Applies `map` to packed points; `scratch` must be at least as long as `from` (used only with a
 * second layer, so nothing is allocated per frame).
 */
export function applyStageMap(map: StageMap, from: Float64Array, to: Float64Array, scratch: Float64Array): void {
  if (!map.second) {
    transformPointsInto(map.W, map.b, from, map.space, to, map.activation, map.blend, map.leak);
    return;
  }
  const mid = scratch.length === from.length ? scratch : scratch.subarray(0, from.length);
  transformPointsInto(map.W, map.b, from, map.space, mid, map.activation, map.blend, map.leak);
  transformPointsInto(map.second.W, map.second.b, mid, map.space, to, 'none', 0);
}

/** The image of one point (length = the space's dim) under the stage map. */
export function mapPoint(map: StageMap, point: readonly number[]): number[] {
  const from = Float64Array.from(point);
  const to = new Float64Array(point.length);
  applyStageMap(map, from, to, new Float64Array(point.length));
  return Array.from(to);
}
