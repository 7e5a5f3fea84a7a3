// Layer 0's real attention from the tiny transformers fixtures: GPT-2 against the float64 torch
// reference in generate.py (the model's own modules in double precision, checked there against
// GPT2Attention's output), Llama against generate.py's numpy float64 reference.
import { describe, expect, it } from 'vitest';
import { gpt2LayerZero } from '../../../src/checkpoint/gpt2.js';
import { llamaLayerZero } from '../../../src/checkpoint/llama.js';
import { openTokenizer } from '../../../src/checkpoint/tokenizer.js';
import { readModelConfig } from '../../../src/checkpoint/modelConfig.js';
import { recording } from './helpers.js';
import { openCheckpoint } from '../../../src/checkpoint/open.js';
import { expected, fixtureSources, rejectsWith } from './helpers.js';

const ref = expected.gpt2Attention as {
  ids: number[]; heads: number; headDim: number; eps: number;
  x: number[][]; ln1: number[][]; q: number[][][]; k: number[][][]; v: number[][][]; weights: number[][][]; output: number[][][];
};

/** Largest |a − b| over nested arrays. */
function maxDiff(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length).toBe(b.length);
    return a.reduce((m: number, x, i) => Math.max(m, maxDiff(x, b[i])), 0);
  }
  return Math.abs((a as number) - (b as number));
}

const head = (rows: number[][], t: number, width: number): number[][] => rows.map((r) => r.slice(t * width, (t + 1) * width));

describe('the checkpoint’s tokenizer (tokenizers.js on tokenizer.json)', () => {
  it('splits text into the ids and tokens the Rust tokenizers library gives', async () => {
    const tokenizer = await openTokenizer(fixtureSources('gpt2'));
    for (const { text, ids, tokens } of expected.gpt2Tokens as { text: string; ids: number[]; tokens: string[] }[]) {
      expect(tokenizer.encode(text)).toEqual({ ids, tokens });
    }
    expect(tokenizer.encode('The singular values of attention').ids.slice(0, ref.ids.length)).toEqual(ref.ids);
  });

  it('refuses a folder without tokenizer.json and one that is not a tokenizer', async () => {
    await rejectsWith(openTokenizer(fixtureSources('llama')), /No tokenizer\.json/);
    const [index] = fixtureSources('gpt2/model.safetensors.index.json');
    await rejectsWith(openTokenizer([{ ...index, name: 'tokenizer.json', read: index.read }]), /cannot build/);
  });
});

describe('GPT-2 layer 0 from a real checkpoint', () => {
  it('embeddings, ln_1, Q, K, V per head, weights and outputs match torch in float64', async () => {
    for (const folder of ['gpt2', 'gpt2-bin/pytorch_model.bin']) {
      const ckpt = await openCheckpoint(fixtureSources(folder));
      const r = await gpt2LayerZero(ckpt, ref.ids, ref.heads, ref.eps);
      // Values are O(1); float64 dot products of 32 terms in another order than torch's BLAS: a few ulps.
      expect(maxDiff(r.x, ref.x)).toBe(0);
      expect(maxDiff(r.ln1, ref.ln1)).toBeLessThan(1e-14);
      for (let t = 0; t < ref.heads; t++) {
        expect(maxDiff(head(r.attention.Q, t, ref.headDim), ref.q[t])).toBeLessThan(1e-14);
        expect(maxDiff(head(r.attention.K, t, ref.headDim), ref.k[t])).toBeLessThan(1e-14);
        expect(maxDiff(head(r.attention.V, t, ref.headDim), ref.v[t])).toBeLessThan(1e-14);
        expect(maxDiff(r.attention.weights[t], ref.weights[t])).toBeLessThan(1e-14);
        expect(maxDiff(r.attention.headOutputs[t], ref.output[t])).toBeLessThan(1e-14);
      }
    }
  });

  it('refuses ids outside the vocabulary, too many tokens, and a checkpoint that is not GPT-2', async () => {
    const ckpt = await openCheckpoint(fixtureSources('gpt2'));
    await expect(gpt2LayerZero(ckpt, [300], 4)).rejects.toThrow(/outside the vocabulary of 300/);
    await expect(gpt2LayerZero(ckpt, Array(17).fill(1), 4)).rejects.toThrow(/16 positions/);
    await rejectsWith(gpt2LayerZero(await openCheckpoint(fixtureSources('llama')), [1], 4), /no 'wte\.weight'/);
  });
});

const llamaRef = expected.llamaAttention as {
  ids: number[]; heads: number; kvHeads: number; theta: number; eps: number;
  x: number[][]; normed: number[][]; q: number[][][]; k: number[][][]; v: number[][][]; weights: number[][][]; output: number[][][];
};

describe('Llama layer 0 from a real checkpoint (RMSNorm, RoPE, grouped-query heads)', () => {
  it('matches the numpy float64 reference (whose conventions transformers confirms to float32)', async () => {
    for (const folder of ['llama', 'llama-bin']) {
      const ckpt = await openCheckpoint(fixtureSources(folder));
      const r = await llamaLayerZero(ckpt, llamaRef.ids, { heads: llamaRef.heads, kvHeads: llamaRef.kvHeads, ropeTheta: llamaRef.theta, eps: llamaRef.eps });
      expect(maxDiff(r.x, llamaRef.x)).toBe(0);
      // Sums of 32 products and cos/sin of angles up to 5 rad: a few ulps of O(1) values.
      for (const key of ['normed', 'q', 'k', 'v', 'weights', 'output'] as const) expect(maxDiff(r[key], llamaRef[key]), key).toBeLessThan(1e-13);
    }
  });

  it('refuses a head count that does not split, and a GPT-2 checkpoint', async () => {
    const ckpt = await openCheckpoint(fixtureSources('llama'));
    await expect(llamaLayerZero(ckpt, [1], { heads: 4, kvHeads: 3, ropeTheta: 1e4, eps: 1e-6 })).rejects.toThrow(RangeError);
    await rejectsWith(llamaLayerZero(await openCheckpoint(fixtureSources('gpt2')), [1], { heads: 4, kvHeads: 2, ropeTheta: 1e4, eps: 1e-6 }), /no 'embed_tokens\.weight'/);
  });
});

describe('config.json', () => {
  it('gives GPT-2’s and Llama’s attention settings, and says why other models are not computed', async () => {
    expect(await readModelConfig(fixtureSources('gpt2'))).toEqual({ architecture: 'gpt2', heads: 4, eps: 1e-5, positions: 16 });
    expect(await readModelConfig(fixtureSources('llama'))).toEqual({ architecture: 'llama', heads: 4, kvHeads: 2, ropeTheta: 10_000, eps: 1e-6 });
    const config = (value: object) => [recording('m/config.json', new TextEncoder().encode(JSON.stringify(value)))];
    expect(await readModelConfig(config({ model_type: 'llama', num_attention_heads: 32, rope_scaling: { rope_type: 'llama3', factor: 8 } })))
      .toMatchObject({ architecture: 'unsupported', reason: expect.stringMatching(/scaled/) });
    expect(await readModelConfig(config({ model_type: 'bert' }))).toMatchObject({ architecture: 'unsupported', modelType: 'bert' });
    await rejectsWith(readModelConfig(config({ model_type: 'gpt2', n_head: 0 })), /n_head/);
    await rejectsWith(readModelConfig(fixtureSources('torch/views.pt')), /No config\.json/);
  });

  it('layer 0 from text: tokenizer, config and checkpoint together', async () => {
    const sources = fixtureSources('gpt2');
    const config = await readModelConfig(sources);
    const tokens = (await openTokenizer(sources)).encode('The singular values of attention');
    if (config.architecture !== 'gpt2') throw new Error('not gpt2');
    const r = await gpt2LayerZero(await openCheckpoint(sources), tokens.ids.slice(0, ref.ids.length), config.heads, config.eps);
    expect(maxDiff(r.attention.weights, ref.weights)).toBeLessThan(1e-14);
  });
});
