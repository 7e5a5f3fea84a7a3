import { transformPointsInto, type Matrix } from '../../../src/layer/index.js';
import { svd } from '../../../src/linalg/index.js';
import type { Arrow } from '../../scene/arrow.js';
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
 * under the full update W₀ + ΔW, thin and dotted, so one sees how close rank r gets.
 */
export class LoraScene extends SpaceScene {
  readonly #semiAxes: Arrow[];

  constructor(geometry: LoraGeometry, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    const n = geometry.W0.length as 2 | 3;
    super(n, n, palette, canvas, onChange);
    const zero = new Array(n).fill(0);
    const mapBy = (M: Matrix) => (from: Float64Array, to: Float64Array) => transformPointsInto(M, zero, from, n, to);
    const largest = Math.max(...[geometry.W0, geometry.adapted, geometry.target].map((M) => svd(M).S[0] ?? 1));
    this.setExtent(Math.max(2.6, 1.25 * largest));
    if (n === 3) fitOrbit(this, 1.3 * largest);
    this.addInputGrid();
    // In 3D a moved lattice of planes would hide the three ellipsoids; only the plane keeps its grid.
    const adaptedGrid = n === 2 ? this.addLines(gridLines(n, n), { color: palette.gridTransformed, width: 1.2, opacity: 0.4 }) : undefined;
    const before = this.addLines(unitBall(n, n), { color: palette.textMuted, width: n === 2 ? 2 : 1.4, dashed: true, dashSize: 0.1 });
    const target = this.addLines(unitBall(n, n), { color: palette.text, width: 1.4, dashed: true, dashSize: 0.035, opacity: 0.9 });
    const after = this.addLines(unitBall(n, n), { color: palette.output, width: 2.6 });
    adaptedGrid?.update(mapBy(geometry.adapted));
    before.update(mapBy(geometry.W0));
    target.update(mapBy(geometry.target));
    after.update(mapBy(geometry.adapted));
    const { U, S } = svd(geometry.adapted);
    this.#semiAxes = S.map((_, i) => this.addArrow(palette.output, `σ${SUB[i]}u${SUB[i]}`, 2.4));
    const head = this.headSize();
    this.#semiAxes.forEach((arrow, i) => arrow.set(this.vec(zero), this.vec(U.map((row) => row[i]! * S[i]!)), head));
    this.fitLabels();
  }
}
