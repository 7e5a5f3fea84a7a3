/**
 * The Regions lab's state: plain, serializable data changed through named actions, announced in
 * the past tense.
 */
import type { InitScheme, ReluNet } from '../../../src/regions/index.js';
import type { RegionsColoring } from './regions-scene.js';

export interface RegionsState {
  readonly inputs: 2 | 3;
  readonly hidden: readonly number[];
  readonly init: InitScheme;
  readonly seed: number;
  readonly leaky: boolean;
  /** The network (from the initialisation, edited, or loaded). */
  readonly net: ReluNet;
  /** Half the side of the box [-r, r]^d. */
  readonly radius: number;
  readonly coloring: RegionsColoring;
  readonly surface: boolean;
  readonly explode: number;
  readonly opacity: number;
  readonly sliceOn: boolean;
  readonly sliceAt: number;
  readonly selected: number | undefined;
}

export type RegionsChange = 'networkChanged' | 'viewChanged' | 'sliceChanged' | 'selectionChanged';

export class RegionsStore extends EventTarget {
  #state: RegionsState;

  constructor(initial: RegionsState) {
    super();
    this.#state = initial;
  }

  get state(): RegionsState {
    return this.#state;
  }

  #set(patch: Partial<RegionsState>, change: RegionsChange): void {
    this.#state = { ...this.#state, ...patch };
    this.dispatchEvent(new CustomEvent<RegionsChange>('changed', { detail: change }));
  }

  setNetwork(patch: Pick<RegionsState, 'net'> & Partial<Pick<RegionsState, 'inputs' | 'hidden' | 'init' | 'seed' | 'leaky'>>): void {
    const inputs = patch.inputs ?? this.#state.inputs;
    const radius = inputs === this.#state.inputs ? this.#state.radius : inputs === 3 ? 1 : 2;
    this.#set({ ...patch, radius, selected: undefined, sliceAt: Math.max(-radius, Math.min(radius, this.#state.sliceAt)) }, 'networkChanged');
  }

  setView(patch: Partial<Pick<RegionsState, 'coloring' | 'surface' | 'explode' | 'opacity'>>): void {
    this.#set(patch, 'viewChanged');
  }

  setSlice(patch: Partial<Pick<RegionsState, 'sliceOn' | 'sliceAt'>>): void {
    this.#set(patch, 'sliceChanged');
  }

  select(selected: number | undefined): void {
    this.#set({ selected }, 'selectionChanged');
  }
}
