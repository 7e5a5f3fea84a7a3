/**
 * Seeing vectors of more than three dimensions: their projection onto the directions in which
 * they spread the most, and the convex hull of points in the plane.
 */
import { ShapeError } from '../errors.js';
import { svd } from '../linalg/svd.js';
import type { Matrix } from '../layer/types.js';


/** Points projected onto their top principal directions. */
export interface PrincipalProjection {
  /** The centroid the directions are measured from (length dim). */
  readonly mean: number[];
  /** k orthonormal directions (each of length dim), largest spread first. */
  readonly directions: number[][];
  /** n×k: the coordinates of each point along the directions. */
  readonly coords: number[][];
  /** For each direction, the fraction of the points' total squared spread it keeps (0 when they do not spread). */
  readonly kept: number[];
}

/**
 * Principal component analysis by the SVD: with C the n×dim matrix of the points minus their
 * mean, C = UΣVᵀ, the first k columns of V are the directions of largest spread and the points'
 * coordinates are C·V[:, :k]; direction i keeps σᵢ²/Σσ² of the spread. The map p ↦ (p − mean)·V_k
 * is affine, so it keeps convex combinations: a weighted average of the points (weights ≥ 0
 * summing to 1) lands on the same weighted average of their projections — the picture of
 * attention stays true in the projection. Throws ShapeError for ragged rows, RangeError unless
 * 1 ≤ k ≤ dim.
 * @example principalProjection([[0, 0, 0], [2, 0, 0]], 1).coords // [[-1], [1]]
 */
export function principalProjection(points: Matrix, k: number): PrincipalProjection {
  const dim = points[0]?.length ?? 0;
  if (points.some((p) => p.length !== dim)) throw new ShapeError('principalProjection: every point must have the same number of coordinates.');
  if (!Number.isInteger(k) || k < 1 || k > dim) throw new RangeError(`principalProjection: k must be 1 to ${dim}, not ${k}.`);
  const n = points.length;
  const mean = Array.from({ length: dim }, (_, c) => points.reduce((s, p) => s + p[c]!, 0) / Math.max(1, n));
  const centered = points.map((p) => p.map((v, c) => v - mean[c]!));
  const { S, V } = svd(n ? centered : [new Array(dim).fill(0)]);
  const directions = Array.from({ length: k }, (_, i) => V.map((row) => row[i]!));
  const total = S.reduce((s, v) => s + v * v, 0);
  const kept = directions.map((_, i) => (total > 0 ? (S[i] ?? 0) ** 2 / total : 0));
  return { mean, directions, coords: centered.map((p) => projectOnto(p, directions)), kept };
}

/** The coordinates of `point` − `mean` along each direction of a principal projection. */
export function projectPoint(projection: PrincipalProjection, point: readonly number[]): number[] {
  return projectOnto(point.map((v, c) => v - projection.mean[c]!), projection.directions);
}

function projectOnto(p: readonly number[], directions: Matrix): number[] {
  return directions.map((u) => u.reduce((s, v, c) => s + v * p[c]!, 0));
}

/**
 * The convex hull of points in the plane (Andrew's monotone chain), as indices into `points` in
 * counter-clockwise order, starting from the lowest-x point; collinear boundary points are left
 * out, so n equal points give one index and collinear points their two ends.
 * @example convexHull2d([[0, 0], [1, 0], [0, 1], [0.2, 0.2]]) // [0, 1, 2]
 */
export function convexHull2d(points: Matrix): number[] {
  const order = points.map((_, i) => i).sort((a, b) => points[a]![0]! - points[b]![0]! || points[a]![1]! - points[b]![1]!);
  const unique = order.filter((i, k) => k === 0 || points[i]![0] !== points[order[k - 1]!]![0] || points[i]![1] !== points[order[k - 1]!]![1]);
  if (unique.length < 3) return unique;
  const cross = (o: number, a: number, b: number) => {
    const [ox, oy] = points[o]!;
    return (points[a]![0]! - ox!) * (points[b]![1]! - oy!) - (points[a]![1]! - oy!) * (points[b]![0]! - ox!);
  };
  const chain = (list: number[]) => {
    const out: number[] = [];
    for (const i of list) {
      while (out.length >= 2 && cross(out[out.length - 2]!, out[out.length - 1]!, i) <= 0) out.pop();
      out.push(i);
    }
    out.pop();
    return out;
  };
  const hull = [...chain(unique), ...chain([...unique].reverse())];
  return hull.length ? hull : [unique[0]!, unique[unique.length - 1]!];
}
