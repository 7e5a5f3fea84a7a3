/**
 * Layer 0 of a GPT-2 checkpoint on real token ids: the one place in a transformer whose
 * attention can be computed exactly from the weights alone, without running the layers before
 * it. x = wte[ids] + wpe[positions]; h = LayerNorm(x; ln_1); [Q K V] = h·W + b with W the fused
 * c_attn weight (GPT-2's Conv1D stores it in×out, d×3d, so no transpose); heads are column blocks;
 * causal scaled dot-product attention per head (src/attention).
 */
import { attention, type AttentionResult } from '../attention/attention.js';
import { FormatError } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import type { Checkpoint, TensorValues } from './types.js';

/** GPT-2's layer 0 on a token sequence, every intermediate in float64. */
export interface Gpt2LayerZero {
  readonly ids: readonly number[];
  /** n×d token + position embeddings. */
  readonly x: number[][];
  /** n×d after ln_1. */
  readonly ln1: number[][];
  /** The attention of layer 0 (causal, scaled by √d_head): Q, K, V n×d, weights and outputs per head. */
  readonly attention: AttentionResult;
}

const PARTS = ['wte.weight', 'wpe.weight', 'h.0.ln_1.weight', 'h.0.ln_1.bias', 'h.0.attn.c_attn.weight', 'h.0.attn.c_attn.bias'] as const;

/**
 * Computes GPT-2's layer-0 attention for token `ids` from a checkpoint holding `wte`, `wpe`,
 * `h.0.ln_1` and `h.0.attn.c_attn` (with or without a 'transformer.' prefix). `heads` is the
 * config's n_head and `eps` its layer_norm_epsilon (1e-5 in every GPT-2). LayerNorm is
 * (x − μ)/√(σ² + eps)·γ + β with the biased variance, as torch computes it. Rejects with
 * FormatError when a tensor is missing or shaped unlike GPT-2, RangeError for an id outside the
 * vocabulary or more tokens than positions.
 */
export async function gpt2LayerZero(checkpoint: Checkpoint, ids: readonly number[], heads: number, eps = 1e-5): Promise<Gpt2LayerZero> {
  const names = PARTS.map((part) => {
    const found = checkpoint.tensors.find((t) => t.name === part || t.name.endsWith(`.${part}`));
    if (found === undefined) throw new FormatError(`This is not a GPT-2 checkpoint Hinge understands: it has no '${part}'.`, 'checkpoint');
    return found.name;
  });
  // Only the rows the sentence needs of wte (vocab × d, 50 257 × 768 in GPT-2) and wpe: the
  // shapes come from the listing, so ids and positions are checked before anything is read.
  const listed = (k: number) => checkpoint.tensors.find((t) => t.name === names[k])!.shape;
  const [vocab, d] = listed(0);
  const positions = listed(1)[0];
  if (listed(0).length !== 2) throw new FormatError(`'${showText(names[0])}' is [${listed(0).join(', ')}]; GPT-2 needs vocabulary × d.`, 'checkpoint');
  if (listed(1).length !== 2 || listed(1)[1] !== d) throw new FormatError(`'${showText(names[1])}' is not positions × ${d}.`, 'checkpoint');
  if (ids.length > positions) throw new RangeError(`GPT-2 here has ${positions} positions; ${ids.length} tokens do not fit.`);
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= vocab) throw new RangeError(`Token ${i + 1} has id ${id}, outside the vocabulary of ${vocab}.`);
  });
  const [wte, wpe, gamma, beta, w, b] = await Promise.all([
    checkpoint.readRows(names[0], ids),
    checkpoint.readRows(names[1], ids.map((_, pos) => pos)),
    ...names.slice(2).map((name) => checkpoint.read(name)),
  ]);
  const expectShape = (t: TensorValues, shape: number[], k: number): void => {
    if (t.shape.length !== shape.length || t.shape.some((x, i) => x !== shape[i])) {
      throw new FormatError(`'${showText(names[k])}' is [${t.shape.join(', ')}]; GPT-2 needs [${shape.join(', ')}].`, 'checkpoint');
    }
  };
  expectShape(gamma, [d], 2);
  expectShape(beta, [d], 3);
  expectShape(w, [d, 3 * d], 4);
  expectShape(b, [3 * d], 5);
  const x = ids.map((_, i) => Array.from({ length: d }, (_, c) => wte.data[i * d + c] + wpe.data[i * d + c]));
  const ln1 = x.map((row) => {
    let mean = 0;
    for (const v of row) mean += v;
    mean /= d;
    let variance = 0;
    for (const v of row) variance += (v - mean) ** 2;
    variance /= d;
    const inv = 1 / Math.sqrt(variance + eps);
    return row.map((v, c) => (v - mean) * inv * gamma.data[c] + beta.data[c]);
  });
  // h·W + b as [h 1]·[W; b]: the bias is the last term of each dot product.
  const block = (from: number): number[][] => [
    ...Array.from({ length: d }, (_, r) => Array.from({ length: d }, (_, c) => w.data[r * 3 * d + from + c])),
    Array.from({ length: d }, (_, c) => b.data[from + c]),
  ];
  const h1 = ln1.map((row) => [...row, 1]);
  return { ids: [...ids], x, ln1, attention: attention(h1, block(0), block(d), block(2 * d), { heads, causal: true }) };
}
