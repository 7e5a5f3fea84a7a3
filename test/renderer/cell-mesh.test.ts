import { describe, expect, it } from 'vitest';
import { linearRegionsPacked, type ReluNet } from '../../src/regions/index.js';
import { cellMesh } from '../../renderer/labs/regions/cell-mesh.js';
import { strideBefore, trainingVideoFrames, checkVideoSettings } from '../../renderer/labs/training/training-video.js';

const BOX = { min: [-1, -1, -1], max: [1, 1, 1] };
/** One hidden neuron w·x + b, then the output. */
const net = (w: number[], b: number): ReluNet => ({ weights: [[w], [[1]]], biases: [[b], [0]] });

/** Sorted "x,y,z" keys of a buffer's points (3 numbers each). */
const points = (a: ArrayLike<number>) => {
  const out = new Set<string>();
  for (let k = 0; k < a.length; k += 3) out.add([a[k], a[k + 1], a[k + 2]].map((v) => Number(v).toFixed(6)).join(','));
  return out;
};

describe('cellMesh', () => {
  it('draws a cube the neuron does not cut as 12 triangles and its 12 edges once each', () => {
    const p = linearRegionsPacked(net([1, 0, 0], 5), BOX);
    expect(p.count).toBe(1);
    const m = cellMesh(p);
    expect(m.triangleRegion.length).toBe(12);
    expect(m.positions.length).toBe(12 * 9);
    expect(m.segments.length / 6).toBe(12);
    expect(points(m.positions)).toEqual(points(p.coords));
    expect(points(m.segments)).toEqual(points(p.coords));
    // Segment directions are the cell's interior point.
    for (let k = 0; k < m.segmentDirs.length; k += 3) expect([...m.segmentDirs.subarray(k, k + 3)]).toEqual([...p.interiors.subarray(0, 3)]);
  });

  it('cut by the plane x₁ = 0: two boxes, each 6 quadrilaterals and 12 edges, every vertex on its own cell', () => {
    const p = linearRegionsPacked(net([1, 0, 0], 0), BOX);
    expect(p.count).toBe(2);
    const m = cellMesh(p);
    expect(m.triangleRegion.length).toBe(24);
    expect(m.segments.length / 6).toBe(24);
    for (let i = 0; i < 2; i++) {
      const own = points(p.coords.subarray(p.cornerStart[i]! * 3, p.cornerStart[i + 1]! * 3));
      const mine = [];
      for (let v = 0; v < m.vertexRegion.length; v++) if (m.vertexRegion[v] === i) mine.push(...m.positions.subarray(v * 3, v * 3 + 3));
      expect(points(mine)).toEqual(own);
    }
    // The triangles of each cell cover its surface: their areas add up to the box's (2·(1·2 + 1·2 + 2·2) = 16).
    const area = (i: number) => {
      let sum = 0;
      for (let t = 0; t < m.triangleRegion.length; t++) {
        if (m.triangleRegion[t] !== i) continue;
        const q = m.positions.subarray(t * 9, t * 9 + 9);
        const u = [q[3]! - q[0]!, q[4]! - q[1]!, q[5]! - q[2]!];
        const v = [q[6]! - q[0]!, q[7]! - q[1]!, q[8]! - q[2]!];
        sum += Math.hypot(u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!) / 2;
      }
      return sum;
    };
    expect(area(0)).toBeCloseTo(16, 5);
    expect(area(1)).toBeCloseTo(16, 5);
  });

  it('refuses a 2D partition', () => {
    const p = linearRegionsPacked({ weights: [[[1, 0]], [[1]]], biases: [[0], [0]] }, { min: [-1, -1], max: [1, 1] });
    expect(() => cellMesh(p)).toThrow(RangeError);
  });
});

describe('the training video frames', () => {
  it('has the start and one frame per stride, the last stride what is left', () => {
    expect(trainingVideoFrames({ steps: 20, stepsPerFrame: 5 })).toBe(5);
    expect(trainingVideoFrames({ steps: 21, stepsPerFrame: 5 })).toBe(6);
    expect([1, 2, 3, 4, 5].map((k) => strideBefore(k, { steps: 21, stepsPerFrame: 5 }))).toEqual([5, 5, 5, 5, 1]);
  });

  it('refuses bad settings naming the field', () => {
    expect(checkVideoSettings({ from: 'start', steps: 0, stepsPerFrame: 5 }).steps).toMatch(/Steps must be/);
    expect(checkVideoSettings({ from: 'start', steps: 10, stepsPerFrame: 1.5 }).stepsPerFrame).toMatch(/whole number/);
    expect(checkVideoSettings({ from: 'start', steps: 100000, stepsPerFrame: 1 }).stepsPerFrame).toMatch(/at most 3000/);
    expect(checkVideoSettings({ from: 'current', steps: 200, stepsPerFrame: 10 })).toEqual({});
  });
});
