/**
 * From an evaluated mathjs value to Hinge's plain data. Every entry is checked to be a finite
 * real number and copied into new arrays, so no mathjs object ever leaves src/.
 */
import { ExpressionError, type ExpressionErrorWhere } from '../errors.js';
import { shapeOf } from './shapes.js';
import { isMathComplex, isMathMatrix } from './safeMath.js';

/** Nested plain arrays of finite numbers, with their dimensions (a scalar has shape []). */
export interface PlainValue {
  readonly shape: readonly number[];
  readonly data: number | PlainArray;
}
export type PlainArray = readonly (number | PlainArray)[];

/**
 * Copy an evaluated value into plain arrays, refusing the first entry that is not a finite real
 * number. Cells are named as typed: "Entry (2, 1)" with `where` {row: 1, col: 0}; entry i of a
 * flat list is reported as {row: i, col: 0}, since Hinge draws vectors as columns.
 */
export function toPlainValue(value: unknown): PlainValue {
  const shape = shapeOf(value);
  const data = copyEntries(isMathMatrix(value) ? value.valueOf() : value, []);
  return { shape, data };
}

/**
 * `path` is one stack, pushed and popped as the copy descends, the message is only built for a bad
 * entry, and a row of finite numbers is copied with one slice: a 2048×2048 matrix is copied without
 * allocating anything per entry.
 */
function copyEntries(data: unknown, path: number[]): number | PlainArray {
  if (!Array.isArray(data)) return typeof data === 'number' && Number.isFinite(data) ? data : realEntry(data, path);
  if (allFinite(data)) return data.slice() as number[]; // a row of numbers: one block copy
  const out = new Array<number | PlainArray>(data.length);
  for (let i = 0; i < data.length; i++) {
    path.push(i);
    out[i] = copyEntries(data[i], path);
    path.pop();
  }
  return out;
}

function allFinite(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  }
  return true;
}

function realEntry(value: unknown, path: readonly number[]): number {
  const cell = path.length === 0 ? 'The value' : path.length === 1 ? `Entry ${path[0] + 1}` : `Entry (${path.map((i) => i + 1).join(', ')})`;
  const where: ExpressionErrorWhere = path.length === 0 ? {} : { row: path[0], col: path[1] ?? 0 };
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    const shown = Number.isNaN(value) ? 'NaN (not a number)' : value > 0 ? 'Infinity' : '-Infinity';
    throw new ExpressionError(`${cell} is ${shown} — every entry must be a finite real number.`, 'non-finite', where);
  }
  throw new ExpressionError(`${cell} is ${describeValue(value)} — it must be a real number.`, 'not-real', where);
}

function describeValue(value: unknown): string {
  if (isMathComplex(value)) return 'a complex number';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return `\`${value}\``;
  if (value === null || value === undefined) return 'empty';
  const type = (value as { type?: unknown }).type;
  if (type === 'Unit') return 'a quantity with a unit';
  if (type === 'BigNumber' || type === 'Fraction') return 'not a plain number';
  return 'not a number';
}
