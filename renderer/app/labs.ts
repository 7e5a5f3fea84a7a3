/**
 * The labs the left rail offers. Each loads lazily (its own chunk), so the first frame does not
 * wait for code the user has not asked for.
 */
export interface LabEntry {
  readonly id: string;
  readonly title: string;
  readonly formula: string;
  readonly summary: string;
  readonly tag: string;
  readonly load: () => Promise<unknown>;
}

export const LABS: readonly LabEntry[] = [
  {
    id: 'map',
    title: 'Concept map',
    formula: 'network ↔ algebra',
    summary: 'Each idea of a neural network beside the linear algebra it is, with a lab that shows it.',
    tag: 'hinge-concept-map',
    load: () => import('../labs/map/concept-map.js'),
  },
  {
    id: 'layer',
    title: 'Layer',
    formula: 'y = Wx + b',
    summary: 'Drag x and watch W move the whole grid, then b shift it, then a nonlinearity bend it.',
    tag: 'hinge-layer-lab',
    load: () => import('../labs/layer/layer-lab.js'),
  },
  {
    id: 'svd',
    title: 'SVD',
    formula: 'W = UΣVᵀ',
    summary: 'Any matrix is a rotation, a stretch and a rotation: watch it happen, stage by stage.',
    tag: 'hinge-svd-lab',
    load: () => import('../labs/svd/svd-lab.js'),
  },
  {
    id: 'regions',
    title: 'Regions',
    formula: 'ReLU pieces',
    summary: 'The exact linear regions of a ReLU network in 2D and 3D, and why depth beats width.',
    tag: 'hinge-regions-lab',
    load: () => import('../labs/regions/regions-lab.js'),
  },
  {
    id: 'attention',
    title: 'Attention',
    formula: 'softmax(QKᵀ/√dₖ)V',
    summary: 'Type a sentence, click a token: its query scores every key, softmax makes the weights, and its output lands inside the hull of the values.',
    tag: 'hinge-attention-lab',
    load: () => import('../labs/attention/attention-lab.js'),
  },
  {
    id: 'lora',
    title: 'LoRA',
    formula: 'W₀ + AB',
    summary: 'Approximate a fine-tuning update by a rank-r product AB: the truncated SVD is the best one, and its error is the singular values left out.',
    tag: 'hinge-lora-lab',
    load: () => import('../labs/lora/lora-lab.js'),
  },
  {
    id: 'gradients',
    title: 'Gradients',
    formula: '∂L/∂x = Wᵀg',
    summary: 'Backprop sends a gradient through Wᵀ; through a deep chain it vanishes, stays or explodes depending on the scale of the weights.',
    tag: 'hinge-gradients-lab',
    load: () => import('../labs/gradients/gradients-lab.js'),
  },
];

export const DEFAULT_LAB = LABS[0]!;

export function labFromHash(hash: string): LabEntry {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return LABS.find((lab) => lab.id === id) ?? DEFAULT_LAB;
}
