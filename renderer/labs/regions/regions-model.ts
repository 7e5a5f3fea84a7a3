/**
 * Pure helpers of the Regions lab's interface: the widths typed by a person, the network on a
 * slicing plane, and the region table as CSV.
 */
import type { PackedRegions, ReluNet } from '../../../src/regions/index.js';

/** Parses "16, 16" into hidden widths: 1–8 layers of 1–64 neurons. */
export function parseWidths(text: string): number[] {
  const parts = text.split(/[\s,→x×]+/).filter(Boolean);
  if (parts.length < 1 || parts.length > 8) throw new Error('Give 1 to 8 hidden layers, e.g. 16, 16.');
  return parts.map((p, i) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`Layer ${i + 1}: "${p}" is not a width from 1 to 64.`);
    return n;
  });
}

/** The network restricted to the plane x₃ = z: a 2-input network with the same regions there. */
export function sliceNetwork(net: ReluNet, z: number): ReluNet {
  const [first, ...rest] = net.weights;
  return {
    ...net,
    weights: [first!.map((row) => [row[0]!, row[1]!]), ...rest],
    biases: [net.biases[0]!.map((b, i) => b + first![i]![2]! * z), ...net.biases.slice(1)],
  };
}

/**
 * Every region as a CSV row: index, pattern (bits, layer by layer), area or volume, the map's
 * gradient A and constant c, the centroid, and the layer that last cut it (when known).
 */
export function regionsCsv(p: PackedRegions, cellLayers: Uint8Array | undefined): string {
  const d = p.dim;
  const header = ['region', 'pattern', d === 2 ? 'area' : 'volume', ...Array.from({ length: d }, (_, k) => `A${k + 1}`), 'c', ...Array.from({ length: d }, (_, k) => `centroid${k + 1}`), 'last_cut_by_layer'];
  const lines = [header.join(',')];
  for (let i = 0; i < p.count; i++) {
    const pattern = Array.from(p.patterns.subarray(i * p.hidden, (i + 1) * p.hidden)).join('');
    lines.push([i, pattern, p.measures[i], ...p.gradients.subarray(i * d, (i + 1) * d), p.constants[i], ...p.interiors.subarray(i * d, (i + 1) * d), cellLayers?.[i] ?? ''].join(','));
  }
  return lines.join('\n') + '\n';
}
