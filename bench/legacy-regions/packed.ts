/**
 * From the packed partition to plain per-region objects: the convenient form for a table, a
 * tooltip or a test, built on demand for one region or for all.
 */
import { patternKey } from './network.js';
import type { PackedRegions, Region } from './types.js';

/**
 * Region i of a packed partition as plain data: its pattern (a view of packed.patterns, not a
 * copy), pattern key, corners as [x, y] or [x, y, z] arrays, faces in 3D as loops of corner
 * indices (counter-clockwise from outside), measure, gradient A, constant c and centroid. Throws
 * RangeError for an index outside 0..count−1.
 * @example unpackRegion(linearRegionsPacked(net, box), 0).vertices // the first region's corners
 */
export function unpackRegion(packed: PackedRegions, i: number): Region {
  if (!Number.isInteger(i) || i < 0 || i >= packed.count) throw new RangeError(`Region ${i} does not exist; there are ${packed.count}.`);
  const { dim: d, hidden, coords, faceWords } = packed;
  const pattern = packed.patterns.subarray(i * hidden, (i + 1) * hidden);
  const first = packed.cornerStart[i];
  const k = packed.cornerStart[i + 1] - first;
  const vertices: number[][] = new Array(k);
  for (let v = 0, at = d * first; v < k; v++, at += d) {
    vertices[v] = d === 2 ? [coords[at], coords[at + 1]] : [coords[at], coords[at + 1], coords[at + 2]];
  }
  const A = d === 2 ? [packed.gradients[2 * i], packed.gradients[2 * i + 1]] : [packed.gradients[3 * i], packed.gradients[3 * i + 1], packed.gradients[3 * i + 2]];
  const interior = d === 2 ? [packed.interiors[2 * i], packed.interiors[2 * i + 1]] : [packed.interiors[3 * i], packed.interiors[3 * i + 1], packed.interiors[3 * i + 2]];
  const key = patternKey(pattern);
  if (d === 2) return { pattern, patternKey: key, vertices, measure: packed.measures[i], A, c: packed.constants[i], interior };
  const faces: number[][] = [];
  for (let s = packed.faceStart[i]; s < packed.faceStart[i + 1]; s += faceWords[s] + 1) {
    const n = faceWords[s];
    const loop: number[] = [];
    for (let e = 1; e <= n; e++) loop.push(faceWords[s + e]);
    faces.push(loop);
  }
  return { pattern, patternKey: key, vertices, faces, measure: packed.measures[i], A, c: packed.constants[i], interior };
}
