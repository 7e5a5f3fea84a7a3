// The maps the Layer lab draws: at each stage boundary they equal the maths they stand for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activate, applyLayer } from '../../src/index.js';
import { collapsedLayer, mapPoint, stageMap, timeEnd } from '../../renderer/labs/layer/layer-maps.js';
import { initialLayerState, LayerStore, type LayerState } from '../../renderer/labs/layer/layer-store.js';
import { easedTime } from '../../renderer/labs/layer/layer-time.js';

const entry = fc.double({ min: -3, max: 3, noNaN: true });
const TOL = 1e-12; // a handful of roundings of numbers of size ~10

function state(patch: Partial<LayerState>): LayerState {
  return { ...initialLayerState(), ...patch };
}

describe('stageMap', () => {
  it('is the identity at t = 0, Wx at t = 1, Wx + b at t = 2, σ(Wx + b) at t = 3', () => {
    fc.assert(
      fc.property(fc.array(fc.array(entry, { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 2 }), fc.array(entry, { minLength: 2, maxLength: 2 }), fc.array(entry, { minLength: 2, maxLength: 2 }), (W, b, x) => {
        const s = state({ W, b, x, activation: 'relu' });
        expect(mapPoint(stageMap(s, 0), x)).toEqual(x.map((v) => v + 0)); // + 0 turns -0 into 0, as 1·x + 0 does
        const Wx = applyLayer(W, [0, 0], x);
        mapPoint(stageMap(s, 1), x).forEach((v, i) => expect(v).toBeCloseTo(Wx[i]!, 10));
        const z = applyLayer(W, b, x);
        mapPoint(stageMap(s, 2), x).forEach((v, i) => expect(Math.abs(v - z[i]!)).toBeLessThan(TOL * 10));
        mapPoint(stageMap(s, 3), x).forEach((v, i) => expect(Math.abs(v - activate('relu', z[i]!))).toBeLessThan(TOL * 10));
      }),
      { numRuns: 60 },
    );
  });

  it('embeds a 3×2 layer in space and projects a 2×3 layer onto the plane z = 0', () => {
    const up = state({ shape: '3x2', W: [[1, 0], [0, 1], [1, 1]], b: [0, 0, 1], x: [1, 2] });
    expect(mapPoint(stageMap(up, 3), [1, 2, 0])).toEqual([1, 2, 4]);
    const down = state({ shape: '2x3', W: [[1, 0, 2], [0, 1, 0]], b: [1, 1], x: [1, 1, 1] });
    expect(mapPoint(stageMap(down, 3), [1, 1, 1])).toEqual([4, 2, 0]);
  });

  it('with a stacked layer, ends at W₂σ(Wx + b) + b₂, which equals the collapsed layer when σ is none', () => {
    const s = state({ stacked: true, activation: 'none' });
    expect(timeEnd(s)).toBe(4);
    const two = mapPoint(stageMap(s, 4), [...s.x]);
    const single = collapsedLayer(s);
    const one = applyLayer(single.W, single.b, s.x);
    two.forEach((v, i) => expect(v).toBeCloseTo(one[i]!, 12));
  });
});

describe('LayerStore', () => {
  it('keeps entries that still fit when the shape changes and pads with the identity', () => {
    const store = new LayerStore();
    store.setShape('3x3');
    expect(store.state.W).toEqual([[1, 0.5, 0], [-0.5, 1.25, 0], [0, 0, 1]]);
    expect(store.state.x).toEqual([1, 1, 0]);
    store.setShape('2x3');
    expect(store.state.W).toEqual([[1, 0.5, 0], [-0.5, 1.25, 0]]);
    expect(store.state.b.length).toBe(2);
    expect(store.state.W2.length).toBe(2);
  });

  it('announces each change in the past tense', () => {
    const store = new LayerStore();
    const seen: string[] = [];
    store.addEventListener('changed', (e) => seen.push((e as CustomEvent).detail));
    store.setPoint([0, 0]);
    store.setMatrix([[2, 0], [0, 2]]);
    store.setTime(9);
    expect(seen).toEqual(['pointMoved', 'matrixChanged', 'timeChanged']);
    expect(store.state.time).toBe(3);
  });
});

describe('easedTime', () => {
  it('keeps stage boundaries and the middle of each stage, and never goes backwards', () => {
    for (const k of [0, 1, 2, 3]) expect(easedTime(k)).toBe(k);
    expect(easedTime(1.5)).toBeCloseTo(1.5, 15);
    let last = -1;
    for (let t = 0; t <= 4; t += 0.01) {
      const e = easedTime(t);
      expect(e).toBeGreaterThanOrEqual(last);
      last = e;
    }
  });
});
