/**
 * The one list of Hinge's labs. Everything that names labs reads it: the project file's schema
 * (which labs keep state, which views a file may open on), the IPC contract and the application
 * menu (one `lab.<id>` command and one Ctrl/Cmd+N shortcut per lab, in this order), the page's rail
 * (renderer/labs/registry.ts adds each lab's element and code), "Export all" and messages that
 * name a lab. Adding a lab means adding one entry here and one in the renderer's registry.
 */

export interface LabCatalogEntry {
  readonly id: string;
  /** The lab's name on the rail and in messages. */
  readonly title: string;
  /** The lab's name in the application menu. */
  readonly menuLabel: string;
  /** The formula the rail shows under the title. */
  readonly formula: string;
  /** One sentence: what the lab shows. */
  readonly summary: string;
  /** True when the lab keeps a store state that projects save and undo restores. */
  readonly state: boolean;
  /** True when "Export all" writes a PNG of the lab's view. */
  readonly exportAll: boolean;
}

/** The labs, in the rail's order (the menu's shortcuts follow it). */
export const LAB_CATALOG = [
  {
    id: 'map',
    title: 'Concept map',
    menuLabel: 'Concept Map',
    formula: 'network ↔ algebra',
    summary: 'Each idea of a neural network beside the linear algebra it is, with a lab that shows it.',
    state: false,
    exportAll: false,
  },
  {
    id: 'layer',
    title: 'Layer',
    menuLabel: 'Layer',
    formula: 'y = Wx + b',
    summary: 'Drag x and watch W move the whole grid, then b shift it, then a nonlinearity bend it.',
    state: true,
    exportAll: true,
  },
  {
    id: 'svd',
    title: 'SVD',
    menuLabel: 'SVD',
    formula: 'W = UΣVᵀ',
    summary: 'Any matrix is a rotation, a stretch and a rotation: watch it happen, stage by stage.',
    state: true,
    exportAll: true,
  },
  {
    id: 'regions',
    title: 'Regions',
    menuLabel: 'Linear Regions',
    formula: 'ReLU pieces',
    summary: 'The exact linear regions of a ReLU network in 2D and 3D, and why depth beats width.',
    state: true,
    exportAll: true,
  },
  {
    id: 'attention',
    title: 'Attention',
    menuLabel: 'Attention',
    formula: 'softmax(QKᵀ/√dₖ)V',
    summary:
      'Type a sentence, click a token: its query scores every key, softmax makes the weights, and its output lands inside the hull of the values.',
    state: true,
    exportAll: true,
  },
  {
    id: 'lora',
    title: 'LoRA',
    menuLabel: 'LoRA',
    formula: 'W₀ + AB',
    summary:
      'Approximate a fine-tuning update by a rank-r product AB: the truncated SVD is the best one, and its error is the singular values left out.',
    state: true,
    exportAll: true,
  },
  {
    id: 'gradients',
    title: 'Gradients',
    menuLabel: 'Gradients',
    formula: '∂L/∂x = Wᵀg',
    summary: 'Backprop sends a gradient through Wᵀ; through a deep chain it vanishes, stays or explodes depending on the scale of the weights.',
    state: true,
    exportAll: true,
  },
  {
    id: 'training',
    title: 'Training',
    menuLabel: 'Training',
    formula: 'θ ← θ − η∇L',
    summary:
      'Train a small network in the page and watch its decision boundary, its exact linear regions, its singular values and its gradient norms change step by step.',
    state: true,
    exportAll: true,
  },
  {
    id: 'model',
    title: 'Model',
    menuLabel: 'Model',
    formula: 'σ(W) per layer',
    summary: 'Open a real checkpoint and see every weight matrix by its singular values: norms, ranks, energy kept at low rank, across depth, and ΔW of a fine-tune.',
    // The lab shows files the user opened; a project names files and never carries weights, and a
    // browser cannot reopen a file by name, so a saved sort or metric would have nothing to show.
    state: false,
    exportAll: false,
  },
] as const satisfies readonly LabCatalogEntry[];

type Entry = (typeof LAB_CATALOG)[number];
/** Every lab's id (its hash route `#/<id>` and its menu command `lab.<id>`). */
export type LabId = Entry['id'];
/** The labs that keep state in a project. */
export type StatefulLabId = Extract<Entry, { state: true }>['id'];

type NonEmpty<T> = readonly [T, ...T[]];
const ids = <T extends string>(entries: readonly Entry[]): NonEmpty<T> => entries.map((lab) => lab.id) as unknown as NonEmpty<T>;

export const LAB_IDS: NonEmpty<LabId> = ids<LabId>(LAB_CATALOG);
export const STATEFUL_LAB_IDS: NonEmpty<StatefulLabId> = ids<StatefulLabId>(LAB_CATALOG.filter((lab) => lab.state));
/** The labs "Export all" writes, in the rail's order. */
export const EXPORT_ALL_LAB_IDS: readonly StatefulLabId[] = LAB_CATALOG.filter((lab) => lab.exportAll).map((lab) => lab.id as StatefulLabId);

/** The catalogue entry of `id`. */
export function labEntry(id: LabId): Entry {
  return LAB_CATALOG.find((lab) => lab.id === id)!;
}

/** A lab's title for messages, or `fallback` for an id that is not a lab (e.g. `project`). */
export function labTitle(id: string, fallback = id): string {
  return LAB_CATALOG.find((lab) => lab.id === id)?.title ?? fallback;
}
