/**
 * What a checkpoint's `config.json` says about layer 0's attention, for the architectures whose
 * layer 0 Hinge computes exactly (gpt2.ts, llama.ts), and why not for the others.
 */
import { FormatError } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import { member, readJsonObject, type JsonObject } from './json.js';
import type { LlamaAttentionConfig } from './llama.js';
import { baseName } from './source.js';
import type { ByteSource } from './types.js';

/** The attention configuration of a model Hinge understands, or the reason it does not. */
export type ModelConfig =
  | { readonly architecture: 'gpt2'; readonly heads: number; readonly eps: number; readonly positions: number }
  | ({ readonly architecture: 'llama' } & LlamaAttentionConfig)
  | { readonly architecture: 'unsupported'; readonly modelType: string; readonly reason: string };

const LLAMA_LIKE = new Set(['llama', 'mistral']);

/**
 * Reads `config.json` among `sources`: GPT-2 (n_head, layer_norm_epsilon, n_positions) and
 * Llama/Mistral (num_attention_heads, num_key_value_heads defaulting to the heads, rope_theta or
 * rope_parameters.rope_theta defaulting to 10 000, rms_norm_eps); attention biases, scaled RoPE
 * (Llama 3's rope_scaling) and other model types come back as 'unsupported' with the reason.
 * Rejects with FormatError when config.json is missing, not JSON, or lacks a needed number.
 */
export async function readModelConfig(sources: readonly ByteSource[]): Promise<ModelConfig> {
  const source = sources.find((s) => baseName(s.name) === 'config.json');
  if (source === undefined) throw new FormatError('No config.json was given; it says how many heads the model has.', 'checkpoint');
  const json = await readJsonObject(source, 'checkpoint');
  const modelType = String(member(json, 'model_type') ?? '');
  if (modelType === 'gpt2') {
    return { architecture: 'gpt2', heads: count(json, 'n_head'), eps: number(json, 'layer_norm_epsilon', 1e-5), positions: count(json, 'n_positions') };
  }
  if (!LLAMA_LIKE.has(modelType)) {
    return { architecture: 'unsupported', modelType, reason: `Hinge computes layer 0 of GPT-2 and Llama-style models; this is '${showText(modelType || 'unknown')}'.` };
  }
  const rope = member(json, 'rope_parameters');
  const ropeObject = typeof rope === 'object' && rope !== null ? (rope as JsonObject) : {};
  const scaling = member(json, 'rope_scaling');
  const ropeType = member(ropeObject, 'rope_type') ?? 'default';
  if ((scaling !== undefined && scaling !== null) || ropeType !== 'default') {
    return { architecture: 'unsupported', modelType, reason: 'Its rotary embedding is scaled (rope_scaling, as in Llama 3); Hinge applies plain RoPE only.' };
  }
  if (member(json, 'attention_bias') === true) {
    return { architecture: 'unsupported', modelType, reason: 'Its attention projections have biases; Hinge computes Llama-style layer 0 without them.' };
  }
  const heads = count(json, 'num_attention_heads');
  const kvHeads = member(json, 'num_key_value_heads') === undefined ? heads : count(json, 'num_key_value_heads');
  const ropeTheta = number(ropeObject, 'rope_theta', number(json, 'rope_theta', 10_000));
  return { architecture: 'llama', heads, kvHeads, ropeTheta, eps: number(json, 'rms_norm_eps', 1e-6) };
}

function count(json: JsonObject, key: string): number {
  const value = member(json, key);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new FormatError(`config.json's "${key}" must be a whole number ≥ 1.`, 'checkpoint');
  }
  return value;
}

function number(json: JsonObject, key: string, fallback: number): number {
  const value = member(json, key);
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new FormatError(`config.json's "${key}" must be a positive number.`, 'checkpoint');
  return value;
}
