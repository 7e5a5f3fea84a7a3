/**
 * Ready-made matrices for the Layer lab, each showing one kind of linear map.
 */
import { ShapeError } from '../errors.js';
import { mulberry32 } from '../random.js';

export type PresetName = 'identity' | 'rotation' | 'scaling' | 'shear' | 'reflection' | 'projection' | 'singular' | 'random';

/** Every preset, in the order the UI offers them. */
export const PRESETS: readonly PresetName[] = Object.freeze([
  'identity', 'rotation', 'scaling', 'shear', 'reflection', 'projection', 'singular', 'random',
]);

const SHAPES = new Set(['2x2', '3x3', '2x3', '3x2']);

const DEG = Math.PI / 180;

/** Rotation by angle θ about the unit axis k (Rodrigues): R = cos θ I + sin θ [k]ₓ + (1 − cos θ) k kᵀ. */
function axisRotation(axis: readonly [number, number, number], angle: number): number[][] {
  const norm = Math.hypot(...axis);
  const [x, y, z] = axis.map((v) => v / norm);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    [c + t * x * x, t * x * y - s * z, t * x * z + s * y],
    [t * y * x + s * z, c + t * y * y, t * y * z - s * x],
    [t * z * x - s * y, t * z * y + s * x, c + t * z * z],
  ];
}

const SQUARE: Readonly<Record<Exclude<PresetName, 'random'>, readonly [() => number[][], () => number[][]]>> = {
  identity: [() => [[1, 0], [0, 1]], () => [[1, 0, 0], [0, 1, 0], [0, 0, 1]]],
  rotation: [
    () => [[Math.cos(30 * DEG), -Math.sin(30 * DEG)], [Math.sin(30 * DEG), Math.cos(30 * DEG)]],
    () => axisRotation([1, 1, 1], 40 * DEG),
  ],
  scaling: [() => [[1.5, 0], [0, 0.5]], () => [[1.5, 0, 0], [0, 0.75, 0], [0, 0, 0.5]]],
  shear: [() => [[1, 0.75], [0, 1]], () => [[1, 0.75, 0], [0, 1, 0], [0, 0, 1]]],
  reflection: [() => [[0, 1], [1, 0]], () => [[0, 1, 0], [1, 0, 0], [0, 0, 1]]],
  projection: [() => [[0.5, 0.5], [0.5, 0.5]], () => [[1, 0, 0], [0, 1, 0], [0, 0, 0]]],
  singular: [() => [[1, 2], [0.5, 1]], () => [[1, 2, 0], [0.5, 1, 0], [0, 0, 1]]],
};

/**
 * A preset W of size rows×cols, for rows×cols ∈ {2×2, 3×3, 2×3, 3×2}. Square presets:
 * identity (nothing moves); rotation (30° in the plane; 40° about the axis (1, 1, 1)/√3 in space;
 * det 1); scaling (stretch x by 1.5, squash the others); shear (x += 0.75·y); reflection (mirror
 * in the line y = x, or the plane x = y; det −1); projection (orthogonal onto the line y = x, or
 * onto the xy-plane; P² = P); singular (columns 1 and 2 parallel, so the plane collapses to a line;
 * in space, to a plane; det 0); random (seededRandomMatrix of the exact shape). A non-square preset
 * is the leading rows/columns of the 3×3 one: 2×3 keeps the first two output rows (the 3-D map,
 * then dropping z: the image is seen from above), and 3×2 keeps the first two input columns (the
 * 3-D map applied to the plane z = 0, which lands as a tilted plane in space).
 * Throws ShapeError for other shapes.
 * @example presetMatrix('shear', 2, 2) // [[1, 0.75], [0, 1]]
 */
export function presetMatrix(name: PresetName, rows: number, cols: number, seed = 1): number[][] {
  if (!SHAPES.has(`${rows}x${cols}`)) {
    throw new ShapeError(`presetMatrix: presets exist for 2×2, 3×3, 2×3 and 3×2, not ${rows}×${cols}.`);
  }
  if (name === 'random') return seededRandomMatrix(rows, cols, seed);
  if (!Object.hasOwn(SQUARE, name)) throw new RangeError(`presetMatrix: unknown preset "${String(name)}".`);
  const square = SQUARE[name][Math.max(rows, cols) - 2]();
  return square.slice(0, rows).map((row) => row.slice(0, cols));
}

/**
 * A deterministic rows×cols matrix from a 32-bit seed: mulberry32 draws u ∈ [0, 1), each entry is
 * 3u − 1.5 ∈ [−1.5, 1.5) rounded to 2 decimals (so it displays cleanly), row by row. The same seed
 * always gives the same matrix.
 * @example seededRandomMatrix(1, 2, 42) // two entries in [−1.5, 1.5], the same on every run
 */
export function seededRandomMatrix(rows: number, cols: number, seed: number): number[][] {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(`seededRandomMatrix: sizes must be whole numbers ≥ 0, not ${rows}×${cols}.`);
  }
  const next = mulberry32(seed);
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => Math.round((3 * next() - 1.5) * 100) / 100 + 0),
  );
}

