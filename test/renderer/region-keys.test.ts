import { describe, expect, it } from 'vitest';
import { initNetwork, linearRegionsPacked, regionAt, regionLocator } from '../../src/regions/index.js';
import { regionKeyStep } from '../../renderer/labs/regions/region-keys.js';

const net = initNetwork({ inputs: 2, hidden: [8, 8], init: 'he', seed: 3 });
const box = { min: [-2, -2], max: [2, 2] };
const packed = linearRegionsPacked(net, box);
const locate = regionLocator(net, packed, box);
const pattern = (i: number) => Array.from(packed.patterns.subarray(i * packed.hidden, (i + 1) * packed.hidden)).join('');

describe('stepping through regions with the keyboard', () => {
  it('] and [ walk the regions in their order and wrap; Home and End go to the ends', () => {
    const n = packed.count;
    expect(n).toBeGreaterThan(10);
    expect(regionKeyStep(']', packed, undefined, locate, true)).toBe(0);
    expect(regionKeyStep(']', packed, 4, locate, true)).toBe(5);
    expect(regionKeyStep(']', packed, n - 1, locate, true)).toBe(0);
    expect(regionKeyStep('[', packed, 0, locate, true)).toBe(n - 1);
    expect(regionKeyStep('Home', packed, 7, locate, true)).toBe(0);
    expect(regionKeyStep('End', packed, 7, locate, true)).toBe(n - 1);
    expect(regionKeyStep('x', packed, 7, locate, true)).toBeUndefined();
  });

  it('arrow keys are left alone when they are not the walk\'s (3D camera), and x₃ keys in 2D', () => {
    expect(regionKeyStep('ArrowRight', packed, 3, locate, false)).toBeUndefined();
    expect(regionKeyStep('PageUp', packed, 3, locate, true)).toBeUndefined();
  });

  it('the first arrow press lands on the region at the centre', () => {
    expect(regionKeyStep('ArrowUp', packed, undefined, locate, true)).toBe(locate([0, 0]));
  });

  it('an arrow goes to the first other region met along that axis, by forward passes', () => {
    for (let i = 0; i < packed.count; i++) {
      for (const [key, axis, sign] of [['ArrowRight', 0, 1], ['ArrowLeft', 0, -1], ['ArrowUp', 1, 1], ['ArrowDown', 1, -1]] as const) {
        const r = regionKeyStep(key, packed, i, locate, true)!;
        const x = [packed.interiors[i * 2]!, packed.interiors[i * 2 + 1]!];
        let met: string | undefined;
        for (let step = 1; step <= 2048; step++) {
          x[axis] = packed.interiors[i * 2 + axis]! + sign * step * (4 / 2048);
          if (Math.abs(x[axis]!) > 2) break;
          const bits = Array.from(regionAt(net, x)).join('');
          if (bits !== pattern(i)) {
            met = bits;
            break;
          }
        }
        // At the box's side there is no neighbour: the walk stays.
        if (met === undefined) expect(r).toBe(i);
        else expect(pattern(r)).toBe(met);
      }
    }
  });

});
