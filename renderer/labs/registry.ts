/**
 * The page's half of the lab registry: for each lab of the catalogue (src/project/lab-catalog.ts —
 * ids, titles, formulas, which labs keep state), the element that shows it and how to load its
 * code and its store. Each lab loads lazily (its own chunk), so the first frame does not wait for
 * code the user has not asked for.
 */
import { LAB_CATALOG, type LabId, type StatefulLabId } from '../../src/project/lab-catalog.js';
import type { LabStore } from '../project/lab-store.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLabStore = LabStore<any, string>;
/** Builds a lab's store, from a state waiting in an opened project or, without one, the lab's initial state. */
export type StoreFactory = (initial?: never) => AnyLabStore;

export interface LabEntry {
  readonly id: LabId;
  readonly title: string;
  readonly formula: string;
  readonly summary: string;
  /** The custom element that is the lab. */
  readonly tag: string;
  /** Loads the lab's element (defining `tag`). */
  readonly load: () => Promise<unknown>;
  /** Loads the lab's store class, for labs that keep state. */
  readonly store?: () => Promise<StoreFactory>;
}

interface LabCode {
  readonly tag: string;
  readonly load: () => Promise<unknown>;
  readonly store?: () => Promise<StoreFactory>;
}

const CODE: Readonly<Record<LabId, LabCode>> = {
  map: { tag: 'hinge-concept-map', load: () => import('./map/concept-map.js') },
  layer: {
    tag: 'hinge-layer-lab',
    load: () => import('./layer/layer-lab.js'),
    store: () => import('./layer/layer-store.js').then((m) => (initial) => new m.LayerStore(initial)),
  },
  svd: {
    tag: 'hinge-svd-lab',
    load: () => import('./svd/svd-lab.js'),
    store: () => import('./svd/svd-store.js').then((m) => (initial) => new m.SvdStore(initial)),
  },
  regions: {
    tag: 'hinge-regions-lab',
    load: () => import('./regions/regions-lab.js'),
    store: () => import('./regions/regions-store.js').then((m) => (initial) => new m.RegionsStore(initial)),
  },
  attention: {
    tag: 'hinge-attention-lab',
    load: () => import('./attention/attention-lab.js'),
    store: () => import('./attention/attention-store.js').then((m) => (initial) => new m.AttentionStore(initial)),
  },
  lora: {
    tag: 'hinge-lora-lab',
    load: () => import('./lora/lora-lab.js'),
    store: () => import('./lora/lora-store.js').then((m) => (initial) => new m.LoraStore(initial)),
  },
  gradients: {
    tag: 'hinge-gradients-lab',
    load: () => import('./gradients/gradients-lab.js'),
    store: () => import('./gradients/gradients-store.js').then((m) => (initial) => new m.GradientsStore(initial)),
  },
  training: {
    tag: 'hinge-training-lab',
    load: () => import('./training/training-lab.js'),
    store: () => import('./training/training-store.js').then((m) => (initial) => new m.TrainingStore(initial)),
  },
  model: { tag: 'hinge-model-lab', load: () => import('./model/model-lab.js') },
};

/** Every lab, in the rail's order. */
export const LABS: readonly LabEntry[] = LAB_CATALOG.map((lab) => ({
  id: lab.id,
  title: lab.title,
  formula: lab.formula,
  summary: lab.summary,
  ...CODE[lab.id],
}));

export const DEFAULT_LAB = LABS[0]!;

export function labFromHash(hash: string): LabEntry {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return LABS.find((lab) => lab.id === id) ?? DEFAULT_LAB;
}

/** The registry entry of lab `id`. */
export function labById(id: LabId): LabEntry {
  return LABS.find((lab) => lab.id === id)!;
}

/** The store factory of a lab that keeps state (loading its store's code). */
export async function storeFactory(id: StatefulLabId): Promise<StoreFactory> {
  const load = labById(id).store;
  if (!load) throw new Error(`The ${id} lab keeps no state.`);
  return load();
}
