import { Box3, BufferAttribute, BufferGeometry, Color, DoubleSide, Mesh, MeshBasicMaterial, Plane, Raycaster, Vector2, Vector3, type Intersection } from 'three';
import type { PackedRegions, ReluNet } from '../../../src/regions/index.js';
import { boundaryLayer, LAYER_COLORS } from './boundary-layers.js';
import { DynamicLines, type LineStyle } from '../../scene/dynamic-lines.js';
import { SpaceScene } from '../../scene/space-scene.js';
import type { ScenePalette } from '../../theme.js';
import { divergingColor, layerCellColor, regionColor } from './region-colors.js';
import type { CellMesh } from './cell-mesh.js';
import { RegionsOverlay, type LineOverlay, type NeuronOverlay } from './regions-overlay.js';

/** Fill colour of the cells: one per region, the output's value, or the layer that last cut the region. */
export type RegionsColoring = 'region' | 'output' | 'layer';

/** A partition of the slicing plane x₃ = at (a 2-input partition drawn at that height). */
export interface RegionsSlice {
  readonly at: number;
  readonly packed: PackedRegions;
  readonly cellLayers: Uint8Array | undefined;
}

/** What the scene is built from: a change of any of these is a new scene (a new partition, box, or drawing space). */
export interface RegionsTopology {
  /** The partition, or none yet (the axes alone, while it is counted). */
  readonly packed: PackedRegions | undefined;
  /** Number of inputs (the partition's dimension). */
  readonly inputs: 2 | 3;
  /** Half the side of the box [-r, r]^d. */
  readonly radius: number;
  /** Per region of `packed`, the hidden layer that last cut it (lastCutLayers); needed for coloring 'layer'. */
  readonly cellLayers: Uint8Array | undefined;
  /** 2D inputs: draw the output as a surface over the plane. */
  readonly surface: boolean;
  readonly dark: boolean;
  /**
   * Colour each boundary by the hidden layer that drew it, using the network (undefined: one
   * colour). Every layer's lines are built; `RegionsLook.boundaryLayersOff` hides some.
   */
  readonly layerBoundaries: { readonly net: ReluNet; readonly hidden: readonly number[] } | undefined;
  /**
   * The region of `packed` holding an input point, by the network's pattern there (regionLocator),
   * or −1; lets picking skip the triangles where the drawing is the input space itself.
   */
  readonly locate: ((x: ArrayLike<number>) => number) | undefined;
}

/** What changes in place: colours, positions, opacity, visibility and the overlays, never the partition's buffers' sizes. */
export interface RegionsLook {
  readonly coloring: RegionsColoring;
  /** 3D inputs: how far cells move apart from the centre (0 = together). */
  readonly explode: number;
  readonly opacity: number;
  /** Hidden layers (0-based) whose boundaries are not drawn (with layerBoundaries). */
  readonly boundaryLayersOff: readonly number[];
  /** The pinned region. */
  readonly selected: number | undefined;
  /** The region the keyboard is on. */
  readonly focused: number | undefined;
  /** The region under the pointer. */
  readonly hovered: number | undefined;
}

interface EdgeGroup {
  readonly lines: DynamicLines;
  /** The hidden layer that drew these boundaries (0-based), −1 the box, −2 unclassified. */
  readonly layer: number;
  /** Per base point of `lines`, the direction it moves with the explosion (its cell's interior point), or none. */
  readonly dirs: Float64Array | undefined;
}

interface Built {
  readonly packed: PackedRegions;
  readonly cellLayers: Uint8Array | undefined;
  readonly isSlice: boolean;
  readonly mesh: Mesh<BufferGeometry, MeshBasicMaterial>;
  /** Positions before the explosion. */
  readonly base: Float32Array;
  /** The region each vertex belongs to (colouring and explosion write through it). */
  readonly vertexRegion: Int32Array;
  /** The region each triangle belongs to, for picking. */
  readonly triangleRegion: Int32Array;
  readonly edges: EdgeGroup[];
  /** |f| at the interior point, at most: the scale of colour by output. */
  readonly maxOut: number;
}

/** The outlines drawn over the partition: the pinned region, the one under the pointer, the keyboard's. */
const OUTLINES = ['selected', 'hovered', 'focused'] as const;

/** Corner j of region i as a 3-vector (2D corners get z from `height`). */
function corner(p: PackedRegions, i: number, j: number, height: ((x: number, y: number) => number) | undefined, out: number[]): number[] {
  const d = p.dim;
  const k = (p.cornerStart[i]! + j) * d;
  out[0] = p.coords[k]!;
  out[1] = p.coords[k + 1]!;
  out[2] = d === 3 ? p.coords[k + 2]! : height ? height(out[0], out[1]) : 0;
  return out;
}

/** The corner loops of region i: its polygon (2D) or each face of its cell (3D). */
function loopsOf(p: PackedRegions, i: number): number[][] {
  if (p.dim === 2) return [Array.from({ length: p.cornerStart[i + 1]! - p.cornerStart[i]! }, (_, j) => j)];
  const loops: number[][] = [];
  for (let w = p.faceStart[i]!; w < p.faceStart[i + 1]!; ) {
    const n = p.faceWords[w]!;
    loops.push(Array.from(p.faceWords.subarray(w + 1, w + 1 + n)));
    w += n + 1;
  }
  return loops;
}

/** f at region i's interior point: c + A·x. */
function valueAt(p: PackedRegions, i: number): number {
  let v = p.constants[i]!;
  for (let k = 0; k < p.dim; k++) v += p.gradients[i * p.dim + k]! * p.interiors[i * p.dim + k]!;
  return v;
}

/**
 * The Regions lab's scene: the network's linear regions as a few merged buffers — one mesh of
 * every region's triangles with a colour per region, one set of edges per boundary layer, and a
 * triangle→region table for picking — never one object per region. The partition's buffers are
 * built once per scene; colouring, explosion, opacity, hidden layers, the slice, the selection,
 * hover and keyboard focus are written into them in place (`update`, `setSlice`).
 */
export class RegionsScene extends SpaceScene {
  #main: Built | undefined;
  #slice: Built | undefined;
  #sliceAt = 0;
  readonly #raycaster = new Raycaster();
  // Reused by every pick, so hovering allocates next to nothing per frame.
  readonly #ndc = new Vector2();
  readonly #hits: Intersection[] = [];
  readonly #targets: Mesh[] = [];
  readonly #inputPlane = new Plane(new Vector3(0, 0, 1), 0);
  readonly #box = new Box3();
  readonly #point = new Vector3();
  readonly #x = [0, 0, 0];
  #topology: RegionsTopology;
  #look: RegionsLook;
  #heightScale = 0;
  readonly #overlay: RegionsOverlay;
  #resolution: [number, number, number] = [1, 1, 1];

  constructor(topology: RegionsTopology, look: RegionsLook, palette: ScenePalette, canvas: HTMLCanvasElement, onChange: () => void) {
    const dim = topology.packed?.dim ?? topology.inputs;
    const space = dim === 3 || topology.surface ? 3 : 2;
    super(space, dim, palette, canvas, onChange);
    this.#topology = topology;
    this.#look = look;
    if (space === 2) this.setContainedExtent(topology.radius * 1.12);
    if (topology.packed) {
      this.#main = this.#build(topology.packed, topology.cellLayers, undefined);
      this.#targets.push(this.#main.mesh);
    }
    this.#overlay = new RegionsOverlay(this.scene, space, palette, topology.radius * (space === 2 ? 0.035 : 0.045), this.#heightScale, (dispose) => this.disposeAfterFrame(dispose));
    this.#box.min.setScalar(-topology.radius);
    this.#box.max.setScalar(topology.radius);
    // Built in the look's colours (#build paints); the rest of the look applied as an update would.
    if (this.#main) this.#explode(this.#main);
    this.#applyOpacity();
    this.#applyVisibility();
    for (const kind of OUTLINES) this.#overlay.setOutline(kind, this.#outline(look[kind]));
    this.fitLabels();
  }

  get topology(): RegionsTopology {
    return this.#topology;
  }

  get look(): RegionsLook {
    return this.#look;
  }

  /** Applies what changed in `look`, in place: colours, positions, opacity, visibility, outlines. */
  update(look: Partial<RegionsLook>): void {
    const before = this.#look;
    const next = { ...before, ...look };
    this.#look = next;
    if (next.coloring !== before.coloring) for (const built of [this.#main, this.#slice]) if (built) this.#paint(built);
    if (next.explode !== before.explode && this.#main) this.#explode(this.#main);
    if (next.opacity !== before.opacity) this.#applyOpacity();
    if (next.boundaryLayersOff !== before.boundaryLayersOff) this.#applyVisibility();
    const moved = next.explode !== before.explode;
    for (const kind of OUTLINES) if (moved || next[kind] !== before[kind]) this.#overlay.setOutline(kind, this.#outline(next[kind]));
  }

  /**
   * Draws another partition of the same box and dimension in place of the one shown (a network
   * that moved, e.g. while training): its buffers are built anew, the old ones freed, and the
   * look, the camera, the axes and the overlays stay. A slice shown belongs to the old partition
   * and is removed.
   */
  setPartition(partition: Pick<RegionsTopology, 'packed' | 'cellLayers' | 'locate'>, cells?: CellMesh): void {
    const { packed } = partition;
    if (packed && packed.dim !== this.inputDim) throw new RangeError(`The scene shows ${this.inputDim}D regions, not ${packed.dim}D.`);
    if (this.#slice) this.#drop(this.#slice, 'after-frame');
    this.#slice = undefined;
    if (this.#main) this.#drop(this.#main, 'after-frame');
    this.#main = undefined;
    this.#targets.length = 0;
    this.#topology = { ...this.#topology, ...partition };
    if (packed) {
      // Prebuilt buffers draw the same as #build when the edges are not coloured by layer.
      const prebuilt = cells && packed.dim === 3 && !this.#topology.layerBoundaries;
      this.#main = prebuilt ? this.#buildFromMesh(packed, partition.cellLayers, cells) : this.#build(packed, partition.cellLayers, undefined);
      this.#targets.push(this.#main.mesh);
      this.#explode(this.#main);
    }
    this.#applyOpacity();
    this.#applyVisibility();
    for (const kind of OUTLINES) this.#overlay.setOutline(kind, this.#outline(this.#look[kind]));
  }

  /** Hides the boundaries of the layers switched off. */
  #applyVisibility(): void {
    for (const group of this.#main?.edges ?? []) group.lines.object.visible = !this.#look.boundaryLayersOff.includes(group.layer);
  }

  /** Shows the partition of a slicing plane (undefined removes it); the cells fade back while it is shown. */
  setSlice(slice: RegionsSlice | undefined): void {
    if (this.#slice) this.#drop(this.#slice, 'after-frame');
    this.#slice = undefined;
    if (slice && this.#main && this.#main.packed.dim === 3) {
      this.#sliceAt = slice.at;
      this.#slice = this.#build(slice.packed, slice.cellLayers, slice.at);
    }
    this.#applyOpacity();
  }

  /** The slice drawn, if any: its height and its number of regions. */
  get slice(): { at: number; count: number } | undefined {
    return this.#slice ? { at: this.#sliceAt, count: this.#slice.packed.count } : undefined;
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
    this.#resolution = [renderWidth, renderHeight, lineScale];
    for (const built of [this.#main, this.#slice]) for (const group of built?.edges ?? []) group.lines.setResolution(renderWidth, renderHeight, lineScale);
    this.#overlay?.setResolution(renderWidth, renderHeight, lineScale);
  }

  /** Builds the merged mesh and edges of a packed partition (a slice sits at x₃ = `at`). */
  #build(p: PackedRegions, cellLayers: Uint8Array | undefined, at: number | undefined): Built {
    const topology = this.#topology;
    const isSlice = at !== undefined;
    const d = p.dim;
    const positions: number[] = [];
    const vertexRegion: number[] = [];
    const triangleRegion: number[] = [];
    const lines: Float64Array[] = [];
    const lineDirs: Float64Array[] = [];
    const lineLayers: number[] = [];
    const a = [0, 0, 0];
    const b = [0, 0, 0];
    const c = [0, 0, 0];
    let maxOut = 1e-12;
    for (let i = 0; i < p.count; i++) maxOut = Math.max(maxOut, Math.abs(valueAt(p, i)));
    let heightScale = 0;
    if (topology.surface && d === 2 && !isSlice) {
      let max = 1e-12;
      for (let i = 0; i < p.count; i++) {
        for (let j = p.cornerStart[i]!; j < p.cornerStart[i + 1]!; j++) {
          max = Math.max(max, Math.abs(p.gradients[i * 2]! * p.coords[j * 2]! + p.gradients[i * 2 + 1]! * p.coords[j * 2 + 1]! + p.constants[i]!));
        }
      }
      heightScale = (topology.radius * 0.8) / max;
      this.#heightScale = heightScale;
    }
    const classify = !!topology.layerBoundaries && !isSlice && !heightScale;
    const explodes = d === 3 && !isSlice;
    for (let i = 0; i < p.count; i++) {
      const g0 = p.gradients[i * d]!;
      const g1 = p.gradients[i * d + 1]!;
      const ci = p.constants[i]!;
      const height = heightScale ? (x: number, y: number) => (g0 * x + g1 * y + ci) * heightScale : isSlice ? () => at : undefined;
      for (const loop of loopsOf(p, i)) {
        corner(p, i, loop[0]!, height, a);
        if (classify && d === 2) {
          // Each edge on its own, so it can take the colour of the layer that drew it.
          for (let k = 0; k < loop.length; k++) {
            const e0 = corner(p, i, loop[k]!, height, [0, 0, 0]);
            const e1 = corner(p, i, loop[(k + 1) % loop.length]!, height, [0, 0, 0]);
            lines.push(Float64Array.from([...e0, ...e1]));
            lineDirs.push(new Float64Array(6));
            lineLayers.push(boundaryLayer(topology.layerBoundaries!.net, [e0.slice(0, 2), e1.slice(0, 2)], topology.radius));
          }
        } else {
          const outline = new Float64Array((loop.length + 1) * 3);
          const dirs = new Float64Array((loop.length + 1) * 3);
          const raw: number[][] = [];
          for (let k = 0; k <= loop.length; k++) {
            corner(p, i, loop[k % loop.length]!, height, c);
            if (k < loop.length) raw.push([c[0]!, c[1]!, c[2]!].slice(0, d));
            outline.set([c[0]!, c[1]!, c[2]!], k * 3);
            if (explodes) dirs.set(p.interiors.subarray(i * 3, i * 3 + 3), k * 3);
          }
          lines.push(outline);
          lineDirs.push(dirs);
          lineLayers.push(classify ? boundaryLayer(topology.layerBoundaries!.net, raw, topology.radius) : -2);
        }
        for (let k = 1; k + 1 < loop.length; k++) {
          corner(p, i, loop[k]!, height, b);
          corner(p, i, loop[k + 1]!, height, c);
          for (const v of [a, b, c]) {
            positions.push(v[0]!, v[1]!, v[2]! - (d === 2 && !heightScale && !isSlice ? 0.01 : 0));
            vertexRegion.push(i);
          }
          triangleRegion.push(i);
        }
      }
    }
    const base = Float32Array.from(positions);
    const mesh = this.#cellsMesh(base);
    const width = d === 2 || isSlice ? 1.1 : 0.8;
    const flat = (l: Float64Array) => (this.space === 2 ? to2d(l) : l);
    const edges: EdgeGroup[] = [];
    const add = (group: Float64Array[], dirs: Float64Array[], layer: number, style: LineStyle) => {
      edges.push({ lines: this.#partitionLines(group, style), layer, dirs: explodes ? concat(dirs) : undefined });
    };
    if (lineLayers.some((l) => l >= -1)) {
      // One line set per layer (and one for the box), so there are still only a few draw calls.
      for (const layer of [...new Set(lineLayers)].sort((x, y) => x - y)) {
        const pick = (_: unknown, k: number) => lineLayers[k] === layer;
        const layerColor = layer < 0 ? this.palette.textMuted : LAYER_COLORS[layer % LAYER_COLORS.length]!;
        add(lines.filter(pick).map(flat), lineDirs.filter(pick), layer, { color: layerColor, width: width * (layer < 0 ? 1 : 1.8), opacity: d === 2 ? 0.9 : 0.85 });
      }
    } else if (lines.length) {
      add(lines.map(flat), lineDirs, -2, { color: this.palette.background, width, opacity: 0.9 });
    }
    const built: Built = { packed: p, cellLayers, isSlice, mesh, base, vertexRegion: Int32Array.from(vertexRegion), triangleRegion: Int32Array.from(triangleRegion), edges, maxOut };
    this.#paint(built);
    return built;
  }

  /** The merged mesh of a partition's triangles (positions before the explosion), colours to be painted. */
  #cellsMesh(base: Float32Array): Mesh<BufferGeometry, MeshBasicMaterial> {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(base.slice(), 3));
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(base.length), 3));
    const mesh = new Mesh(geometry, new MeshBasicMaterial({ vertexColors: true, side: DoubleSide, polygonOffset: true, polygonOffsetFactor: 1, polygonOffsetUnits: 1 }));
    mesh.renderOrder = 1;
    this.scene.add(mesh);
    return mesh;
  }

  /**
   * A partition's lines. They come and go with it (a slice with the slider, the partition with
   * setPartition): kept out of the scene's own list, which lives as long as the scene.
   */
  #partitionLines(lines: Float64Array[] | Float64Array, style: LineStyle): DynamicLines {
    const made = new DynamicLines(lines, this.space, style);
    this.scene.add(made.object);
    made.setResolution(...this.#resolution);
    return made;
  }

  /** A 3D partition from buffers built elsewhere (cellMesh, e.g. in a worker): only uploaded and painted here. */
  #buildFromMesh(p: PackedRegions, cellLayers: Uint8Array | undefined, cells: CellMesh): Built {
    let maxOut = 1e-12;
    for (let i = 0; i < p.count; i++) maxOut = Math.max(maxOut, Math.abs(valueAt(p, i)));
    const lines = this.#partitionLines(cells.segments, { color: this.palette.background, width: 0.8, opacity: 0.9 });
    const built: Built = {
      packed: p, cellLayers, isSlice: false, mesh: this.#cellsMesh(cells.positions), base: cells.positions,
      vertexRegion: cells.vertexRegion, triangleRegion: cells.triangleRegion, edges: [{ lines, layer: -2, dirs: cells.segmentDirs }], maxOut,
    };
    this.#paint(built);
    return built;
  }

  /** Writes every vertex's colour from its region under the current colouring. */
  #paint(built: Built): void {
    const p = built.packed;
    const { coloring } = this.#look;
    const dark = this.#topology.dark;
    const color = new Color();
    const perRegion = new Float32Array(p.count * 3);
    for (let i = 0; i < p.count; i++) {
      if (coloring === 'output') divergingColor(valueAt(p, i) / built.maxOut, color);
      else if (coloring === 'layer' && built.cellLayers) layerCellColor(built.cellLayers[i]!, dark, color);
      else regionColor(i, dark, color);
      perRegion[i * 3] = color.r;
      perRegion[i * 3 + 1] = color.g;
      perRegion[i * 3 + 2] = color.b;
    }
    const attribute = built.mesh.geometry.getAttribute('color') as BufferAttribute;
    const out = attribute.array as Float32Array;
    const regions = built.vertexRegion;
    for (let v = 0; v < regions.length; v++) {
      const r = regions[v]! * 3;
      out[v * 3] = perRegion[r]!;
      out[v * 3 + 1] = perRegion[r + 1]!;
      out[v * 3 + 2] = perRegion[r + 2]!;
    }
    attribute.needsUpdate = true;
  }

  /** Moves each 3D cell (its triangles and its edges) away from the centre along its interior point. */
  #explode(built: Built): void {
    const p = built.packed;
    if (p.dim !== 3) return;
    const e = this.#look.explode;
    const attribute = built.mesh.geometry.getAttribute('position') as BufferAttribute;
    const out = attribute.array as Float32Array;
    const regions = built.vertexRegion;
    for (let v = 0; v < regions.length; v++) {
      const r = regions[v]! * 3;
      out[v * 3] = built.base[v * 3]! + p.interiors[r]! * e;
      out[v * 3 + 1] = built.base[v * 3 + 1]! + p.interiors[r + 1]! * e;
      out[v * 3 + 2] = built.base[v * 3 + 2]! + p.interiors[r + 2]! * e;
    }
    attribute.needsUpdate = true;
    // Picking and culling measure the moved cells.
    built.mesh.geometry.boundingSphere = null;
    built.mesh.geometry.boundingBox = null;
    for (const group of built.edges) {
      const dirs = group.dirs;
      if (dirs) group.lines.update((from, to) => { for (let k = 0; k < from.length; k++) to[k] = from[k]! + dirs[k]! * e; });
    }
  }

  /** The cells' and edges' opacity: see-through cells at the chosen opacity, faded further while a slice is shown. */
  #applyOpacity(): void {
    const main = this.#main;
    if (!main) return;
    const sliced = !!this.#slice;
    const material = main.mesh.material;
    if (main.packed.dim === 3) {
      const cellOpacity = sliced ? Math.min(this.#look.opacity, 0.12) : this.#look.opacity;
      const transparent = cellOpacity < 1;
      if (material.transparent !== transparent) material.needsUpdate = true;
      material.transparent = transparent;
      material.opacity = cellOpacity;
      material.depthWrite = !transparent;
    }
    for (const group of main.edges) {
      const opacity = main.packed.dim === 2 ? 0.9 : group.layer >= -1 ? 0.85 : sliced ? 0.15 : 0.5;
      if (group.lines.material.transparent !== opacity < 1) group.lines.material.needsUpdate = true;
      group.lines.material.opacity = opacity;
      group.lines.material.transparent = opacity < 1;
    }
  }

  /** Takes a partition's objects out of the scene and frees them now, or after the next frame when replaced. */
  #drop(built: Built, when: 'now' | 'after-frame' = 'now'): void {
    this.scene.remove(built.mesh);
    for (const group of built.edges) this.scene.remove(group.lines.object);
    const free = () => {
      built.mesh.geometry.dispose();
      built.mesh.material.dispose();
      for (const group of built.edges) group.lines.dispose();
    };
    if (when === 'now') free();
    else this.disposeAfterFrame(free);
  }

  /**
   * Region i's outline as drawn: the polygon (2D; on the output surface when it is shown) or
   * every face loop of the cell (3D, moved out with the explosion).
   */
  #outline(i: number | undefined): Float64Array[] {
    const p = this.#main?.packed;
    if (!p || i === undefined || i < 0 || i >= p.count) return [];
    const lines: Float64Array[] = [];
    const c = [0, 0, 0];
    const d = p.dim;
    const explode = d === 3 ? this.#look.explode : 0;
    const scale = this.#heightScale;
    const height = scale ? (x: number, y: number) => (p.gradients[2 * i]! * x + p.gradients[2 * i + 1]! * y + p.constants[i]!) * scale : undefined;
    for (const loop of loopsOf(p, i)) {
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
    const main = this.#main;
    if (!main) return undefined;
    this.#ndc.set((px / cssWidth) * 2 - 1, 1 - (py / cssHeight) * 2);
    this.#raycaster.setFromCamera(this.#ndc, this.camera);
    const locate = this.#topology.locate;
    const d = main.packed.dim;
    if (locate && !this.#heightScale && (d === 2 || this.#look.explode === 0)) {
      const ray = this.#raycaster.ray;
      const hit = d === 2 ? ray.intersectPlane(this.#inputPlane, this.#point) : ray.intersectBox(this.#box, this.#point);
      if (!hit) return undefined;
      // Just inside the box where the ray enters it: the first cell the eye meets.
      if (d === 3) hit.addScaledVector(ray.direction, 1e-7 * this.#topology.radius);
      this.#x[0] = hit.x;
      this.#x[1] = hit.y;
      this.#x[2] = hit.z;
      const region = locate(this.#x);
      if (region >= 0) return region;
    }
    this.#hits.length = 0;
    const hit = this.#raycaster.intersectObjects(this.#targets, false, this.#hits)[0];
    if (!hit || hit.faceIndex === undefined || hit.faceIndex === null) return undefined;
    return main.triangleRegion[hit.faceIndex];
  }

  override dispose(): void {
    this.#overlay.dispose();
    for (const built of [this.#main, this.#slice]) if (built) this.#drop(built);
    super.dispose();
  }
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function to2d(line: Float64Array): Float64Array {
  const out = new Float64Array((line.length / 3) * 2);
  for (let i = 0, j = 0; i < line.length; i += 3, j += 2) {
    out[j] = line[i]!;
    out[j + 1] = line[i + 1]!;
  }
  return out;
}
