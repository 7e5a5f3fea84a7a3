// Seeded initialisation: shapes, determinism per seed, and each scheme's distribution. The
// distribution checks use thousands of draws, so their tolerances are statistical: a sample
// variance of N draws is within 5 standard errors (√(2/N)·σ² for a normal) of σ², and uniform
// draws stay inside their interval and fill it to within 1%.
import { describe, expect, it } from 'vitest';
import { initNetwork, type InitScheme } from '../../../src/regions/init.js';

describe('initNetwork', () => {
  it.each(['he', 'glorot', 'pytorch'] as const)('%s: the asked shape, the same for the same seed, another for another seed', (init) => {
    const a = initNetwork({ inputs: 3, hidden: [5, 4], init, seed: 9 });
    expect(a.weights.map((W) => [W.length, W[0].length])).toEqual([[5, 3], [4, 5], [1, 4]]);
    expect(a.biases.map((b) => b.length)).toEqual([5, 4, 1]);
    expect(initNetwork({ inputs: 3, hidden: [5, 4], init, seed: 9 })).toEqual(a);
    expect(initNetwork({ inputs: 3, hidden: [5, 4], init, seed: 10 })).not.toEqual(a);
    expect(a.leak).toBeUndefined();
  });

  it('He: weights N(0, 2/fan_in), biases N(0, σ_b²)', () => {
    const net = initNetwork({ inputs: 2, hidden: [64, 64, 64, 64], init: 'he', seed: 1 });
    const w = net.weights.slice(1, 4).flat(2); // fan_in 64: variance 2/64
    const mean = w.reduce((s, x) => s + x, 0) / w.length;
    const variance = w.reduce((s, x) => s + (x - mean) ** 2, 0) / w.length;
    expect(Math.abs(variance - 2 / 64)).toBeLessThan(5 * Math.sqrt(2 / w.length) * (2 / 64));
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(2 / 64 / w.length));
    const b = net.biases.slice(0, 4).flat();
    const bVariance = b.reduce((s, x) => s + x * x, 0) / b.length;
    expect(Math.abs(bVariance - 0.01)).toBeLessThan(5 * Math.sqrt(2 / b.length) * 0.01);
    expect(initNetwork({ inputs: 2, hidden: [8], init: 'he', seed: 1, biasStd: 0 }).biases.flat().every((x) => x === 0)).toBe(true);
  });

  it.each([
    ['glorot', (fanIn: number, fanOut: number) => Math.sqrt(6 / (fanIn + fanOut))],
    ['pytorch', (fanIn: number) => 1 / Math.sqrt(fanIn)],
  ] as const)('%s: weights uniform on ±limit', (init, limit) => {
    const net = initNetwork({ inputs: 2, hidden: [64, 64, 64], init: init as InitScheme, seed: 3 });
    for (const W of net.weights) {
      const bound = limit(W[0].length, W.length);
      const largest = Math.max(...W.flat().map(Math.abs));
      expect(largest).toBeLessThanOrEqual(bound);
      if (W.flat().length > 1000) expect(largest).toBeGreaterThan(0.99 * bound);
    }
  });

  it('pytorch: biases uniform on ±1/√fan_in too', () => {
    const net = initNetwork({ inputs: 2, hidden: [64, 64], init: 'pytorch', seed: 5 });
    net.biases.forEach((b, l) => expect(Math.max(...b.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(net.weights[l][0].length)));
    expect(Math.max(...net.biases[1].map(Math.abs))).toBeGreaterThan(0.9 / 8);
  });

  it('passes a leak through', () => {
    expect(initNetwork({ inputs: 2, hidden: [2], init: 'he', seed: 0, leak: 0.1 }).leak).toBe(0.1);
  });

  it.each([
    ['inputs', { inputs: 4, hidden: [2] }],
    ['hidden', { inputs: 2, hidden: [] }],
    ['hidden', { inputs: 2, hidden: Array(9).fill(2) }],
    ['hidden[1]', { inputs: 2, hidden: [3, 65] }],
    ['hidden[0]', { inputs: 2, hidden: [1.5] }],
    ['init', { inputs: 2, hidden: [2], init: 'xavier' }],
    ['seed', { inputs: 2, hidden: [2], seed: Number.NaN }],
    ['biasStd', { inputs: 2, hidden: [2], biasStd: -1 }],
  ])('refuses a bad %s', (path, options) => {
    expect(() => initNetwork({ init: 'he', seed: 1, ...options } as Parameters<typeof initNetwork>[0]))
      .toThrow(expect.objectContaining({ name: 'NetworkFormatError', path }));
  });
});
