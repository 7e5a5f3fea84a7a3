import { Box3, BufferAttribute, BufferGeometry, Color, DoubleSide, Mesh, MeshBasicMaterial, Plane, Raycaster, Vector2, Vector3, type Intersection } from 'three';
import type { PackedRegions, ReluNet } from '../../../src/regions/index.js';
import { boundaryLayer, LAYER_COLORS } from './boundary-layers.js';
import { DynamicLines } from '../../scene/dynamic-lines.js';
import { SpaceScene } from '../../scene/space-scene.js';
import type { ScenePalette } from '../../theme.js';
import { divergingColor, layerCellColor, regionColor } from './region-colors.js';
import { RegionsOverlay, type LineOverlay, type NeuronOverlay } from './regions-overlay.js';

/** Fill colour of the cells: one per region, the output's value, or the layer that last cut the region. */
export type RegionsColoring = 'region' | 'output' | 'layer';

export interface RegionsView {
  readonly packed: PackedRegions;
  /** Half the side of the box [-r, r]^d. */
  readonly radius: number;
  readonly coloring: RegionsColoring;
  /** Per region of `packed`, the hidden layer that last cut it (lastCutLayers); needed for coloring 'layer'. */
  readonly cellLayers: Uint8Array | undefined;
  /** 2D inputs: draw the output as a surface over the plane. */
  readonly surface: boolean;
  /** 3D inputs: how far cells move apart from the centre (0 = together). */
  readonly explode: number;
  readonly opacity: number;
  /** 3D inputs: the partition of the plane x₃ = slice.at, or none. */
  readonly slice: { readonly at: number; readonly packed: PackedRegions; readonly cellLayers: Uint8Array | undefined } | undefined;
  readonly selected: number | undefined;
  readonly dark: boolean;
  /**
   * Colour each boundary by the hidden layer that drew it, using the network (undefined: one
   * colour); the layers listed in `off` (0-based) are not drawn.
   */
  readonly layerBoundaries: { readonly net: ReluNet; readonly hidden: readonly number[]; readonly off: readonly number[] } | undefined;
  /**
   * The region of `packed` holding an input point, by the network's pattern there (regionLocator),
   * or −1; lets picking skip the triangles where the drawing is the input space itself.
   */
  readonly locate: ((x: ArrayLike<number>) => number) | undefined;
  /** A segment through input space with its crossings, or none. */
  readonly line: LineOverlay | undefined;
  /** The picked neuron's boundary, or none. */
  readonly neuron: NeuronOverlay | undefined;
}

interface Built {
  readonly mesh: Mesh<BufferGeometry, MeshBasicMaterial>;
  readonly edges: DynamicLines | undefined;
  /** The region each triangle belongs to, for picking. */
  readonly triangleRegion: Int32Array;
}

/** Corner j of region i as a 3-vector (2D corners get z from `height`). */
function corner(p: PackedRegions, i: number, j: number, height: ((x: number, y: number) => number) | undefined, out: number[]): number[] {
  const d = p.dim;
  const k = (p.cornerStart[i]! + j) * d;
  out[0] = p.coords[k]!;
  out[1] = p.coords[k + 1]!;
  out[2] = d === 3 ? p.coords[k + 2]! : height ? height(out[0], out[1]) : 0;
  return out;
}

/**
 * The Regions lab's scene: the network's linear regions as a few merged buffers — one mesh of
 * every region's triangles with a colour per region, one set of edges, and a triangle→region table
 * for picking — never one object per region.
 */
export class RegionsScene extends SpaceScene {
  #main: Built | undefined;
  #slice: Built | undefined;
  #highlight: DynamicLines | undefined;
  readonly #raycaster = new Raycaster();
  // Reused by every pick, so hovering allocates next to nothing per frame.
  readonly #ndc = new Vector2();
  readonly #hits: Intersection[] = [];
  readonly #targets: Mesh[] = [];
  readonly #inputPlane = new Plane(new Vector3(0, 0, 1), 0);
  readonly #box = new Box3();
  readonly #point = new Vector3();
  readonly #x = [0, 0, 0];
  readonly #view: RegionsView;
  #heightScale = 0;
  readonly #overlay: RegionsOverlay;

  constructor(view: RegionsView, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    const space = view.packed.dim === 3 || view.surface ? 3 : 2;
    super(space, view.packed.dim, palette, canvas, onChange);
    this.#view = view;
    if (space === 2) this.setExtent(view.radius * 1.12);
    this.#main = this.#build(view.packed, view, 0);
    if (view.slice) this.#slice = this.#build(view.slice.packed, view, view.slice.at);
    if (view.selected !== undefined) this.#highlightRegion(view.selected);
    this.#overlay = new RegionsOverlay(this.scene, space, palette, view.radius * (space === 2 ? 0.035 : 0.045), this.#heightScale);
    this.#overlay.setLine(view.line);
    this.#overlay.setNeuron(view.neuron);
    if (this.#main) this.#targets.push(this.#main.mesh);
    this.#box.min.setScalar(-view.radius);
    this.#box.max.setScalar(view.radius);
    this.fitLabels();
  }

  /** Redraws the segment and its crossings (undefined removes it), leaving the partition as built. */
  setLine(line: LineOverlay | undefined): void {
    this.#overlay.setLine(line);
  }

  /** Where end k (0: a, 1: b) of the segment is on the canvas, in CSS pixels, if it is drawn. */
  endOnScreen(k: 0 | 1): { x: number; y: number } | undefined {
    const p = this.#overlay.endPosition(k);
    return p ? this.pointOnScreen(p) : undefined;
  }

  /** Redraws the picked neuron's boundary (undefined removes it). */
  setNeuron(neuron: NeuronOverlay | undefined): void {
    this.#overlay.setNeuron(neuron);
  }

  override setViewport(cssWidth: number, cssHeight: number, renderWidth: number, renderHeight: number, lineScale: number): void {
    super.setViewport(cssWidth, cssHeight, renderWidth, renderHeight, lineScale);
    this.#overlay?.setResolution(renderWidth, renderHeight, lineScale);
  }

  get view(): RegionsView {
    return this.#view;
  }

  /** Builds the merged mesh and edges of a packed partition (a slice sits at x₃ = `at`). */
  #build(p: PackedRegions, view: RegionsView, at: number): Built {
    const isSlice = p !== view.packed;
    const positions: number[] = [];
    const colors: number[] = [];
    const triangleRegion: number[] = [];
    const lines: Float64Array[] = [];
    const lineLayers: number[] = [];
    const color = new Color();
    const a = [0, 0, 0];
    const b = [0, 0, 0];
    const c = [0, 0, 0];
    let maxOut = 1e-12;
    for (let i = 0; i < p.count; i++) {
      const d = p.dim;
      const fc = p.constants[i]! + Array.from({ length: d }, (_, k) => p.gradients[i * d + k]! * p.interiors[i * d + k]!).reduce((s, v) => s + v, 0);
      maxOut = Math.max(maxOut, Math.abs(fc));
    }
    let heightScale = 0;
    if (view.surface && p.dim === 2 && !isSlice) {
      let max = 1e-12;
      for (let i = 0; i < p.count; i++) {
        for (let j = p.cornerStart[i]!; j < p.cornerStart[i + 1]!; j++) {
          max = Math.max(max, Math.abs(p.gradients[i * 2]! * p.coords[j * 2]! + p.gradients[i * 2 + 1]! * p.coords[j * 2 + 1]! + p.constants[i]!));
        }
      }
      heightScale = (view.radius * 0.8) / max;
      this.#heightScale = heightScale;
    }
    for (let i = 0; i < p.count; i++) {
      const d = p.dim;
      const g0 = p.gradients[i * d]!;
      const g1 = p.gradients[i * d + 1]!;
      const ci = p.constants[i]!;
      const height = heightScale ? (x: number, y: number) => (g0 * x + g1 * y + ci) * heightScale : isSlice ? () => at : undefined;
      const value = ci + Array.from({ length: d }, (_, k) => p.gradients[i * d + k]! * p.interiors[i * d + k]!).reduce((s, v) => s + v, 0);
      const cellLayers = isSlice ? view.slice?.cellLayers : view.cellLayers;
      if (view.coloring === 'output') divergingColor(value / maxOut, color);
      else if (view.coloring === 'layer' && cellLayers) layerCellColor(cellLayers[i]!, view.dark, color);
      else regionColor(i, view.dark, color);
      // Exploding moves each cell away from the centre along its centroid.
      const shift = d === 3 && !isSlice ? [p.interiors[i * 3]! * view.explode, p.interiors[i * 3 + 1]! * view.explode, p.interiors[i * 3 + 2]! * view.explode] : [0, 0, 0];
      const loops: number[][] = [];
      if (d === 2) {
        loops.push(Array.from({ length: p.cornerStart[i + 1]! - p.cornerStart[i]! }, (_, j) => j));
      } else {
        for (let w = p.faceStart[i]!; w < p.faceStart[i + 1]!; ) {
          const n = p.faceWords[w]!;
          loops.push(Array.from(p.faceWords.subarray(w + 1, w + 1 + n)));
          w += n + 1;
        }
      }
      for (const loop of loops) {
        corner(p, i, loop[0]!, height, a);
        const classify = view.layerBoundaries && !isSlice && !heightScale;
        if (classify && d === 2) {
          // Each edge on its own, so it can take the colour of the layer that drew it.
          for (let k = 0; k < loop.length; k++) {
            const e0 = corner(p, i, loop[k]!, height, [0, 0, 0]);
            const e1 = corner(p, i, loop[(k + 1) % loop.length]!, height, [0, 0, 0]);
            lines.push(Float64Array.from([...e0, ...e1]));
            lineLayers.push(boundaryLayer(view.layerBoundaries!.net, [e0.slice(0, 2), e1.slice(0, 2)], view.radius));
          }
        } else {
          const outline = new Float64Array((loop.length + 1) * 3);
          const raw: number[][] = [];
          for (let k = 0; k <= loop.length; k++) {
            corner(p, i, loop[k % loop.length]!, height, c);
            if (k < loop.length) raw.push([c[0]!, c[1]!, c[2]!].slice(0, d));
            outline.set([c[0]! + shift[0]!, c[1]! + shift[1]!, c[2]! + shift[2]!], k * 3);
          }
          lines.push(outline);
          lineLayers.push(classify ? boundaryLayer(view.layerBoundaries!.net, raw, view.radius) : -2);
        }
        for (let k = 1; k + 1 < loop.length; k++) {
          corner(p, i, loop[k]!, height, b);
          corner(p, i, loop[k + 1]!, height, c);
          for (const v of [a, b, c]) {
            positions.push(v[0]! + shift[0]!, v[1]! + shift[1]!, v[2]! + shift[2]! - (d === 2 && !heightScale && !isSlice ? 0.01 : 0));
            colors.push(color.r, color.g, color.b);
          }
          triangleRegion.push(i);
        }
      }
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(Float32Array.from(positions), 3));
    geometry.setAttribute('color', new BufferAttribute(Float32Array.from(colors), 3));
    // With a slicing plane the cells fade back so the slice reads clearly through them.
    const cellOpacity = view.slice ? Math.min(view.opacity, 0.12) : view.opacity;
    const transparent = p.dim === 3 && (isSlice ? false : cellOpacity < 1);
    const mesh = new Mesh(geometry, new MeshBasicMaterial({ vertexColors: true, side: DoubleSide, transparent, opacity: isSlice ? 1 : p.dim === 3 ? cellOpacity : 1, depthWrite: !transparent, polygonOffset: true, polygonOffsetFactor: 1, polygonOffsetUnits: 1 }));
    mesh.renderOrder = 1;
    this.scene.add(mesh);
    const style = { width: p.dim === 2 || isSlice ? 1.1 : 0.8, opacity: p.dim === 3 && !isSlice ? (view.slice ? 0.15 : 0.5) : 0.9 };
    const flat = (l: Float64Array) => (this.space === 2 ? to2d(l) : l);
    let edges: DynamicLines | undefined;
    if (lineLayers.some((l) => l >= -1)) {
      // One line set per layer (and one for the box), so there are still only a few draw calls.
      const off = view.layerBoundaries?.off ?? [];
      for (const layer of [...new Set(lineLayers)].sort((x, y) => x - y)) {
        if (off.includes(layer)) continue;
        const group = lines.filter((_, k) => lineLayers[k] === layer).map(flat);
        const layerColor = layer < 0 ? this.palette.textMuted : LAYER_COLORS[layer % LAYER_COLORS.length]!;
        edges = this.addLines(group, { color: layerColor, width: style.width * (layer < 0 ? 1 : 1.8), opacity: Math.max(style.opacity, 0.85) });
      }
    } else if (lines.length) {
      edges = this.addLines(lines.map(flat), { color: this.palette.background, ...style });
    }
    return { mesh, edges, triangleRegion: Int32Array.from(triangleRegion) };
  }

  #highlightRegion(i: number): void {
    const lines = this.#regionOutline(i);
    if (lines.length) this.#highlight = this.addLines(lines, { color: this.palette.text, width: 3 });
  }

  /** Outlines region i as the pointer hovers it (undefined: no outline). */
  setHovered(i: number | undefined): void {
    this.#overlay.setHover(i === undefined ? [] : this.#regionOutline(i));
  }

  /**
   * Region i's outline as drawn: the polygon (2D; on the output surface when it is shown) or
   * every face loop of the cell (3D, moved out with the explosion).
   */
  #regionOutline(i: number): Float64Array[] {
    const p = this.#view.packed;
    if (i < 0 || i >= p.count) return [];
    const lines: Float64Array[] = [];
    const c = [0, 0, 0];
    const d = p.dim;
    const loops: number[][] = [];
    if (d === 2) loops.push(Array.from({ length: p.cornerStart[i + 1]! - p.cornerStart[i]! }, (_, j) => j));
    else for (let w = p.faceStart[i]!; w < p.faceStart[i + 1]!; ) { const n = p.faceWords[w]!; loops.push(Array.from(p.faceWords.subarray(w + 1, w + 1 + n))); w += n + 1; }
    const explode = d === 3 ? this.#view.explode : 0;
    const scale = this.#heightScale;
    const height = scale ? (x: number, y: number) => (p.gradients[2 * i]! * x + p.gradients[2 * i + 1]! * y + p.constants[i]!) * scale : undefined;
    for (const loop of loops) {
      const outline = new Float64Array((loop.length + 1) * this.space);
      for (let k = 0; k <= loop.length; k++) {
        corner(p, i, loop[k % loop.length]!, height, c);
        const point = [c[0]! + (d === 3 ? p.interiors[i * 3]! * explode : 0), c[1]! + (d === 3 ? p.interiors[i * 3 + 1]! * explode : 0), c[2]! + (d === 3 ? p.interiors[i * 3 + 2]! * explode : 0)];
        outline.set(point.slice(0, this.space), k * this.space);
      }
      lines.push(outline);
    }
    return lines;
  }

  /**
   * The region under the cursor (CSS pixels from the canvas's top left), if any. Where the drawing
   * is the input space itself (flat 2D, or 3D cells not exploded), the point under the cursor —
   * on the plane, or where the ray enters the box — is located by the network's pattern, at the
   * cost of one forward pass; elsewhere (the output surface, exploded cells) by the triangles.
   */
  regionAt(px: number, py: number, cssWidth: number, cssHeight: number): number | undefined {
    this.#ndc.set((px / cssWidth) * 2 - 1, 1 - (py / cssHeight) * 2);
    this.#raycaster.setFromCamera(this.#ndc, this.camera);
    const view = this.#view;
    const d = view.packed.dim;
    if (view.locate && !this.#heightScale && (d === 2 || view.explode === 0)) {
      const ray = this.#raycaster.ray;
      const hit = d === 2 ? ray.intersectPlane(this.#inputPlane, this.#point) : ray.intersectBox(this.#box, this.#point);
      if (!hit) return undefined;
      // Just inside the box where the ray enters it: the first cell the eye meets.
      if (d === 3) hit.addScaledVector(ray.direction, 1e-7 * view.radius);
      this.#x[0] = hit.x;
      this.#x[1] = hit.y;
      this.#x[2] = hit.z;
      const region = view.locate(this.#x);
      if (region >= 0) return region;
    }
    this.#hits.length = 0;
    const hit = this.#raycaster.intersectObjects(this.#targets, false, this.#hits)[0];
    if (!hit || hit.faceIndex === undefined || hit.faceIndex === null) return undefined;
    return this.#main!.triangleRegion[hit.faceIndex];
  }

  override dispose(): void {
    this.#overlay.dispose();
    for (const built of [this.#main, this.#slice]) {
      built?.mesh.geometry.dispose();
      built?.mesh.material.dispose();
    }
    super.dispose();
  }
}

function to2d(line: Float64Array): Float64Array {
  const out = new Float64Array((line.length / 3) * 2);
  for (let i = 0, j = 0; i < line.length; i += 3, j += 2) {
    out[j] = line[i]!;
    out[j + 1] = line[i + 1]!;
  }
  return out;
}
