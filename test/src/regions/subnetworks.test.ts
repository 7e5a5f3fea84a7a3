// Networks cut from a bigger one: the first layers give the partition after those layers, and a
// hidden neuron made the output gives that neuron's pre-activation.
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { networkOutput } from '../../../src/regions/network.js';
import { linearRegionsPacked } from '../../../src/regions/partition.js';
import { neuronNetwork, truncateNetwork } from '../../../src/regions/subnetworks.js';
import { rng, unitBox } from './helpers.js';

const net = initNetwork({ inputs: 2, hidden: [5, 4, 3], init: 'he', seed: 3, leak: 0.2 });

/** Neuron i of hidden layer l's pre-activation at x, by a plain forward pass. */
function preActivation(x: number[], l: number, i: number): number {
  let a = x;
  for (let k = 0; k <= l; k++) {
    const z = net.weights[k].map((row, j) => row.reduce((s, w, q) => s + w * a[q], net.biases[k][j]));
    if (k === l) return z[i];
    a = z.map((v) => (v > 0 ? v : 0.2 * v));
  }
  throw new Error('unreachable');
}

describe('truncateNetwork and neuronNetwork', () => {
  it('truncates to the partition after the first layers', () => {
    const counts = linearRegionsPacked(net, unitBox(2)).stats.regionsPerLayer;
    for (let l = 1; l <= 3; l++) expect(linearRegionsPacked(truncateNetwork(net, l), unitBox(2)).count).toBe(counts[l - 1]);
    expect(truncateNetwork(net, 3)).toBe(net);
    expect(truncateNetwork(net, 9)).toBe(net);
    expect(() => truncateNetwork(net, 0)).toThrow(expect.objectContaining({ path: 'layers' }));
  });

  it("outputs a hidden neuron's pre-activation", () => {
    const next = rng(11);
    for (let trial = 0; trial < 50; trial++) {
      const x = [2 * next() - 1, 2 * next() - 1];
      for (const [l, i] of [[0, 4], [1, 0], [2, 2]] as const) {
        // The same sums in the same order: equal to the last bit.
        expect(networkOutput(neuronNetwork(net, l, i), x)).toBe(preActivation(x, l, i));
      }
    }
  });

  it('refuses the output neuron and neurons that do not exist', () => {
    expect(() => neuronNetwork(net, 3, 0)).toThrow(expect.objectContaining({ path: 'layer' }));
    expect(() => neuronNetwork(net, 1, 4)).toThrow(expect.objectContaining({ path: 'index' }));
  });
});
