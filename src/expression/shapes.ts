/**
 * Shapes of mathjs values as the interpreter and the converter see them: their dimensions, how
 * many slots they occupy, and how to name them in a message.
 */
import { isMathMatrix } from './safeMath.js';

/** Dimensions of a mathjs value; scalars (numbers, complex) have none. */
export function shapeOf(value: unknown): number[] {
  if (isMathMatrix(value)) return value.size().slice();
  if (Array.isArray(value)) {
    const dims: number[] = [];
    let level: unknown = value;
    while (Array.isArray(level)) {
      dims.push(level.length);
      level = level[0];
    }
    return dims;
  }
  return [];
}

/** Every entry of a value, in row-major order; a scalar is a list of one. */
export function flatten(value: unknown): unknown[] {
  const data = isMathMatrix(value) ? value.valueOf() : value;
  return Array.isArray(data) ? data.flat(Infinity) : [data];
}

/**
 * The slots a value of this shape occupies: its entries, but counting an empty dimension as 1,
 * because mathjs still allocates the arrays around it (`ones(1e9, 0)` builds a billion empty rows).
 */
export function entries(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * Math.max(1, d), 1);
}

/** True when two shapes have the same dimensions. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** A shape in words for messages: 'a single number', 'a list of 3', 'a 2×3 matrix'. */
export function describeShape(shape: readonly number[]): string {
  if (shape.length === 0) return 'a single number';
  if (shape.length === 1) return `a list of ${shape[0]}`;
  return `${shape.length === 2 ? 'a' : 'an array of size'} ${shape.join('×')}${shape.length === 2 ? ' matrix' : ''}`;
}
