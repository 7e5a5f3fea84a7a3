import { BufferAttribute, BufferGeometry, Color, InterleavedBuffer, InterleavedBufferAttribute, Mesh, Sphere, Vector3, Vector4, type WebGLRenderer } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';

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
 * Polylines drawn as screen-space-wide lines (three's LineMaterial, as LineSegments2 draws them)
 * whose vertices are the images of fixed base points under a map that changes every frame. The
 * buffers are allocated once; `update` transforms and writes in place, so animating allocates
 * nothing.
 *
 * LineSegments2 draws one instance of an 8-vertex strip per segment. Here every segment's 8
 * vertices are written out (expandedSegments), and the same shader draws them in one ordinary
 * draw: the same pixels (checked bit for bit in test/e2e/lines.spec.ts), but half the time in a
 * software GL, which draws an instanced call instance by instance (SwiftShader, which Chromium
 * and Electron use where there is no usable GPU: 620 → 326 ms for 14 000 segments at 700×800).
 */
export class DynamicLines {
  readonly object: Mesh<BufferGeometry, LineMaterial>;
  readonly material: LineMaterial;
  readonly #geometry: BufferGeometry;
  /** Each vertex's segment ends (start xyz, end xyz), 8 vertices per segment. */
  readonly #ends: InterleavedBuffer;
  /** Each vertex's distances along the lines at its segment's ends, for dashes. */
  #distances: InterleavedBuffer | undefined;
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
    const segments = this.#segmentStarts.length;
    this.#geometry = expandedSegments(segments);
    this.#ends = new InterleavedBuffer(new Float32Array(segments * VERTICES * 6), 6);
    this.#geometry.setAttribute('instanceStart', new InterleavedBufferAttribute(this.#ends, 3, 0));
    this.#geometry.setAttribute('instanceEnd', new InterleavedBufferAttribute(this.#ends, 3, 3));
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
    this.object = new Mesh(this.#geometry, this.material);
    // The vertices move every frame; a stale bounding sphere would cull visible lines.
    this.object.frustumCulled = false;
    // As LineSegments2: the lines are as wide in pixels in whatever viewport draws them (a tile of an export too).
    const viewport = new Vector4();
    this.object.onBeforeRender = (renderer: WebGLRenderer) => {
      renderer.getViewport(viewport);
      this.material.uniforms.resolution!.value.set(viewport.z, viewport.w);
    };
    this.update((from, to) => to.set(from));
  }

  /** Redraws the lines as the images of the base points under `map`. */
  update(map: PointMap): void {
    map(this.#base, this.#mapped);
    const out = this.#ends.array as Float32Array;
    const dim = this.#dim;
    const mapped = this.#mapped;
    const starts = this.#segmentStarts;
    const dashed = this.material.dashed;
    const distances = dashed ? (this.#distances ?? this.#distanceBuffer()).array as Float32Array : undefined;
    let along = 0;
    for (let s = 0; s < starts.length; s++) {
      const a = starts[s]! * dim;
      const b = a + dim;
      // The ends as float32, as the GPU sees them (and as LineSegments2 measured its dashes).
      const x0 = Math.fround(mapped[a]!), y0 = Math.fround(mapped[a + 1]!), z0 = dim === 3 ? Math.fround(mapped[a + 2]!) : 0;
      const x1 = Math.fround(mapped[b]!), y1 = Math.fround(mapped[b + 1]!), z1 = dim === 3 ? Math.fround(mapped[b + 2]!) : 0;
      for (let v = 0, o = s * VERTICES * 6; v < VERTICES; v++, o += 6) {
        out[o] = x0; out[o + 1] = y0; out[o + 2] = z0;
        out[o + 3] = x1; out[o + 4] = y1; out[o + 5] = z1;
      }
      if (distances) {
        const start = along;
        const dx = x1 - x0, dy = y1 - y0, dz = z1 - z0;
        along = Math.fround(start + Math.sqrt(dx * dx + dy * dy + dz * dz));
        for (let v = 0, o = s * VERTICES * 2; v < VERTICES; v++, o += 2) {
          distances[o] = start;
          distances[o + 1] = along;
        }
      }
    }
    this.#ends.needsUpdate = true;
    if (this.#distances) this.#distances.needsUpdate = true;
  }

  /** The dash distances' buffer, made with the first update of dashed lines. */
  #distanceBuffer(): InterleavedBuffer {
    const buffer = new InterleavedBuffer(new Float32Array(this.#segmentStarts.length * VERTICES * 2), 2);
    this.#geometry.setAttribute('instanceDistanceStart', new InterleavedBufferAttribute(buffer, 1, 0));
    this.#geometry.setAttribute('instanceDistanceEnd', new InterleavedBufferAttribute(buffer, 1, 1));
    this.#distances = buffer;
    return buffer;
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

/** The vertices of one segment's strip: its body (y from 0 to 1) and a cap at each end. */
const VERTICES = 8;
// LineSegmentsGeometry's strip: x is the side, y picks the end (start below 0.5) and the caps.
const CORNERS = [-1, 2, 0, 1, 2, 0, -1, 1, 0, 1, 1, 0, -1, 0, 0, 1, 0, 0, -1, -1, 0, 1, -1, 0];
const UVS = [-1, 2, 1, 2, -1, 1, 1, 1, -1, -1, 1, -1, -1, -2, 1, -2];
const TRIANGLES = [0, 2, 1, 2, 3, 1, 2, 4, 3, 4, 5, 3, 4, 6, 5, 6, 7, 5];

/**
 * The strips of `segments` segments written out one after another (corners, uvs and triangles),
 * the ends to be added as per-vertex attributes named as LineMaterial's shader reads them. Its
 * bounding sphere is LineSegmentsGeometry's before any positions are set (a point at the origin),
 * so three.js sorts transparent lines as it did.
 */
export function expandedSegments(segments: number): BufferGeometry {
  const vertices = segments * VERTICES;
  const position = new Float32Array(vertices * 3);
  const uv = new Float32Array(vertices * 2);
  const index = vertices > 65535 ? new Uint32Array(segments * TRIANGLES.length) : new Uint16Array(segments * TRIANGLES.length);
  for (let s = 0; s < segments; s++) {
    position.set(CORNERS, s * VERTICES * 3);
    uv.set(UVS, s * VERTICES * 2);
    for (let k = 0; k < TRIANGLES.length; k++) index[s * TRIANGLES.length + k] = s * VERTICES + TRIANGLES[k]!;
  }
  const geometry = new BufferGeometry();
  geometry.setIndex(new BufferAttribute(index, 1));
  geometry.setAttribute('position', new BufferAttribute(position, 3));
  geometry.setAttribute('uv', new BufferAttribute(uv, 2));
  geometry.boundingSphere = new Sphere(new Vector3(), 0);
  return geometry;
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
