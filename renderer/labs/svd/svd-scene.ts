import type { Arrow } from '../../scene/arrow.js';
import { SpaceScene, type MovedShapes } from '../../scene/space-scene.js';
import { BASIS_PATTERNS, type ScenePalette } from '../../theme.js';
import { determinant, transformPointsInto } from '../../../src/layer/index.js';
import { svdMatrixAt, type SvdAnimation } from '../../../src/linalg/index.js';

const SUB = ['₁', '₂', '₃'];

/**
 * Which vector a moving singular-vector arrow currently is: Vᵀ carries vᵢ onto the axis eᵢ, Σ
 * stretches it to σᵢeᵢ, and U turns that into σᵢuᵢ.
 */
export function movingVectorName(animation: SvdAnimation, t: number, i: number): string {
  const scale = animation.stages.find((s) => s.kind === 'scale')!;
  const s = SUB[i]!;
  if (t < scale.start - 1e-9) return `v${s} → e${s}`;
  if (t <= scale.start + 1e-9) return `e${s}`;
  if (t <= scale.end + 1e-9) return `σ${s}e${s}`;
  return `σ${s}u${s}`;
}

/**
 * The SVD lab's scene: the input grid and unit circle/sphere carried through Vᵀ, Σ and U, the
 * right singular vectors vᵢ fixed on the input, and their images, which end as the semi-axes
 * σᵢuᵢ of the ellipse or ellipsoid W makes of the unit circle or sphere.
 */
export class SvdScene extends SpaceScene {
  readonly #animation: SvdAnimation;
  readonly #shapes: MovedShapes;
  readonly #inputVectors: Arrow[];
  readonly #movingVectors: Arrow[];
  readonly #zero: number[];

  constructor(animation: SvdAnimation, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    super(animation.space, animation.cols as 2 | 3, palette, canvas, onChange);
    this.#animation = animation;
    this.#zero = new Array(animation.space).fill(0);
    // Arrow heads are sized from the view's extent, so set it first.
    this.setContainedExtent(Math.max(2.6, 1.25 * Math.max(1, animation.S[0] ?? 1)));
    this.addInputGrid();
    this.#shapes = this.addMovedShapes();
    this.#inputVectors = animation.V.map((_, i) => this.addArrow(palette.input, `v${SUB[i]}`, 2.4, BASIS_PATTERNS[i]));
    this.#movingVectors = animation.V.map((_, i) => this.addArrow(palette.output, '', 3.4, BASIS_PATTERNS[i]));
    const head = this.headSize();
    animation.V.forEach((_, i) => {
      const v = animation.V.map((row) => row[i]!);
      this.#inputVectors[i]!.set(this.vec(this.#zero), this.vec(v), head);
    });
  }

  /** Shows the animation at time t (already eased). */
  update(t: number): void {
    const animation = this.#animation;
    const M = svdMatrixAt(animation, t);
    const space = this.space;
    const apply = (from: Float64Array, to: Float64Array) => transformPointsInto(M, this.#zero, from, space, to);
    this.updateMovedShapes(this.#shapes, apply, animation.rows === animation.cols && determinant(M) < 0);
    const head = this.headSize();
    animation.V.forEach((_, i) => {
      const v = [...animation.V.map((row) => row[i]!), 0, 0].slice(0, space);
      const image = M.map((row) => row.reduce((sum, m, j) => sum + m * v[j]!, 0));
      const arrow = this.#movingVectors[i]!;
      arrow.set(this.vec(this.#zero), this.vec(image), head);
      arrow.label.setText(t <= 1e-9 ? '' : movingVectorName(animation, t, i));
    });
    this.fitLabels();
  }
}
