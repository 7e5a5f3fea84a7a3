/**
 * Splitting a typed sentence into the tokens the Attention lab embeds: words and punctuation.
 */
import { TokenizeError } from './errors.js';

/** Most tokens a sentence may have: a 32×32 weight matrix is the most the views show legibly. */
export const MAX_TOKENS = 32;
/** Most characters read; anything longer is refused before it is scanned. */
export const MAX_SENTENCE_LENGTH = 2000;

/** One token: its text and where it sits in the sentence (`start` inclusive, `end` exclusive). */
export interface TextToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// A word is a run of letters, digits and combining marks, possibly joined by apostrophes
// ("don't", "l'été"); any other visible character is a token on its own (",", "?", "—", "€").
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;

/**
 * The tokens of `text`, in order: words (letters and digits, with inner apostrophes) and single
 * punctuation marks; whitespace only separates. Throws TokenizeError: 'empty' when there is no
 * token, 'too-long' over MAX_SENTENCE_LENGTH characters, 'too-many' when there are more than
 * `maxTokens` (default 32), with `index` at the first token over the limit.
 * @example tokenize('Hello, world!').map((t) => t.text) // ['Hello', ',', 'world', '!']
 */
export function tokenize(text: string, maxTokens = MAX_TOKENS): TextToken[] {
  if (text.length > MAX_SENTENCE_LENGTH) {
    throw new TokenizeError(
      `The sentence has ${text.length} characters; the lab reads at most ${MAX_SENTENCE_LENGTH}.`,
      'too-long',
      MAX_SENTENCE_LENGTH,
      0,
    );
  }
  const tokens: TextToken[] = [];
  for (const match of text.matchAll(TOKEN)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  if (tokens.length === 0) throw new TokenizeError('Type at least one word: attention needs tokens to attend to.', 'empty', 0, 0);
  if (tokens.length > maxTokens) {
    throw new TokenizeError(
      `The sentence has ${tokens.length} tokens (words and punctuation); the lab takes at most ${maxTokens}. Shorten it from “${tokens[maxTokens]!.text}” on.`,
      'too-many',
      tokens[maxTokens]!.start,
      tokens.length,
    );
  }
  return tokens;
}
