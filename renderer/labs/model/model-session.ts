/**
 * What the Model lab has open, kept for the life of the window (not in projects: a project names
 * files, it never carries weights, and a browser cannot reopen a file by name). Leaving the lab and
 * coming back finds the same checkpoint, rows and comparison; the metrics of a checkpoint already
 * analysed come from the cache (model-cache.ts: IndexedDB, survives a reload), keyed by the files' fingerprint.
 */
import type { Comparison, Listing, MetricRow, ModelFile } from '../../workers/model-client.js';

export interface OpenedCheckpoint {
  readonly files: ModelFile[];
  /** What the lab calls it: the index's or the single file's name, or the folder's. */
  readonly label: string;
  readonly listing: Listing;
  /** Names, sizes and modification times of the files, and a hash of their headers. */
  readonly fingerprint: string;
}

export interface ModelSession {
  main: OpenedCheckpoint | undefined;
  rows: MetricRow[];
  /** True once every matrix of `main` has its row. */
  complete: boolean;
  other: { files: ModelFile[]; label: string } | undefined;
  comparison: Comparison | undefined;
  /** Counts overview runs: a row is taken only from the latest. */
  run: number;
}

export const modelSession: ModelSession = { main: undefined, rows: [], complete: false, other: undefined, comparison: undefined, run: 0 };

export { cacheRows, cachedRows } from './model-cache.js';

/** The fingerprint of a checkpoint's files: each one's path, size and modification time, and the header hash. */
export function fingerprintOf(files: readonly ModelFile[], headerHash: string): string {
  const stamp = (f: ModelFile) => ('handle' in f ? `${f.size}:${Math.round(f.modified)}` : `${f.file.size}:${f.file.lastModified}`);
  return `${files.map((f) => `${f.name}:${stamp(f)}`).join('|')}#${headerHash}`;
}

/** The files of a pick or a drop as ModelFiles: a folder's files keep their relative path (shard lookup needs it). */
export function modelFiles(files: Iterable<File>): ModelFile[] {
  return [...files].map((file) => ({ file, name: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name }));
}

/** A short name for what was opened: the folder, the index, the adapter, or the one file. */
export function labelOf(files: readonly ModelFile[]): string {
  if (files.length === 1) return files[0]!.name;
  const folder = files[0]!.name.includes('/') ? files[0]!.name.split('/')[0] : undefined;
  if (folder && files.every((f) => f.name.startsWith(`${folder}/`))) return `${folder}/`;
  const named = files.find((f) => /index\.json$|adapter_model\./.test(f.name));
  return `${(named ?? files[0]!).name} + ${files.length - 1} more`;
}

/** Reads the files of a drop, walking into dropped folders (their files keep folder/relative paths). */
export async function droppedFiles(transfer: DataTransfer): Promise<ModelFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return modelFiles(transfer.files);
  const out: ModelFile[] = [];
  const walk = async (entry: FileSystemEntry, path: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ file, name: path + entry.name });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, `${path}${entry.name}/`);
      }
    }
  };
  for (const entry of entries) await walk(entry, '');
  return out;
}
