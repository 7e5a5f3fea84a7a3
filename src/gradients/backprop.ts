/**
 * Backpropagation through one linear layer y = Wx. By the chain rule the gradient of a loss L with
 * respect to the input is ∂L/∂x = Wᵀ ∂L/∂y: the gradient travels back through the transpose,
 * which has the same singular values as W with the input and output directions swapped
 * (W = UΣVᵀ, Wᵀ = VΣUᵀ). The gradient with respect to the weights is the outer product ∂L/∂y xᵀ.
 */
import { ShapeError } from '../errors.js';
import { matVec, transpose, type Matrix, type Vector } from '../layer/index.js';

/** The forward and backward products of one layer. */
export interface LinearLayerGradients {
  /** y = Wx (length m). */
  readonly y: number[];
  /** ∂L/∂x = Wᵀg (length n). */
  readonly gradInput: number[];
  /** ∂L/∂W = g xᵀ (m×n): entry (i, j) is gᵢxⱼ. */
  readonly gradWeight: number[][];
}

/**
 * The gradient that reaches the input of y = Wx when ∂L/∂y = g: Wᵀg, with (Wᵀg)ⱼ = Σᵢ Wᵢⱼ gᵢ,
 * for W m×n and g of length m. Throws ShapeError when g's length is not m.
 * @example linearBackward([[1, 2], [3, 4]], [1, 0]) // [1, 2]
 */
export function linearBackward(W: Matrix, g: Vector): number[] {
  const rows = W.length;
  if (g.length !== rows) {
    throw new ShapeError(`linearBackward: W has ${rows} rows, so the gradient g needs ${rows} entries, but it has ${g.length}.`);
  }
  return matVec(transpose(W), g);
}

/**
 * Forward and backward through y = Wx at the input x with upstream gradient g = ∂L/∂y: y = Wx,
 * ∂L/∂x = Wᵀg and ∂L/∂W = g xᵀ. Throws ShapeError on mismatched sizes.
 * @example linearLayerGradients([[2, 0], [0, 3]], [1, 1], [1, -1]) // y [2, 3], gradInput [2, -3]
 */
export function linearLayerGradients(W: Matrix, x: Vector, g: Vector): LinearLayerGradients {
  const y = matVec(W, x);
  const gradInput = linearBackward(W, g);
  return { y, gradInput, gradWeight: g.map((gi) => x.map((xj) => gi * xj)) };
}
