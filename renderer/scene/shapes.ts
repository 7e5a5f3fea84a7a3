/**
 * The fixed shapes the labs transform, built once per input dimension as packed polylines:
 * the coordinate grid, the unit circle or sphere, the unit square or cube.
 */
import { segmentLine, unitCircle } from './dynamic-lines.js';

export const GRID_EXTENT_2D = 5;
export const GRID_EXTENT_3D = 2;

/** Grid lines x_i = k through the input space (dim of the drawing space `space`, input dim `inputDim`). */
export function gridLines(inputDim: 2 | 3, space: 2 | 3): Float64Array[] {
  const lines: Float64Array[] = [];
  const point = (coords: number[]) => {
    const p = [0, 0, 0];
    coords.forEach((c, i) => (p[i] = c));
    return p.slice(0, space);
  };
  if (inputDim === 2) {
    const g = GRID_EXTENT_2D;
    for (let k = -g; k <= g; k++) {
      lines.push(segmentLine(point([k, -g]), point([k, g]), 40));
      lines.push(segmentLine(point([-g, k]), point([g, k]), 40));
    }
    return lines;
  }
  // In 3D a full lattice hides everything; draw the grid on the three coordinate planes.
  const g = GRID_EXTENT_3D;
  for (const [u, v] of [
    [0, 1],
    [0, 2],
    [1, 2],
  ] as const) {
    for (let k = -g; k <= g; k++) {
      const a = [0, 0, 0];
      const b = [0, 0, 0];
      a[u] = k; a[v] = -g; b[u] = k; b[v] = g;
      lines.push(segmentLine(a, b, 24));
      const c = [0, 0, 0];
      const d = [0, 0, 0];
      c[v] = k; c[u] = -g; d[v] = k; d[u] = g;
      lines.push(segmentLine(c, d, 24));
    }
  }
  return lines;
}

/** The unit circle (2D input) or a wireframe unit sphere: three great circles and two latitudes. */
export function unitBall(inputDim: 2 | 3, space: 2 | 3): Float64Array[] {
  if (inputDim === 2) return [space === 2 ? unitCircle(2) : unitCircle(3, 0, 1)];
  const r45 = Math.SQRT1_2;
  return [
    unitCircle(3, 0, 1),
    unitCircle(3, 0, 2),
    unitCircle(3, 1, 2),
    unitCircle(3, 0, 1, 96, r45, r45),
    unitCircle(3, 0, 1, 96, -r45, r45),
  ];
}

/** Edges of the unit square [0,1]² or cube [0,1]³, subdivided so a nonlinearity can bend them. */
export function unitBoxEdges(inputDim: 2 | 3, space: 2 | 3): Float64Array[] {
  const pad = (p: number[]) => [...p, 0, 0].slice(0, space);
  if (inputDim === 2) {
    const c = [[0, 0], [1, 0], [1, 1], [0, 1]];
    return c.map((p, i) => segmentLine(pad(p), pad(c[(i + 1) % 4]!), 16));
  }
  const edges: Float64Array[] = [];
  for (let axis = 0; axis < 3; axis++) {
    for (const [p, q] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
      const a = [0, 0, 0];
      const others = [0, 1, 2].filter((d) => d !== axis);
      a[others[0]!] = p;
      a[others[1]!] = q;
      const b = [...a];
      b[axis] = 1;
      edges.push(segmentLine(a, b, 16));
    }
  }
  return edges;
}

/**
 * Triangles filling the unit square (2D) or the unit cube's faces (3D), as packed base points
 * and an index list; `n` subdivisions per side so the fill bends with the grid.
 */
export function unitBoxFill(inputDim: 2 | 3, space: 2 | 3, n = 12): { points: Float64Array; index: number[] } {
  const faces: Array<(u: number, v: number) => number[]> =
    inputDim === 2
      ? [(u, v) => [u, v]]
      : [
          (u, v) => [u, v, 0], (u, v) => [u, v, 1],
          (u, v) => [u, 0, v], (u, v) => [u, 1, v],
          (u, v) => [0, u, v], (u, v) => [1, u, v],
        ];
  const points: number[] = [];
  const index: number[] = [];
  for (const face of faces) {
    const base = points.length / space;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const p = [...face(i / n, j / n), 0, 0].slice(0, space);
        points.push(...p);
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const a = base + i * (n + 1) + j;
        const b = a + n + 1;
        index.push(a, b, a + 1, a + 1, b, b + 1);
      }
    }
  }
  return { points: Float64Array.from(points), index };
}
