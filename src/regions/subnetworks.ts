/**
 * Networks made from the first layers of another: their regions are the partition of the bigger
 * network after those layers, and their output can be any one neuron's pre-activation.
 */
import { NetworkFormatError } from './errors.js';
import type { ReluNet } from './types.js';

function hiddenCount(net: ReluNet): number {
  if (!net || !Array.isArray(net.weights) || net.weights.length < 1) throw new NetworkFormatError('weights', 'must be a non-empty list of layers');
  return net.weights.length - 1;
}

/**
 * The first `layers` hidden layers of `net` followed by an output of weight 0: its linear regions
 * are the cells of net's partition after layer `layers` (its patterns are net's patterns cut to
 * those layers). `layers` ≥ the number of hidden layers returns `net` itself. Throws
 * NetworkFormatError for `layers` < 1 or not a whole number.
 * @example truncateNetwork(net, 1).weights.length // 2
 */
export function truncateNetwork(net: ReluNet, layers: number): ReluNet {
  const hidden = hiddenCount(net);
  if (!Number.isInteger(layers) || layers < 1) throw new NetworkFormatError('layers', `must be a whole number ≥ 1, not ${layers}`);
  if (layers >= hidden) return net;
  const width = net.weights[layers - 1].length;
  return { ...net, weights: [...net.weights.slice(0, layers), [new Array<number>(width).fill(0)]], biases: [...net.biases.slice(0, layers), [0]] };
}

/**
 * The network whose output is the pre-activation zᵢ of neuron `index` of hidden layer `layer`
 * (0-based): layers 0..layer−1 of `net`, then neuron i's row and bias as the output. Its linear
 * regions are the cells of net's partition after layer `layer` − 1 (the box itself for layer 0),
 * and the affine map on each is zᵢ there. Throws NetworkFormatError when there is no such hidden
 * neuron (the output neuron has no ReLU and so no boundary).
 * @example neuronNetwork(net, 1, 0).weights[1] // [net.weights[1][0]]
 */
export function neuronNetwork(net: ReluNet, layer: number, index: number): ReluNet {
  const hidden = hiddenCount(net);
  if (!Number.isInteger(layer) || layer < 0 || layer >= hidden) throw new NetworkFormatError('layer', `must be a hidden layer, 0 to ${hidden - 1}, not ${layer}`);
  const width = net.weights[layer].length;
  if (!Number.isInteger(index) || index < 0 || index >= width) throw new NetworkFormatError('index', `must be a whole number from 0 to ${width - 1}, not ${index}`);
  const sub: ReluNet = { weights: [...net.weights.slice(0, layer), [net.weights[layer][index]]], biases: [...net.biases.slice(0, layer), [net.biases[layer][index]]] };
  return net.leak === undefined ? sub : { ...sub, leak: net.leak };
}
