// Token embeddings, positional codes and seeded weights: deterministic, sized as asked, with the
// known values of the sinusoidal code.
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../../../src/errors.js';
import { embedTokens, hashText, positionalEncoding, seededWeights, tokenEmbedding } from '../../../src/attention/index.js';

describe('tokenEmbedding', () => {
  it('is the same for the same text and seed, case-insensitive, and different otherwise', () => {
    expect(tokenEmbedding('cat', 8, 3)).toEqual(tokenEmbedding('cat', 8, 3));
    expect(tokenEmbedding('Cat', 8, 3)).toEqual(tokenEmbedding('cat', 8, 3));
    expect(tokenEmbedding('cat', 8, 3)).not.toEqual(tokenEmbedding('cat', 8, 4));
    expect(tokenEmbedding('cat', 8, 3)).not.toEqual(tokenEmbedding('cap', 8, 3));
    expect(tokenEmbedding('cat', 8, 3)).toHaveLength(8);
  });

  it('draws standard-normal entries (mean ≈ 0, variance ≈ 1 over many tokens)', () => {
    const all = Array.from({ length: 2000 }, (_, i) => tokenEmbedding(`t${i}`, 4, 1)).flat();
    const mean = all.reduce((s, v) => s + v, 0) / all.length;
    const variance = all.reduce((s, v) => s + (v - mean) ** 2, 0) / all.length;
    // 8000 draws: the standard error of the mean is 0.011, of the variance about 0.016.
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(variance - 1)).toBeLessThan(0.08);
  });

  it('hashText is FNV-1a: the empty string hashes to the offset basis', () => {
    expect(hashText('')).toBe(0x811c9dc5);
    // FNV-1a 32 of "a" is 0xe40c292c (the published test vector).
    expect(hashText('a')).toBe(0xe40c292c);
  });
});

describe('positionalEncoding', () => {
  it('starts at (0, 1, 0, 1, …) and follows sin/cos(p / 10000^(2i/d))', () => {
    const pe = positionalEncoding(5, 6);
    expect(pe[0]).toEqual([0, 1, 0, 1, 0, 1]);
    expect(pe[3]![0]).toBeCloseTo(Math.sin(3), 15);
    expect(pe[3]![1]).toBeCloseTo(Math.cos(3), 15);
    expect(pe[3]![4]).toBeCloseTo(Math.sin(3 / 10000 ** (4 / 6)), 15);
    expect(pe[3]![5]).toBeCloseTo(Math.cos(3 / 10000 ** (4 / 6)), 15);
  });

  it('handles an odd d (ending with a sine) and a length of 0', () => {
    expect(positionalEncoding(2, 3)[1]).toHaveLength(3);
    expect(positionalEncoding(0, 4)).toEqual([]);
    expect(() => positionalEncoding(2, 0)).toThrow(ShapeError);
  });

  it('gives every position of a 32-token sentence its own code', () => {
    const pe = positionalEncoding(32, 4);
    const keys = new Set(pe.map((row) => row.map((v) => v.toFixed(6)).join()));
    expect(keys.size).toBe(32);
  });
});

describe('embedTokens', () => {
  it('adds the positional code to each token’s embedding, so repeated words differ only with it on', () => {
    const tokens = ['the', 'cat', 'the'];
    const plain = embedTokens(tokens, 4, 1, false);
    expect(plain[0]).toEqual(plain[2]);
    const withPosition = embedTokens(tokens, 4, 1, true);
    const pe = positionalEncoding(3, 4);
    withPosition.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(plain[i]![k]! + pe[i]![k]!, 15)));
    expect(withPosition[0]).not.toEqual(withPosition[2]);
  });

  it('uses hand-made embeddings when given, and refuses ones of the wrong size', () => {
    expect(embedTokens(['a', 'b'], 2, 1, false, [[1, 2], [3, 4]])).toEqual([[1, 2], [3, 4]]);
    expect(() => embedTokens(['a', 'b'], 2, 1, false, [[1, 2]])).toThrow(ShapeError);
  });
});

describe('seededWeights', () => {
  it('is deterministic per seed and name, rounded to 2 decimals, scaled by 1/√rows', () => {
    const W = seededWeights(16, 8, 7, 'W_Q');
    expect(W).toEqual(seededWeights(16, 8, 7, 'W_Q'));
    expect(W).not.toEqual(seededWeights(16, 8, 7, 'W_K'));
    expect(W).toHaveLength(16);
    W.flat().forEach((v) => expect(Math.round(v * 100) / 100).toBe(v));
    const rms = Math.sqrt(W.flat().reduce((s, v) => s + v * v, 0) / 128);
    // 128 draws of variance 1/16: the RMS is 0.25 give or take about 0.02.
    expect(rms).toBeGreaterThan(0.18);
    expect(rms).toBeLessThan(0.32);
  });
});
