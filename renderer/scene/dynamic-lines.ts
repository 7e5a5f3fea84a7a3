import { Color } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';

/** Maps packed points (count × dim) to packed points of the same layout; must not allocate. */
export type PointMap = (from: Float64Array, to: Float64Array) => void;

export interface LineStyle {
  readonly color: string;
  /** Width in CSS pixels; export multiplies it by the export scale. */
  readonly width: number;
  readonly opacity?: number;
  readonly dashed?: boolean;
  readonly dashSize?: number;
  /** The gap between dashes (world units); dashSize when not given. */
  readonly gapSize?: number;
}

/**
 * Polylines drawn as screen-space-wide lines (three's LineSegments2) whose vertices are the
 * images of fixed base points under a map that changes every frame. The buffers are allocated
 * once; `update` transforms and writes in place, so animating allocates nothing.
 */
export class DynamicLines {
  readonly object: LineSegments2;
  readonly material: LineMaterial;
  readonly #geometry: LineSegmentsGeometry;
  readonly #base: Float64Array;
  readonly #mapped: Float64Array;
  /** Start index (in points) of every segment; each segment joins point i and i + 1. */
  readonly #segmentStarts: Uint32Array;
  readonly #dim: 2 | 3;
  readonly #width: number;

  /**
   * `polylines`: each a packed polyline; or one packed array of separate segments (two points
   * each, taken as it is: many segments without an array per segment).
   */
  constructor(polylines: readonly Float64Array[] | Float64Array, dim: 2 | 3, style: LineStyle) {
    this.#dim = dim;
    if (polylines instanceof Float64Array) {
      this.#base = polylines;
      this.#segmentStarts = Uint32Array.from({ length: polylines.length / (2 * dim) }, (_, k) => 2 * k);
    } else {
      const pointCount = polylines.reduce((n, p) => n + p.length / dim, 0);
      this.#base = new Float64Array(pointCount * dim);
      const starts: number[] = [];
      let offset = 0;
      for (const line of polylines) {
        this.#base.set(line, offset * dim);
        const n = line.length / dim;
        for (let i = 0; i + 1 < n; i++) starts.push(offset + i);
        offset += n;
      }
      this.#segmentStarts = Uint32Array.from(starts);
    }
    this.#mapped = new Float64Array(this.#base.length);
    this.#geometry = new LineSegmentsGeometry();
    this.#geometry.setPositions(new Float32Array(this.#segmentStarts.length * 6));
    this.#width = style.width;
    this.material = new LineMaterial({
      color: new Color(style.color).getHex(),
      linewidth: style.width,
      transparent: (style.opacity ?? 1) < 1,
      opacity: style.opacity ?? 1,
      dashed: style.dashed ?? false,
      dashSize: style.dashSize ?? 0.12,
      gapSize: style.gapSize ?? style.dashSize ?? 0.12,
      worldUnits: false,
    });
    this.object = new LineSegments2(this.#geometry, this.material);
    // The vertices move every frame; a stale bounding sphere would cull visible lines.
    this.object.frustumCulled = false;
    this.update((from, to) => to.set(from));
  }

  /** Redraws the lines as the images of the base points under `map`. */
  update(map: PointMap): void {
    map(this.#base, this.#mapped);
    const attribute = this.#geometry.attributes.instanceStart as unknown as {
      data: { array: Float32Array; needsUpdate: boolean };
    };
    const out = attribute.data.array;
    const dim = this.#dim;
    const mapped = this.#mapped;
    const starts = this.#segmentStarts;
    for (let s = 0; s < starts.length; s++) {
      const a = starts[s]! * dim;
      const b = a + dim;
      const o = s * 6;
      out[o] = mapped[a]!;
      out[o + 1] = mapped[a + 1]!;
      out[o + 2] = dim === 3 ? mapped[a + 2]! : 0;
      out[o + 3] = mapped[b]!;
      out[o + 4] = mapped[b + 1]!;
      out[o + 5] = dim === 3 ? mapped[b + 2]! : 0;
    }
    attribute.data.needsUpdate = true;
    if (this.material.dashed) this.object.computeLineDistances();
  }

  setColor(color: string): void {
    this.material.color.set(color);
  }

  /** The pixel size lines are measured against; `scale` widens them for a high-resolution export. */
  setResolution(width: number, height: number, scale = 1): void {
    this.material.resolution.set(width, height);
    this.material.linewidth = this.#width * scale;
  }

  dispose(): void {
    this.#geometry.dispose();
    this.material.dispose();
  }
}

/** A polyline of `segments` pieces from a to b (packed, dim 2 or 3). */
export function segmentLine(a: readonly number[], b: readonly number[], segments: number): Float64Array {
  const dim = a.length;
  const out = new Float64Array((segments + 1) * dim);
  for (let i = 0; i <= segments; i++) {
    const t = i / segments;
    for (let d = 0; d < dim; d++) out[i * dim + d] = a[d]! + t * (b[d]! - a[d]!);
  }
  return out;
}

/** A closed circle of radius 1 in the plane spanned by axes u and v (indices), dim 2 or 3. */
export function unitCircle(dim: 2 | 3, u = 0, v = 1, segments = 128, offset = 0, radius = 1): Float64Array {
  const out = new Float64Array((segments + 1) * dim);
  const w = 3 - u - v;
  for (let i = 0; i <= segments; i++) {
    const angle = (2 * Math.PI * i) / segments;
    out[i * dim + u] = radius * Math.cos(angle);
    out[i * dim + v] = radius * Math.sin(angle);
    if (dim === 3) out[i * dim + w] = offset;
  }
  return out;
}
