/**
 * Hand-offs from the Training lab: the current network to the Regions lab, one layer's W to the
 * SVD lab (its spectrum) or the Gradients lab (how Wᵀ carries a gradient back). Each goes to the
 * lab, takes its store (the session's, built by the registry if the lab has not opened yet) and
 * makes one named change there — one undo step in that lab.
 */
import type { ReluNet } from '../../../src/regions/index.js';
import { registerImported, type ImportedMatrixRef } from '../../import/imported-matrices.js';
import { session } from '../../project/session.js';
import { storeFactory } from '../registry.js';
import type { GradientsStore } from '../gradients/gradients-store.js';
import type { LoraStore } from '../lora/lora-store.js';
import type { RegionsStore } from '../regions/regions-store.js';
import type { SvdStore } from '../svd/svd-store.js';

async function storeOf<S>(lab: 'svd' | 'gradients' | 'regions' | 'lora'): Promise<S> {
  if (!location.hash.startsWith(`#/${lab}`)) location.hash = `#/${lab}`;
  return session.storeFor(lab, await storeFactory(lab)) as unknown as S;
}

/** Layer `layer`'s weight matrix registered as an imported matrix, named after the step it was taken at. */
function layerMatrix(net: ReluNet, layer: number, step: number): ImportedMatrixRef {
  const W = net.weights[layer]!;
  const rows = W.length;
  const cols = W[0]!.length;
  const data = new Float64Array(rows * cols);
  W.forEach((row, i) => data.set(row, i * cols));
  const name = layer === net.weights.length - 1 ? `W${layer + 1} (output)` : `W${layer + 1}`;
  return registerImported({ name: 'Training lab', tensor: name, rows, cols, slice: `after ${step} steps` }, data);
}

/** The current network in the Regions lab (its exact regions, editable). */
export async function openInRegions(net: ReluNet, hidden: readonly number[], leaky: boolean, inputs: 2 | 3): Promise<void> {
  const store = await storeOf<RegionsStore>('regions');
  const { weights, biases, leak } = net;
  store.setNetwork({ net: { weights: weights.map((W) => W.map((r) => [...r])), biases: biases.map((b) => [...b]), ...(leaky && leak !== undefined ? { leak } : {}) }, inputs, hidden: [...hidden], leaky });
}

/** Layer `layer`'s W in the SVD lab: its singular values. */
export async function openInSvd(net: ReluNet, layer: number, step: number): Promise<void> {
  const ref = layerMatrix(net, layer, step);
  (await storeOf<SvdStore>('svd')).setImported(ref);
}

/** Layer `layer`'s W in the Gradients lab. */
export async function openInGradients(net: ReluNet, layer: number, step: number): Promise<void> {
  const ref = layerMatrix(net, layer, step);
  (await storeOf<GradientsStore>('gradients')).setImported(ref);
}

/**
 * A full fine-tune's ΔW of layer `layer` in the LoRA lab, loaded as its update over W₀ = 0: the
 * lab's compression curve then says what each rank keeps of exactly this ΔW.
 */
export async function openDeltaInLora(delta: readonly (readonly number[])[], layer: number, layers: number, steps: number): Promise<void> {
  const rows = delta.length;
  const cols = delta[0]!.length;
  const data = new Float64Array(rows * cols);
  delta.forEach((row, i) => data.set(row, i * cols));
  const name = layer === layers - 1 ? `ΔW${layer + 1} (output)` : `ΔW${layer + 1}`;
  const ref = registerImported({ name: 'Training lab', tensor: name, rows, cols, slice: `full fine-tune, ${steps} steps` }, data);
  (await storeOf<LoraStore>('lora')).setImported(ref, delta);
}
