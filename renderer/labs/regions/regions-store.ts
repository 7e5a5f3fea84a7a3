/**
 * The Regions lab's state: plain, serializable data changed through named actions, announced in
 * the past tense. What the pointer hovers is not state (it is gone when the pointer leaves).
 */
import { initNetwork, withNeuron, type InitScheme, type ReluNet } from '../../../src/regions/index.js';
import { LabStore, STATE_REPLACED } from '../../project/lab-store.js';
import type { LabState } from '../../../src/project/index.js';
import type { RegionsColoring } from './regions-scene.js';

/** A neuron: `layer` 0-based over the weight layers (the last is the output), `index` in the layer. */
export interface NeuronRef {
  readonly layer: number;
  readonly index: number;
}

/** The lab's state: the type of its project-file schema (src/project/schema.ts), checked on every action. */
export type RegionsState = LabState<'regions'>;

export type RegionsChange =
  | typeof STATE_REPLACED
  | 'networkChanged' | 'viewChanged' | 'sliceChanged' | 'selectionChanged' | 'layersShownChanged' | 'neuronPicked' | 'lineChanged';

/** The segment drawn first in a box [-r, r]^d: across the box, off its diagonals. */
export function defaultLine(inputs: 2 | 3, radius: number): { lineA: number[]; lineB: number[] } {
  const round = (v: number) => Math.round(v * 100) / 100;
  return inputs === 2
    ? { lineA: [-0.85, -0.35].map((v) => round(v * radius)), lineB: [0.85, 0.5].map((v) => round(v * radius)) }
    : { lineA: [-0.9, -0.4, -0.3].map((v) => round(v * radius)), lineB: [0.9, 0.5, 0.4].map((v) => round(v * radius)) };
}

/** The lab as it first opens: 2 → 16 → 16 → 1, He, seed 1, in [−2, 2]². */
export function initialRegionsState(): RegionsState {
  const hidden = [16, 16];
  return {
    inputs: 2, hidden, init: 'he', seed: 1, leaky: false, net: initNetwork({ inputs: 2, hidden, init: 'he', seed: 1 }),
    radius: 2, coloring: 'region', surface: false, explode: 0, opacity: 0.55, sliceOn: false, sliceAt: 0, selected: undefined,
    layersShown: 0, boundariesByLayer: false, boundaryLayersOff: [], neuron: undefined, lineOn: false, ...defaultLine(2, 2),
  };
}

const clampTo = (radius: number) => (p: readonly number[]) => p.map((v) => Math.max(-radius, Math.min(radius, v)));

export class RegionsStore extends LabStore<RegionsState, RegionsChange> {
  constructor(initial: RegionsState = initialRegionsState()) {
    super('regions', initial);
  }

  /**
   * A new network (initialised, or loaded): every layer is shown again, the selection is cleared,
   * and what refers to layers or inputs that no longer exist is dropped or reset.
   */
  setNetwork(patch: Pick<RegionsState, 'net'> & Partial<Pick<RegionsState, 'inputs' | 'hidden' | 'init' | 'seed' | 'leaky'>>): void {
    const s = this.state;
    const inputs = patch.inputs ?? s.inputs;
    const radius = inputs === s.inputs ? s.radius : inputs === 3 ? 1 : 2;
    const layers = patch.net.weights.length;
    const neuron = s.neuron && s.neuron.layer < layers && s.neuron.index < patch.net.weights[s.neuron.layer]!.length ? s.neuron : undefined;
    const line = inputs === s.inputs ? {} : defaultLine(inputs, radius);
    this.set({
      ...patch, ...line, radius, neuron, selected: undefined, layersShown: 0,
      sliceAt: Math.max(-radius, Math.min(radius, s.sliceAt)),
      boundaryLayersOff: s.boundaryLayersOff.filter((l) => l < layers - 1),
    }, 'networkChanged');
  }

  /**
   * Neuron `index` of layer `layer` (0-based; the last layer is the output) gets these weights and
   * bias, and becomes the picked neuron. Throws NetworkFormatError (naming the entry) and leaves
   * the state as it was when they do not fit the network.
   */
  setNeuron(layer: number, index: number, weights: readonly number[], bias: number): void {
    const net = withNeuron(this.state.net, layer, index, weights, bias);
    this.set({ net, neuron: { layer, index }, selected: undefined }, 'networkChanged');
  }

  /** Picks the neuron to edit and outline, or none. */
  pickNeuron(neuron: NeuronRef | undefined): void {
    this.set({ neuron: neuron ? { layer: neuron.layer, index: neuron.index } : undefined }, 'neuronPicked');
  }

  setView(patch: Partial<Pick<RegionsState, 'coloring' | 'surface' | 'explode' | 'opacity' | 'boundariesByLayer' | 'boundaryLayersOff'>>): void {
    this.set(patch.boundaryLayersOff ? { ...patch, boundaryLayersOff: [...patch.boundaryLayersOff].sort((a, b) => a - b) } : patch, 'viewChanged');
  }

  /** Shows the cuts of the first `layers` hidden layers (0 or the depth: all of them). */
  setLayersShown(layers: number): void {
    const depth = this.state.net.weights.length - 1;
    this.set({ layersShown: layers >= depth ? 0 : Math.max(1, Math.round(layers)), selected: undefined }, 'layersShownChanged');
  }

  setSlice(patch: Partial<Pick<RegionsState, 'sliceOn' | 'sliceAt'>>): void {
    this.set(patch, 'sliceChanged');
  }

  /** Shows or hides the segment, or moves its ends (kept inside the box). */
  setLine(patch: Partial<Pick<RegionsState, 'lineOn' | 'lineA' | 'lineB'>>): void {
    const clamp = clampTo(this.state.radius);
    this.set({
      ...(patch.lineOn !== undefined ? { lineOn: patch.lineOn } : {}),
      ...(patch.lineA ? { lineA: clamp(patch.lineA) } : {}),
      ...(patch.lineB ? { lineB: clamp(patch.lineB) } : {}),
    }, 'lineChanged');
  }

  select(selected: number | undefined): void {
    this.set({ selected }, 'selectionChanged');
  }
}
