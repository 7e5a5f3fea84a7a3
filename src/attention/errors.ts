/**
 * Typed errors of the attention layer. Each carries where the problem is — a character offset in
 * the typed sentence, or a cell of a score matrix — so the view can point at it.
 */

/** Why a sentence was refused. */
export type TokenizeErrorKind = 'empty' | 'too-long' | 'too-many';

/**
 * A sentence the tokenizer refuses: no tokens at all, more characters than it reads, or more
 * tokens than the lab shows. `index` is the 0-based character offset of the culprit (the first
 * token over the limit), `count` the number of tokens found.
 */
export class TokenizeError extends RangeError {
  override readonly name = 'TokenizeError';
  readonly kind: TokenizeErrorKind;
  readonly index: number;
  readonly count: number;

  constructor(message: string, kind: TokenizeErrorKind, index: number, count: number) {
    super(message);
    this.kind = kind;
    this.index = index;
    this.count = count;
  }
}

/**
 * A score that is NaN (an overflowed inner product such as ∞ − ∞), which no softmax can turn
 * into a weight. `row` and `col` are 0-based: query `row`, key `col`.
 */
export class NaNScoreError extends RangeError {
  override readonly name = 'NaNScoreError';
  readonly row: number;
  readonly col: number;

  constructor(row: number, col: number) {
    super(`The score of query ${row + 1} and key ${col + 1} is NaN (an inner product overflowed); scale the inputs down.`);
    this.row = row;
    this.col = col;
  }
}
