/**
 * Two checkpoints of one architecture (a base and its fine-tune): their tensors matched by name
 * and shape, and the difference ΔW = W_tuned − W_base of one — the update whose spectrum tells
 * whether a low-rank adapter could have made it (the LoRA premise, measured).
 */
import { FormatError } from '../formats/errors.js';
import { showText } from '../formats/text.js';
import type { Checkpoint, CheckpointTensor, Float64Values } from './types.js';

/** How the tensors of two checkpoints correspond. */
export interface CheckpointMatch {
  /** Names in both with equal shapes, in the base's order. */
  readonly matched: readonly CheckpointTensor[];
  readonly onlyInBase: readonly string[];
  readonly onlyInOther: readonly string[];
  readonly shapeMismatches: readonly { readonly name: string; readonly base: readonly number[]; readonly other: readonly number[] }[];
}

/**
 * Matches the readable tensors of `base` and `other` by name; a name in both with different
 * shapes is a mismatch, never matched.
 */
export function matchTensors(base: Pick<Checkpoint, 'tensors'>, other: Pick<Checkpoint, 'tensors'>): CheckpointMatch {
  const others = new Map(other.tensors.map((t) => [t.name, t]));
  const matched: CheckpointTensor[] = [];
  const onlyInBase: string[] = [];
  const shapeMismatches: { name: string; base: readonly number[]; other: readonly number[] }[] = [];
  for (const t of base.tensors) {
    const o = others.get(t.name);
    if (o === undefined) onlyInBase.push(t.name);
    else if (o.shape.length !== t.shape.length || o.shape.some((d, k) => d !== t.shape[k])) shapeMismatches.push({ name: t.name, base: t.shape, other: o.shape });
    else matched.push(t);
  }
  const inBase = new Set(base.tensors.map((t) => t.name));
  const onlyInOther = other.tensors.filter((t) => !inBase.has(t.name)).map((t) => t.name);
  return { matched, onlyInBase, onlyInOther, shapeMismatches };
}

/**
 * ΔW = other[name] − base[name], elementwise in float64 (each difference of two stored values,
 * rounded once). The base is read straight into float64 and the difference written over it, so
 * the memory is one float64 copy plus the other tensor as stored (float32 where exact). Rejects
 * with FormatError when the shapes differ.
 */
export async function tensorDelta(base: Checkpoint, other: Checkpoint, name: string): Promise<Float64Values> {
  const [a, b] = await Promise.all([base.readFloat64(name), other.read(name)]);
  if (a.shape.length !== b.shape.length || a.shape.some((d, k) => d !== b.shape[k])) {
    throw new FormatError(`'${showText(name)}' is [${a.shape.join(', ')}] in the base but [${b.shape.join(', ')}] in the other checkpoint.`, 'checkpoint');
  }
  const out = a.data;
  for (let i = 0; i < out.length; i++) out[i] = b.data[i] - out[i];
  return { shape: a.shape, data: out };
}
