/**
 * The Checkpoint object every reader returns, built from its list of readable tensors (each with
 * its own lazy loader) and the tensors it skipped.
 */
import { FormatError, type FormatName } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import type { Checkpoint, CheckpointFormat, CheckpointTensor, LoraAdapter, SkippedCheckpointTensor, TensorValues } from './types.js';

/** A readable tensor and how to read it. */
export interface TensorEntry {
  readonly tensor: CheckpointTensor;
  readonly load: () => Promise<TensorValues>;
}

/** What a reader found in its file(s). */
export interface ReaderResult {
  readonly entries: readonly TensorEntry[];
  readonly skipped: readonly SkippedCheckpointTensor[];
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Builds a Checkpoint from a reader's result. Refuses a name listed twice (two shards claiming
 * one tensor, two npz members of one name); `read` of a skipped tensor rejects with its reason,
 * of an unknown name with a FormatError naming it.
 */
export function assemble(format: CheckpointFormat, errorFormat: FormatName, result: ReaderResult, lora?: LoraAdapter): Checkpoint {
  const byName = new Map<string, TensorEntry>();
  const skippedByName = new Map<string, SkippedCheckpointTensor>();
  for (const entry of result.entries) {
    if (byName.has(entry.tensor.name)) {
      throw new FormatError(`The checkpoint lists the tensor '${showText(entry.tensor.name)}' twice.`, errorFormat);
    }
    byName.set(entry.tensor.name, entry);
  }
  for (const tensor of result.skipped) skippedByName.set(tensor.name, tensor);
  const read = async (name: string): Promise<TensorValues> => {
    const entry = byName.get(name);
    if (entry !== undefined) return entry.load();
    const skipped = skippedByName.get(name);
    if (skipped !== undefined) {
      throw new FormatError(`Hinge does not read the tensor '${showText(name)}' (${skipped.dtype}): ${skipped.reason}`, errorFormat);
    }
    throw new FormatError(`The checkpoint has no tensor named '${showText(name)}'.`, errorFormat);
  };
  return {
    format,
    tensors: result.entries.map((e) => e.tensor),
    skipped: result.skipped,
    metadata: result.metadata,
    ...(lora === undefined ? {} : { lora }),
    read,
  };
}
