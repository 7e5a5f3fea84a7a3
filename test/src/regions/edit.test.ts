// Editing one neuron: only that neuron changes, the network passed in is left alone, and bad
// input is refused with the place named; numbers as people type them, with exact values kept for
// entries left as the field showed them.
import { describe, expect, it } from 'vitest';
import { parseNumber, parseNumberRow, withNeuron } from '../../../src/regions/edit.js';
import { initNetwork } from '../../../src/regions/init.js';
import type { ReluNet } from '../../../src/regions/types.js';

describe('withNeuron', () => {
  const net = initNetwork({ inputs: 2, hidden: [3, 4], init: 'he', seed: 7, leak: 0.1 });
  const before = JSON.parse(JSON.stringify(net)) as ReluNet;

  it('replaces one neuron and nothing else', () => {
    const edited = withNeuron(net, 1, 2, [1, 2, 3], -0.5);
    expect(edited.weights[1][2]).toEqual([1, 2, 3]);
    expect(edited.biases[1][2]).toBe(-0.5);
    expect(edited.leak).toBe(0.1);
    const expected = JSON.parse(JSON.stringify(before)) as { weights: number[][][]; biases: number[][] };
    expected.weights[1][2] = [1, 2, 3];
    expected.biases[1][2] = -0.5;
    expect(JSON.parse(JSON.stringify(edited))).toEqual({ ...expected, leak: 0.1 });
    expect(JSON.parse(JSON.stringify(net))).toEqual(before);
  });

  it('edits the output neuron too', () => {
    expect(withNeuron(net, 2, 0, [0, 0, 0, 1], 2).weights[2]).toEqual([[0, 0, 0, 1]]);
  });

  it.each([
    ['a layer that does not exist', () => withNeuron(net, 3, 0, [1], 0), 'layer'],
    ['an index past the layer', () => withNeuron(net, 0, 3, [1, 1], 0), 'index'],
    ['a row of the wrong length', () => withNeuron(net, 1, 0, [1, 2], 0), 'weights[1][0]'],
    ['a weight that is not finite', () => withNeuron(net, 0, 1, [1, Number.NaN], 0), 'weights[0][1][1]'],
    ['a bias that is not finite', () => withNeuron(net, 0, 1, [1, 1], Infinity), 'biases[0][1]'],
  ])('refuses %s', (_, edit, path) => {
    expect(edit).toThrow(expect.objectContaining({ name: 'NetworkFormatError', path }));
  });

  it('says how long the row must be', () => {
    expect(() => withNeuron(net, 1, 0, [1, 2], 0)).toThrow('weights[1][0] has 2 entries, expected 3');
  });
});

describe('parseNumberRow and parseNumber', () => {
  it('reads decimals separated by commas, semicolons or spaces, with − as a minus', () => {
    expect(parseNumberRow(' 1, −0.5 .25; 3e-2 -4.', 5)).toEqual([1, -0.5, 0.25, 0.03, -4]);
    expect(parseNumber(' −0.25 ')).toBe(-0.25);
  });

  it.each([
    ['1, abc', 2, 'Entry 2, "abc" is not a number.'],
    ['0x10, 1', 2, 'Entry 1, "0x10" is not a number.'],
    ['Infinity 1', 2, 'Entry 1, "Infinity" is not a number.'],
    ['1e999, 1', 2, 'Entry 1, "1e999" is too large.'],
    ['1, 2, 3', 2, '3 numbers given; give 2, one per input of this neuron.'],
    ['  ', 2, 'Give 2 numbers, separated by commas.'],
  ])('refuses "%s" (expected %i): %s', (text, expected, message) => {
    expect(() => parseNumberRow(text, expected)).toThrow(message);
  });

  it.each([
    ['abc', '"abc" is not a number.'],
    ['', 'Give a number.'],
    ['1 2', '"1 2" is not a number.'],
    ['−1,5', '"−1,5" is not a number; write decimals with a point, as in -1.5.'],
  ])('parseNumber refuses "%s"', (text, message) => {
    expect(() => parseNumber(text)).toThrow(message);
  });

  it('keeps the exact value of an entry left as the field showed it', () => {
    const kept = { shown: ['0.1235', '-2'], values: [0.123456789, -2] };
    expect(parseNumberRow('0.1235, 0.7', 2, kept)).toEqual([0.123456789, 0.7]);
    expect(parseNumberRow('0.1235 -2', 2, kept)).toEqual([0.123456789, -2]);
    // Typed differently (even to the same number), an entry is read as typed.
    expect(parseNumberRow('0.12350, -2', 2, kept)).toEqual([0.1235, -2]);
    expect(parseNumber('0.1235', { shown: ['0.1235'], values: [0.123456789] })).toBe(0.123456789);
    expect(parseNumber('0.2', { shown: ['0.1235'], values: [0.123456789] })).toBe(0.2);
  });
});
