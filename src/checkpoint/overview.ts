/**
 * The Model lab's overview of a checkpoint, as plain rows: every matrix-shaped tensor with where it
 * sits (layer, module kind) and its metrics, computed one tensor at a time so that memory holds
 * one tensor's float64 copy and its SVD work space, never the file.
 */
import { FormatError } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import { CancelledError } from '../linalg/errors.js';
import { layerName, type LayerName } from './layers.js';
import { asMatrix, matrixMetrics, type MatrixMetrics } from './metrics.js';
import type { Checkpoint } from './types.js';

/** One row of the overview. */
export interface OverviewRow extends LayerName {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly metrics: MatrixMetrics;
}

/**
 * Yields the metrics of every tensor of `checkpoint` with at least two dimensions (a k-D tensor
 * as shape[0] × the rest), in the checkpoint's order, reading each tensor only when its turn
 * comes, straight into float64 (Checkpoint.readFloat64): memory holds that copy, one read chunk,
 * then the SVD's work space. Stops with CancelledError once `signal.aborted`; rejects with what the read or the SVD
 * throws (FormatError, NonFiniteError).
 */
export async function* checkpointOverview(checkpoint: Checkpoint, signal?: { readonly aborted: boolean }): AsyncGenerator<OverviewRow> {
  for (const tensor of checkpoint.tensors) {
    const matrix = asMatrix(tensor.shape);
    if (matrix === undefined) continue;
    if (signal?.aborted) throw new CancelledError();
    const { data } = await checkpoint.readFloat64(tensor.name);
    const metrics = matrixMetrics(data, matrix[0], matrix[1], signal === undefined ? {} : { signal });
    yield { ...layerName(tensor.name), name: tensor.name, dtype: tensor.dtype, shape: tensor.shape, metrics };
  }
}

/**
 * The weight a LoRA adapter makes: W + ΔW for the pair of `module`, W read from `base` (its
 * `baseWeight`, straight into float64, ΔW added over it), each entry one float64 addition of the
 * stored weight and ΔW. Rejects with FormatError when the base lacks the weight or its shape
 * differs from ΔW's.
 */
export async function mergedWeight(base: Checkpoint, adapter: Checkpoint, module: string): Promise<{ shape: number[]; data: Float64Array }> {
  if (adapter.lora === undefined) throw new FormatError('The second checkpoint is not a LoRA adapter.', 'lora');
  const pair = adapter.lora.pairs.find((p) => p.module === module);
  if (pair === undefined) throw new FormatError(`The adapter has no LoRA pair for '${showText(module)}'.`, 'lora');
  const [w, delta] = await Promise.all([base.readFloat64(pair.baseWeight), adapter.lora.delta(module)]);
  if (w.shape.length !== 2 || w.shape[0] !== delta.shape[0] || w.shape[1] !== delta.shape[1]) {
    throw new FormatError(`The base weight '${showText(pair.baseWeight)}' is [${w.shape.join(', ')}], but the adapter's ΔW is [${delta.shape.join(', ')}].`, 'lora');
  }
  const data = w.data;
  for (let i = 0; i < data.length; i++) data[i] += delta.data[i];
  return { shape: w.shape, data };
}
