/**
 * A cell of the last hidden layer, finished as a region the moment the cutting makes it, while its
 * shape is still in cache: its corners and faces written in the packed output's form, its measure,
 * and a verified interior point. (Done later, from the layer's store, the same work would read tens
 * of megabytes back from memory.)
 */
import { verifiedInterior } from './interior.js';
import type { Layer } from './layers.js';
import type { PlaneTable } from './planes.js';
import { polygonAreaAt } from './polygon.js';
import { polyhedronVolumeAt } from './polyhedron.js';
import type { ShapeStore } from './shape-store.js';

const centroid = [0, 0, 0];

/**
 * Writes the shape at corner c0 of `from` (k corners; in 3D `words` face words from f0, each face
 * [n, label, i₀, …]) as region c of `layer`: coordinates to the tops of layer.store, faces as
 * [n, i₀, …] (labels dropped), the area (2D, shoelace) or volume (3D, divergence theorem) to
 * layer.measures[c], and to layer.interiors[c·d …] the centroid, or another point, checked by
 * certified signs against the cell's own planes to lie strictly inside (layer.unverified counts
 * the cells where no candidate could be shown inside). Returns the face words written.
 */
export function appendRegion(layer: Layer, c: number, from: ShapeStore, c0: number, k: number, f0: number, words: number, T: PlaneTable): number {
  const d = from.d;
  const to = layer.store;
  to.reserve(k, words);
  const x = from.coords;
  const y = to.coords;
  const shift = (to.cornerTop - c0) * d;
  for (let j = c0 * d; j < (c0 + k) * d; j++) y[shift + j] = x[j];
  to.cornerTop += k;
  const start = to.faceTop;
  if (d === 3) {
    const src = from.faces;
    const out = to.faces;
    let o = start;
    for (let s = f0; s < f0 + words; s += src[s] + 2) {
      const n = src[s];
      out[o++] = n;
      for (let e = 0; e < n; e++) out[o++] = src[s + 2 + e];
    }
    to.faceTop = o;
  }
  if (layer.measures.length <= c) {
    const measures = new Float64Array(Math.max(64, 2 * c));
    measures.set(layer.measures);
    layer.measures = measures;
    const interiors = new Float64Array(measures.length * d);
    interiors.set(layer.interiors);
    layer.interiors = interiors;
  }
  layer.measures[c] = d === 2
    ? polygonAreaAt(x, 2 * c0, k, centroid)
    : polyhedronVolumeAt(x, 3 * c0, from.faces, f0, words, centroid, 2);
  if (!verifiedInterior(T, from, c0, k, f0, words, centroid)) layer.unverified++;
  for (let j = 0; j < d; j++) layer.interiors[c * d + j] = centroid[j];
  return to.faceTop - start;
}
