/**
 * The drawing buffers of a 3D partition, built from its packed form in flat typed arrays (no
 * object per cell, face or vertex), so a worker can build them and the page only uploads them:
 * every face loop of every cell as a triangle fan, and every face's edges as segments, each
 * vertex tagged with its cell (for colouring, picking and the explosion). RegionsScene draws the
 * same triangles and edges from these as from the partition itself.
 */
import type { PackedRegions } from '../../../src/regions/index.js';

export interface CellMesh {
  /** Triangles: 9 numbers each (three corners). */
  readonly positions: Float32Array;
  /** Per vertex of `positions`, its cell. */
  readonly vertexRegion: Int32Array;
  /** Per triangle, its cell. */
  readonly triangleRegion: Int32Array;
  /** Edge segments: 6 numbers each (two ends); each edge of a cell once (two of its faces share it). */
  readonly segments: Float64Array;
  /** Per segment end (3 numbers each, as `segments`), the direction it moves with the explosion: its cell's interior point. */
  readonly segmentDirs: Float64Array;
}

/** The transferable buffers of a mesh (for postMessage). */
export function cellMeshBuffers(mesh: CellMesh): ArrayBuffer[] {
  return [mesh.positions.buffer, mesh.vertexRegion.buffer, mesh.triangleRegion.buffer, mesh.segments.buffer, mesh.segmentDirs.buffer] as ArrayBuffer[];
}

/**
 * The triangles and edges of every cell of a 3D partition: face loop (c₀ … c_{n−1}) gives the
 * fan triangles (c₀, c_k, c_{k+1}) for k = 1 … n−2 and the segments (c_k, c_{k+1 mod n}), an edge
 * that two faces of a cell share drawn once for the cell. Two passes: the sizes first, then the
 * buffers filled in place.
 */
export function cellMesh(p: PackedRegions): CellMesh {
  if (p.dim !== 3) throw new RangeError(`cellMesh draws 3D cells, not a ${p.dim}D partition.`);
  let triangles = 0;
  let segments = 0;
  for (let i = 0; i < p.count; i++) {
    for (let w = p.faceStart[i]!; w < p.faceStart[i + 1]!; ) {
      const n = p.faceWords[w]!;
      triangles += Math.max(0, n - 2);
      segments += n; // an upper bound: shared edges are dropped below
      w += n + 1;
    }
  }
  const positions = new Float32Array(triangles * 9);
  const vertexRegion = new Int32Array(triangles * 3);
  const triangleRegion = new Int32Array(triangles);
  let segs = new Float64Array(segments * 6);
  let dirs = new Float64Array(segments * 6);
  const seen = new Set<number>();
  const { coords, cornerStart, faceWords, interiors } = p;
  let t = 0;
  let s = 0;
  for (let i = 0; i < p.count; i++) {
    const base = cornerStart[i]!;
    const ix = interiors[i * 3]!;
    const iy = interiors[i * 3 + 1]!;
    const iz = interiors[i * 3 + 2]!;
    const corners = cornerStart[i + 1]! - base;
    seen.clear();
    for (let w = p.faceStart[i]!; w < p.faceStart[i + 1]!; ) {
      const n = faceWords[w]!;
      const at = (k: number) => (base + faceWords[w + 1 + k]!) * 3;
      const first = at(0);
      for (let k = 1; k + 1 < n; k++) {
        const b = at(k);
        const c = at(k + 1);
        const o = t * 9;
        for (let e = 0; e < 3; e++) {
          positions[o + e] = coords[first + e]!;
          positions[o + 3 + e] = coords[b + e]!;
          positions[o + 6 + e] = coords[c + e]!;
        }
        vertexRegion[t * 3] = vertexRegion[t * 3 + 1] = vertexRegion[t * 3 + 2] = i;
        triangleRegion[t] = i;
        t++;
      }
      for (let k = 0; k < n; k++) {
        const j0 = faceWords[w + 1 + k]!;
        const j1 = faceWords[w + 1 + ((k + 1) % n)]!;
        const key = Math.min(j0, j1) * corners + Math.max(j0, j1);
        if (seen.has(key)) continue;
        seen.add(key);
        const a = at(k);
        const b = at((k + 1) % n);
        const o = s * 6;
        for (let e = 0; e < 3; e++) {
          segs[o + e] = coords[a + e]!;
          segs[o + 3 + e] = coords[b + e]!;
        }
        dirs[o] = dirs[o + 3] = ix;
        dirs[o + 1] = dirs[o + 4] = iy;
        dirs[o + 2] = dirs[o + 5] = iz;
        s++;
      }
      w += n + 1;
    }
  }
  if (s < segments) {
    segs = segs.slice(0, s * 6);
    dirs = dirs.slice(0, s * 6);
  }
  return { positions, vertexRegion, triangleRegion, segments: segs, segmentDirs: dirs };
}
