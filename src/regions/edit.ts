/**
 * Editing a network by hand: one neuron's weights and bias replaced, and the numbers a person
 * types for them read with messages that say what to fix.
 */
import { NetworkFormatError } from './errors.js';
import { flattenNetwork } from './network.js';
import type { ReluNet } from './types.js';

/**
 * The network with neuron `index` of layer `layer` (0-based; the last layer is the output) given
 * the weights row `weights` (one entry per neuron of the layer before, or per input for layer 0)
 * and the bias `bias`; every other number is the same. Returns a new network (plain arrays; the
 * rows not edited are shared with `net`, which is never changed). Throws NetworkFormatError for a
 * malformed `net`, a layer or index that does not exist, a row of the wrong length or a number
 * that is not finite, naming it as the JSON does (`weights[1][3]`, `biases[1][3]`).
 * @example withNeuron(net, 0, 2, [1, -0.5], 0.25).weights[0][2] // [1, -0.5]
 */
export function withNeuron(net: ReluNet, layer: number, index: number, weights: readonly number[], bias: number): ReluNet {
  const flat = flattenNetwork(net);
  const layers = flat.weights.length;
  if (!Number.isInteger(layer) || layer < 0 || layer >= layers) throw new NetworkFormatError('layer', `must be a whole number from 0 to ${layers - 1}, not ${layer}`);
  const width = flat.widths[layer + 1];
  if (!Number.isInteger(index) || index < 0 || index >= width) throw new NetworkFormatError('index', `must be a whole number from 0 to ${width - 1}, not ${index}`);
  const fanIn = flat.widths[layer];
  const path = `weights[${layer}][${index}]`;
  if (!Array.isArray(weights) || weights.length !== fanIn) throw new NetworkFormatError(path, `has ${Array.isArray(weights) ? weights.length : 0} entries, expected ${fanIn}`);
  weights.forEach((w, k) => {
    if (typeof w !== 'number' || !Number.isFinite(w)) throw new NetworkFormatError(`${path}[${k}]`, 'is not a finite number');
  });
  if (typeof bias !== 'number' || !Number.isFinite(bias)) throw new NetworkFormatError(`biases[${layer}][${index}]`, 'is not a finite number');
  const edited: ReluNet = {
    weights: net.weights.map((W, l) => (l === layer ? W.map((row, i) => (i === index ? [...weights] : row)) : W)),
    biases: net.biases.map((b, l) => (l === layer ? b.map((v, i) => (i === index ? bias : v)) : b)),
  };
  return net.leak === undefined ? edited : { ...edited, leak: net.leak };
}

/** What a field showed before the edit: its numbers as printed and their exact values. */
export interface ShownNumbers {
  readonly shown: readonly string[];
  readonly values: readonly number[];
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseEntry(token: string, place: string): number {
  const text = token.replace(/\u2212/g, '-');
  if (!DECIMAL.test(text)) throw new NetworkFormatError('', `${place}"${token}" is not a number.`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new NetworkFormatError('', `${place}"${token}" is too large.`);
  return value;
}

/**
 * A row of numbers as typed: decimals (1, -0.5, .25, 3e-2; "−" is a minus) separated by commas,
 * semicolons or spaces, exactly `expected` of them. An entry typed exactly as `kept.shown` printed
 * it at the same place keeps its exact value `kept.values[k]`, so a field that shows rounded
 * numbers does not round the entries nobody touched. Throws NetworkFormatError with a message in
 * plain words: which entry is not a number, or how many were given and how many are needed.
 * @example parseNumberRow('1, −0.5', 2) // [1, -0.5]
 */
export function parseNumberRow(text: string, expected: number, kept?: ShownNumbers): number[] {
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  if (tokens.length === 0) throw new NetworkFormatError('', `Give ${expected} number${expected === 1 ? '' : 's'}, separated by commas.`);
  const values = tokens.map((t, k) => (kept && kept.shown.length === tokens.length && kept.shown[k] === t ? kept.values[k] : parseEntry(t, `Entry ${k + 1}, `)));
  if (tokens.length !== expected) throw new NetworkFormatError('', `${tokens.length} number${tokens.length === 1 ? '' : 's'} given; give ${expected}, one per input of this neuron.`);
  return values;
}

/**
 * One number as typed (same syntax as parseNumberRow); typed exactly as `kept.shown[0]` printed
 * it, it keeps the exact `kept.values[0]`. Throws NetworkFormatError in plain words (a decimal
 * comma, "1,5", is refused with the hint to write 1.5).
 * @example parseNumber(' −0.25 ') // -0.25
 */
export function parseNumber(text: string, kept?: ShownNumbers): number {
  const token = text.trim();
  if (token === '') throw new NetworkFormatError('', 'Give a number.');
  if (kept && kept.shown[0] === token) return kept.values[0];
  if (/^[+\-\u2212]?\d*,\d+$/.test(token)) throw new NetworkFormatError('', `"${token}" is not a number; write decimals with a point, as in ${token.replace(',', '.').replace('\u2212', '-')}.`);
  return parseEntry(token, '');
}
