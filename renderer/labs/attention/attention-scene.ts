import { OrthographicCamera, Vector3, type Mesh, type Sprite } from 'three';
import { convexHull2d } from '../../../src/attention/index.js';
import { segmentLine } from '../../scene/dynamic-lines.js';
import { SpaceScene } from '../../scene/space-scene.js';
import type { TextLabel } from '../../scene/text-label.js';
import type { ScenePalette } from '../../theme.js';
import { tokenColor } from './attention-colors.js';
import type { ViewGeometry } from './attention-model.js';

/** Weight w draws a line LINE_MIN_PX + w·(LINE_MAX_PX − LINE_MIN_PX) CSS pixels wide. */
const LINE_MIN_PX = 0.8;
const LINE_MAX_PX = 10;
/** Radius of a value point on screen, in CSS pixels (2D); the output's is 1.6 times that. */
const POINT_PX = 6;
/** CSS pixels on the left of a wide canvas that the HTML legend covers; the 2D view frames the points beside it. */
export const LEGEND_PX = 340;
/** Room left around the points in the 2D view for their labels, in CSS pixels. */
const MARGIN_X_PX = 90;
const MARGIN_Y_PX = 50;
/** Where the 3D camera sits relative to its target before scaling to fit. */
const CAMERA_OFFSET = new Vector3(6.2, -7.4, 4.9);
/** With more tokens than this, only the query and the LABEL_TOP keys it weighs most are labelled. */
const LABEL_ALL_UP_TO = 12;
const LABEL_TOP = 8;

/** The picture's camera, so a rebuilt scene of the same points keeps the user's orbit. */
export interface SceneCamera {
  readonly position: Vector3;
  readonly target: Vector3;
}

interface Mark {
  readonly mesh: Mesh;
  readonly at: Vector3;
  /** Radius relative to a value point. */
  readonly size: number;
  readonly label?: Sprite;
  /** Where the label sits relative to the point, in point radii. */
  readonly labelOffset: readonly [number, number];
}

/**
 * One head of attention as geometry: each token's value vector is a point (labelled with the
 * token), the clicked token's output is the orange point, and a line joins it to every value it
 * averages, as thick as that value's weight. In 2D the convex hull of the visible values is
 * shaded: the output can never leave it, because the weights are non-negative and sum to 1.
 * The 2D view frames the points (beside the legend) on every resize, keeping points and labels a
 * constant size on screen.
 */
export class AttentionScene extends SpaceScene {
  readonly view: ViewGeometry;
  /** CSS pixels on the left kept free for the HTML legend; 0 for exports, which have no legend. */
  legendPx = LEGEND_PX;
  readonly #marks: Mark[] = [];
  readonly #axisLabels: TextLabel[] = [];
  readonly #lo: number[];
  readonly #hi: number[];

  constructor(view: ViewGeometry, labels: readonly string[], query: number, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    // In 2D the axis names follow the view's edges (below); SpaceScene's sit at ±5.
    super(view.space, view.space, palette, canvas, onChange, view.space === 2 ? ['', ''] : view.axisNames);
    this.view = view;
    const dim = view.space;
    this.#lo = Array.from({ length: dim }, (_, c) => Math.min(...view.points.map((p) => p[c]!)));
    this.#hi = Array.from({ length: dim }, (_, c) => Math.max(...view.points.map((p) => p[c]!)));
    const visible = view.points.filter((_, j) => (view.weights[j] ?? 0) > 0);
    if (dim === 2) this.#addHull(visible);

    view.points.forEach((p, j) => {
      const w = view.weights[j] ?? 0;
      if (w <= 0) return;
      this.addLines([segmentLine(view.output, p, 1)], { color: palette.output, width: LINE_MIN_PX + w * (LINE_MAX_PX - LINE_MIN_PX), opacity: 0.75 })
        .object.renderOrder = 2;
    });

    const n = view.points.length;
    const top = new Set(view.weights.map((w, j) => [w, j] as const).sort((a, b) => b[0] - a[0]).slice(0, LABEL_TOP).map(([, j]) => j));
    const labelled = (j: number) => n <= LABEL_ALL_UP_TO || j === query || top.has(j);
    view.points.forEach((p, j) => {
      const masked = (view.weights[j] ?? 0) <= 0;
      const mesh = this.addPoint(tokenColor(j));
      if (masked) {
        mesh.material.transparent = true;
        mesh.material.opacity = 0.35;
      }
      const label = labelled(j)
        ? this.addLabel(labels[j] ?? '', { color: masked ? palette.textMuted : palette.text, sizePx: 13, weight: j === query ? 750 : 500, anchor: [0, 0] }).sprite
        : undefined;
      this.#marks.push({ mesh, at: this.vec(p), size: j === query ? 1.25 : 1, label, labelOffset: [0.9, 0.6] });
    });

    const out = this.addPoint(palette.output);
    out.renderOrder = 6;
    const outLabel = this.addLabel(`output of ${labels[query] ?? ''}`, { color: palette.output, sizePx: 13, weight: 700, anchor: [0, 1], background: palette.background });
    this.#marks.push({ mesh: out, at: this.vec(view.output), size: 1.6, label: outLabel.sprite, labelOffset: [1.1, -0.9] });

    if (dim === 2) {
      view.axisNames.forEach((name, axis) =>
        this.#axisLabels.push(this.addLabel(name, { color: palette.textMuted, sizePx: 14, italic: true, anchor: axis === 0 ? [1, 0] : [0, 1] })));
      // Until the first viewport arrives (setView sends it at once).
      this.#place(0.01);
    } else {
      this.#fit3d();
      // Perspective keeps sizes proportional to the scene: points scale with its spread.
      this.#place((0.075 * Math.max(0.45, this.#radius() / 2.6)) / POINT_PX);
    }
  }

  #radius(): number {
    return Math.max(0.5, ...this.#hi.map((v, c) => (v - this.#lo[c]!) / 2));
  }

  #addHull(visible: readonly (readonly number[])[]): void {
    const hull = visible.length >= 3 ? convexHull2d(visible) : [];
    if (hull.length < 3) return;
    const points = Float64Array.from(hull.flatMap((k) => [visible[k]![0]!, visible[k]![1]!]));
    const index = hull.slice(1, -1).flatMap((_, k) => [0, k + 1, k + 2]);
    this.addFill({ points, index }, this.palette.input).update((from, to) => to.set(from));
    const ring = [...hull, hull[0]!].map((k) => visible[k]!);
    this.addLines(ring.slice(1).map((p, k) => segmentLine(ring[k]!, p, 1)), { color: this.palette.input, width: 1.4, opacity: 0.7 }).object.renderOrder = 1;
  }

  /** Sizes the points (a value point is POINT_PX·unitsPerPixel in world units) and puts labels beside them. */
  #place(unitsPerPixel: number): void {
    const r = POINT_PX * unitsPerPixel;
    for (const mark of this.#marks) {
      mark.mesh.position.copy(mark.at);
      mark.mesh.scale.setScalar((r / (this.space === 2 ? 0.11 : 0.075)) * mark.size);
      const [dx, dy] = mark.labelOffset;
      const offset = this.space === 2 ? new Vector3(dx * r * mark.size, dy * r * mark.size, 0) : new Vector3(dx * r * mark.size, 0, dy * r * mark.size);
      mark.label?.position.copy(mark.at).add(offset);
    }
  }

  /** 3D: aim the orbit at the points' centre from far enough to see them all. */
  #fit3d(): void {
    if (!this.controls) return;
    const target = this.vec(this.#lo.map((v, c) => (v + this.#hi[c]!) / 2));
    this.controls.target.copy(target);
    this.camera.position.copy(target).addScaledVector(CAMERA_OFFSET, Math.max(0.7, this.#radius() / 2.2));
    this.controls.update();
  }

  /** 2D: frame the points in the part of the canvas the legend leaves free. */
  override setViewport(cssWidth: number, cssHeight: number, renderWidth: number, renderHeight: number, lineScale: number): void {
    super.setViewport(cssWidth, cssHeight, renderWidth, renderHeight, lineScale);
    const camera = this.camera;
    if (!(camera instanceof OrthographicCamera)) return;
    const reserve = cssWidth > 2 * this.legendPx ? this.legendPx : 0;
    const [rx, ry] = [0, 1].map((c) => Math.max(0.2, (this.#hi[c]! - this.#lo[c]!) / 2));
    // Half the view's height in world units, leaving margins in CSS pixels for the labels.
    const freeW = Math.max(40, cssWidth - reserve - 2 * MARGIN_X_PX);
    const freeH = Math.max(40, cssHeight - 2 * MARGIN_Y_PX);
    const half = Math.max((ry * cssHeight) / freeH, (rx * cssHeight) / freeW, 0.6);
    this.setExtent(half);
    camera.zoom = Math.min(1, (camera.top - camera.bottom) / 2 / half);
    const unitsPerPixel = (2 * half) / cssHeight;
    camera.position.set((this.#lo[0]! + this.#hi[0]!) / 2 - (reserve / 2) * unitsPerPixel, (this.#lo[1]! + this.#hi[1]!) / 2, 10);
    camera.updateProjectionMatrix();
    this.fitLabels();
    this.#place(unitsPerPixel);
    // Axis names at the visible ends of the axes (clamped to the view when an axis is off screen).
    const x0 = camera.position.x;
    const y0 = camera.position.y;
    const halfW = (half * cssWidth) / cssHeight;
    const pad = 8 * unitsPerPixel;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
    this.#axisLabels[0]?.sprite.position.set(x0 + halfW - pad, clamp(0, y0 - half + 4 * pad, y0 + half - 4 * pad) + pad / 2, 0);
    this.#axisLabels[1]?.sprite.position.set(clamp(0, x0 - halfW + reserve * unitsPerPixel + 4 * pad, x0 + halfW - 4 * pad) + pad, y0 + half - pad, 0);
  }

  get cameraState(): SceneCamera {
    return { position: this.camera.position.clone(), target: this.controls?.target.clone() ?? new Vector3() };
  }

  /** Puts the 3D camera where another scene of the same points had it (the user's orbit). */
  restoreCamera(camera: SceneCamera): void {
    if (!this.controls) return;
    this.camera.position.copy(camera.position);
    this.controls.target.copy(camera.target);
    this.controls.update();
    this.fitLabels();
  }
}
