/**
 * Rotations of the plane and of space as things that can be animated: the rotation R^u that goes
 * the fraction u of the way from I to R along the shortest arc. Interpolating the entries instead
 * ((1 − u)·I + u·R) would shear and shrink space on the way — a 180° turn would pass through the
 * zero matrix — so every intermediate matrix here is itself a rotation: orthogonal, det = +1.
 */
import { ShapeError } from '../errors.js';

/** A unit quaternion w + x·i + y·j + z·k, as [w, x, y, z]. */
export type Quaternion = readonly [number, number, number, number];

/** How far RᵀR may be from I (max-entry) and still count as a rotation: loose, to catch misuse only. */
const ORTHOGONALITY_SLACK = 1e-8;

/**
 * The unit quaternion q = (cos(θ/2), sin(θ/2)·a) of the 3×3 rotation R (angle θ about the unit
 * axis a), with w = cos(θ/2) ≥ 0 so that it names the shortest arc (θ ≤ π). Shepperd's method:
 * of the four expressions 4w² = 1 + tr R, 4x² = 1 + R₀₀ − R₁₁ − R₂₂, … it takes the square root of
 * the largest, which is at least 1/4, and gets the other three components from sums and differences
 * of off-diagonal entries divided by it — so there is no cancellation and no division by ~0 at any
 * angle, including θ = π where w = 0 (the direction of a is then fixed by the largest of x, y, z
 * being positive).
 * @example quaternionFromRotation([[-1, 0, 0], [0, -1, 0], [0, 0, 1]]) // [0, 0, 0, 1]: 180° about z
 */
export function quaternionFromRotation(R: readonly (readonly number[])[]): Quaternion {
  checkRotation(R, 3);
  const [[r00, r01, r02], [r10, r11, r12], [r20, r21, r22]] = R;
  const trace = r00 + r11 + r22;
  let w: number, x: number, y: number, z: number;
  if (trace >= r00 && trace >= r11 && trace >= r22) {
    w = 0.5 * Math.sqrt(Math.max(0, 1 + trace));
    const f = 0.25 / w;
    x = (r21 - r12) * f;
    y = (r02 - r20) * f;
    z = (r10 - r01) * f;
  } else if (r00 >= r11 && r00 >= r22) {
    x = 0.5 * Math.sqrt(Math.max(0, 1 + r00 - r11 - r22));
    const f = 0.25 / x;
    w = (r21 - r12) * f;
    y = (r01 + r10) * f;
    z = (r02 + r20) * f;
  } else if (r11 >= r22) {
    y = 0.5 * Math.sqrt(Math.max(0, 1 - r00 + r11 - r22));
    const f = 0.25 / y;
    w = (r02 - r20) * f;
    x = (r01 + r10) * f;
    z = (r12 + r21) * f;
  } else {
    z = 0.5 * Math.sqrt(Math.max(0, 1 - r00 - r11 + r22));
    const f = 0.25 / z;
    w = (r10 - r01) * f;
    x = (r02 + r20) * f;
    y = (r12 + r21) * f;
  }
  // q and −q are the same rotation; w ≥ 0 picks the arc of at most 180°.
  const sign = w < 0 ? -1 : 1;
  const norm = sign * Math.hypot(w, x, y, z);
  return [w / norm, x / norm, y / norm, z / norm];
}

/**
 * The 3×3 rotation of the unit quaternion q = [w, x, y, z] (v ↦ q·v·q̄):
 * [[1 − 2(y² + z²), 2(xy − wz), 2(xz + wy)], [2(xy + wz), 1 − 2(x² + z²), 2(yz − wx)],
 * [2(xz − wy), 2(yz + wx), 1 − 2(x² + y²)]]. q is normalized first, so the result is orthogonal
 * with det = +1 to rounding whatever q's length.
 */
export function rotationFromQuaternion(q: Quaternion): number[][] {
  const norm = Math.hypot(q[0], q[1], q[2], q[3]);
  if (!(norm > 0) || !Number.isFinite(norm)) throw new RangeError('A rotation quaternion must be finite and nonzero.');
  const [w, x, y, z] = [q[0] / norm, q[1] / norm, q[2] / norm, q[3] / norm];
  return [
    [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
    [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
    [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
  ];
}

/**
 * R^u: the rotation by u·θ about R's own axis, where R (2×2 or 3×3, orthogonal, det +1) turns by
 * θ ∈ [0, π] — the geodesic from I (u = 0) to R (u = 1), the same at every u as slerp from the
 * identity quaternion. In the plane θ = atan2(R₁₀, R₀₀) ∈ (−π, π], so the turn goes the short way
 * round; in space the axis and half-angle come from {@link quaternionFromRotation}. Every result is
 * orthogonal with det +1 (to rounding), for any u, also for θ near π. Throws ShapeError for other
 * sizes and RangeError when R is not a rotation (RᵀR ≠ I or det R < 0).
 * @example rotationPower([[0, -1], [1, 0]], 0.5) // 45°: [[0.7071…, -0.7071…], [0.7071…, 0.7071…]]
 */
export function rotationPower(R: readonly (readonly number[])[], u: number): number[][] {
  if (!Number.isFinite(u)) throw new RangeError(`The fraction of a rotation must be a finite number, got ${u}.`);
  if (R.length === 2) {
    checkRotation(R, 2);
    const angle = u * Math.atan2(R[1][0], R[0][0]);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    return [[c, -s], [s, c]];
  }
  const [w, x, y, z] = quaternionFromRotation(R);
  const sinHalf = Math.hypot(x, y, z);
  if (sinHalf === 0) return [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  // Half-angle from atan2, accurate at every angle (acos(w) is not, near 0).
  const half = u * Math.atan2(sinHalf, w);
  const f = Math.sin(half) / sinHalf;
  return rotationFromQuaternion([Math.cos(half), x * f, y * f, z * f]);
}

function checkRotation(R: readonly (readonly number[])[], k: number): void {
  if (!Array.isArray(R) || R.length !== k || R.some((row) => !Array.isArray(row) || row.length !== k)) {
    throw new ShapeError(`A rotation here must be a ${k}×${k} matrix.`);
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let r = 0; r < k; r++) dot += R[r][i] * R[r][j];
      if (!(Math.abs(dot - (i === j ? 1 : 0)) <= ORTHOGONALITY_SLACK)) {
        throw new RangeError('This matrix is not a rotation: its columns are not orthonormal.');
      }
    }
  }
  if (!(smallDeterminant(R) > 0)) throw new RangeError('This matrix is a reflection (det = −1), not a rotation.');
}

/**
 * det R of a 2×2 or 3×3 matrix by cofactor expansion: ad − bc, or the rule of Sarrus. Used for the
 * sign of orthogonal matrices (±1, far from 0), where its rounding does not matter.
 */
export function smallDeterminant(R: readonly (readonly number[])[]): number {
  if (R.length === 2) return R[0][0] * R[1][1] - R[0][1] * R[1][0];
  return (
    R[0][0] * (R[1][1] * R[2][2] - R[1][2] * R[2][1]) -
    R[0][1] * (R[1][0] * R[2][2] - R[1][2] * R[2][0]) +
    R[0][2] * (R[1][0] * R[2][1] - R[1][1] * R[2][0])
  );
}
