// The forward pass, activation patterns and pattern keys, and the structural checks every kernel
// runs, each refusal naming the path of the bad entry. Outputs here are exact: small integers and
// halves, so the expected values are exact too.
import { describe, expect, it } from 'vitest';
import { flattenNetwork, networkOutput, patternKey, regionAt } from '../../../src/regions/network.js';
import type { ReluNet } from '../../../src/regions/types.js';

// f(x, y) = ReLU(x) + 2·ReLU(y − 1) − ReLU(x + y), with a leaky variant.
const net: ReluNet = { weights: [[[1, 0], [0, 1], [1, 1]], [[1, 2, -1]]], biases: [[0, -1, 0], [0]] };

describe('networkOutput and regionAt', () => {
  it.each([
    [[1, 2], [1, 1, 1], 1 + 2 - 3],
    [[-1, 0.5], [0, 0, 0], 0],
    [[2, -3], [1, 0, 0], 2],
    [[0, 1], [0, 0, 1], -1], // x = 0 and y − 1 = 0 exactly: z ≤ 0 is off
  ] as const)('at %j: pattern %j, output %d', (x, pattern, f) => {
    expect(Array.from(regionAt(net, x))).toEqual(pattern);
    expect(networkOutput(net, x)).toBe(f);
  });

  it('uses the leak below zero', () => {
    const leaky = { ...net, leak: 0.5 };
    // z = (−2, −2, −3): activations (−1, −1, −1.5); f = −1 − 2 + 1.5 = −1.5.
    expect(networkOutput(leaky, [-2, -1])).toBe(-1.5);
    expect(Array.from(regionAt(leaky, [-2, -1]))).toEqual([0, 0, 0]);
  });

  it('refuses a point of the wrong length or with a non-finite coordinate', () => {
    expect(() => regionAt(net, [1, 2, 3])).toThrow(expect.objectContaining({ path: 'point' }));
    expect(() => networkOutput(net, [1, Number.NaN])).toThrow(expect.objectContaining({ path: 'point[1]' }));
  });
});

describe('patternKey', () => {
  it.each([
    [[], ''],
    [[1], '8'],
    [[1, 0, 1, 1, 1], 'b8'],
    [[0, 0, 0, 0, 1, 1, 1, 1], '0f'],
  ] as const)('%j ↦ %s', (bits, key) => expect(patternKey(Uint8Array.from(bits))).toBe(key));

  it('tells apart every pattern of 9 neurons', () => {
    const keys = new Set(Array.from({ length: 512 }, (_, v) => patternKey(Uint8Array.from({ length: 9 }, (_, i) => (v >> i) & 1))));
    expect(keys.size).toBe(512);
  });
});

describe('flattenNetwork refuses malformed networks, naming the place', () => {
  const W = (rows: number, cols: number, v = 1): number[][] => Array.from({ length: rows }, () => Array(cols).fill(v));
  it.each([
    ['not an object', null, ''],
    ['no layers', { weights: [], biases: [] }, 'weights'],
    ['4 inputs', { weights: [W(2, 4), W(1, 2)], biases: [[0, 0], [0]] }, 'weights[0][0]'],
    ['a short row', { weights: [W(3, 2), [[1, 1, 1], [1, 1]]], biases: [[0, 0, 0], [0, 0]] }, 'weights[1][1]'],
    ['a missing bias', { weights: [W(3, 2), W(1, 3)], biases: [[0, 0], [0]] }, 'biases[0]'],
    ['too few bias layers', { weights: [W(3, 2), W(1, 3)], biases: [[0, 0, 0]] }, 'biases'],
    ['two outputs', { weights: [W(3, 2), W(2, 3)], biases: [[0, 0, 0], [0, 0]] }, 'weights[1]'],
    ['NaN weight', { weights: [[[1, Number.NaN]], W(1, 1)], biases: [[0], [0]] }, 'weights[0][0][1]'],
    ['infinite bias', { weights: [W(1, 2), W(1, 1)], biases: [[Infinity], [0]] }, 'biases[0][0]'],
    ['string weight', { weights: [[[1, '2']], W(1, 1)], biases: [[0], [0]] }, 'weights[0][0][1]'],
    ['NaN leak', { weights: [W(1, 2), W(1, 1)], biases: [[0], [0]], leak: Number.NaN }, 'leak'],
  ])('%s', (_, bad, path) => {
    expect(() => flattenNetwork(bad as unknown as ReluNet)).toThrow(expect.objectContaining({ name: 'NetworkFormatError', path }));
  });

  it('says what is wrong in words', () => {
    expect(() => flattenNetwork({ weights: [W(16, 2), [...W(3, 16), Array(7).fill(0)]], biases: [Array(16).fill(0), Array(4).fill(0)] }))
      .toThrow('weights[1][3] has 7 entries, expected 16');
  });
});
