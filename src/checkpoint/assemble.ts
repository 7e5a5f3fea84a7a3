/**
 * The Checkpoint object every reader returns, built from its list of readable tensors (each with
 * its own lazy loader) and the tensors it skipped.
 */
import { FormatError, type FormatName } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import type { Checkpoint, CheckpointFormat, CheckpointTensor, Float64Values, LoraAdapter, SkippedCheckpointTensor, TensorValues, ValuesInto } from './types.js';

/** A readable tensor and how to read it. */
export interface TensorEntry {
  readonly tensor: CheckpointTensor;
  /** Reads the tensor: 'auto' as Checkpoint.read returns it, 'float64' always a Float64Array. */
  readonly load: (into: ValuesInto) => Promise<TensorValues>;
  /** Reads only the given rows (first index), where the format can; see Checkpoint.readRows. */
  readonly loadRows?: (rows: readonly number[]) => Promise<TensorValues>;
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
  const load = async (name: string, into: ValuesInto): Promise<TensorValues> => {
    const entry = byName.get(name);
    if (entry !== undefined) return entry.load(into);
    const skipped = skippedByName.get(name);
    if (skipped !== undefined) {
      throw new FormatError(`Hinge does not read the tensor '${showText(name)}' (${skipped.dtype}): ${skipped.reason}`, errorFormat);
    }
    throw new FormatError(`The checkpoint has no tensor named '${showText(name)}'.`, errorFormat);
  };
  const read = (name: string): Promise<TensorValues> => load(name, 'auto');
  const readFloat64 = async (name: string): Promise<Float64Values> => {
    const { shape, data } = await load(name, 'float64');
    // Every reader honours 'float64'; widening here keeps the type's promise if one ever did not.
    return { shape, data: data instanceof Float64Array ? data : new Float64Array(data) };
  };
  const readRows = async (name: string, rows: readonly number[]): Promise<TensorValues> => {
    const entry = byName.get(name);
    const shape = entry?.tensor.shape;
    if (entry === undefined || shape === undefined || shape.length === 0) {
      if (entry !== undefined) throw new FormatError(`The tensor '${showText(name)}' is a scalar; it has no rows.`, errorFormat);
      return read(name); // rejects with the reason
    }
    rows.forEach((row, i) => {
      if (!Number.isSafeInteger(row) || row < 0 || row >= shape[0]) {
        throw new RangeError(`Row ${row} (entry ${i + 1}) is outside '${showText(name)}', which has ${shape[0]} rows.`);
      }
    });
    if (entry.loadRows) return entry.loadRows(rows);
    const whole = await entry.load('auto');
    const width = whole.data.length / Math.max(1, shape[0]);
    const data = new (whole.data.constructor as Float64ArrayConstructor | Float32ArrayConstructor)(rows.length * width);
    rows.forEach((row, i) => data.set(whole.data.subarray(row * width, (row + 1) * width), i * width));
    return { shape: [rows.length, ...shape.slice(1)], data };
  };
  return {
    format,
    tensors: result.entries.map((e) => e.tensor),
    skipped: result.skipped,
    metadata: result.metadata,
    ...(lora === undefined ? {} : { lora }),
    read,
    readFloat64,
    readRows,
  };
}
