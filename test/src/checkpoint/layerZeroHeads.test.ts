// Layer 0's heads from a folder and a sentence (what the Attention lab's real mode computes),
// against generate.py's float64 references; row reads of the embeddings; readable tokens.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layerZeroHeads, layerZeroSupport, openLayerZero, SentenceError, sentenceTokens } from '../../../src/checkpoint/layerZeroHeads.js';
import { openCheckpoint } from '../../../src/checkpoint/open.js';
import { readableToken } from '../../../src/checkpoint/tokenText.js';
import { expected, fixtureSources, recording, rejectsWith } from './helpers.js';

const gpt2 = expected.gpt2Attention as { ids: number[]; heads: number; headDim: number; q: number[][][]; k: number[][][]; v: number[][][]; weights: number[][][]; output: number[][][] };
const llama = expected.llamaAttention as { ids: number[]; heads: number; kvHeads: number; q: number[][][]; k: number[][][]; v: number[][][]; weights: number[][][]; output: number[][][] };
const firstText = expected.gpt2Tokens[0] as { text: string; ids: number[]; tokens: string[] };

function maxDiff(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length).toBe(b.length);
    return a.reduce((m: number, x, i) => Math.max(m, maxDiff(x, b[i])), 0);
  }
  return Math.abs((a as number) - (b as number));
}

describe('readRows: only the rows asked for', () => {
  it('safetensors reads just those rows’ bytes; other formats read whole and copy; both equal read()', async () => {
    for (const folder of ['gpt2', 'gpt2-bin/pytorch_model.bin']) {
      const sources = fixtureSources(folder);
      const ckpt = await openCheckpoint(sources);
      const name = ckpt.tensors.find((t) => t.name.endsWith('wte.weight'))!.name;
      const whole = await ckpt.read(name);
      const d = whole.shape[1]!;
      const before = sources.reduce((n, s) => n + s.total(), 0);
      const rows = await ckpt.readRows(name, [5, 0, 5, 299]);
      const read = sources.reduce((n, s) => n + s.total(), 0) - before;
      expect(rows.shape).toEqual([4, d]);
      expect(rows.data.constructor).toBe(whole.data.constructor);
      [5, 0, 5, 299].forEach((r, i) => expect([...rows.data.subarray(i * d, (i + 1) * d)]).toEqual([...whole.data.subarray(r * d, (r + 1) * d)]));
      // F32 rows of 16 values: 4 × 64 bytes, not the 300 × 64 of the whole tensor.
      if (folder === 'gpt2') expect(read).toBe(4 * d * 4);
      await expect(ckpt.readRows(name, [300])).rejects.toThrow(RangeError);
      await expect(ckpt.readRows(name, [-1])).rejects.toThrow(/outside/);
    }
  });
});

describe('layer 0 heads from a folder and a sentence', () => {
  it('GPT-2: the tokenizer’s tokens, and Q, K, V, weights, outputs per head equal torch in float64', async () => {
    const model = await openLayerZero(fixtureSources('gpt2'));
    const tokens = sentenceTokens(model, firstText.text);
    expect(tokens).toEqual({ ids: firstText.ids, tokens: firstText.tokens });
    const r = await layerZeroHeads(model, tokens);
    expect([r.architecture, r.heads, r.kvHeads, r.headDim, r.d]).toEqual(['gpt2', gpt2.heads, gpt2.heads, gpt2.headDim, gpt2.heads * gpt2.headDim]);
    // Causal: the first 8 tokens' rows depend only on those tokens, so they equal the 8-token reference.
    const n = gpt2.ids.length;
    const top = (M: number[][][], cols?: number) => M.map((rows) => rows.slice(0, n).map((row) => row.slice(0, cols ?? row.length)));
    // Float64 sums of 16 terms in another order than torch's: a few ulps of O(1) values.
    expect(maxDiff(top(r.q), gpt2.q)).toBeLessThan(1e-14);
    expect(maxDiff(top(r.k), gpt2.k)).toBeLessThan(1e-14);
    expect(maxDiff(top(r.v), gpt2.v)).toBeLessThan(1e-14);
    expect(maxDiff(top(r.weights, n), gpt2.weights)).toBeLessThan(1e-14);
    expect(maxDiff(top(r.output), gpt2.output)).toBeLessThan(1e-14);
    r.scores.forEach((rows) => rows.forEach((row, i) => row.forEach((s, j) => expect(j > i ? s === -Infinity : Number.isFinite(s)).toBe(true))));
    r.weights.forEach((rows) => rows.forEach((row) => expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-14)));
    // What was read: wte and wpe by 16 rows, ln_1 and c_attn whole.
    const wte = model.reads.find((t) => t.name.endsWith('wte.weight'))!;
    expect(wte).toMatchObject({ shape: [300, 16], rows: 16 });
    expect(model.reads.filter((t) => t.rows === undefined).map((t) => t.name.replace('transformer.', '')).sort()).toEqual(
      ['h.0.attn.c_attn.bias', 'h.0.attn.c_attn.weight', 'h.0.ln_1.bias', 'h.0.ln_1.weight']);
    expect(model.bytesRead()).toBeLessThan(model.totalBytes);
  });

  it('Llama-style: RMSNorm, RoPE and grouped-query heads from text equal the numpy reference', async () => {
    const model = await openLayerZero(fixtureSources('llama', 'llama-tokenizer/tokenizer.json'));
    const tokens = sentenceTokens(model, 'abccd');
    expect(tokens.ids).toEqual(llama.ids);
    const r = await layerZeroHeads(model, tokens);
    expect([r.architecture, r.heads, r.kvHeads]).toEqual(['llama', llama.heads, llama.kvHeads]);
    // Sums of 32 products and cos/sin of angles up to 5 rad: a few ulps.
    expect(maxDiff(r.q, llama.q)).toBeLessThan(1e-13);
    expect(maxDiff(r.weights, llama.weights)).toBeLessThan(1e-13);
    expect(maxDiff(r.output, llama.output)).toBeLessThan(1e-13);
    // Query head t reads key/value head ⌊t / (heads / kvHeads)⌋.
    const group = llama.heads / llama.kvHeads;
    r.k.forEach((k, t) => expect(maxDiff(k, llama.k[Math.floor(t / group)])).toBeLessThan(1e-13));
    r.v.forEach((v, t) => expect(maxDiff(v, llama.v[Math.floor(t / group)])).toBeLessThan(1e-13));
  });

  it('refuses at the sentence: empty, and longer than n_positions (naming the limit)', async () => {
    const model = await openLayerZero(fixtureSources('gpt2'));
    expect(() => sentenceTokens(model, '  ')).toThrow(SentenceError);
    // 'The singular values of attention' is 16 tokens = n_positions; one more word does not fit.
    expect(sentenceTokens(model, 'The singular values of attention').ids).toHaveLength(16);
    let error: unknown;
    try {
      sentenceTokens(model, 'The singular values of attention!');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SentenceError);
    expect((error as SentenceError).limit).toBe(16);
    expect((error as Error).message).toMatch(/17 tokens.*16 positions/);
  });

  it('refuses at the folder: no tokenizer.json, no config.json, another architecture, missing tensors', async () => {
    const without = (name: string) => fixtureSources('gpt2').filter((s) => !s.name.endsWith(`/${name}`));
    await rejectsWith(openLayerZero(without('tokenizer.json')), /No tokenizer\.json/);
    await rejectsWith(openLayerZero(without('config.json')), /No config\.json/);
    const bert = [...without('config.json'), recording('gpt2/config.json', new TextEncoder().encode('{"model_type": "bert"}'))];
    await rejectsWith(openLayerZero(bert), /GPT-2 and Llama-style.*'bert'/);
    // GPT-2's config and tokenizer over Llama's weights: the tensor GPT-2 needs is named.
    const mixed = [...fixtureSources('llama').filter((s) => !s.name.endsWith('config.json')), ...fixtureSources('gpt2/config.json', 'gpt2/tokenizer.json')];
    const model = await openLayerZero(mixed);
    await rejectsWith(layerZeroHeads(model, sentenceTokens(model, 'The')), /no 'wte\.weight'/);
  });

  it('says from names and config.json alone whether a folder can show its layer 0', async () => {
    expect(await layerZeroSupport(fixtureSources('gpt2'))).toEqual({ architecture: 'gpt2' });
    expect(await layerZeroSupport(fixtureSources('llama', 'llama-tokenizer/tokenizer.json'))).toEqual({ architecture: 'llama' });
    expect(await layerZeroSupport(fixtureSources('llama'))).toEqual({ reason: expect.stringMatching(/no tokenizer\.json/) });
    const bert = [recording('m/tokenizer.json', new Uint8Array(2)), recording('m/config.json', new TextEncoder().encode('{"model_type": "bert"}'))];
    expect(await layerZeroSupport(bert)).toEqual({ reason: expect.stringMatching(/'bert'/) });
    expect(await layerZeroSupport([recording('m/tokenizer.json', new Uint8Array(2))])).toEqual({ reason: expect.stringMatching(/No config\.json/) });
  });
});

describe('readable tokens', () => {
  it('byte-level tokens joined read as the text they came from, whitespace marked', () => {
    const marks = (t: string) => t.replace(/ /g, '␣').replace(/\n/g, '⏎').replace(/\t/g, '⇥');
    for (const { text, tokens } of expected.gpt2Tokens as { text: string; tokens: string[] }[]) {
      expect(readableToken(tokens.join(''), true)).toBe(marks(text));
    }
    expect(readableToken('Ġthe', true)).toBe('␣the');
    expect(readableToken('Ċ', true)).toBe('⏎');
    // 'ï' is split into two byte tokens: each shows its byte.
    expect(['Ã', '¯'].map((t) => readableToken(t, true))).toEqual(['⟨c3⟩', '⟨af⟩']);
    expect(readableToken('<|endoftext|>', true)).toBe('<|endoftext|>');
  });

  it('SentencePiece: ▁ is a space, <0xNN> a byte', () => {
    expect(readableToken('▁the', false)).toBe('␣the');
    expect(readableToken('<0x0A>', false)).toBe('⏎');
    expect(readableToken('<0xE2>', false)).toBe('⟨e2⟩');
    expect(readableToken('<s>', false)).toBe('<s>');
  });

  it('any text, spelled in GPT-2’s byte alphabet, reads back as itself (property)', () => {
    // The alphabet written independently here: printable Latin-1 as itself, the rest from U+0100 in order.
    const table: string[] = [];
    let next = 0x100;
    for (let b = 0; b < 256; b++) table[b] = (b > 32 && b < 127) || (b > 160 && b !== 173) ? String.fromCharCode(b) : String.fromCharCode(next++);
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      const spelled = [...new TextEncoder().encode(text)].map((b) => table[b]).join('');
      const want = text.replace(/[\x00-\x20\x7f]/g, (c) => ({ ' ': '␣', '\n': '⏎', '\t': '⇥', '\r': '␍' })[c] ?? `⟨${c.charCodeAt(0).toString(16).padStart(2, '0')}⟩`);
      expect(readableToken(spelled, true)).toBe(want);
    }));
  });
});
