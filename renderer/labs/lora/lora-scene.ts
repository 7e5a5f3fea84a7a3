import { transformPointsInto, type Matrix } from '../../../src/layer/index.js';
import { svd } from '../../../src/linalg/index.js';
import type { Arrow } from '../../scene/arrow.js';
import type { DynamicLines } from '../../scene/dynamic-lines.js';
import { gridLines, unitBall } from '../../scene/shapes.js';
import { SpaceScene } from '../../scene/space-scene.js';
import { fitOrbit } from '../../components/fit-orbit.js';
import type { ScenePalette } from '../../theme.js';


const SUB = ['₁', '₂', '₃'];

/** What the geometric view compares: the frozen W₀, the adapted W₀ + AB, the fully updated W₀ + ΔW. */
export interface LoraGeometry {
  readonly W0: Matrix;
  readonly adapted: Matrix;
  readonly target: Matrix;
  readonly rank: number;
}

/**
 * The LoRA lab's geometric view for 2×2 and 3×3 weights: the unit circle (or sphere) under W₀,
 * dashed and grey; under W₀ + AB, solid in the output colour with its grid and semi-axes σᵢuᵢ; and
 * under the full update W₀ + ΔW, thin and dotted, so one sees how close rank r gets. Built once per
 * size n; a new rank, W₀ or ΔW moves the same lines and arrows (`update`). Without a geometry
 * (larger weights, whose view is hidden) it is an empty plane.
 */
export class LoraScene extends SpaceScene {
  readonly #n: 2 | 3;
  readonly #zero: number[];
  readonly #adaptedGrid: DynamicLines | undefined;
  readonly #before: DynamicLines;
  readonly #target: DynamicLines;
  readonly #after: DynamicLines;
  readonly #semiAxes: Arrow[];

  constructor(n: 2 | 3, geometry: LoraGeometry | undefined, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    super(n, n, palette, canvas, onChange);
    this.#n = n;
    this.#zero = new Array(n).fill(0);
    if (geometry && n === 3) fitOrbit(this, 1.3 * largest(geometry));
    this.addInputGrid();
    // In 3D a moved lattice of planes would hide the three ellipsoids; only the plane keeps its grid.
    this.#adaptedGrid = n === 2 ? this.addLines(gridLines(n, n), { color: palette.gridTransformed, width: 1.2, opacity: 0.4 }) : undefined;
    this.#before = this.addLines(unitBall(n, n), { color: palette.textMuted, width: n === 2 ? 2 : 1.4, dashed: true, dashSize: 0.1 });
    this.#target = this.addLines(unitBall(n, n), { color: palette.text, width: 1.4, dashed: true, dashSize: 0.035, opacity: 0.9 });
    this.#after = this.addLines(unitBall(n, n), { color: palette.output, width: 2.6 });
    this.#semiAxes = SUB.slice(0, n).map((s) => this.addArrow(palette.output, `σ${s}u${s}`, 2.4));
    this.#setVisible(geometry !== undefined);
    if (geometry) this.update(geometry);
  }

  /** Draws W₀, W₀ + AB and W₀ + ΔW of the same size n in place (the 2D view is fitted to them again). */
  update(geometry: LoraGeometry): void {
    const n = this.#n;
    const zero = this.#zero;
    const mapBy = (M: Matrix) => (from: Float64Array, to: Float64Array) => transformPointsInto(M, zero, from, n, to);
    if (n === 2) this.setContainedExtent(Math.max(2.6, 1.25 * largest(geometry)));
    this.#adaptedGrid?.update(mapBy(geometry.adapted));
    this.#before.update(mapBy(geometry.W0));
    this.#target.update(mapBy(geometry.target));
    this.#after.update(mapBy(geometry.adapted));
    const { U, S } = svd(geometry.adapted);
    const head = this.headSize();
    this.#semiAxes.forEach((arrow, i) => arrow.set(this.vec(zero), this.vec(U.map((row) => row[i]! * S[i]!)), head));
    this.fitLabels();
  }

  #setVisible(visible: boolean): void {
    for (const part of [this.#adaptedGrid, this.#before, this.#target, this.#after]) if (part) part.object.visible = visible;
    for (const arrow of this.#semiAxes) arrow.setVisible(visible);
  }
}

/** The largest σ₁ among W₀, W₀ + AB and W₀ + ΔW: how far the picture reaches. */
function largest(geometry: LoraGeometry): number {
  return Math.max(...[geometry.W0, geometry.adapted, geometry.target].map((M) => svd(M).S[0] ?? 1));
}
