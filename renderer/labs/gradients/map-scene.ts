import type { Mesh, MeshBasicMaterial, SphereGeometry } from 'three';
import { transformPointsInto, type Matrix } from '../../../src/layer/index.js';
import { segmentLine } from '../../scene/dynamic-lines.js';
import { SpaceScene } from '../../scene/space-scene.js';
import { fitOrbit } from '../../components/fit-orbit.js';
import type { ScenePalette } from '../../theme.js';


/** One side of the Gradients lab's one-layer view: a map M, its singular directions, a vector and its image. */
export interface MapSpec {
  /** M maps ℝ^inputDim → ℝ^outputDim (W forward, Wᵀ backward). */
  readonly M: Matrix;
  /** Unit singular directions on the input side of M, with their labels (v₁… forward, u₁… backward). */
  readonly inputDirections: readonly (readonly number[])[];
  readonly inputLabels: readonly string[];
  /** Their images M·dᵢ = σᵢ·(output direction), with labels (σ₁u₁… forward, σ₁v₁… backward). */
  readonly outputDirections: readonly (readonly number[])[];
  readonly outputLabels: readonly string[];
  /** The vector mapped (x or g) and its image (y or Wᵀg), with labels. */
  readonly point: readonly number[];
  readonly image: readonly number[];
  readonly pointLabel: string;
  readonly imageLabel: string;
  /** Which side's colour each belongs to: the input space of the network is blue, its output orange. */
  readonly inputColor: 'input' | 'output';
  readonly outputColor: 'input' | 'output';
}

/**
 * A linear map drawn the way the SVD lab draws one: the faint grid of its input space, the grid
 * and unit circle/sphere it moves, its input singular directions and their images (the
 * semi-axes of the ellipse), a vector and where it lands. The Gradients lab shows two of these
 * side by side: W acting forward on x, and Wᵀ acting backward on a gradient g, with the roles of
 * the singular directions swapped and the colours kept with their spaces.
 */
export class GradientMapScene extends SpaceScene {
  /** A tall, narrow 2D view zooms out until the picture fits its width (setContainedExtent). */
  constructor(spec: MapSpec, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    const inputDim = (spec.M[0]?.length ?? 2) as 2 | 3;
    const outputDim = spec.M.length as 2 | 3;
    const space = Math.max(inputDim, outputDim) as 2 | 3;
    const outColor = palette[spec.outputColor];
    const inColor = palette[spec.inputColor];
    // The moved grid takes the colour of the space it lands in.
    super(space, inputDim, { ...palette, gridTransformed: outColor }, canvas, onChange);
    const pad = (v: readonly number[]) => [...v, 0, 0, 0].slice(0, space);
    const reach = Math.max(2.6, ...[...spec.outputDirections, spec.point, spec.image].map((v) => 1.25 * Math.hypot(...v)));
    this.setContainedExtent(reach);
    if (space === 3) fitOrbit(this, 1.05 * Math.max(...[...spec.outputDirections, spec.point, spec.image].map((v) => Math.hypot(...v)), 1));
    this.addInputGrid();
    const shapes = this.addMovedShapes();
    // The unit square says nothing about gradients; the circle and its semi-axes do.
    shapes.box.object.visible = false;
    shapes.fill.mesh.visible = false;
    const zero = new Array(space).fill(0);
    const Mpad = padMatrix(spec.M, space);
    this.updateMovedShapes(shapes, (from, to) => transformPointsInto(Mpad, zero, from, space, to), false);
    shapes.box.object.visible = false;
    const head = this.headSize();
    spec.inputDirections.forEach((d, i) => this.addArrow(inColor, spec.inputLabels[i] ?? '', 2.4).set(this.vec(zero), this.vec(pad(d)), head));
    spec.outputDirections.forEach((d, i) => this.addArrow(outColor, spec.outputLabels[i] ?? '', 3.4).set(this.vec(zero), this.vec(pad(d)), head));
    const p = pad(spec.point);
    const q = pad(spec.image);
    this.addLines([segmentLine(p, q, 1)], { color: palette.textMuted, width: 1.2, dashed: true, dashSize: 0.08 });
    const dot = (color: string, at: number[], text: string): Mesh<SphereGeometry, MeshBasicMaterial> => {
      const mesh = this.addPoint(color);
      mesh.position.copy(this.vec(at));
      // The label sits on the side away from the origin, where the arrows are not.
      const anchor: [number, number] = [(at[0] ?? 0) < 0 ? 1.2 : -0.2, (at[1] ?? 0) < 0 ? 1.15 : -0.15];
      this.addLabel(text, { color, sizePx: 17, weight: 700, italic: true, anchor }).sprite.position.copy(mesh.position);
      return mesh;
    };
    dot(inColor, p, spec.pointLabel);
    dot(outColor, q, spec.imageLabel);
    this.fitLabels();
  }
}

/** M padded with zeros to space×space, so a 2×3 or 3×2 map can move 3-D points. */
function padMatrix(M: Matrix, space: number): number[][] {
  return Array.from({ length: space }, (_, i) => Array.from({ length: space }, (_, j) => M[i]?.[j] ?? 0));
}
