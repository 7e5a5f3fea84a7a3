import { OrthographicCamera, Vector3, type Mesh, type MeshBasicMaterial, type Sprite } from 'three';
import { convexHull2d } from '../../../src/attention/index.js';
import { segmentLine, type DynamicLines } from '../../scene/dynamic-lines.js';
import type { MappedFill } from '../../scene/mapped-fill.js';
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

interface Mark {
  readonly mesh: Mesh;
  at: Vector3;
  /** Radius relative to a value point. */
  size: number;
  label?: Sprite;
  /** Where the label sits relative to the point, in point radii. */
  readonly labelOffset: readonly [number, number];
}

/** Line width in CSS pixels of a line carrying weight w. */
const lineWidth = (w: number) => LINE_MIN_PX + w * (LINE_MAX_PX - LINE_MIN_PX);

/**
 * One head of attention as geometry: each token's value vector is a point (labelled with the
 * token), the clicked token's output is the orange point, and a line joins it to every value it
 * averages, as thick as that value's weight. In 2D the convex hull of the visible values is
 * shaded: the output can never leave it, because the weights are non-negative and sum to 1.
 * The 2D view frames the points (beside the legend) on every resize, keeping points and labels a
 * constant size on screen.
 *
 * Built once per topology (`topologyKey`: the number of tokens, the drawing space, the axes); a
 * new query, head, temperature or weights move the same points, lines, hull and labels (`update`),
 * so the user's orbit stays where it is.
 */
export class AttentionScene extends SpaceScene {
  view: ViewGeometry;
  /** CSS pixels on the left kept free for the HTML legend; 0 for exports, which have no legend. */
  legendPx = LEGEND_PX;
  readonly #marks: Mark[] = [];
  readonly #axisLabels: TextLabel[] = [];
  #lo: number[] = [];
  #hi: number[] = [];
  readonly #lines: DynamicLines[] = [];
  readonly #widths: number[] = [];
  readonly #tokenLabels: TextLabel[] = [];
  /** The query's label, bold (a label's weight is fixed when it is drawn). */
  readonly #queryLabel: TextLabel;
  readonly #outLabel: TextLabel;
  readonly #hullFill: MappedFill | undefined;
  readonly #hullRing: DynamicLines | undefined;
  #viewport: [number, number, number, number, number] | undefined;

  constructor(view: ViewGeometry, labels: readonly string[], query: number, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    // In 2D the axis names follow the view's edges (below); SpaceScene's sit at ±5.
    super(view.space, view.space, palette, canvas, onChange, view.space === 2 ? ['', ''] : view.axisNames);
    this.view = view;
    const dim = view.space;
    const n = view.points.length;
    const zero = new Array<number>(dim).fill(0);
    if (dim === 2) {
      // The hull has at most n corners: a fan of n − 2 triangles and a ring of n edges, unused ones collapsed.
      const index = Array.from({ length: Math.max(0, n - 2) }, (_, k) => [0, k + 1, k + 2]).flat();
      this.#hullFill = this.addFill({ points: new Float64Array(Math.max(3, n) * 2), index }, palette.input);
      this.#hullRing = this.addLines(Array.from({ length: n }, () => segmentLine(zero, zero, 1)), { color: palette.input, width: 1.4, opacity: 0.7 });
      this.#hullRing.object.renderOrder = 1;
    }
    for (let j = 0; j < n; j++) {
      const line = this.addLines([segmentLine(zero, zero, 1)], { color: palette.output, width: LINE_MIN_PX, opacity: 0.75 });
      line.object.renderOrder = 2;
      this.#lines.push(line);
      this.#widths.push(LINE_MIN_PX);
    }
    for (let j = 0; j < n; j++) {
      const mesh = this.addPoint(tokenColor(j));
      const label = this.addLabel(labels[j] ?? '', { color: palette.text, sizePx: 13, weight: 500, anchor: [0, 0] });
      this.#tokenLabels.push(label);
      this.#marks.push({ mesh, at: new Vector3(), size: 1, label: label.sprite, labelOffset: [0.9, 0.6] });
    }
    this.#queryLabel = this.addLabel(labels[query] ?? '', { color: palette.text, sizePx: 13, weight: 750, anchor: [0, 0] });
    const out = this.addPoint(palette.output);
    out.renderOrder = 6;
    this.#outLabel = this.addLabel(`output of ${labels[query] ?? ''}`, { color: palette.output, sizePx: 13, weight: 700, anchor: [0, 1], background: palette.background });
    this.#marks.push({ mesh: out, at: new Vector3(), size: 1.6, label: this.#outLabel.sprite, labelOffset: [1.1, -0.9] });
    if (dim === 2) {
      view.axisNames.forEach((name, axis) =>
        this.#axisLabels.push(this.addLabel(name, { color: palette.textMuted, sizePx: 14, italic: true, anchor: axis === 0 ? [1, 0] : [0, 1] })));
    }
    this.update(view, labels, query);
    if (dim === 3) this.#fit3d();
  }

  /** What must match for `update` to redraw a view in this scene: the tokens' count, the space, the axes. */
  static topologyKey(view: ViewGeometry): string {
    return `${view.space}|${view.points.length}|${view.axisNames.join(',')}`;
  }

  /** Moves the points, lines, hull and labels to another view of the same topology (see topologyKey). */
  update(view: ViewGeometry, labels: readonly string[], query: number): void {
    this.view = view;
    const dim = view.space;
    const n = view.points.length;
    const palette = this.palette;
    this.#lo = Array.from({ length: dim }, (_, c) => Math.min(...view.points.map((p) => p[c]!)));
    this.#hi = Array.from({ length: dim }, (_, c) => Math.max(...view.points.map((p) => p[c]!)));
    const visible = view.points.filter((_, j) => (view.weights[j] ?? 0) > 0);
    if (dim === 2) this.#updateHull(visible);
    view.points.forEach((p, j) => {
      const w = view.weights[j] ?? 0;
      const line = this.#lines[j]!;
      line.object.visible = w > 0;
      this.#widths[j] = lineWidth(w);
      const ends = Float64Array.from([...view.output, ...p]);
      line.update((_, to) => to.set(ends));
    });
    const top = new Set(view.weights.map((w, j) => [w, j] as const).sort((a, b) => b[0] - a[0]).slice(0, LABEL_TOP).map(([, j]) => j));
    const labelled = (j: number) => n <= LABEL_ALL_UP_TO || top.has(j);
    view.points.forEach((p, j) => {
      const masked = (view.weights[j] ?? 0) <= 0;
      const mark = this.#marks[j]!;
      const material = mark.mesh.material as MeshBasicMaterial;
      material.transparent = masked;
      material.opacity = masked ? 0.35 : 1;
      material.needsUpdate = true;
      mark.at = this.vec(p);
      mark.size = j === query ? 1.25 : 1;
      const label = this.#tokenLabels[j]!;
      label.setText(labels[j] ?? '', masked ? palette.textMuted : palette.text);
      label.sprite.visible = j !== query && labelled(j);
    });
    // The query's own label is the bold one, at the query's point.
    this.#queryLabel.setText(labels[query] ?? '', (view.weights[query] ?? 0) <= 0 ? palette.textMuted : palette.text);
    this.#marks[query]!.label = this.#queryLabel.sprite;
    for (let j = 0; j < n; j++) if (j !== query) this.#marks[j]!.label = this.#tokenLabels[j]!.sprite;
    const out = this.#marks[n]!;
    out.at = this.vec(view.output);
    this.#outLabel.setText(`output of ${labels[query] ?? ''}`);
    if (dim === 2) {
      if (this.#viewport) this.setViewport(...this.#viewport);
      // Until the first viewport arrives (setView sends it at once).
      else this.#place(0.01);
    } else {
      // Perspective keeps sizes proportional to the scene: points scale with its spread.
      this.#place((0.075 * Math.max(0.45, this.#radius() / 2.6)) / POINT_PX);
    }
    this.fitLabels();
  }

  /** Frames the view again in its last viewport (after `legendPx` changed). */
  refit(): void {
    if (this.#viewport) this.setViewport(...this.#viewport);
  }

  #updateHull(visible: readonly (readonly number[])[]): void {
    const hull = visible.length >= 3 ? convexHull2d(visible) : [];
    const corners = hull.length >= 3 ? hull.map((k) => visible[k]!) : [];
    const fill = this.#hullFill!;
    const ring = this.#hullRing!;
    fill.mesh.visible = corners.length >= 3;
    ring.object.visible = corners.length >= 3;
    if (corners.length < 3) return;
    // Unused fan corners sit on the last corner (empty triangles); unused ring edges repeat the first edge.
    const slots = fill.mesh.geometry.attributes.position!.count;
    const fan = Float64Array.from({ length: slots * 2 }, (_, i) => corners[Math.min(Math.floor(i / 2), corners.length - 1)]![i % 2]!);
    fill.update((_, to) => to.set(fan));
    const edges = this.#lines.length;
    const ends = new Float64Array(edges * 4);
    for (let e = 0; e < edges; e++) {
      const k = e < corners.length ? e : 0;
      const a = corners[k]!;
      const b = corners[(k + 1) % corners.length]!;
      ends.set([a[0]!, a[1]!, b[0]!, b[1]!], e * 4);
    }
    ring.update((_, to) => to.set(ends));
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
    this.#viewport = [cssWidth, cssHeight, renderWidth, renderHeight, lineScale];
    // Each weight line's width follows its weight (DynamicLines keeps the width it was made with).
    this.#lines.forEach((line, j) => (line.material.linewidth = this.#widths[j]! * lineScale));
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
}
