/**
 * Where the Attention lab's numbers come from when the user has not typed them: token vectors
 * that depend only on the token's text and a seed, sinusoidal position codes, and seeded
 * projection matrices. Everything here is deterministic, so a saved sentence reopens the same.
 */
import { ShapeError } from '../errors.js';
import { randomSource } from '../expression/random.js';

/**
 * FNV-1a (32-bit) of the UTF-16 code units of `text`: a fast, well-spread hash, enough to give
 * every token its own random stream. Not cryptographic.
 * @example hashText('cat') !== hashText('cat ') // true
 */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes a stream name's hash with a user seed into one 32-bit seed (golden-ratio multiply). */
function streamSeed(name: string, seed: number): number {
  return (hashText(name) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}

function checkDimension(d: number, what: string): void {
  if (!Number.isInteger(d) || d < 1) throw new ShapeError(`${what}: the dimension must be a whole number ≥ 1, not ${d}.`);
}

/**
 * The embedding of one token: d standard-normal numbers drawn from a generator seeded by the
 * token's lower-cased text and `seed`. Equal words therefore get equal vectors wherever they
 * stand ("The" and "the" too) — only a positional encoding tells them apart — and another seed
 * gives another, unrelated vocabulary.
 * @example tokenEmbedding('cat', 4, 1) // four numbers, the same on every run
 */
export function tokenEmbedding(text: string, d: number, seed: number): number[] {
  checkDimension(d, 'tokenEmbedding');
  const random = randomSource(streamSeed(`token:${text.toLowerCase()}`, seed));
  return Array.from({ length: d }, () => random.normal());
}

/**
 * The sinusoidal positional encoding of "Attention is all you need": for position p and
 * dimension pair (2i, 2i + 1), PE[p][2i] = sin(p / 10000^(2i/d)) and PE[p][2i+1] = cos(p / 10000^(2i/d)).
 * Low dimensions turn fast with p, high ones slowly, so every position gets its own pattern and
 * nearby positions similar ones. Entries lie in [−1, 1]; an odd d ends with a sine.
 * @example positionalEncoding(1, 2) // [[0, 1]]
 */
export function positionalEncoding(n: number, d: number): number[][] {
  checkDimension(d, 'positionalEncoding');
  if (!Number.isInteger(n) || n < 0) throw new ShapeError(`positionalEncoding: the length must be a whole number ≥ 0, not ${n}.`);
  return Array.from({ length: n }, (_, p) =>
    Array.from({ length: d }, (_, k) => {
      const angle = p / 10000 ** ((2 * Math.floor(k / 2)) / d);
      return k % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }),
  );
}

/**
 * X, the n×d input of attention: row i is the embedding of token i (`tokenEmbedding`, or
 * `embeddings[i]` when given, e.g. typed by hand) plus, when `positional`, its position code.
 * Throws ShapeError when `embeddings` does not have one row of length d per token.
 */
export function embedTokens(
  tokens: readonly string[],
  d: number,
  seed: number,
  positional: boolean,
  embeddings?: readonly (readonly number[])[],
): number[][] {
  checkDimension(d, 'embedTokens');
  if (embeddings && (embeddings.length !== tokens.length || embeddings.some((row) => row.length !== d))) {
    throw new ShapeError(`embedTokens: the embeddings must be ${tokens.length}×${d}, one row per token.`);
  }
  const rows = embeddings ? embeddings.map((row) => [...row]) : tokens.map((t) => tokenEmbedding(t, d, seed));
  if (!positional) return rows;
  const pe = positionalEncoding(tokens.length, d);
  return rows.map((row, i) => row.map((v, k) => v + pe[i]![k]!));
}

/**
 * A rows×cols projection matrix drawn from `seed` and a stream `name` ('W_Q', 'W_K', …, so the
 * matrices differ): entries are normal with variance 1/rows (Glorot's scale, which keeps XW about
 * as large as X), rounded to 2 decimals so they read and retype cleanly.
 * @example seededWeights(4, 2, 1, 'W_Q') // a 4×2 matrix, the same on every run
 */
export function seededWeights(rows: number, cols: number, seed: number, name: string): number[][] {
  checkDimension(rows, 'seededWeights');
  checkDimension(cols, 'seededWeights');
  const random = randomSource(streamSeed(`weights:${name}`, seed));
  const scale = 1 / Math.sqrt(rows);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round(random.normal() * scale * 100) / 100 + 0));
}
