/**
 * Validation of a network loaded from JSON (a saved file, a paste): its types by a zod schema,
 * then its shape and the lab's size limits, refusing with the path of the first bad entry.
 */
import { z } from 'zod';
import { NetworkFormatError } from './errors.js';
import { NETWORK_LIMITS } from './init.js';
import { flattenNetwork } from './network.js';
import type { ReluNet } from './types.js';

// zod otherwise probes `new Function` to compile validators; our CSP forbids eval, and the probe
// would be reported as a CSP violation in the page.
z.config({ jitless: true });

const L = NETWORK_LIMITS;
const entry = z.number(); // zod 4 refuses NaN and ±Infinity here
// Caps on every list, so a hostile file cannot make the validation itself slow; the layer count
// cap is loose so that a few layers too many get the friendlier message below.
const MAX_LISTED_LAYERS = 64;
const networkSchema = z
  .object({
    weights: z.array(z.array(z.array(entry).max(L.maxWidth)).max(L.maxWidth)).max(MAX_LISTED_LAYERS),
    biases: z.array(z.array(entry).max(L.maxWidth)).max(MAX_LISTED_LAYERS),
    leak: z.number().min(0).lt(1).optional(),
  })
  .strict();

/** `weights[1][3]` from ['weights', 1, 3]. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/**
 * A ReluNet from untrusted JSON: `{ weights, biases, leak? }` with weights[l][i][k] the weight from
 * neuron k of layer l−1 (input k for l = 0) to neuron i of layer l, finite numbers, 2–3 inputs,
 * 1–8 hidden layers of 1–64 neurons, exactly one output neuron, one bias per neuron, leak in [0, 1)
 * when present, and no other keys. Throws NetworkFormatError whose `path` names the first bad
 * entry, e.g. `weights[1][3] has 7 entries, expected 16`. Returns fresh arrays (never the input's).
 * @example parseNetwork(JSON.parse('{"weights":[[[1,0]],[[1]]],"biases":[[0],[0]]}')).weights.length // 2
 */
export function parseNetwork(json: unknown): ReluNet {
  const parsed = networkSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NetworkFormatError(pathText(issue.path), describe(issue));
  }
  const net = parsed.data;
  const flat = flattenNetwork(net);
  const hidden = flat.widths.slice(1, -1);
  if (hidden.length < L.minLayers) throw new NetworkFormatError('weights', `has no hidden layer; expected ${L.minLayers}–${L.maxLayers} hidden layers and an output layer`);
  if (hidden.length > L.maxLayers) throw new NetworkFormatError('weights', `has ${hidden.length} hidden layers, at most ${L.maxLayers} allowed`);
  return net.leak === undefined ? { weights: net.weights, biases: net.biases } : { weights: net.weights, biases: net.biases, leak: net.leak };
}

/** A short reason for a zod issue, in the words the rest of the lab uses. */
function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? 'is not a finite number' : `must be ${issue.expected === 'array' ? 'a list' : `of type ${issue.expected}`}`;
    case 'too_big':
      return issue.origin === 'array' ? `has more than ${String(issue.maximum)} entries` : `must be below ${String(issue.maximum)}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}`;
    case 'unrecognized_keys':
      return `has an unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')} (expected weights, biases and optionally leak)`;
    default:
      return issue.message;
  }
}
