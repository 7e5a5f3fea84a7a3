// Cutting convex polyhedra by a plane: closed halves (every directed edge's twin present), outward
// faces (positive volumes), volumes adding to the whole, and planes through corners or grazing a
// face. Dyadic cuts of the cube make every volume here exact, so they are compared with toBe.
import { describe, expect, it } from 'vitest';
import { boxPolyhedron, polyhedronVolume, splitPolyhedron, type Polyhedron } from '../../../src/regions/polyhedron.js';

const cube = boxPolyhedron([-1, -1, -1], [1, 1, 1]);
const valuesOf = (P: Polyhedron, g: number[], h: number): Float64Array =>
  Float64Array.from({ length: P.verts.length / 3 }, (_, i) => g[0] * P.verts[3 * i] + g[1] * P.verts[3 * i + 1] + g[2] * P.verts[3 * i + 2] + h);

function loops(P: Polyhedron): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < P.faces.length; s += P.faces[s] + 1) out.push(Array.from(P.faces.subarray(s + 1, s + 1 + P.faces[s])));
  return out;
}

function expectClosed(P: Polyhedron): void {
  const edges = new Set<string>();
  for (const loop of loops(P)) loop.forEach((i, e) => edges.add(`${i},${loop[(e + 1) % loop.length]}`));
  for (const edge of edges) expect(edges.has(edge.split(',').reverse().join(','))).toBe(true);
  expect(polyhedronVolume(P)).toBeGreaterThan(0);
}

describe('boxPolyhedron', () => {
  it('is closed with outward faces and the box’s volume and centre', () => {
    expectClosed(cube);
    const centroid: number[] = [];
    expect(polyhedronVolume(boxPolyhedron([0, 0, 0], [1, 2, 3]), centroid)).toBe(6);
    expect(centroid).toEqual([0.5, 1, 1.5]);
  });
});

describe('splitPolyhedron', () => {
  it.each([
    ['x = 0', [1, 0, 0], 0, 4, 6],
    ['x + y = 0 through two opposite edges', [1, 1, 0], 0, 4, 5],
    ['x + y + z = 2 cutting a corner off', [1, 1, 1], -2, 8 - 1 / 6, 4],
    ['x + y + z = 0 through the centre: a hexagonal cap', [1, 1, 1], 0, 4, 7],
  ] as const)('%s', (_, g, h, lowerVolume, upperFaces) => {
    const halves = splitPolyhedron(cube, valuesOf(cube, [...g], h), 1e-12, g);
    expect(halves).not.toBeNull();
    const [lower, upper] = halves!;
    expectClosed(lower);
    expectClosed(upper);
    expect(polyhedronVolume(lower)).toBeCloseTo(lowerVolume, 14);
    expect(polyhedronVolume(lower) + polyhedronVolume(upper)).toBeCloseTo(8, 14);
    expect(loops(upper)).toHaveLength(upperFaces);
  });

  it('orients the cap the same way for any direction on the positive side', () => {
    const f = valuesOf(cube, [1, 0, 0], 0);
    const [lower] = splitPolyhedron(cube, f, 1e-12, [1, 0.9, -0.7])!;
    expectClosed(lower);
    expect(polyhedronVolume(lower)).toBe(4);
  });

  it('refuses (null) when a whole face lies within eps of the plane', () => {
    // A slight tilt of the face z = 1: its corners are within 1e-13, but a far corner is above.
    const f = valuesOf(cube, [1e-13, 0, 1], -1);
    f[0] = 1; // pretend some other corner is strictly above
    expect(splitPolyhedron(cube, f, 1e-12, [0, 0, 1])).toBeNull();
  });
});
