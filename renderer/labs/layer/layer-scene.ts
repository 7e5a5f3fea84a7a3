import {
  BufferAttribute,
  BufferGeometry,
  Color,
  ConeGeometry,
  DoubleSide,
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
import { determinant } from '../../../src/layer/index.js';
import { DynamicLines, segmentLine } from '../../scene/dynamic-lines.js';
import type { SceneView } from '../../scene/scene-view.js';
import { TextLabel } from '../../scene/text-label.js';
import type { ScenePalette } from '../../theme.js';
import { gridLines, GRID_EXTENT_2D, unitBall, unitBoxEdges, unitBoxFill } from './layer-geometry.js';
import { applyStageMap, collapsedLayer, mapPoint, padAffine, spaceDim, stageMap, timeEnd, type StageMap } from './layer-maps.js';
import { shapeDims, type LayerState } from './layer-store.js';

const SUBSCRIPTS = ['₁', '₂', '₃'];
const HATS = ['î', 'ĵ', 'k̂'];

/** One basis vector's image: a shaft, a cone head and a label. */
class Arrow {
  readonly shaft: DynamicLines;
  readonly head: Mesh<ConeGeometry, MeshBasicMaterial>;
  readonly label: TextLabel;
  readonly #dir = new Vector3();
  readonly #up = new Vector3(0, 1, 0);

  constructor(space: 2 | 3, color: string, text: string, headSize: number) {
    this.shaft = new DynamicLines([segmentLine(new Array(space).fill(0), new Array(space).fill(0), 1)], space, { color, width: 3.2 });
    this.head = new Mesh(new ConeGeometry(headSize * 0.42, headSize, 20), new MeshBasicMaterial({ color }));
    this.head.renderOrder = 3;
    this.label = new TextLabel(text, { color, sizePx: 15, weight: 650, anchor: [0.5, 0.5] });
  }

  /** Points the arrow from `from` to `to` (3-vectors). */
  set(from: Vector3, to: Vector3, headSize: number): void {
    this.shaft.update((_, out) => {
      out.fill(0);
      const dim = out.length / 2;
      const d = this.#dir.subVectors(to, from);
      const length = d.length();
      // Stop the shaft at the base of the head so the tip stays sharp.
      const k = length > 1e-9 ? Math.max(0, (length - headSize * 0.9) / length) : 0;
      out[0] = from.x; out[1] = from.y;
      out[dim] = from.x + d.x * k; out[dim + 1] = from.y + d.y * k;
      if (dim === 3) { out[2] = from.z; out[5] = from.z + d.z * k; }
    });
    const d = this.#dir.subVectors(to, from);
    const length = d.length();
    this.head.visible = length > headSize * 0.5;
    if (this.head.visible) {
      d.divideScalar(length);
      this.head.quaternion.setFromUnitVectors(this.#up, d);
      this.head.position.copy(to).addScaledVector(d, -headSize / 2);
    }
    this.label.sprite.position.copy(to).addScaledVector(d, length > 1e-9 ? headSize * 1.6 : 0);
  }

  addTo(scene: Scene): void {
    scene.add(this.shaft.object, this.head, this.label.sprite);
  }

}

/**
 * The Layer lab's scene: the input grid faint behind, and in front the grid, unit circle/sphere,
 * unit square/cube and basis vectors as they are moved by the layer at the current animation
 * time, the point x and its image. Built once per shape and theme; `update` moves everything in
 * place.
 */
export class LayerScene implements SceneView {
  readonly scene = new Scene();
  readonly camera: OrthographicCamera | PerspectiveCamera;
  readonly space: 2 | 3;
  readonly inputDim: 2 | 3;
  readonly outputDim: 2 | 3;
  readonly controls: OrbitControls | undefined;
  #extent = GRID_EXTENT_2D;
  #cssHeight = 1;
  #cssWidth = 1;
  readonly #palette: ScenePalette;
  readonly #lines: DynamicLines[] = [];
  readonly #labels: TextLabel[] = [];
  readonly #grid: DynamicLines;
  readonly #ball: DynamicLines;
  readonly #box: DynamicLines;
  readonly #collapsed: DynamicLines;
  readonly #fill: Mesh<BufferGeometry, MeshBasicMaterial>;
  readonly #fillBase: Float64Array;
  readonly #fillMapped: Float64Array;
  readonly #arrows: Arrow[];
  readonly #bias: Arrow;
  readonly #xPoint: Mesh<SphereGeometry, MeshBasicMaterial>;
  readonly #yPoint: Mesh<SphereGeometry, MeshBasicMaterial>;
  readonly #xLabel: TextLabel;
  readonly #yLabel: TextLabel;
  readonly #link: DynamicLines;
  readonly #scratch = new Float64Array(8192 * 3);
  readonly #raycaster = new Raycaster();
  #state: LayerState;

  constructor(state: LayerState, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    this.#state = state;
    this.#palette = palette;
    const { rows, cols } = shapeDims(state.shape);
    this.inputDim = cols as 2 | 3;
    this.outputDim = rows as 2 | 3;
    this.space = spaceDim(state);
    this.scene.background = new Color(palette.background);
    const space = this.space;

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

    // The input space as it was: a faint grid and axes that never move.
    const reference = this.#addLines(gridLines(this.inputDim, space), { color: palette.gridFaint, width: 1 });
    reference.object.renderOrder = 0;
    this.#addAxes();

    this.#grid = this.#addLines(gridLines(this.inputDim, space), { color: palette.gridTransformed, width: 1.3, opacity: 0.5 });
    this.#collapsed = this.#addLines(gridLines(this.inputDim, space), { color: palette.text, width: 1.6, dashed: true, dashSize: 0.14 });
    this.#ball = this.#addLines(unitBall(this.inputDim, space), { color: palette.text, width: 2 });
    this.#box = this.#addLines(unitBoxEdges(this.inputDim, space), { color: palette.area, width: 1.6 });

    const fill = unitBoxFill(this.inputDim, space);
    this.#fillBase = fill.points;
    this.#fillMapped = new Float64Array(fill.points.length);
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array((fill.points.length / space) * 3), 3));
    geometry.setIndex(fill.index);
    this.#fill = new Mesh(geometry, new MeshBasicMaterial({ color: palette.area, transparent: true, opacity: space === 2 ? 0.22 : 0.12, side: DoubleSide, depthWrite: false }));
    this.#fill.frustumCulled = false;
    this.#fill.renderOrder = 1;
    this.scene.add(this.#fill);

    const head = this.#headSize();
    this.#arrows = Array.from({ length: this.inputDim }, (_, i) => {
      const arrow = new Arrow(space, palette.basis[i]!, `W${HATS[i]}`, head);
      arrow.addTo(this.scene);
      this.#lines.push(arrow.shaft);
      this.#labels.push(arrow.label);
      return arrow;
    });
    this.#bias = new Arrow(space, palette.bias, 'b', head);
    this.#bias.addTo(this.scene);
    this.#lines.push(this.#bias.shaft);
    this.#labels.push(this.#bias.label);

    this.#link = this.#addLines([segmentLine(new Array(space).fill(0), new Array(space).fill(0), 1)], { color: palette.textMuted, width: 1.2, dashed: true, dashSize: 0.08 });
    const pointRadius = space === 2 ? 0.11 : 0.075;
    this.#xPoint = new Mesh(new SphereGeometry(pointRadius, 24, 16), new MeshBasicMaterial({ color: palette.input }));
    this.#yPoint = new Mesh(new SphereGeometry(pointRadius, 24, 16), new MeshBasicMaterial({ color: palette.output }));
    this.#xPoint.renderOrder = 5;
    this.#yPoint.renderOrder = 5;
    this.scene.add(this.#xPoint, this.#yPoint);
    this.#xLabel = this.#addLabel('x', { color: palette.input, sizePx: 19, weight: 700, italic: true, anchor: [-0.25, -0.15] });
    this.#yLabel = this.#addLabel('y', { color: palette.output, sizePx: 19, weight: 700, italic: true, anchor: [-0.25, -0.15] });

    this.update(state);
  }

  get state(): LayerState {
    return this.#state;
  }

  #addLines(polylines: Float64Array[], style: ConstructorParameters<typeof DynamicLines>[2]): DynamicLines {
    const lines = new DynamicLines(polylines, this.space, style);
    this.#lines.push(lines);
    this.scene.add(lines.object);
    return lines;
  }

  #addLabel(text: string, options: ConstructorParameters<typeof TextLabel>[1]): TextLabel {
    const label = new TextLabel(text, options);
    this.#labels.push(label);
    this.scene.add(label.sprite);
    return label;
  }

  #addAxes(): void {
    const p = this.#palette;
    const space = this.space;
    const reach = space === 2 ? GRID_EXTENT_2D : 2.6;
    const axisCount = space;
    for (let axis = 0; axis < axisCount; axis++) {
      const a = new Array(space).fill(0);
      const b = new Array(space).fill(0);
      a[axis] = -reach;
      b[axis] = reach;
      const line = this.#addLines([segmentLine(a, b, 1)], { color: p.gridAxis, width: 1.4 });
      line.object.renderOrder = 0;
      const label = this.#addLabel(`x${SUBSCRIPTS[axis]}`, { color: p.textMuted, sizePx: 14, italic: true, anchor: [0.5, 0.5] });
      const at = new Vector3();
      at.setComponent(axis, reach + (space === 2 ? 0.35 : 0.3));
      if (space === 2 && axis === 0) at.set(reach - 0.3, -0.35, 0);
      if (space === 2 && axis === 1) at.set(0.4, reach - 0.3, 0);
      label.sprite.position.copy(at);
    }
    if (space === 2) {
      for (let k = -GRID_EXTENT_2D + 1; k <= GRID_EXTENT_2D - 1; k++) {
        if (k === 0) continue;
        this.#addLabel(String(k), { color: p.textMuted, sizePx: 11 }).sprite.position.set(k, -0.28, 0);
        this.#addLabel(String(k), { color: p.textMuted, sizePx: 11 }).sprite.position.set(-0.3, k, 0);
      }
    }
  }

  #headSize(): number {
    return this.space === 2 ? Math.max(0.18, this.#extent * 0.045) : 0.16;
  }

  /** Moves everything to show `state` at its animation time. */
  update(state: LayerState): void {
    this.#state = state;
    const map = stageMap(state);
    const space = this.space;
    const apply = (from: Float64Array, to: Float64Array) => applyStageMap(map, from, to, this.#scratch);
    this.#grid.update(apply);
    this.#ball.update(apply);
    this.#box.update(apply);

    apply(this.#fillBase, this.#fillMapped);
    const position = this.#fill.geometry.attributes.position as BufferAttribute;
    const array = position.array as Float32Array;
    for (let i = 0, n = this.#fillBase.length / space; i < n; i++) {
      array[i * 3] = this.#fillMapped[i * space]!;
      array[i * 3 + 1] = this.#fillMapped[i * space + 1]!;
      array[i * 3 + 2] = space === 3 ? this.#fillMapped[i * space + 2]! : -0.01;
    }
    position.needsUpdate = true;
    const flipped = this.inputDim === this.outputDim && determinant(map.W) < 0;
    this.#fill.material.color.set(flipped ? this.#palette.areaFlipped : this.#palette.area);
    this.#box.setColor(flipped ? this.#palette.areaFlipped : this.#palette.area);

    // The collapsed single layer only means something once both layers have acted.
    const end = timeEnd(state);
    this.#collapsed.object.visible = state.stacked && state.time >= end - 1e-9;
    if (this.#collapsed.object.visible) {
      // padAffine zero-pads W2·W exactly as layerAtTime pads a non-square W.
      const collapsed = collapsedLayer(state);
      const single = padAffine(collapsed.W, collapsed.b, space);
      const singleMap: StageMap = { space, W: single.W, b: single.b, activation: 'none', blend: 0, leak: 0, second: undefined };
      this.#collapsed.update((from, to) => applyStageMap(singleMap, from, to, this.#scratch));
    }

    const head = this.#headSize();
    const origin = this.#vec(mapPoint(map, new Array(space).fill(0)));
    this.#arrows.forEach((arrow, i) => {
      const e = new Array(space).fill(0);
      e[i] = 1;
      arrow.set(origin, this.#vec(mapPoint(map, e)), head);
    });
    const biasShown = Math.min(1, Math.max(0, state.time - 1));
    this.#bias.set(new Vector3(), this.#vec(state.b.map((v) => v * biasShown)), head);
    this.#bias.head.visible &&= biasShown > 0;
    this.#bias.label.sprite.visible = biasShown > 0 && state.b.some((v) => v !== 0);
    this.#bias.shaft.object.visible = this.#bias.label.sprite.visible;

    const x = [...state.x, 0, 0].slice(0, space);
    const y = mapPoint(map, x);
    this.#xPoint.position.copy(this.#vec(x));
    this.#yPoint.position.copy(this.#vec(y));
    this.#xLabel.sprite.position.copy(this.#xPoint.position);
    this.#yLabel.sprite.position.copy(this.#yPoint.position);
    this.#yLabel.setText(state.stacked && state.time > 3 ? 'y₂' : 'y');
    this.#link.update((_, out) => {
      out.set(x, 0);
      out.set(y, space);
    });
    this.#fitLabels();
  }

  #vec(p: readonly number[]): Vector3 {
    return new Vector3(p[0] ?? 0, p[1] ?? 0, this.space === 3 ? (p[2] ?? 0) : 0);
  }

  /** Fits the 2D view around what the layer does to the unit square, x and y. */
  fitView(state: LayerState): void {
    if (this.space !== 2) return;
    const end = stageMap(state, timeEnd(state));
    let reach = 3;
    for (const p of [[0, 0], [1, 0], [0, 1], [1, 1], [-1, -1], [1, -1], [-1, 1]]) {
      for (const v of mapPoint(end, p)) reach = Math.max(reach, Math.abs(v));
    }
    for (const v of [...state.x, ...mapPoint(end, [...state.x])]) reach = Math.max(reach, Math.abs(v));
    this.#extent = Math.min(GRID_EXTENT_2D + 1, reach * 1.2);
    this.#applyCamera();
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
      const h = this.#extent;
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

  #fitLabels(): void {
    const unitsPerPixel =
      this.camera instanceof OrthographicCamera
        ? (this.camera.top - this.camera.bottom) / this.camera.zoom / this.#cssHeight
        : (2 * Math.tan((this.camera.fov * Math.PI) / 360)) / this.#cssHeight;
    for (const label of this.#labels) label.fit(unitsPerPixel);
  }

  /** Where x is on the canvas, in CSS pixels from the top left. */
  pointOnScreen(point: readonly number[]): { x: number; y: number } {
    const v = this.#vec([...point, 0, 0].slice(0, this.space)).project(this.camera);
    return { x: ((v.x + 1) / 2) * this.#cssWidth, y: ((1 - v.y) / 2) * this.#cssHeight };
  }

  /**
   * The input point under the cursor when dragging x: on the input plane (z = 0) for 2D inputs;
   * for 3D inputs, on the plane through the current x facing the camera.
   */
  inputPointAt(px: number, py: number, current: readonly number[]): number[] | undefined {
    const ndc = new Vector2((px / this.#cssWidth) * 2 - 1, 1 - (py / this.#cssHeight) * 2);
    this.#raycaster.setFromCamera(ndc, this.camera);
    const through = this.#vec([...current, 0, 0].slice(0, this.space));
    const normal =
      this.inputDim === 2 ? new Vector3(0, 0, 1) : this.camera.getWorldDirection(new Vector3()).negate();
    const plane = new Plane().setFromNormalAndCoplanarPoint(normal, this.inputDim === 2 ? new Vector3() : through);
    const hit = this.#raycaster.ray.intersectPlane(plane, new Vector3());
    if (!hit) return undefined;
    const coords = [hit.x, hit.y, hit.z].slice(0, this.inputDim);
    return coords.map((v) => Math.round(v * 100) / 100);
  }

  dispose(): void {
    this.controls?.dispose();
    for (const lines of this.#lines) lines.dispose();
    for (const label of this.#labels) label.dispose();
    for (const arrow of [...this.#arrows, this.#bias]) {
      arrow.head.geometry.dispose();
      arrow.head.material.dispose();
    }
    for (const mesh of [this.#fill, this.#xPoint, this.#yPoint]) {
      mesh.geometry.dispose();
      mesh.material.dispose();
    }
    this.scene.clear();
  }
}
