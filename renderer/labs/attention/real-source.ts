/**
 * The Attention lab's real source, kept for the life of the window and not in projects: the
 * user's checkpoint files cannot go into a .hinge (a project keeps the toy model and its
 * sentence), and a browser cannot reopen a file by name. The Model lab hands a checkpoint over by
 * setting it here and going to the lab; leaving the lab and coming back finds the same heads.
 */
import type { ModelFile, RangeReader } from '../../workers/model-worker.js';
import type { RealHeads } from '../../workers/real-attention-client.js';

export interface RealAttentionSession {
  /** Which model the lab shows. */
  mode: 'toy' | 'real';
  /** The checkpoint folder's files, with folder-relative names; undefined until one is opened. */
  files: ModelFile[] | undefined;
  /** How the desktop's dialog-opened files are read (through the main process); undefined for Files. */
  ranges?: RangeReader;
  /** What the lab calls it (the folder's name, or the first file's). */
  label: string;
  /** The sentence as last typed in real mode. */
  sentence: string;
  head: number;
  query: number;
  projection: 2 | 3;
  /** The heads of the last sentence that fit, for these files. */
  result: RealHeads | undefined;
  /** Refusals at their place: the typed sentence, or the folder. */
  sentenceError: string | undefined;
  sourceError: string | undefined;
}

export const realAttention: RealAttentionSession = {
  mode: 'toy', files: undefined, label: '', sentence: 'The singular values of attention', head: 0, query: 0, projection: 2,
  result: undefined, sentenceError: undefined, sourceError: undefined,
};

/** Takes `files` as the real source (forgetting the last one's heads) and switches to real mode. */
export function openRealSource(files: ModelFile[], label: string, ranges?: RangeReader): void {
  Object.assign(realAttention, { mode: 'real', files, ranges, label, head: 0, query: 0, result: undefined, sentenceError: undefined, sourceError: undefined });
}

/** The Model lab's hand-off: the open checkpoint's layer 0 in the Attention lab. */
export function showLayerZeroInAttention(files: ModelFile[], label: string, ranges?: RangeReader): void {
  openRealSource(files, label, ranges);
  if (!location.hash.startsWith('#/attention')) location.hash = '#/attention';
}
