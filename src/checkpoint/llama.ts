/**
 * Layer 0 of a Llama-style checkpoint (Llama 2, Mistral, Qwen2 without biases …) on real token
 * ids: x = embed_tokens[ids]; h = RMSNorm(x) = x/√(mean(x²) + eps)·w; Q = h·W_qᵀ, K = h·W_kᵀ,
 * V = h·W_vᵀ (nn.Linear stores out×in); rotary position embedding on Q and K per head (the
 * rotate-half convention of Hugging Face: q·cos + rotate_half(q)·sin, angles pos·θ^(−2i/d_head));
 * grouped-query attention (head t reads key/value head ⌊t/(h/h_kv)⌋); causal softmax(QKᵀ/√d_head).
 * Rope scaling (Llama 3's rope_scaling) is not applied: this is the plain RoPE of Llama 2.
 */
import { softmax } from '../attention/softmax.js';
import { FormatError } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import type { Checkpoint } from './types.js';

/** The config values layer 0 needs (config.json: num_attention_heads, num_key_value_heads, rope_theta, rms_norm_eps). */
export interface LlamaAttentionConfig {
  readonly heads: number;
  readonly kvHeads: number;
  readonly ropeTheta: number;
  readonly eps: number;
}

/** Llama's layer 0 on a token sequence, every intermediate in float64; per-head arrays are [head][token][c]. */
export interface LlamaLayerZero {
  readonly ids: readonly number[];
  readonly x: number[][];
  readonly normed: number[][];
  /** Queries after RoPE, per attention head. */
  readonly q: number[][][];
  /** Keys after RoPE and values, per key/value head. */
  readonly k: number[][][];
  readonly v: number[][][];
  /** Causal attention weights and outputs, per attention head. */
  readonly weights: number[][][];
  readonly output: number[][][];
}

const PARTS = ['embed_tokens.weight', 'layers.0.input_layernorm.weight', 'layers.0.self_attn.q_proj.weight', 'layers.0.self_attn.k_proj.weight', 'layers.0.self_attn.v_proj.weight'] as const;

/**
 * Computes a Llama-style checkpoint's layer-0 attention for token `ids` (see the file comment for
 * the formulas). Rejects with FormatError when a tensor is missing or its shape disagrees with
 * `config`, RangeError for ids outside the vocabulary or a head count that does not divide.
 */
export async function llamaLayerZero(checkpoint: Checkpoint, ids: readonly number[], config: LlamaAttentionConfig): Promise<LlamaLayerZero> {
  const { heads, kvHeads, ropeTheta, eps } = config;
  if (!Number.isInteger(heads) || !Number.isInteger(kvHeads) || heads < 1 || kvHeads < 1 || heads % kvHeads !== 0) {
    throw new RangeError(`${heads} attention heads cannot share ${kvHeads} key/value heads evenly.`);
  }
  const names = PARTS.map((part) => {
    const found = checkpoint.tensors.find((t) => t.name === part || t.name.endsWith(`.${part}`));
    if (found === undefined) throw new FormatError(`This is not a Llama-style checkpoint Hinge understands: it has no '${part}'.`, 'checkpoint');
    return found.name;
  });
  // Only the sentence's rows of the embedding (vocab × d): ids are checked against the listed shape first.
  const embedShape = checkpoint.tensors.find((t) => t.name === names[0])!.shape;
  const vocab = embedShape[0];
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= vocab) throw new RangeError(`Token ${i + 1} has id ${id}, outside the vocabulary of ${vocab}.`);
  });
  const [embed, norm, wq, wk, wv] = await Promise.all([checkpoint.readRows(names[0], ids), ...names.slice(1).map((name) => checkpoint.read(name))]);
  const d = embed.shape[1];
  const headDim = wq.shape[0] / heads;
  const wrong = (k: number, want: string): never => {
    throw new FormatError(`'${showText(names[k])}' is [${[...[embed, norm, wq, wk, wv][k].shape].join(', ')}]; with this config it must be ${want}.`, 'checkpoint');
  };
  if (norm.shape.length !== 1 || norm.shape[0] !== d) wrong(1, `[${d}]`);
  if (wq.shape[1] !== d || !Number.isInteger(headDim) || headDim % 2 !== 0) wrong(2, `[${heads}·d_head, ${d}] with an even d_head`);
  if (wk.shape[0] !== kvHeads * headDim || wk.shape[1] !== d) wrong(3, `[${kvHeads * headDim}, ${d}]`);
  if (wv.shape[0] !== kvHeads * headDim || wv.shape[1] !== d) wrong(4, `[${kvHeads * headDim}, ${d}]`);
  const x = ids.map((_, i) => Array.from(embed.data.subarray(i * d, (i + 1) * d)));
  const normed = x.map((row) => {
    let meanSquare = 0;
    for (const v of row) meanSquare += v * v;
    const inv = 1 / Math.sqrt(meanSquare / d + eps);
    return row.map((v, c) => v * inv * norm.data[c]);
  });
  // h·Wᵀ, split into heads: [head][token][c].
  const project = (w: Float64Array | Float32Array, count: number): number[][][] =>
    Array.from({ length: count }, (_, t) => normed.map((h) => Array.from({ length: headDim }, (_, c) => {
      const row = (t * headDim + c) * d;
      let s = 0;
      for (let j = 0; j < d; j++) s += h[j] * w[row + j];
      return s;
    })));
  const inverseFrequency = Array.from({ length: headDim / 2 }, (_, i) => 1 / ropeTheta ** ((2 * i) / headDim));
  const rope = (perHead: number[][][]): number[][][] =>
    perHead.map((tokens) => tokens.map((vec, pos) => vec.map((value, c) => {
      const i = c % (headDim / 2);
      const angle = pos * inverseFrequency[i];
      const rotated = c < headDim / 2 ? -vec[c + headDim / 2] : vec[c - headDim / 2];
      return value * Math.cos(angle) + rotated * Math.sin(angle);
    })));
  const q = rope(project(wq.data, heads));
  const k = rope(project(wk.data, kvHeads));
  const v = project(wv.data, kvHeads);
  const group = heads / kvHeads;
  const weights = q.map((queries, t) => queries.map((qi, i) => softmax(k[Math.floor(t / group)].map((kj, j) => {
    if (j > i) return -Infinity;
    let s = 0;
    for (let c = 0; c < headDim; c++) s += qi[c] * kj[c];
    return s / Math.sqrt(headDim);
  }), i)));
  const output = weights.map((rows, t) => rows.map((w) => Array.from({ length: headDim }, (_, c) => {
    let s = 0;
    for (let j = 0; j < w.length; j++) if (w[j] !== 0) s += w[j] * v[Math.floor(t / group)][j][c];
    return s;
  })));
  return { ids: [...ids], x, normed, q, k, v, weights, output };
}
