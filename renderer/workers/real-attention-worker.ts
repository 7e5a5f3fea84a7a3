/**
 * The Attention lab's real mode, in a worker: each job opens the user's checkpoint folder again
 * from its Files (config.json, tokenizer.json, the weights' headers — by File.slice, never whole),
 * tokenizes the sentence with the model's own tokenizer and computes layer 0's heads, reading only
 * the embedding rows of the sentence's tokens. Refusals come back as plain data with the place
 * they belong to (the folder or the sentence), never as thrown errors, which comlink would strip.
 */
import { expose } from 'comlink';
import {
  layerZeroHeads, MAX_SHOWN_TOKENS, openLayerZero, readableToken, SentenceError, sentenceTokens, type LayerZeroHeads, type TensorRead,
} from '../../src/checkpoint/index.js';
import type { ModelFile, RangeReader } from './model-worker.js';
import { sourcesOf } from './model-sources.js';

/** Layer 0's heads on a sentence, with the tokens as read and what was read to compute them. */
export interface RealHeads extends LayerZeroHeads {
  /** The tokens as a person reads them ('Ġthe' → '␣the'). */
  readonly readable: readonly string[];
  /** GPT-2's n_positions (undefined for RoPE models, which have no table of positions). */
  readonly positions: number | undefined;
  /** The most tokens a sentence may have here: n_positions or what the lab draws, the smaller. */
  readonly maxTokens: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly reads: readonly TensorRead[];
}

/** Where a refusal belongs: the opened folder, or the typed sentence. */
export type RealHeadsOutcome =
  | { readonly ok: true; readonly value: RealHeads }
  | { readonly ok: false; readonly field: 'source' | 'sentence'; readonly message: string };

export interface RealAttentionWorkerApi {
  /** `ranges` reads the desktop's files through the main process (files the Model lab opened from its dialog). */
  heads(files: ModelFile[], text: string, ranges?: RangeReader): Promise<RealHeadsOutcome>;
}

const api: RealAttentionWorkerApi = {
  async heads(files, text, ranges) {
    let stage: 'source' | 'sentence' = 'source';
    try {
      const model = await openLayerZero(sourcesOf(files, ranges));
      stage = 'sentence';
      const tokens = sentenceTokens(model, text);
      stage = 'source';
      const heads = await layerZeroHeads(model, tokens);
      return {
        ok: true,
        value: {
          ...heads,
          readable: heads.tokens.map((t) => readableToken(t, model.tokenizer.byteLevel)),
          positions: model.config.architecture === 'gpt2' ? model.config.positions : undefined,
          maxTokens: Math.min(model.config.architecture === 'gpt2' ? model.config.positions : Infinity, MAX_SHOWN_TOKENS),
          bytesRead: model.bytesRead(),
          totalBytes: model.totalBytes,
          reads: [...model.reads],
        },
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, field: error instanceof SentenceError || stage === 'sentence' ? 'sentence' : 'source', message };
    }
  },
};

expose(api);
