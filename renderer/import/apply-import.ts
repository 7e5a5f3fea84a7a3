/**
 * Sending an imported matrix to a lab: register its values, go to the lab, wait for its store
 * (the session hands it over once the lab's element has created it) and make one named change —
 * one undo step. Nothing here runs before the user has chosen, so a refused file changes nothing.
 */
import { storeFactory } from '../labs/registry.js';
import type { GradientsStore } from '../labs/gradients/gradients-store.js';
import type { LoraStore } from '../labs/lora/lora-store.js';
import type { SvdStore } from '../labs/svd/svd-store.js';
import { session } from '../project/session.js';
import { registerImported, type ImportedMatrixRef } from './imported-matrices.js';
import type { PickedMatrix } from '../workers/formats-client.js';

export type ImportTarget = 'svd-spectrum' | 'svd-block' | 'lora' | 'gradients';

/** A square block of the matrix: its size and the row and column of its top-left entry. */
export interface BlockChoice {
  readonly size: 2 | 3;
  readonly row: number;
  readonly col: number;
}

/** The LoRA lab's heatmaps take matrices up to this size. */
export const LORA_HEATMAP_MAX = 256;

/** The rows of the size×size block of a row-major rows×cols matrix at (row, col). */
export function blockOf(data: Float64Array, cols: number, block: BlockChoice): number[][] {
  return Array.from({ length: block.size }, (_, i) => Array.from({ length: block.size }, (_, j) => data[(block.row + i) * cols + block.col + j]!));
}

/** Keeps the block inside the matrix: offsets in [0, rows − size] × [0, cols − size]. */
export function clampBlock(block: BlockChoice, rows: number, cols: number): BlockChoice {
  const clamp = (v: number, max: number) => Math.max(0, Math.min(Math.max(0, max), Math.round(Number.isFinite(v) ? v : 0)));
  return { size: block.size, row: clamp(block.row, rows - block.size), col: clamp(block.col, cols - block.size) };
}

async function storeOf<S>(lab: 'svd' | 'lora' | 'gradients'): Promise<S> {
  if (!location.hash.startsWith(`#/${lab}`)) location.hash = `#/${lab}`;
  // The registry builds the store if the lab's element has not yet (the same store it will use).
  return session.storeFor(lab, await storeFactory(lab)) as unknown as S;
}

/**
 * Applies the user's choice: `file` names the file, `picked` is the matrix from the formats worker
 * (its values become the registry's; the dialog must not use them afterwards).
 */
export async function applyImport(file: string, picked: Omit<PickedMatrix, 'preview'>, target: ImportTarget, block: BlockChoice): Promise<ImportedMatrixRef | undefined> {
  if (target === 'svd-block') {
    const store = await storeOf<SvdStore>('svd');
    store.setMatrix(blockOf(picked.data, picked.cols, clampBlock(block, picked.rows, picked.cols)));
    return undefined;
  }
  const ref = registerImported(
    { id: picked.id, name: file, tensor: picked.tensor, rows: picked.rows, cols: picked.cols, slice: picked.slice, statistics: picked.statistics },
    picked.data,
  );
  if (target === 'svd-spectrum') {
    (await storeOf<SvdStore>('svd')).setImported(ref);
  } else if (target === 'gradients') {
    (await storeOf<GradientsStore>('gradients')).setImported(ref);
  } else {
    const small = picked.rows <= LORA_HEATMAP_MAX && picked.cols <= LORA_HEATMAP_MAX;
    const matrix = small ? Array.from({ length: picked.rows }, (_, i) => Array.from(picked.data.subarray(i * picked.cols, (i + 1) * picked.cols))) : undefined;
    (await storeOf<LoraStore>('lora')).setImported(ref, matrix);
  }
  return ref;
}
