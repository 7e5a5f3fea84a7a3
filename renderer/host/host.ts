/**
 * What the renderer needs from the world outside the page. Netron's model: one view, several
 * hosts. The desktop host wraps the preload's contextBridge API; the browser host uses downloads
 * and the clipboard API. Labs talk only to this interface, never to electron.
 */
import type { CopyResult, SaveResult } from '../../src/ipc/contract.js';

export type { CopyResult, SaveResult };

export interface Host {
  readonly kind: 'desktop' | 'browser';
  /** Saves a PNG the user asked to export; the host picks where (a dialog, or a download). */
  savePng(bytes: Uint8Array, suggestedName: string): Promise<SaveResult>;
  /** Puts a PNG on the system clipboard. */
  copyPng(bytes: Uint8Array): Promise<CopyResult>;
}
