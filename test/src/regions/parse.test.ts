// Loading a network from JSON: a table of bad files, each refused with the path of the culprit,
// and good ones round-tripped through JSON text unchanged.
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../../src/regions/init.js';
import { parseNetwork } from '../../../src/regions/parse.js';

const good = () => initNetwork({ inputs: 2, hidden: [4, 3], init: 'pytorch', seed: 1 });
const zeros = (rows: number, cols: number): number[][] => Array.from({ length: rows }, () => Array(cols).fill(0));

describe('parseNetwork', () => {
  it('round-trips a network through JSON text', () => {
    const net = good();
    expect(parseNetwork(JSON.parse(JSON.stringify(net)))).toEqual(net);
    const leaky = { ...net, leak: 0.2 };
    expect(parseNetwork(JSON.parse(JSON.stringify(leaky)))).toEqual(leaky);
  });

  it('accepts the limits: 3 inputs, 8 hidden layers of 64', () => {
    expect(() => parseNetwork(initNetwork({ inputs: 3, hidden: Array(8).fill(64), init: 'he', seed: 2 }))).not.toThrow();
  });

  it('returns new arrays, not the caller’s', () => {
    const net = good();
    const parsed = parseNetwork(net);
    expect(parsed.weights).not.toBe(net.weights);
  });

  it.each([
    ['not an object', 42, '', /object/],
    ['no biases', { weights: good().weights }, 'biases', /list/],
    ['an unknown key', { ...good(), bias: [] }, '', /unknown key "bias"/],
    ['a string weight', { ...good(), weights: [[[1, 'x'], ...zeros(3, 2)], ...good().weights.slice(1)] }, 'weights[0][0][1]', /finite number/],
    ['a NaN weight (not from JSON, but from code)', { ...good(), weights: [[[1, Number.NaN], ...zeros(3, 2)], ...good().weights.slice(1)] }, 'weights[0][0][1]', /finite number/],
    ['an infinite bias', { ...good(), biases: [[Infinity, 0, 0, 0], [0, 0, 0], [0]] }, 'biases[0][0]', /finite number/],
    ['a short row', { ...good(), weights: [good().weights[0], [...zeros(2, 4), [0, 0, 0]], good().weights[2]] }, 'weights[1][2]', /3 entries, expected 4/],
    ['4 inputs', { weights: [zeros(4, 4), zeros(1, 4)], biases: [[0, 0, 0, 0], [0]] }, 'weights[0][0]', /expected 2 or 3/],
    ['two outputs', { weights: [zeros(4, 2), zeros(2, 4)], biases: [[0, 0, 0, 0], [0, 0]] }, 'weights[1]', /expected 1/],
    ['no hidden layer', { weights: [zeros(1, 2)], biases: [[0]] }, 'weights', /no hidden layer/],
    ['9 hidden layers', { weights: [...Array(9).fill(zeros(2, 2)), zeros(1, 2)], biases: [...Array(9).fill([0, 0]), [0]] }, 'weights', /9 hidden layers, at most 8/],
    ['a layer of 65', { weights: [zeros(65, 2), zeros(1, 65)], biases: [Array(65).fill(0), [0]] }, 'weights[0]', /more than 64/],
    ['a leak of 1', { ...good(), leak: 1 }, 'leak', /below 1/],
    ['a negative leak', { ...good(), leak: -0.1 }, 'leak', /at least 0/],
    ['a missing bias row', { ...good(), biases: [[0, 0, 0, 0], [0, 0, 0]] }, 'biases', /3 layers|2 layers/],
  ])('refuses %s, naming the path', (name, json, path, message) => {
    let error: unknown;
    try {
      parseNetwork(json);
    } catch (e) {
      error = e;
    }
    expect(error, name).toMatchObject({ name: 'NetworkFormatError', path });
    expect((error as Error).message).toMatch(message);
  });
});
