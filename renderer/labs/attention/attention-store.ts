/**
 * The Attention lab's state: plain, serializable data changed only through named actions,
 * announced in the past tense. Everything on screen is computed from it (attention-model.ts).
 */
import { LabStore, STATE_REPLACED } from '../../project/lab-store.js';
import type { LabState } from '../../../src/project/index.js';
import { seededWeights, tokenize } from '../../../src/attention/index.js';
import type { Matrix } from '../../../src/layer/index.js';


/** The projections the user can type; W_O mixes the heads when there is more than one. */
export type WeightName = 'W_Q' | 'W_K' | 'W_V' | 'W_O';
export const WEIGHT_NAMES: readonly WeightName[] = ['W_Q', 'W_K', 'W_V', 'W_O'];

export const LIMITS = { dMin: 2, dMax: 16, dkMin: 1, dkMax: 8, headsMax: 4, temperatureMin: 0.05, temperatureMax: 20 } as const;

/** The lab's state: the type of its project-file schema (src/project/schema.ts), checked on every action. */
export type AttentionState = LabState<'attention'>;

export type AttentionChange =
  | typeof STATE_REPLACED
  | 'sentenceChanged'
  | 'sizesChanged'
  | 'seedChanged'
  | 'weightsChanged'
  | 'embeddingsChanged'
  | 'optionsChanged'
  | 'querySelected'
  | 'headSelected'
  | 'projectionChanged';

/** W_Q, W_K, W_V and W_O drawn from the seed for these sizes. */
export function seededProjections(d: number, dk: number, heads: number, seed: number): Record<WeightName, number[][]> {
  return {
    W_Q: seededWeights(d, heads * dk, seed, 'W_Q'),
    W_K: seededWeights(d, heads * dk, seed, 'W_K'),
    W_V: seededWeights(d, heads * dk, seed, 'W_V'),
    W_O: seededWeights(heads * dk, d, seed, 'W_O'),
  };
}

export function initialAttentionState(): AttentionState {
  const d = 4;
  const dk = 2;
  return {
    sentence: 'the cat sat on the mat .',
    d,
    dk,
    heads: 1,
    seed: 1,
    positional: true,
    scale: true,
    temperature: 1,
    causal: false,
    weights: seededProjections(d, dk, 1, 1),
    embeddings: null,
    query: 1,
    head: 0,
    projection: 2,
  };
}

/** v rounded into [lo, hi]; `fallback` when v is not a number (an emptied field). */
const clampInt = (v: number, lo: number, hi: number, fallback = lo) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : fallback);
const copy = (m: Matrix) => m.map((row) => [...row]);

export class AttentionStore extends LabStore<AttentionState, AttentionChange> {
  constructor(initial: AttentionState = initialAttentionState()) {
    super('attention', initial);
  }

  /**
   * A new sentence. It must tokenize (the view checks and shows the error; this throws
   * TokenizeError so a bad one can never be stored). Hand-typed embeddings belong to the old
   * tokens and are dropped when the count changes.
   */
  setSentence(sentence: string): void {
    const n = tokenize(sentence).length;
    const old = this.state;
    const embeddings = old.embeddings && old.embeddings.length === n ? old.embeddings : null;
    this.set({ sentence, embeddings, query: Math.min(old.query, n - 1) }, 'sentenceChanged');
  }

  /** New sizes d, d_k or heads: the projections are drawn again from the seed (typed ones no longer fit). */
  setSizes(sizes: { d?: number; dk?: number; heads?: number }): void {
    const old = this.state;
    const d = clampInt(sizes.d ?? old.d, LIMITS.dMin, LIMITS.dMax, old.d);
    const dk = clampInt(sizes.dk ?? old.dk, LIMITS.dkMin, LIMITS.dkMax, old.dk);
    const heads = clampInt(sizes.heads ?? old.heads, 1, LIMITS.headsMax, old.heads);
    if (d === old.d && dk === old.dk && heads === old.heads) return;
    this.set(
      {
        d, dk, heads,
        weights: seededProjections(d, dk, heads, old.seed),
        embeddings: d === old.d ? old.embeddings : null,
        head: Math.min(old.head, heads - 1),
      },
      'sizesChanged',
    );
  }

  /** A new seed: new token vectors and new projections (hand-typed ones are replaced). */
  setSeed(seed: number): void {
    const s = Number.isFinite(seed) ? Math.min(2 ** 32 - 1, Math.max(0, Math.floor(seed))) : this.state.seed;
    const { d, dk, heads } = this.state;
    this.set({ seed: s, weights: seededProjections(d, dk, heads, s), embeddings: null }, 'seedChanged');
  }

  /** A typed projection; its shape must match the current sizes (the editor only offers that one). */
  setWeight(name: WeightName, value: Matrix): void {
    this.set({ weights: { ...this.state.weights, [name]: copy(value) } }, 'weightsChanged');
  }

  /** Embeddings typed by hand (n×d), or null to go back to the seeded ones. */
  setEmbeddings(embeddings: Matrix | null): void {
    this.set({ embeddings: embeddings && copy(embeddings) }, 'embeddingsChanged');
  }

  setPositional(positional: boolean): void {
    this.set({ positional }, 'optionsChanged');
  }

  setScaling(scale: boolean): void {
    this.set({ scale }, 'optionsChanged');
  }

  setTemperature(temperature: number): void {
    if (!Number.isFinite(temperature)) return;
    this.set({ temperature: Math.min(LIMITS.temperatureMax, Math.max(LIMITS.temperatureMin, temperature)) }, 'optionsChanged');
  }

  setCausal(causal: boolean): void {
    this.set({ causal }, 'optionsChanged');
  }

  /** Clicks token `query` (clamped to the tokens there are). */
  selectQuery(query: number, tokenCount: number): void {
    this.set({ query: clampInt(query, 0, tokenCount - 1) }, 'querySelected');
  }

  selectHead(head: number): void {
    this.set({ head: clampInt(head, 0, this.state.heads - 1) }, 'headSelected');
  }

  setProjection(projection: 2 | 3): void {
    this.set({ projection }, 'projectionChanged');
  }
}
