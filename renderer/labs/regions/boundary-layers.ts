import type { ReluNet } from '../../../src/regions/index.js';

/** Okabe–Ito: colour-blind-safe colours for the layers' boundaries (black left out for the themes). */
export const LAYER_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];

/** Every hidden neuron's pre-activation at x, layer by layer. */
export function preActivations(net: ReluNet, x: readonly number[]): number[][] {
  const leak = net.leak ?? 0;
  const out: number[][] = [];
  let a = x;
  for (let l = 0; l < net.weights.length - 1; l++) {
    const z = net.weights[l]!.map((row, i) => row.reduce((s, w, j) => s + w * a[j]!, net.biases[l]![i]!));
    out.push(z);
    a = z.map((v) => (v > 0 ? v : leak * v));
  }
  return out;
}

/**
 * Which hidden layer drew a piece of boundary (an edge in 2D, a face in 3D): the layer of a neuron
 * whose pre-activation vanishes at every one of its corners; −1 for the box's own sides.
 */
export function boundaryLayer(net: ReluNet, corners: readonly (readonly number[])[], radius: number): number {
  const zs = corners.map((c) => preActivations(net, c));
  for (let l = 0; l < zs[0]!.length; l++) {
    for (let n = 0; n < zs[0]![l]!.length; n++) {
      const w = net.weights[l]![n]!;
      const scale = 1 + Math.abs(net.biases[l]![n]!) + w.reduce((s, v) => s + Math.abs(v), 0) * radius * (l + 1);
      if (zs.every((z) => Math.abs(z[l]![n]!) <= 1e-7 * scale)) return l;
    }
  }
  return -1;
}
