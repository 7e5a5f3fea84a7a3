/**
 * The SVD as an animation: W = U·Σ·Vᵀ played as rotate (Vᵀ), stretch (Σ), rotate (U), for the
 * small matrices (2×2, 2×3, 3×2, 3×3) the SVD lab draws. It runs in a drawing space of dimension
 * s = max(m, n): a 3×2 W maps the plane z = 0 of ℝ³ into ℝ³, a 2×3 W maps ℝ³ onto the plane z = 0.
 *
 * Each stage moves space by a matrix that starts at I and ends at its factor: rotations turn along
 * the shortest arc (never a shear), Σ stretches the axes linearly, and when a factor is a reflection
 * (det = −1, which no rotation can reach) a stage of its own squashes one axis through zero and out
 * the other side, F(u) = diag(1, …, 1 − 2u, …). At time t the drawing space is mapped by
 * M(t) = S_K(t)·…·S₂(t)·S₁(t), each stage matrix fixed at its end value once its stage is done.
 */
import { ShapeError } from '../errors.js';
import { quaternionFromRotation, rotationPower, smallDeterminant } from './rotation.js';
import { spectrumSummary } from './spectrum.js';
import { svd } from './svd.js';

/** What a stage does: reflect or rotate by a part of Vᵀ, stretch by Σ, reflect or rotate by a part of U. */
export type SvdStageKind = 'reflect-v' | 'rotate-v' | 'scale' | 'reflect-u' | 'rotate-u';

/** One step of the animation, over the time interval [start, end] = [k, k + 1]. */
export interface SvdStage {
  readonly kind: SvdStageKind;
  readonly start: number;
  readonly end: number;
  /** Plain words for the step, e.g. 'Vᵀ: rotate', 'Vᵀ: reflect (det V = −1)', 'Σ: stretch'. */
  readonly label: string;
  /**
   * The whole map applied so far, at the end of this stage, in the user's own shapes: n×n after
   * the V stages (F, then Vᵀ), m×n after Σ (ΣVᵀ) and after the U stages (FΣVᵀ, then UΣVᵀ = W).
   */
  readonly appliedSoFar: number[][];
  /** Its name: 'F', 'Vᵀ', 'ΣVᵀ', 'FΣVᵀ' or 'UΣVᵀ'. */
  readonly appliedName: string;
}

/**
 * The animation of W = U·Σ·Vᵀ as plain, serializable data: the factors (svd(W)'s, with the signs
 * it leaves free chosen as {@link svdAnimation} says) and the stages.
 */
export interface SvdAnimation {
  readonly rows: number;
  readonly cols: number;
  /** s = max(rows, cols), the dimension of the drawing space. */
  readonly space: 2 | 3;
  readonly U: number[][];
  readonly S: number[];
  readonly V: number[][];
  readonly stages: readonly SvdStage[];
  /** The animation runs over [0, end]; end = stages.length. */
  readonly end: number;
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';

/**
 * The animation of W = U·Σ·Vᵀ for a 2×2, 2×3, 3×2 or 3×3 matrix W. U, S, V come from {@link svd},
 * and then use the signs the SVD leaves free — flipping uᵢ and vᵢ together, or alone a column with no
 * partner (beyond min(m, n)) or with σᵢ at most the numerical-rank tolerance — to show as few
 * reflections as possible, and then the smallest total turn: a reflection appears only when
 * det W < 0, so never for a rotation, a 2×3 or a 3×2 W. Stages, one time unit each: 'reflect-v'
 * (only when det V = −1: Vᵀ = R·F with F = diag(1, …, 1, −1), F first), 'rotate-v' (R, or Vᵀ),
 * 'scale' (diag(σ) padded with zeros to s: a 2×3 W drops the third axis to 0), 'reflect-u' (only
 * when det U = −1: U = R·F, F flipping the last axis Σ leaves nonzero, so the flip is visible),
 * 'rotate-u'. Throws ShapeError for other sizes, NonFiniteError for NaN or ±Infinity entries.
 * @example svdAnimation([[1, 0], [0, -1]]).stages.map((s) => s.kind) // ['reflect-v', 'rotate-v', 'scale', 'rotate-u']
 */
export function svdAnimation(W: readonly (readonly number[])[]): SvdAnimation {
  const rows = Array.isArray(W) ? W.length : 0;
  const cols = rows > 0 && Array.isArray(W[0]) ? W[0].length : 0;
  if (!(rows === 2 || rows === 3) || !(cols === 2 || cols === 3)) {
    throw new ShapeError(`The SVD animation needs a 2×2, 2×3, 3×2 or 3×3 matrix, but this one is ${rows}×${cols}.`);
  }
  const factors = svd(W);
  const { U, V } = chooseSigns(factors.U, factors.S, factors.V, rows, cols);
  const S = factors.S;
  const plan = planOf(rows, cols, U, S, V);
  const stages = plan.map((step, k): SvdStage => {
    const applied = composeAt(plan, k + 1);
    const shape = step.kind === 'reflect-v' || step.kind === 'rotate-v' ? [cols, cols] : [rows, cols];
    return {
      kind: step.kind,
      start: k,
      end: k + 1,
      label: step.label,
      appliedSoFar: applied.slice(0, shape[0]).map((row) => row.slice(0, shape[1])),
      appliedName: step.appliedName,
    };
  });
  return { rows, cols, space: Math.max(rows, cols) as 2 | 3, U, S, V, stages, end: stages.length };
}

/**
 * The s×s matrix M(t) that maps the drawing space at time t ∈ [0, end] (clamped; NaN is refused
 * with a RangeError): M(t) = S_K(t)·…·S₁(t), the identity at 0 and the padded W at end — W with a
 * zero column (3×2) or a zero row (2×3) appended — exactly up to the rounding of the SVD itself:
 * ‖M(end) − pad(W)‖_F ≤ 50·s·ε·‖W‖_F, LAPACK's acceptance ratio for a reconstruction. (Typically
 * about s·ε·‖W‖; on 20 000 random 2×2 … 3×3 matrices the worst is 10.3·s·ε, the same as numpy's
 * LAPACK gives for them. M(end) multiplies the exact factors, so it adds only its own ≤ s roundings.)
 */
export function svdMatrixAt(animation: SvdAnimation, t: number): number[][] {
  return composeAt(planOf(animation.rows, animation.cols, animation.U, animation.S, animation.V), clampTime(animation, t));
}

/**
 * The s×s matrix of stage `index` alone at time t: I before the stage starts, its end value (F, R,
 * diag(σ) or R) once it is over, and in between F(u) = I − 2u·eₐeₐᵀ for a reflection, R^u (see
 * {@link rotationPower}; orthogonal with det +1 at every u) for a rotation, or
 * diag((1 − u) + u·σᵢ) for the stretch, where u = t − start. {@link svdMatrixAt} is the product of
 * these, last stage leftmost. Throws RangeError for an index outside the stages.
 */
export function svdStageMatrixAt(animation: SvdAnimation, index: number, t: number): number[][] {
  const plan = planOf(animation.rows, animation.cols, animation.U, animation.S, animation.V);
  if (!Number.isInteger(index) || index < 0 || index >= plan.length) {
    throw new RangeError(`There is no stage ${index}; this animation has stages 0 to ${plan.length - 1}.`);
  }
  return stageMatrix(plan[index], clampTime(animation, t) - index);
}

/**
 * Among the sign patterns the SVD allows, the one with the fewest reflections (det −1 factors),
 * then the smallest total angle of the two rotation stages; ties go to the pattern enumerated
 * first, so the choice is deterministic. At most 2⁶ patterns of 3×3 matrices: negligible work.
 */
function chooseSigns(U: number[][], S: readonly number[], V: number[][], m: number, n: number): { U: number[][]; V: number[][] } {
  const p = Math.min(m, n);
  const { tolerance, rank } = spectrumSummary(S, m, n);
  // Each free choice flips one column of U, of V, or of both; no column is in two choices.
  const choices: { readonly u?: number; readonly v?: number }[] = [];
  for (let i = 0; i < p; i++) {
    if (S[i] > tolerance) choices.push({ u: i, v: i });
    else choices.push({ u: i }, { v: i });
  }
  for (let i = p; i < m; i++) choices.push({ u: i });
  for (let i = p; i < n; i++) choices.push({ v: i });
  const uAxis = Math.max(rank, 1) - 1;
  let best = { U, V, reflections: Infinity, angle: Infinity };
  for (let mask = 0; mask < 1 << choices.length; mask++) {
    const flipU = new Set<number>();
    const flipV = new Set<number>();
    choices.forEach((c, k) => {
      if (((mask >> k) & 1) === 0) return;
      if (c.u !== undefined) flipU.add(c.u);
      if (c.v !== undefined) flipV.add(c.v);
    });
    const u = U.map((row) => row.map((x, j) => (flipU.has(j) ? -x : x)));
    const v = V.map((row) => row.map((x, j) => (flipV.has(j) ? -x : x)));
    const reflectU = smallDeterminant(u) < 0;
    const reflectV = smallDeterminant(v) < 0;
    const reflections = Number(reflectU) + Number(reflectV);
    const vt = transpose(v);
    const angle = turn(reflectU ? negateColumn(u, uAxis) : u) + turn(reflectV ? negateColumn(vt, n - 1) : vt);
    if (reflections < best.reflections || (reflections === best.reflections && angle < best.angle)) {
      best = { U: u, V: v, reflections, angle };
    }
  }
  return { U: best.U, V: best.V };
}

/** The angle θ ∈ [0, π] a 2×2 or 3×3 rotation turns by. */
function turn(R: readonly (readonly number[])[]): number {
  if (R.length === 2) return Math.abs(Math.atan2(R[1][0], R[0][0]));
  const [w, x, y, z] = quaternionFromRotation(R);
  return 2 * Math.atan2(Math.hypot(x, y, z), w);
}

/** What every stage has: the size s of the drawing space and its words. */
interface StepBase {
  readonly s: number;
  readonly label: string;
  readonly appliedName: string;
}

/** A stage as the maths needs it: what it does and its end value (k×k for a rotation, k = n or m). */
type Step = StepBase &
  (
    | { readonly kind: 'reflect-v' | 'reflect-u'; readonly axis: number }
    | { readonly kind: 'rotate-v' | 'rotate-u'; readonly rotation: number[][] }
    | { readonly kind: 'scale'; readonly sigma: readonly number[] }
  );

/**
 * The stages of W = U·Σ·Vᵀ from its factors, deterministically (so svdMatrixAt can rebuild them
 * from the plain data of an SvdAnimation instead of keeping closures in it).
 */
function planOf(m: number, n: number, U: readonly (readonly number[])[], S: readonly number[], V: readonly (readonly number[])[]): Step[] {
  const s = Math.max(m, n);
  const steps: Step[] = [];
  const vt = transpose(V);
  if (smallDeterminant(V) < 0) {
    // Vᵀ = R·F: R = Vᵀ·F is Vᵀ with its last column negated (exact), and det R = +1.
    steps.push({ kind: 'reflect-v', axis: n - 1, s, label: 'Vᵀ: reflect (det V = −1)', appliedName: 'F' });
    steps.push({ kind: 'rotate-v', rotation: negateColumn(vt, n - 1), s, label: 'Vᵀ: rotate', appliedName: 'Vᵀ' });
  } else {
    steps.push({ kind: 'rotate-v', rotation: vt.map((row) => row.slice()), s, label: 'Vᵀ: rotate', appliedName: 'Vᵀ' });
  }
  const summary = spectrumSummary(S, m, n);
  const sigma = Array.from({ length: s }, (_, i) => S[i] ?? 0);
  steps.push({ kind: 'scale', sigma, s, label: scaleLabel(m, n, S, summary.tolerance), appliedName: 'ΣVᵀ' });
  const rotateU = m === 3 && n === 2 ? 'U: rotate into ℝ³' : 'U: rotate';
  if (smallDeterminant(U) < 0) {
    // After Σ only the first `rank` axes carry the picture: flip the last of those, not an axis
    // that Σ has already flattened (which would make the reflection stage show nothing).
    const axis = Math.max(summary.rank, 1) - 1;
    steps.push({ kind: 'reflect-u', axis, s, label: 'U: reflect (det U = −1)', appliedName: 'FΣVᵀ' });
    steps.push({ kind: 'rotate-u', rotation: negateColumn(U, axis), s, label: rotateU, appliedName: 'UΣVᵀ' });
  } else {
    steps.push({ kind: 'rotate-u', rotation: U.map((row) => row.slice()), s, label: rotateU, appliedName: 'UΣVᵀ' });
  }
  return steps;
}

function scaleLabel(m: number, n: number, S: readonly number[], tolerance: number): string {
  const base = m === 2 && n === 3 ? 'Σ: stretch, and drop to ℝ²' : 'Σ: stretch';
  const flat = S.map((sigma, i) => ({ sigma, i })).filter(({ sigma }) => sigma <= tolerance);
  if (flat.length === 0) return base;
  const names = flat.map(({ i }) => `σ${SUBSCRIPT[i + 1]}`).join(' = ');
  const value = flat.every(({ sigma }) => sigma === 0) ? '= 0' : '≈ 0';
  const what = flat.length === S.length ? 'flatten everything to a point' : flat.length === 1 ? 'flattens a direction' : `flatten ${flat.length} directions`;
  return `${base} (${names} ${value} ${what})`;
}

function clampTime(animation: SvdAnimation, t: number): number {
  if (Number.isNaN(t)) throw new RangeError('The time of the SVD animation must be a number, not NaN.');
  return Math.min(Math.max(t, 0), animation.end);
}

/** M(t) = S_K(t)·…·S₁(t) in the drawing space. */
function composeAt(plan: readonly Step[], t: number): number[][] {
  let m = identity(plan[0].s);
  plan.forEach((step, k) => {
    const u = t - k;
    if (u > 0) m = multiply(stageMatrix(step, u), m);
  });
  return m;
}

/** One stage's s×s matrix at u (clamped to [0, 1]); the end value is the exact factor at u ≥ 1. */
function stageMatrix(step: Step, u: number): number[][] {
  const s = step.s;
  if (!(u > 0)) return identity(s);
  const done = u >= 1;
  switch (step.kind) {
    case 'reflect-v':
    case 'reflect-u': {
      const f = identity(s);
      f[step.axis][step.axis] = done ? -1 : 1 - 2 * u;
      return f;
    }
    case 'rotate-v':
    case 'rotate-u':
      return pad(done ? step.rotation : rotationPower(step.rotation, u), s);
    case 'scale':
      // (1 − u) + u·σ is exactly 1 at u = 0 and exactly σ at u = 1 (1 + u·(σ − 1) is not).
      return step.sigma.map((sigma, i) => Array.from({ length: s }, (_, j) => (i === j ? (done ? sigma : 1 - u + u * sigma) : 0)));
  }
}

function identity(s: number): number[][] {
  return Array.from({ length: s }, (_, i) => Array.from({ length: s }, (_, j) => (i === j ? 1 : 0)));
}

/** diag(R, 1): a rotation of the first k axes, leaving the others alone. */
function pad(R: readonly (readonly number[])[], s: number): number[][] {
  return Array.from({ length: s }, (_, i) => Array.from({ length: s }, (_, j) => (i < R.length && j < R.length ? R[i][j] : i === j ? 1 : 0)));
}

function transpose(a: readonly (readonly number[])[]): number[][] {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

function negateColumn(a: readonly (readonly number[])[], col: number): number[][] {
  return a.map((row) => row.map((x, j) => (j === col ? -x : x)));
}

function multiply(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, x, k) => sum + x * b[k][j], 0)));
}
