// The tokenizer: a table of sentences and their tokens, the limits with the place they name,
// and by fast-check that tokens cover every non-space character in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TOKENS, TokenizeError, tokenize } from '../../../src/attention/index.js';

const CASES: readonly (readonly [string, readonly string[]])[] = [
  ['The cat sat on the mat.', ['The', 'cat', 'sat', 'on', 'the', 'mat', '.']],
  ['Hello, world!', ['Hello', ',', 'world', '!']],
  ["don't stop — it's 3.14", ["don't", 'stop', '—', "it's", '3', '.', '14']],
  ['  spaced\tout\nlines  ', ['spaced', 'out', 'lines']],
  ['l’été à Paris', ['l’été', 'à', 'Paris']],
  ['"quoted"?!', ['"', 'quoted', '"', '?', '!']],
  ['日本語 テキスト', ['日本語', 'テキスト']],
];

describe('tokenize', () => {
  it.each(CASES)('%j', (text, want) => {
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(want);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('takes exactly 32 tokens and refuses the 33rd, pointing at it', () => {
    const words = Array.from({ length: 33 }, (_, i) => `w${i}`);
    expect(tokenize(words.slice(0, MAX_TOKENS).join(' '))).toHaveLength(32);
    const text = words.join(' ');
    expect(() => tokenize(text)).toThrow(TokenizeError);
    try {
      tokenize(text);
    } catch (error) {
      const e = error as TokenizeError;
      expect(e.kind).toBe('too-many');
      expect(e.count).toBe(33);
      expect(text.slice(e.index)).toBe('w32');
      expect(e.message).toMatch(/33 tokens.*at most 32/);
    }
  });

  it('refuses an empty or blank sentence and an over-long one', () => {
    expect(() => tokenize('   ')).toThrow(/at least one word/);
    expect(() => tokenize('a'.repeat(5000))).toThrow(expect.objectContaining({ kind: 'too-long' }));
  });

  it('tokens are in order, never overlap, hold no whitespace and cover every other character (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'grapheme' }), (text) => {
        let tokens;
        try {
          tokens = tokenize(text, 1000);
        } catch (error) {
          expect((error as TokenizeError).kind).toBe('empty');
          expect(text.trim()).toBe('');
          return;
        }
        let at = 0;
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(at);
          expect(/^\s*$/u.test(text.slice(at, t.start))).toBe(true);
          expect(/\s/u.test(t.text)).toBe(false);
          at = t.end;
        }
        expect(text.slice(at).trim()).toBe('');
      }),
      { numRuns: 500 },
    );
  });
});
