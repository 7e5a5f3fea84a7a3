// What the Attention lab draws and says of a real checkpoint's layer 0, from the worker's result:
// the picture of a head (direct for d_head ≤ 3, principal directions above), the labels, the
// model and read lines.
import { describe, expect, it } from 'vitest';
import { layerZeroHeads, openLayerZero, sentenceTokens } from '../../src/checkpoint/layerZeroHeads.js';
import { readableToken } from '../../src/checkpoint/tokenText.js';
import { realLabels, realModelLine, realPicture, realReadLine } from '../../renderer/labs/attention/attention-real-view.js';
import type { RealHeads } from '../../renderer/workers/real-attention-client.js';
import { fixtureSources } from '../src/checkpoint/helpers.js';

async function gpt2Heads(text: string): Promise<RealHeads> {
  const model = await openLayerZero(fixtureSources('gpt2'));
  const heads = await layerZeroHeads(model, sentenceTokens(model, text));
  return {
    ...heads, readable: heads.tokens.map((t) => readableToken(t, true)), positions: 16, maxTokens: 16,
    bytesRead: model.bytesRead(), totalBytes: model.totalBytes, reads: model.reads,
  };
}

describe('the real picture', () => {
  it('draws head h’s values on their principal directions, the output the weighted average of the drawn points', async () => {
    const r = await gpt2Heads('The singular values of');
    for (const projection of [2, 3] as const) {
      const p = realPicture(r, 2, 5, projection);
      expect([p.head, p.query, p.view.space, p.view.kind]).toEqual([2, 5, projection, 'projection']);
      expect(p.view.weights).toEqual(r.weights[2]![5]);
      // The projection is affine and the weights sum to 1: output = Σ wⱼ pⱼ in the picture too.
      const average = p.view.output.map((_, c) => p.view.points.reduce((s, pt, j) => s + p.view.weights[j]! * pt[c]!, 0));
      average.forEach((v, c) => expect(Math.abs(v - p.view.output[c]!)).toBeLessThan(1e-12));
    }
  });

  it('clamps the head and the query to what exists; labels are the readable tokens numbered', async () => {
    const r = await gpt2Heads('The singular values of');
    const p = realPicture(r, 9, 99, 2);
    expect([p.head, p.query]).toEqual([3, r.ids.length - 1]);
    expect(realLabels(r).slice(0, 3)).toEqual(['The₁', '␣s₂', 'in₃']);
  });

  it('says the model’s sizes and what was read', async () => {
    const r = await gpt2Heads('The singular values of');
    expect(realModelLine(r)).toBe('GPT-2: d = 16, 4 heads of d_head = 4, 16 positions.');
    const read = realReadLine(r);
    expect(read).toContain('h.0.attn.c_attn.weight [16×48]');
    expect(read).toContain('wte.weight: 8 of 300 rows');
    expect(read).toMatch(/KiB of .* KiB in the files/);
  });
});
