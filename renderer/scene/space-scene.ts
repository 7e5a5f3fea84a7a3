import {
  type BufferGeometry,
  Color,
  Mesh,
  MeshBasicMaterial,
  OrthographicCamera,
  PerspectiveCamera,
  Plane,
  Raycaster,
  Scene,
  SphereGeometry,
  Vector2,
  Vector3,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { LinePattern, ScenePalette } from '../theme.js';
import { Arrow } from './arrow.js';
import { DynamicLines, segmentLine, type LineStyle, type PointMap } from './dynamic-lines.js';
import { MappedFill } from './mapped-fill.js';
import type { SceneView } from './scene-view.js';
import { gridLines, GRID_EXTENT_2D, unitBall, unitBoxEdges, unitBoxFill } from './shapes.js';
import type { CameraPose } from '../../src/project/index.js';
import { TextLabel, type LabelOptions } from './text-label.js';

const SUBSCRIPTS = ['₁', '₂', '₃'];

/** The input grid, unit circle/sphere and unit square/cube as a map moves them. */
export interface MovedShapes {
  readonly grid: DynamicLines;
  readonly ball: DynamicLines;
  readonly box: DynamicLines;
  readonly fill: MappedFill;
}

/**
 * What every lab that draws a map of the plane or of space shares: the camera (orthographic
 * from above in 2D, perspective with an orbit in 3D, z up), the axes with their labels, the
 * bookkeeping that keeps lines and labels a constant size on screen and in exports, picking
 * points on the input plane, and disposal of everything it made.
 */
export abstract class SpaceScene implements SceneView {
  readonly scene = new Scene();
  readonly camera: OrthographicCamera | PerspectiveCamera;
  readonly controls: OrbitControls | undefined;
  readonly #lines: DynamicLines[] = [];
  readonly #labels: TextLabel[] = [];
  readonly #fills: MappedFill[] = [];
  readonly #meshes: Mesh<BufferGeometry, MeshBasicMaterial>[] = [];
  readonly #raycaster = new Raycaster();
  /** Disposals of objects already taken out of the scene, run once the next frame is drawn. */
  readonly #retired: (() => void)[] = [];
  #extent = GRID_EXTENT_2D;
  /** Whether a 2D view narrower than tall zooms out until the extent fits its width too. */
  #contain = false;
  #cssWidth = 1;
  #cssHeight = 1;

  constructor(
    readonly space: 2 | 3,
    readonly inputDim: 2 | 3,
    protected readonly palette: ScenePalette,
    canvas: HTMLCanvasElement,
    onChange: () => void,
    /** Names of the axes; x₁, x₂, x₃ when not given. */
    readonly axisNames?: readonly string[],
  ) {
    this.scene.background = new Color(palette.background);
    this.scene.onAfterRender = () => this.#disposeRetired();
    if (space === 2) {
      this.camera = new OrthographicCamera(-1, 1, 1, -1, -100, 100);
      this.camera.position.set(0, 0, 10);
    } else {
      const camera = new PerspectiveCamera(38, 1, 0.05, 200);
      camera.up.set(0, 0, 1);
      camera.position.set(6.2, -7.4, 5.2);
      this.camera = camera;
      this.controls = new OrbitControls(camera, canvas);
      this.controls.enableDamping = false;
      this.controls.target.set(0, 0, 0.3);
      this.controls.update();
      this.controls.addEventListener('change', () => {
        this.#fitLabels();
        onChange();
      });
    }
    this.#addAxes();
  }

  /** The orbiting camera's pose (3D only: the 2D view is fitted to its content, not moved by hand). */
  cameraPose(): CameraPose | undefined {
    if (!this.controls) return undefined;
    const { position, zoom } = this.camera;
    const { target } = this.controls;
    return { position: [position.x, position.y, position.z], target: [target.x, target.y, target.z], zoom };
  }

  applyCameraPose(pose: CameraPose): void {
    if (!this.controls) return;
    this.camera.position.set(...pose.position);
    this.controls.target.set(...pose.target);
    this.camera.zoom = pose.zoom;
    this.camera.updateProjectionMatrix();
    this.controls.update();
  }

  /**
   * Frees an object already removed from the scene once the next frame is drawn: three.js deletes
   * a shader program when no material uses it, so freeing a replaced object before its successor
   * is drawn would compile the successor's programs again (a slice or a partition redrawn while a
   * slider moves or a network trains).
   */
  protected disposeAfterFrame(dispose: () => void): void {
    this.#retired.push(dispose);
  }

  #disposeRetired(): void {
    for (const dispose of this.#retired.splice(0)) dispose();
  }

  protected addLines(polylines: Float64Array[], style: LineStyle): DynamicLines {
    const lines = new DynamicLines(polylines, this.space, style);
    this.#lines.push(lines);
    this.scene.add(lines.object);
    return lines;
  }

  protected addLabel(text: string, options: LabelOptions): TextLabel {
    const label = new TextLabel(text, options);
    this.#labels.push(label);
    this.scene.add(label.sprite);
    return label;
  }

  protected addArrow(color: string, text: string, width?: number, pattern?: LinePattern): Arrow {
    const arrow = new Arrow(this.space, color, text, this.headSize(), width, pattern);
    arrow.addTo(this.scene);
    this.#lines.push(arrow.shaft);
    this.#labels.push(arrow.label);
    this.#meshes.push(arrow.head);
    return arrow;
  }

  protected addFill(fill: { points: Float64Array; index: number[] }, color: string): MappedFill {
    const mapped = new MappedFill(fill, this.space, color, this.space === 2 ? 0.22 : 0.12);
    this.#fills.push(mapped);
    this.scene.add(mapped.mesh);
    return mapped;
  }

  protected addPoint(color: string): Mesh<SphereGeometry, MeshBasicMaterial> {
    const point = new Mesh(new SphereGeometry(this.space === 2 ? 0.11 : 0.075, 24, 16), new MeshBasicMaterial({ color }));
    point.renderOrder = 5;
    this.#meshes.push(point);
    this.scene.add(point);
    return point;
  }

  /** The input space as it was: a faint grid that never moves. */
  protected addInputGrid(): void {
    this.addLines(gridLines(this.inputDim, this.space), { color: this.palette.gridFaint, width: 1 }).object.renderOrder = 0;
  }

  /** The grid, unit ball and unit box of the input space, to be moved by `updateMovedShapes`. */
  protected addMovedShapes(): MovedShapes {
    const { inputDim, space, palette } = this;
    return {
      grid: this.addLines(gridLines(inputDim, space), { color: palette.gridTransformed, width: 1.3, opacity: 0.5 }),
      ball: this.addLines(unitBall(inputDim, space), { color: palette.text, width: 2 }),
      box: this.addLines(unitBoxEdges(inputDim, space), { color: palette.area, width: 1.6 }),
      fill: this.addFill(unitBoxFill(inputDim, space), palette.area),
    };
  }

  /** Moves the shapes by `map`; `flipped` shades the unit box in the orientation-flip colour. */
  protected updateMovedShapes(shapes: MovedShapes, map: PointMap, flipped: boolean): void {
    shapes.grid.update(map);
    shapes.ball.update(map);
    shapes.box.update(map);
    shapes.fill.update(map);
    const color = flipped ? this.palette.areaFlipped : this.palette.area;
    shapes.fill.mesh.material.color.set(color);
    shapes.box.setColor(color);
  }

  #addAxes(): void {
    const p = this.palette;
    const space = this.space;
    const reach = space === 2 ? GRID_EXTENT_2D : 2.6;
    for (let axis = 0; axis < space; axis++) {
      const a = new Array(space).fill(0);
      const b = new Array(space).fill(0);
      a[axis] = -reach;
      b[axis] = reach;
      this.addLines([segmentLine(a, b, 1)], { color: p.gridAxis, width: 1.4 }).object.renderOrder = 0;
      const label = this.addLabel(this.axisNames?.[axis] ?? `x${SUBSCRIPTS[axis]}`, { color: p.textMuted, sizePx: 14, italic: true });
      const at = new Vector3();
      at.setComponent(axis, reach + 0.3);
      if (space === 2 && axis === 0) at.set(reach - 0.3, -0.35, 0);
      if (space === 2 && axis === 1) at.set(0.4, reach - 0.3, 0);
      label.sprite.position.copy(at);
    }
    if (space === 2) {
      for (let k = -GRID_EXTENT_2D + 1; k <= GRID_EXTENT_2D - 1; k++) {
        if (k === 0) continue;
        this.addLabel(String(k), { color: p.textMuted, sizePx: 11 }).sprite.position.set(k, -0.28, 0);
        this.addLabel(String(k), { color: p.textMuted, sizePx: 11 }).sprite.position.set(-0.3, k, 0);
      }
    }
  }

  /** Arrow-head length in world units. */
  protected headSize(): number {
    return this.space === 2 ? Math.max(0.18, this.#extent * 0.045) : 0.16;
  }

  /** A point of the drawing space (missing coordinates are 0) as a three.js vector. */
  protected vec(p: readonly number[]): Vector3 {
    return new Vector3(p[0] ?? 0, p[1] ?? 0, this.space === 3 ? (p[2] ?? 0) : 0);
  }

  /** Half the height of the 2D view in world units (the 3D view is orbited instead). */
  protected setExtent(extent: number): void {
    this.#extent = Math.min(GRID_EXTENT_2D + 1, extent);
    this.#applyCamera();
  }

  /**
   * Like setExtent, but the whole square [−extent, extent]² stays in sight: a 2D view narrower
   * than tall (a small window, a wide side panel) zooms out until the extent fits its width too.
   */
  protected setContainedExtent(extent: number): void {
    this.#contain = true;
    this.setExtent(extent);
  }

  setViewport(cssWidth: number, cssHeight: number, renderWidth: number, renderHeight: number, lineScale: number): void {
    this.#cssWidth = cssWidth;
    this.#cssHeight = cssHeight;
    for (const lines of this.#lines) lines.setResolution(renderWidth, renderHeight, lineScale);
    this.#applyCamera();
  }

  #applyCamera(): void {
    const aspect = this.#cssWidth / this.#cssHeight;
    if (this.camera instanceof OrthographicCamera) {
      const h = this.#contain && aspect < 1 ? this.#extent / aspect : this.#extent;
      this.camera.top = h;
      this.camera.bottom = -h;
      this.camera.left = -h * aspect;
      this.camera.right = h * aspect;
    } else {
      this.camera.aspect = aspect;
    }
    this.camera.updateProjectionMatrix();
    this.#fitLabels();
  }

  protected fitLabels(): void {
    this.#fitLabels();
  }

  #fitLabels(): void {
    const unitsPerPixel =
      this.camera instanceof OrthographicCamera
        ? (this.camera.top - this.camera.bottom) / this.camera.zoom / this.#cssHeight
        : (2 * Math.tan((this.camera.fov * Math.PI) / 360)) / this.#cssHeight;
    for (const label of this.#labels) label.fit(unitsPerPixel);
  }

  /** Where a point of the drawing space is on the canvas, in CSS pixels from the top left. */
  pointOnScreen(point: readonly number[]): { x: number; y: number } {
    const v = this.vec(point).project(this.camera);
    return { x: ((v.x + 1) / 2) * this.#cssWidth, y: ((1 - v.y) / 2) * this.#cssHeight };
  }

  /**
   * The input point under the cursor: on the input plane (z = 0) for 2D inputs; for 3D inputs,
   * on the plane through `current` facing the camera. Rounded to 0.01.
   */
  inputPointAt(px: number, py: number, current: readonly number[]): number[] | undefined {
    const ndc = new Vector2((px / this.#cssWidth) * 2 - 1, 1 - (py / this.#cssHeight) * 2);
    this.#raycaster.setFromCamera(ndc, this.camera);
    const normal = this.inputDim === 2 ? new Vector3(0, 0, 1) : this.camera.getWorldDirection(new Vector3()).negate();
    const plane = new Plane().setFromNormalAndCoplanarPoint(normal, this.inputDim === 2 ? new Vector3() : this.vec(current));
    const hit = this.#raycaster.ray.intersectPlane(plane, new Vector3());
    if (!hit) return undefined;
    return [hit.x, hit.y, hit.z].slice(0, this.inputDim).map((v) => Math.round(v * 100) / 100);
  }

  dispose(): void {
    this.#disposeRetired();
    this.controls?.dispose();
    for (const lines of this.#lines) lines.dispose();
    for (const label of this.#labels) label.dispose();
    for (const fill of this.#fills) fill.dispose();
    for (const mesh of this.#meshes) {
      mesh.geometry.dispose();
      mesh.material.dispose();
    }
    this.scene.clear();
  }
}
