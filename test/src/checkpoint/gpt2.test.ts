// GPT-2 layer 0's real attention from the tiny transformers GPT-2 fixture, against the float64
// torch reference in generate.py (the model's own modules in double precision; the script
// checks its per-head computation against GPT2Attention's output).
import { describe, expect, it } from 'vitest';
import { gpt2LayerZero } from '../../../src/checkpoint/gpt2.js';
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
    await expect(gpt2LayerZero(ckpt, [64], 4)).rejects.toThrow(/outside the vocabulary of 64/);
    await expect(gpt2LayerZero(ckpt, Array(17).fill(1), 4)).rejects.toThrow(/16 positions/);
    await rejectsWith(gpt2LayerZero(await openCheckpoint(fixtureSources('llama')), [1], 4), /no 'wte\.weight'/);
  });
});
