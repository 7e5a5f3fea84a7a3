/**
 * Layer 0's real attention heads from a checkpoint folder and a sentence, as plain per-head data
 * for the Attention lab: the folder's config.json says the architecture and head count, its
 * tokenizer.json turns the text into the model's tokens, and gpt2.ts / llama.ts compute Q, K, V,
 * the causal scores and weights of every head in float64. Only layer 0 is exact without running
 * the model: every later layer's input is the output of the layers before it.
 */
import { FormatError } from '../formats/errors.js';
import { gpt2LayerZero } from './gpt2.js';
import { llamaLayerZero } from './llama.js';
import { readModelConfig, type ModelConfig } from './modelConfig.js';
import { openCheckpoint } from './open.js';
import { baseName } from './source.js';
import { openTokenizer, type CheckpointTokenizer, type TextTokens } from './tokenizer.js';
import type { ByteSource, Checkpoint } from './types.js';

/** The most tokens the lab draws (an n×n heatmap per head); the model's own limit may be lower. */
export const MAX_SHOWN_TOKENS = 64;

/** The sentence cannot be computed: empty, or more tokens than the model or the lab takes. */
export class SentenceError extends RangeError {
  override readonly name: string = 'SentenceError';
  /** The most tokens allowed, when the sentence was too long. */
  readonly limit: number | undefined;

  constructor(message: string, limit?: number) {
    super(message);
    this.limit = limit;
  }
}

type Supported = Exclude<ModelConfig, { architecture: 'unsupported' }>;

/** A checkpoint folder opened for its layer 0: config, tokenizer and lazily read weights. */
export interface LayerZeroModel {
  readonly config: Supported;
  readonly tokenizer: CheckpointTokenizer;
  readonly checkpoint: Checkpoint;
  /** Bytes read from the files so far (headers, config, tokenizer, tensors). */
  bytesRead(): number;
  /** The files' total size. */
  readonly totalBytes: number;
  /** Each tensor read, with its listed shape and, for a row read, how many rows. */
  readonly reads: TensorRead[];
}

export interface TensorRead {
  readonly name: string;
  readonly shape: readonly number[];
  readonly rows?: number;
}

/**
 * Opens `sources` (a checkpoint folder's files) for layer 0: reads config.json (GPT-2 or
 * Llama-style, else a FormatError with the reason), builds the tokenizer from tokenizer.json and
 * lists the weights (headers only). Every byte read is counted and every tensor read recorded,
 * so the lab can say what it read. Rejects with FormatError for a missing or broken file.
 */
export async function openLayerZero(sources: readonly ByteSource[]): Promise<LayerZeroModel> {
  let bytes = 0;
  const counted = sources.map((s): ByteSource => ({
    name: s.name,
    size: s.size,
    read: async (offset, length) => {
      const out = await s.read(offset, length);
      bytes += out.length;
      return out;
    },
    ...(s.readInto === undefined ? {} : {
      readInto: async (offset: number, target: Uint8Array) => {
        const filled = await s.readInto!(offset, target);
        bytes += filled;
        return filled;
      },
    }),
  }));
  const config = await readModelConfig(counted);
  if (config.architecture === 'unsupported') throw new FormatError(config.reason, 'checkpoint');
  const [tokenizer, opened] = await Promise.all([openTokenizer(counted), openCheckpoint(counted)]);
  const reads: TensorRead[] = [];
  const shapeOf = (name: string) => opened.tensors.find((t) => t.name === name)?.shape ?? [];
  const checkpoint: Checkpoint = {
    ...opened,
    read: (name) => {
      reads.push({ name, shape: shapeOf(name) });
      return opened.read(name);
    },
    readFloat64: (name) => {
      reads.push({ name, shape: shapeOf(name) });
      return opened.readFloat64(name);
    },
    readRows: (name, rows) => {
      reads.push({ name, shape: shapeOf(name), rows: rows.length });
      return opened.readRows(name, rows);
    },
  };
  return { config, tokenizer, checkpoint, bytesRead: () => bytes, totalBytes: sources.reduce((n, s) => n + s.size, 0), reads };
}

/** Whether a folder's files can show layer 0's heads: the architecture, or why not. */
export type LayerZeroSupport = { readonly architecture: 'gpt2' | 'llama' } | { readonly reason: string };

/**
 * Checks, from names and config.json alone (no weights read), whether `sources` hold what layer
 * 0 needs: a config.json of GPT-2 or a Llama-style model and a tokenizer.json beside it. Never
 * rejects: a missing or broken file is a reason.
 */
export async function layerZeroSupport(sources: readonly ByteSource[]): Promise<LayerZeroSupport> {
  if (!sources.some((s) => baseName(s.name) === 'tokenizer.json')) return { reason: 'It has no tokenizer.json, which turns text into its tokens.' };
  try {
    const config = await readModelConfig(sources);
    return config.architecture === 'unsupported' ? { reason: config.reason } : { architecture: config.architecture };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The model's tokens of `text`. Throws SentenceError when the text is empty (only whitespace) or
 * splits into more tokens than the model's positions (GPT-2's n_positions) or MAX_SHOWN_TOKENS;
 * FormatError when the tokenizer fails.
 */
export function sentenceTokens(model: LayerZeroModel, text: string): TextTokens {
  if (text.trim() === '') throw new SentenceError('Type a sentence: its tokens are the rows of every matrix here.');
  const tokens = model.tokenizer.encode(text);
  const positions = model.config.architecture === 'gpt2' ? model.config.positions : Infinity;
  const limit = Math.min(positions, MAX_SHOWN_TOKENS);
  if (tokens.ids.length > limit) {
    const why = limit === positions ? `this model has ${positions} positions (n_positions)` : `the lab draws at most ${MAX_SHOWN_TOKENS}`;
    throw new SentenceError(`This sentence is ${tokens.ids.length} tokens; ${why}, so at most ${limit} fit.`, limit);
  }
  return tokens;
}

/** Layer 0's attention per head, [head][token][c] (key/value heads repeated for each query head they serve). */
export interface LayerZeroHeads {
  readonly architecture: 'gpt2' | 'llama';
  readonly ids: readonly number[];
  readonly tokens: readonly string[];
  /** Model width d, heads, key/value heads (GPT-2: = heads) and the width of one head. */
  readonly d: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly q: number[][][];
  readonly k: number[][][];
  readonly v: number[][][];
  /** qᵢ·kⱼ/√d_head, −Infinity where j > i (causal). */
  readonly scores: number[][][];
  /** Causal softmax of each row of scores (masked entries exactly 0). */
  readonly weights: number[][][];
  /** Σⱼ wᵢⱼ vⱼ per head. */
  readonly output: number[][][];
}

/**
 * Computes layer 0 of `model` on `tokens` (from sentenceTokens): GPT-2 through gpt2LayerZero
 * (LayerNorm, the fused c_attn, heads as column blocks), Llama-style through llamaLayerZero
 * (RMSNorm, RoPE, grouped-query heads). Rejects with FormatError when a tensor is missing or
 * misshapen, RangeError for a token id outside the vocabulary.
 */
export async function layerZeroHeads(model: LayerZeroModel, tokens: TextTokens): Promise<LayerZeroHeads> {
  const { config, checkpoint } = model;
  const ids = tokens.ids;
  if (config.architecture === 'gpt2') {
    const r = (await gpt2LayerZero(checkpoint, ids, config.heads, config.eps)).attention;
    const w = r.dk;
    const block = (M: number[][], t: number) => M.map((row) => row.slice(t * w, (t + 1) * w));
    const each = Array.from({ length: r.headCount }, (_, t) => t);
    return {
      architecture: 'gpt2', ids, tokens: tokens.tokens, d: r.headCount * w, heads: r.headCount, kvHeads: r.headCount, headDim: w,
      q: each.map((t) => block(r.Q, t)), k: each.map((t) => block(r.K, t)), v: each.map((t) => block(r.V, t)),
      scores: r.scores, weights: r.weights, output: r.headOutputs,
    };
  }
  const r = await llamaLayerZero(checkpoint, ids, config);
  const group = config.heads / config.kvHeads;
  const headDim = r.q[0]?.[0]?.length ?? 0;
  const k = r.q.map((_, t) => r.k[Math.floor(t / group)]!);
  const v = r.q.map((_, t) => r.v[Math.floor(t / group)]!);
  const scores = r.q.map((queries, t) => queries.map((qi, i) => k[t]!.map((kj, j) => {
    if (j > i) return -Infinity;
    let s = 0;
    for (let c = 0; c < headDim; c++) s += qi[c]! * kj[c]!;
    return s / Math.sqrt(headDim);
  })));
  return {
    architecture: 'llama', ids, tokens: tokens.tokens, d: r.x[0]?.length ?? 0, heads: config.heads, kvHeads: config.kvHeads, headDim,
    q: r.q, k, v, scores, weights: r.weights, output: r.output,
  };
}
