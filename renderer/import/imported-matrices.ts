/**
 * The values of imported matrices, kept outside the labs' stores. A store holds only a small
 * reference (an ImportedMatrixRef: plain JSON that undo and project files save), because the
 * values can take 128 MB; they live here for the life of the window. A reference whose id is not
 * here (a project reopened later) is shown as "re-import the file"; importing the same matrix
 * again gives the same id — a fingerprint of its values — and the labs pick it up.
 */
import { matrixFingerprint, type MatrixStatistics } from '../../src/formats/index.js';

/** What a lab's store keeps about an imported matrix. */
export interface ImportedMatrixRef {
  /** The matrix's fingerprint: its size and a hash of its values ("768x768-1f3a…"). */
  readonly id: string;
  /** The file's name. */
  readonly name: string;
  /** The tensor's name inside the file ('' for .npy and CSV, which hold one). */
  readonly tensor: string;
  readonly rows: number;
  readonly cols: number;
  /** How the matrix was taken from the tensor, e.g. "axes 1,2 at [2, :, :]". */
  readonly slice: string;
}

/** The singular values computed for an imported matrix. */
export interface ImportedSpectrum {
  /** 'full': all min(rows, cols) values; 'top': the k largest, by the randomized SVD. */
  readonly kind: 'full' | 'top';
  /** Descending. */
  readonly sigma: readonly number[];
  /** For 'top': the randomized method's estimate of the spectral error ‖A − U_kΣ_kV_kᵀ‖₂. */
  readonly errorEstimate?: number;
  /** For 'top': σ̂_{k+1}, a lower bound of σ_{k+1}. */
  readonly sigmaNextEstimate?: number;
  /** For 'top': the power iterations it took. */
  readonly powerIterations?: number;
  /** Wall time of the computation. */
  readonly ms: number;
}

interface Entry {
  readonly ref: ImportedMatrixRef;
  readonly data: Float64Array;
  readonly statistics: MatrixStatistics | undefined;
  full?: ImportedSpectrum;
  top?: ImportedSpectrum;
}

/**
 * How many matrices are kept. The oldest goes when a new one comes, so a long session of imports
 * does not hold gigabytes; a lab still pointing at it shows the re-import note.
 */
const KEEP = 6;

const entries = new Map<string, Entry>();
const events = new EventTarget();

/**
 * Keeps `data` (rows × cols values, row-major) and returns the reference a store saves. The id is
 * `meta.id` when the caller computed the fingerprint already (the formats worker does), else it is
 * computed here. Importing the same values again replaces the entry and keeps the id.
 */
export function registerImported(
  meta: Omit<ImportedMatrixRef, 'id'> & { readonly id?: string; readonly statistics?: MatrixStatistics },
  data: Float64Array,
): ImportedMatrixRef {
  if (data.length !== meta.rows * meta.cols) {
    throw new RangeError(`registerImported: ${data.length} values cannot be a ${meta.rows}×${meta.cols} matrix.`);
  }
  const id = meta.id ?? matrixFingerprint(data, meta.rows, meta.cols);
  const ref: ImportedMatrixRef = { id, name: meta.name, tensor: meta.tensor, rows: meta.rows, cols: meta.cols, slice: meta.slice };
  const previous = entries.get(id);
  entries.delete(id);
  entries.set(id, { ref, data, statistics: meta.statistics ?? previous?.statistics, full: previous?.full, top: previous?.top });
  while (entries.size > KEEP) entries.delete(entries.keys().next().value as string);
  events.dispatchEvent(new Event('changed'));
  return ref;
}

/** The values of the imported matrix `id` (row-major), or undefined when they are not here. */
export function importedData(id: string): Float64Array | undefined {
  return entries.get(id)?.data;
}

/** Every matrix kept, oldest first. */
export function allImported(): ImportedMatrixRef[] {
  return [...entries.values()].map((e) => e.ref);
}

/** The statistics the import dialog computed for `id`, if any. */
export function importedStatistics(id: string): MatrixStatistics | undefined {
  return entries.get(id)?.statistics;
}

/** The spectrum computed for `id` of this kind, if any. */
export function importedSpectrum(id: string, kind: 'full' | 'top'): ImportedSpectrum | undefined {
  return entries.get(id)?.[kind];
}

/** Remembers a computed spectrum, so every lab showing the matrix reuses it. */
export function rememberSpectrum(id: string, spectrum: ImportedSpectrum): void {
  const entry = entries.get(id);
  if (!entry) return;
  entry[spectrum.kind] = spectrum;
  events.dispatchEvent(new Event('changed'));
}

/** Calls `listener` whenever a matrix or a spectrum is added; returns the function that stops it. */
export function onImportedChanged(listener: () => void): () => void {
  events.addEventListener('changed', listener);
  return () => events.removeEventListener('changed', listener);
}
