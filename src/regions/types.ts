/**
 * Plain-data shapes of the Regions lab: a fully connected (leaky) ReLU network with 2 or 3 inputs
 * and one output, the box of input space it is looked at in, and the linear regions it carves.
 */
import type { Matrix, Vector } from '../layer/types.js';

/**
 * A fully connected network x ↦ W_L·σ(…σ(W_1·x + b_1)…) + b_L with σ the (leaky) ReLU
 * σ(z) = max(z, leak·z). `weights[l]` has one row per neuron of layer l, each as long as the
 * previous layer is wide (the input dimension for l = 0); `biases[l]` has one entry per neuron.
 * The last layer is the single output neuron and has no activation. `leak` defaults to 0 (ReLU).
 */
export interface ReluNet {
  readonly weights: readonly Matrix[];
  readonly biases: readonly Vector[];
  readonly leak?: number;
}

/** An axis-aligned box {x : min ≤ x ≤ max} of input space, in 2 or 3 dimensions. */
export interface Box {
  readonly min: readonly number[];
  readonly max: readonly number[];
}

/**
 * One linear region: the closed convex polytope of inputs where every hidden neuron has the sign
 * recorded in `pattern`, and where the network is the affine map x ↦ A·x + c.
 */
export interface Region {
  /** One entry per hidden neuron, layer by layer: 1 where its pre-activation is > 0, else 0. */
  readonly pattern: Uint8Array;
  /** The pattern as a short string, unique per pattern (see {@link patternKey}). */
  readonly patternKey: string;
  /** 2D: the polygon's corners, counter-clockwise. 3D: the polyhedron's corners. */
  readonly vertices: number[][];
  /** 3D only: each face as a loop of indices into `vertices`, counter-clockwise seen from outside. */
  readonly faces?: number[][];
  /** Area (2D) or volume (3D). */
  readonly measure: number;
  /** The gradient of the network's output on the region (one entry per input). */
  readonly A: number[];
  /** The output's value at the origin of the region's affine map: f(x) = A·x + c. */
  readonly c: number;
  /** A point strictly inside the region (its centroid). */
  readonly interior: number[];
}

/** What {@link linearRegions} found besides the regions. */
export interface RegionStats {
  /** How many regions the box holds after layers 1..l (the last entry is the final count). */
  readonly regionsPerLayer: number[];
  /** How many cuts actually split a cell in two. */
  readonly splits: number;
  /** How many signs of a neuron's function at a corner (or interior point) were decided. */
  readonly signTests: number;
  /** How many of those the float filter could not settle, so exact arithmetic did. */
  readonly exactSigns: number;
  /** Regions none of whose candidate interior points could be shown strictly inside (0 unless a region is thinner than rounding everywhere). */
  readonly unverifiedInteriors: number;
}

/** The exact partition of a box into the network's linear regions. */
export interface LinearRegions {
  readonly regions: Region[];
  readonly dim: 2 | 3;
  readonly stats: RegionStats;
}

/**
 * The partition in a few flat typed arrays (all transferable between threads), region by region
 * in the same order as {@link LinearRegions.regions}: what a worker sends and a renderer fills its
 * buffers from. Region i has corners coords[d·cornerStart[i] … d·cornerStart[i + 1]) and, in 3D,
 * faces faceWords[faceStart[i] … faceStart[i + 1]) as [n, j₀, …, jₙ₋₁] loops counter-clockwise
 * from outside, with corner indices j local to the region.
 */
export interface PackedRegions {
  readonly dim: 2 | 3;
  readonly count: number;
  /** Bits per pattern: the number of hidden neurons. */
  readonly hidden: number;
  /** count × hidden: region i's pattern at [i·hidden …]. */
  readonly patterns: Uint8Array;
  readonly measures: Float64Array;
  /** count × d: region i's gradient A at [i·d …]. */
  readonly gradients: Float64Array;
  /** Region i's constant c. */
  readonly constants: Float64Array;
  /** count × d: region i's centroid at [i·d …]. */
  readonly interiors: Float64Array;
  readonly coords: Float64Array;
  /** count + 1 entries, in corners (multiply by d for coords). */
  readonly cornerStart: Int32Array;
  /** 3D face loops; empty in 2D. */
  readonly faceWords: Int32Array;
  /** count + 1 entries, in words of faceWords (all 0 in 2D). */
  readonly faceStart: Int32Array;
  readonly stats: RegionStats;
}

/** Options of {@link linearRegions}; all optional. */
export interface LinearRegionsOptions {
  /** Called with the fraction done (0..1) and the hidden layer being cut (0-based), about 100 times. */
  readonly onProgress?: (fraction: number, layer: number) => void;
  /** An AbortSignal (or anything with `aborted`): checked every few hundred cells. */
  readonly signal?: { readonly aborted: boolean };
  /** Refuse with RegionLimitError once there would be more regions than this (default 250 000). */
  readonly maxRegions?: number;
}
