/**
 * Seeded datasets of the Training lab, in the manner of TensorFlow Playground: 2D and 3D
 * classification sets with labels 0/1 and regression surfaces, all in [−1, 1]^d before noise,
 * shuffled and split into training and test points.
 */
import { mulberry32 } from '../random.js';
import { TrainingSettingsError } from './errors.js';

/** 2D classification sets. */
export type Dataset2D = 'circle' | 'xor' | 'gaussians' | 'spiral' | 'checkerboard';
/** 3D classification sets. */
export type Dataset3D = 'shells' | 'xor-cube' | 'helix';
/** Regression targets over 2 or 3 inputs. */
export type RegressionSet = 'surface' | 'ridge';
export type DatasetKind = Dataset2D | Dataset3D | RegressionSet;

export const DATASETS_2D: readonly Dataset2D[] = Object.freeze(['circle', 'xor', 'gaussians', 'spiral', 'checkerboard']);
export const DATASETS_3D: readonly Dataset3D[] = Object.freeze(['shells', 'xor-cube', 'helix']);
export const REGRESSION_SETS: readonly RegressionSet[] = Object.freeze(['surface', 'ridge']);

/** The limits on the number of points. */
export const DATASET_LIMITS = Object.freeze({ minPoints: 4, maxPoints: 20_000, maxNoise: 1 });

export interface DatasetOptions {
  readonly kind: DatasetKind;
  /** How many points in all, 4–20 000. */
  readonly points: number;
  /**
   * Standard deviation of Gaussian noise, 0–1: added to each coordinate of a classification
   * point (after its label is fixed), or to the target of a regression point.
   */
  readonly noise: number;
  /** The fraction of points used for training, in (0, 1); the rest are the test set. */
  readonly trainFraction: number;
  /** Any number, taken as a 32-bit unsigned integer. */
  readonly seed: number;
  /** Inputs of a regression set (2 or 3; default 2). Classification sets fix their own. */
  readonly inputs?: 2 | 3;
}

/** Points and their targets (labels 0/1 for classification). */
export interface DataSplit {
  readonly x: number[][];
  readonly y: number[];
}

export interface Dataset {
  /** The generated set, or 'file' for the user's points. */
  readonly kind: DatasetKind | 'file';
  readonly inputs: 2 | 3;
  readonly task: 'classification' | 'regression';
  readonly train: DataSplit;
  readonly test: DataSplit;
}

/** Standard normal draws by Marsaglia's polar method from a uniform generator on [0, 1). */
export function gaussianSource(uniform: () => number): () => number {
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = NaN;
      return z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * f;
    return u * f;
  };
}

type Draw = (i: number, n: number) => { x: number[]; y: number };

function makeDraw(kind: DatasetKind, inputs: 2 | 3, uniform: () => number, normal: () => number): Draw {
  const u = () => 2 * uniform() - 1;
  const onSphere = (r: number) => {
    const d = [normal(), normal(), normal()];
    const len = Math.hypot(d[0], d[1], d[2]) || 1;
    return d.map((c) => (r * c) / len);
  };
  switch (kind) {
    case 'circle':
      return (i) => {
        const inside = i % 2 === 0;
        const r = inside ? 0.5 * uniform() : 0.7 + 0.3 * uniform();
        const t = 2 * Math.PI * uniform();
        return { x: [r * Math.sin(t), r * Math.cos(t)], y: inside ? 1 : 0 };
      };
    case 'xor':
      return () => {
        const pad = (c: number) => (c > 0 ? c + 0.05 : c - 0.05);
        const x = [pad(0.95 * u()), pad(0.95 * u())];
        return { x, y: x[0] * x[1] >= 0 ? 1 : 0 };
      };
    case 'gaussians':
      return (i) => {
        const c = i % 2 === 0 ? 0.4 : -0.4;
        return { x: [c + 0.2 * normal(), c + 0.2 * normal()], y: i % 2 === 0 ? 1 : 0 };
      };
    case 'spiral':
      return (i, n) => {
        const half = Math.ceil(n / 2);
        const j = Math.floor(i / 2);
        const r = (0.95 * j) / half;
        const t = 1.75 * 2 * Math.PI * (j / half) + (i % 2 === 0 ? 0 : Math.PI);
        return { x: [r * Math.sin(t), r * Math.cos(t)], y: i % 2 === 0 ? 1 : 0 };
      };
    case 'checkerboard':
      return () => {
        const x = [u(), u()];
        const cell = Math.min(3, Math.floor((x[0] + 1) * 2)) + Math.min(3, Math.floor((x[1] + 1) * 2));
        return { x, y: cell % 2 === 0 ? 1 : 0 };
      };
    case 'shells':
      return (i) => (i % 2 === 0 ? { x: onSphere(0.4), y: 1 } : { x: onSphere(0.9), y: 0 });
    case 'xor-cube':
      return () => {
        const x = [u(), u(), u()];
        return { x, y: x[0] * x[1] * x[2] >= 0 ? 1 : 0 };
      };
    case 'helix':
      return (i) => {
        const t = uniform();
        const angle = 4 * Math.PI * t + (i % 2 === 0 ? 0 : Math.PI);
        return { x: [0.7 * Math.cos(angle), 0.7 * Math.sin(angle), 2 * t - 1], y: i % 2 === 0 ? 1 : 0 };
      };
    case 'surface':
      return () => {
        const x = Array.from({ length: inputs }, u);
        return { x, y: Math.sin(Math.PI * x[0]) * Math.cos((Math.PI * x[1]) / 2) + (inputs === 3 ? 0.5 * x[2] : 0) };
      };
    default:
      return () => {
        const x = Array.from({ length: inputs }, u);
        const d = x[0] - x[1];
        return { x, y: Math.exp(-((d / 0.3) ** 2) - (inputs === 3 ? x[2] * x[2] : 0)) };
      };
  }
}

function checkOptions(o: DatasetOptions): void {
  const kinds: readonly string[] = [...DATASETS_2D, ...DATASETS_3D, ...REGRESSION_SETS];
  if (!kinds.includes(o.kind)) throw new TrainingSettingsError('kind', `must be one of ${kinds.join(', ')}, not ${String(o.kind)}`);
  const { minPoints, maxPoints, maxNoise } = DATASET_LIMITS;
  if (!Number.isInteger(o.points) || o.points < minPoints || o.points > maxPoints) throw new TrainingSettingsError('points', `must be a whole number from ${minPoints} to ${maxPoints}, not ${o.points}`);
  if (!(Number.isFinite(o.noise) && o.noise >= 0 && o.noise <= maxNoise)) throw new TrainingSettingsError('noise', `must be a number from 0 to ${maxNoise}, not ${o.noise}`);
  if (!(Number.isFinite(o.trainFraction) && o.trainFraction > 0 && o.trainFraction < 1)) throw new TrainingSettingsError('trainFraction', `must be a number strictly between 0 and 1, not ${o.trainFraction}`);
  if (!Number.isFinite(o.seed)) throw new TrainingSettingsError('seed', `must be a finite number, not ${o.seed}`);
  if (o.inputs !== undefined && o.inputs !== 2 && o.inputs !== 3) throw new TrainingSettingsError('inputs', `must be 2 or 3, not ${String(o.inputs)}`);
}

/**
 * A dataset drawn from `seed` (mulberry32; the same options give the same points bit for bit).
 * Classification (labels 0/1, classes alternate so they are balanced where the set allows):
 * circle — label 1 at radius < 0.5, label 0 in the ring 0.7–1; xor — uniform points kept 0.05
 * from the axes, label 1 where x₁x₂ ≥ 0; gaussians — N((0.4, 0.4), 0.2²I) against N((−0.4, −0.4), 0.2²I);
 * spiral — two arms r = 0.95·s, θ = 3.5π·s (+π for label 0), s ∈ [0, 1); checkerboard — 4×4 squares
 * of [−1, 1]²; shells — spheres of radius 0.4 (label 1) and 0.9; xor-cube — label 1 where
 * x₁x₂x₃ ≥ 0; helix — two helices of radius 0.7 half a turn apart along x₃ ∈ [−1, 1].
 * Regression over uniform points of [−1, 1]^d: surface — sin(πx₁)·cos(πx₂/2) (+ x₃/2 in 3D);
 * ridge — exp(−((x₁ − x₂)/0.3)² − x₃²). Noise N(0, noise²) goes on each coordinate for
 * classification and on the target for regression. The points are shuffled (Fisher–Yates) and the
 * first round(points·trainFraction) (at least 1, at most points − 1) are the training set.
 * Throws TrainingSettingsError naming the bad option.
 * @example makeDataset({ kind: 'spiral', points: 500, noise: 0, trainFraction: 0.5, seed: 1 }).train.x.length // 250
 */
export function makeDataset(options: DatasetOptions): Dataset {
  checkOptions(options);
  const { kind, points, noise } = options;
  const regression = (REGRESSION_SETS as readonly string[]).includes(kind);
  const inputs: 2 | 3 = regression ? (options.inputs ?? 2) : (DATASETS_3D as readonly string[]).includes(kind) ? 3 : 2;
  const uniform = mulberry32(options.seed);
  const normal = gaussianSource(uniform);
  const draw = makeDraw(kind, inputs, uniform, normal);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < points; i++) {
    const p = draw(i, points);
    if (noise > 0) {
      if (regression) p.y += noise * normal();
      else for (let k = 0; k < inputs; k++) p.x[k] += noise * normal();
    }
    x.push(p.x);
    y.push(p.y);
  }
  const split = shuffleSplit(x, y, options.trainFraction, uniform);
  return { kind, inputs, task: regression ? 'regression' : 'classification', ...split };
}

/**
 * Shuffles the points (Fisher–Yates with `uniform`, in place) and splits them: the first
 * round(n·trainFraction), at least 1 and at most n − 1, train; the rest test. Needs n ≥ 2.
 */
export function shuffleSplit(x: number[][], y: number[], trainFraction: number, uniform: () => number): { train: DataSplit; test: DataSplit } {
  const n = x.length;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [x[i], x[j]] = [x[j], x[i]];
    [y[i], y[j]] = [y[j], y[i]];
  }
  const cut = Math.min(n - 1, Math.max(1, Math.round(n * trainFraction)));
  return { train: { x: x.slice(0, cut), y: y.slice(0, cut) }, test: { x: x.slice(cut), y: y.slice(cut) } };
}

/**
 * The same dataset moved to make a related task: every point x is rotated by `angle` radians in
 * the (x₁, x₂) plane about the origin, x ↦ (x₁cos θ − x₂sin θ, x₁sin θ + x₂cos θ, x₃), then
 * translated by `offset` (one entry per input; default none); the targets stay. Pretraining on
 * the dataset and fine-tuning on its shifted copy is the Training lab's fine-tuning task. Throws
 * TrainingSettingsError naming `angle` or `offset` when not finite or of the wrong length.
 * @example shiftedDataset(data, { angle: Math.PI / 6 }).train.x[0] // the first point turned by 30°
 */
export function shiftedDataset(data: Dataset, shift: { readonly angle: number; readonly offset?: readonly number[] }): Dataset {
  const { angle } = shift;
  const offset = shift.offset ?? Array<number>(data.inputs).fill(0);
  if (!Number.isFinite(angle)) throw new TrainingSettingsError('angle', `must be a finite number of radians, not ${angle}`);
  if (!Array.isArray(offset) || offset.length !== data.inputs || !offset.every(Number.isFinite)) {
    throw new TrainingSettingsError('offset', `must list ${data.inputs} finite numbers (one per input)`);
  }
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const move = (p: number[]) => {
    const q = [c * p[0] - s * p[1] + offset[0], s * p[0] + c * p[1] + offset[1]];
    if (p.length === 3) q.push(p[2] + offset[2]);
    return q;
  };
  return {
    ...data,
    train: { x: data.train.x.map(move), y: [...data.train.y] },
    test: { x: data.test.x.map(move), y: [...data.test.y] },
  };
}
