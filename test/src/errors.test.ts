import { describe, expect, it } from 'vitest';
import { ExpressionError, ShapeError } from '../../src/errors.js';

describe('typed errors', () => {
  it('ExpressionError carries kind and where', () => {
    const error = new ExpressionError('Row 2 has 3 entries but row 1 has 2.', 'shape', { row: 1 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ExpressionError');
    expect(error.kind).toBe('shape');
    expect(error.where).toEqual({ row: 1 });
    expect(Object.isFrozen(error.where)).toBe(true);
    expect(new ExpressionError('x', 'empty').where).toEqual({});
  });

  it('ShapeError is a RangeError', () => {
    const error = new ShapeError('matMul: A is 2×3 and B is 2×3.');
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe('ShapeError');
    expect(String(error)).toBe('ShapeError: matMul: A is 2×3 and B is 2×3.');
  });
});
