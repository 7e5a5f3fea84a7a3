// Cutting convex polyhedra by a plane: closed halves (every directed edge's twin present), outward
// faces (positive volumes), volumes adding to the whole, and planes through corners or grazing a
// face (through one-neuron networks, so the split runs inside the partition). Dyadic cuts of the cube make every volume here exact, so they are compared with toBe.
import { describe, expect, it } from 'vitest';
import { linearRegions } from '../../../src/regions/partition.js';
import { boxPolyhedron, polyhedronVolume, type Polyhedron } from '../../../src/regions/polyhedron.js';

const cube = boxPolyhedron([-1, -1, -1], [1, 1, 1]);

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

function halves(g: number[], h: number): Polyhedron[] {
  const { regions } = linearRegions({ weights: [[g], [[1]]], biases: [[h], [0]] }, { min: [-1, -1, -1], max: [1, 1, 1] });
  return [0, 1].map((bit) => {
    const r = regions.find((q) => q.pattern[0] === bit)!;
    return { verts: Float64Array.from(r.vertices.flat()), faces: Int32Array.from(r.faces!.flatMap((loop) => [loop.length, ...loop])) };
  });
}

describe('splitPolyhedronExact (through the partition)', () => {
  it.each([
    ['x = 0', [1, 0, 0], 0, 4, 6],
    ['x + y = 0 through two opposite edges', [1, 1, 0], 0, 4, 5],
    ['x + y + z = 2 cutting a corner off', [1, 1, 1], -2, 8 - 1 / 6, 4],
    ['x + y + z = 0 through the centre: a hexagonal cap', [1, 1, 1], 0, 4, 7],
  ] as const)('%s', (_, g, h, lowerVolume, upperFaces) => {
    const [lower, upper] = halves([...g], h);
    expectClosed(lower);
    expectClosed(upper);
    expect(polyhedronVolume(lower)).toBeCloseTo(lowerVolume, 14);
    expect(polyhedronVolume(lower) + polyhedronVolume(upper)).toBeCloseTo(8, 14);
    expect(loops(upper)).toHaveLength(upperFaces);
  });

  it('a plane along a face (z = 1) does not cut; one tilted by 1e-13 off it cuts a thin wedge', () => {
    expect(linearRegions({ weights: [[[0, 0, 1]], [[1]]], biases: [[-1], [0]] }, { min: [-1, -1, -1], max: [1, 1, 1] }).regions).toHaveLength(1);
    const [lower, upper] = halves([1e-13, 0, 1], -1);
    expectClosed(lower);
    expectClosed(upper);
    expect(polyhedronVolume(upper)).toBeGreaterThan(0);
    expect(polyhedronVolume(upper)).toBeLessThan(1e-12);
  });
});
