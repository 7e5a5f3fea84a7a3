import { Mesh, MeshBasicMaterial, SphereGeometry, type Scene } from 'three';
import { DynamicLines, type LineStyle } from '../../scene/dynamic-lines.js';
import type { ScenePalette } from '../../theme.js';

/** A segment through input space as drawn: its ends, where it crosses a boundary, and the output there. */
export interface LineOverlay {
  readonly a: readonly number[];
  readonly b: readonly number[];
  /** The crossing points, in order from a to b. */
  readonly crossings: readonly (readonly number[])[];
  /** The network's output at a, each crossing, and b (for the output surface: the graph along the line). */
  readonly outputs: readonly number[];
}

/** Which region outline: the pinned one, the one under the pointer, or the keyboard's. */
export type OutlineKind = 'selected' | 'hovered' | 'focused';

/** One neuron's boundary: segments (2D) or closed loops (3D), in its layer's colour. */
export interface NeuronOverlay {
  readonly pieces: readonly (readonly (readonly number[])[])[];
  readonly color: string;
}

/**
 * What the Regions scene draws over the partition and changes without rebuilding it: the segment
 * with its crossings and draggable ends, and the picked neuron's boundary. Each part is a couple
 * of line sets (a wide underlay in the background colour so they read over any region colour),
 * replaced when it changes; drawn on top (no depth test) so nothing inside the cells hides them.
 */
export class RegionsOverlay {
  #lineParts: DynamicLines[] = [];
  #neuronParts: DynamicLines[] = [];
  /** The outlines of the selected, hovered and focused regions. */
  readonly #outlines: Record<OutlineKind, DynamicLines[]> = { selected: [], hovered: [], focused: [] };
  readonly #handles: Mesh<SphereGeometry, MeshBasicMaterial>[] = [];
  #resolution: [number, number, number] = [1, 1, 1];

  constructor(
    private readonly scene: Scene,
    private readonly space: 2 | 3,
    private readonly palette: ScenePalette,
    /** A size in world units that reads well in this view (ticks, handles). */
    private readonly unit: number,
    /** Height of the output surface per unit of output, or 0 when the partition lies flat. */
    private readonly heightScale: number,
    /** Frees a replaced object once the next frame is drawn (so its shader programs are reused). */
    private readonly disposeAfterFrame: (dispose: () => void) => void = (dispose) => dispose(),
  ) {
    const geometry = new SphereGeometry(unit * 0.9, 20, 14);
    for (const [k, color] of [palette.background, palette.input, palette.background, palette.input].entries()) {
      // Transparent (though opaque) so it is drawn after the see-through cells, not beneath them.
      const handle = new Mesh(geometry, new MeshBasicMaterial({ color, depthTest: false, transparent: true }));
      handle.renderOrder = 12 + (k % 2);
      handle.visible = false;
      this.#handles.push(handle);
      scene.add(handle);
    }
    // An outline: the background-coloured sphere is a little larger and drawn first.
    this.#handles[0]!.scale.setScalar(1.35);
    this.#handles[2]!.scale.setScalar(1.35);
  }

  /** Draws the segment (or removes it with undefined). */
  setLine(line: LineOverlay | undefined): void {
    for (const part of this.#lineParts) this.#remove(part);
    this.#lineParts = [];
    for (const h of this.#handles) h.visible = !!line;
    if (!line) return;
    const lift = (p: readonly number[], k: number) => this.#point(p, this.heightScale ? line.outputs[k]! * this.heightScale : 0);
    const path = [line.a, ...line.crossings, line.b];
    // With the output surface, the segment is drawn as the graph of f along it: straight between
    // crossings (f is affine on each region), bent at each.
    const polyline = Float64Array.from(path.flatMap((p, k) => lift(p, k)));
    const ticks = line.crossings.map((p, k) => this.#tick(p, line, lift(p, k + 1)));
    this.#lineParts = [
      this.#add([polyline], { color: this.palette.background, width: 6 }),
      this.#add([polyline], { color: this.palette.input, width: 2.6 }),
      ...(ticks.length ? [this.#add(ticks, { color: this.palette.background, width: 5 }), this.#add(ticks, { color: this.palette.text, width: 2 })] : []),
    ];
    const ends = [lift(line.a, 0), lift(line.b, path.length - 1)];
    ends.forEach((p, k) => {
      this.#handles[2 * k]!.position.set(p[0]!, p[1]!, p[2] ?? 0);
      this.#handles[2 * k + 1]!.position.set(p[0]!, p[1]!, p[2] ?? 0);
    });
  }

  /** Outlines a neuron's boundary (or removes it with undefined). */
  setNeuron(neuron: NeuronOverlay | undefined): void {
    for (const part of this.#neuronParts) this.#remove(part);
    this.#neuronParts = [];
    if (!neuron || neuron.pieces.length === 0) return;
    const lines = neuron.pieces.map((piece) => {
      const closed = piece.length > 2 ? [...piece, piece[0]!] : piece;
      return Float64Array.from(closed.flatMap((p) => this.#point(p, 0)));
    });
    // A halo in the text colour around the layer's colour: it stands out from the layer's other
    // boundaries and from any region colour, in both themes.
    this.#neuronParts = [
      this.#add(lines, { color: this.palette.text, width: 7.5 }),
      this.#add(lines, { color: neuron.color, width: 3.5 }),
    ];
  }

  /**
   * Outlines a region (no lines: none): the pinned one thick in the text colour, the one under the
   * pointer thin, the keyboard's in the input colour over a halo, so it reads over any fill.
   */
  setOutline(kind: OutlineKind, lines: Float64Array[]): void {
    for (const part of this.#outlines[kind]) this.#remove(part);
    const p = this.palette;
    const styles: Record<OutlineKind, LineStyle[]> = {
      selected: [{ color: p.text, width: 3 }],
      hovered: [{ color: p.text, width: 2, opacity: 0.9 }],
      focused: [{ color: p.background, width: 8 }, { color: p.input, width: 4 }],
    };
    this.#outlines[kind] = lines.length ? styles[kind].map((style) => this.#add(lines, style)) : [];
  }

  /** Where end k (0: a, 1: b) of the segment is drawn, or undefined when there is no segment. */
  endPosition(k: 0 | 1): readonly [number, number, number] | undefined {
    const handle = this.#handles[2 * k + 1]!;
    return handle.visible ? [handle.position.x, handle.position.y, handle.position.z] : undefined;
  }

  setResolution(width: number, height: number, scale: number): void {
    this.#resolution = [width, height, scale];
    for (const part of this.#parts()) part.setResolution(width, height, scale);
  }

  dispose(): void {
    for (const part of this.#parts()) this.#remove(part);
    this.#handles[0]?.geometry.dispose();
    for (const h of this.#handles) {
      h.material.dispose();
      this.scene.remove(h);
    }
  }

  #parts(): DynamicLines[] {
    return [...this.#lineParts, ...this.#neuronParts, ...this.#outlines.selected, ...this.#outlines.hovered, ...this.#outlines.focused];
  }

  /** A point of input space in the drawing space (2D points get `z` when the drawing is 3D). */
  #point(p: readonly number[], z: number): number[] {
    if (this.space === 2) return [p[0]!, p[1]!];
    return [p[0]!, p[1]!, p.length === 3 ? p[2]! : z];
  }

  /** A short mark across the segment at a crossing: a tick ⟂ the segment in 2D, a small cross in 3D. */
  #tick(p: readonly number[], line: LineOverlay, at: number[]): Float64Array {
    const s = this.unit * 0.8;
    if (this.space === 2 || line.a.length === 2) {
      const dx = line.b[0]! - line.a[0]!;
      const dy = line.b[1]! - line.a[1]!;
      const len = Math.hypot(dx, dy) || 1;
      const n = [(-dy / len) * s, (dx / len) * s];
      const z = at[2];
      return Float64Array.from(z === undefined ? [at[0]! - n[0]!, at[1]! - n[1]!, at[0]! + n[0]!, at[1]! + n[1]!] : [at[0]! - n[0]!, at[1]! - n[1]!, z, at[0]! + n[0]!, at[1]! + n[1]!, z]);
    }
    // Two separate strokes would need two polylines; a path through the point covers both axes.
    return Float64Array.from([p[0]! - s, p[1]!, p[2]!, p[0]! + s, p[1]!, p[2]!, p[0]!, p[1]!, p[2]!, p[0]!, p[1]! - s, p[2]!, p[0]!, p[1]! + s, p[2]!, p[0]!, p[1]!, p[2]!, p[0]!, p[1]!, p[2]! - s, p[0]!, p[1]!, p[2]! + s]);
  }

  #add(polylines: Float64Array[], style: LineStyle): DynamicLines {
    const lines = new DynamicLines(polylines, this.space, style);
    lines.material.depthTest = false;
    lines.material.transparent = true;
    lines.object.renderOrder = 11;
    lines.setResolution(...this.#resolution);
    this.scene.add(lines.object);
    return lines;
  }

  #remove(lines: DynamicLines): void {
    this.scene.remove(lines.object);
    this.disposeAfterFrame(() => lines.dispose());
  }
}
