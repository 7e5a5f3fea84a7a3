/**
 * What the renderer needs from the world outside the page. Netron's model: one view, several
 * hosts. The desktop host wraps the preload's contextBridge API; the browser host uses downloads,
 * file inputs and local storage. Labs and the project session talk only to this interface, never
 * to electron.
 */
import type { ChooseFolderResult, CopyResult, MenuCommand, OpenCheckpointResult, RangeErrorCode, RecentFile, SaveFileResult, SaveResult } from '../../src/ipc/contract.js';

export type { ChooseFolderResult, CopyResult, MenuCommand, OpenCheckpointResult, RecentFile, SaveFileResult, SaveResult };

/** A range the main process refused to read, with its typed code (src/ipc/contract.ts RANGE_ERROR_CODES). */
export class RangeReadError extends Error {
  override readonly name = 'RangeReadError';
  constructor(readonly code: RangeErrorCode, message: string) {
    super(message);
  }
}

/**
 * Checkpoints held open by the desktop's main process: the page gets handles and reads byte
 * ranges, so a multi-GB file is never copied whole. (The browser reads File.slice instead.)
 */
export interface CheckpointHost {
  /** The open dialog for a checkpoint's files, or (`folder`) its folder. */
  open(folder: boolean): Promise<OpenCheckpointResult>;
  /** Bytes [offset, offset + length) of an opened file (length ≤ MAX_RANGE_BYTES); rejects with RangeReadError. */
  readRange(handle: string, offset: number, length: number): Promise<Uint8Array>;
  /** Closes files the page let go of. */
  release(handles: readonly string[]): Promise<void>;
}

/** A file the user gave Hinge (a dialog, a drop, the command line, a second launch): its name and bytes. */
export interface IncomingFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Saving a project to this handle writes it back to the same file (desktop only). */
  readonly handle?: string;
}

export interface SaveFileOptions {
  /** Save again to this file without asking (Save, not Save As). */
  readonly handle?: string;
  /** Save into this folder (from chooseFolder) without asking. */
  readonly folder?: string;
}

export interface Host {
  readonly kind: 'desktop' | 'browser';
  /** Saves a PNG the user asked to export; the host picks where (a dialog, or a download). */
  savePng(bytes: Uint8Array, suggestedName: string): Promise<SaveResult>;
  /** Puts a PNG on the system clipboard. */
  copyPng(bytes: Uint8Array): Promise<CopyResult>;
  /** Saves any file Hinge writes (project, SVG, CSV, JSON, video): a dialog, a handle, a folder, or a download. */
  saveFile(bytes: Uint8Array, suggestedName: string, options?: SaveFileOptions): Promise<SaveFileResult>;
  /** Asks for a folder for "Export all" (the browser saves to its downloads). */
  chooseFolder(): Promise<ChooseFolderResult>;
  /** Asks the user for files to open and reads them. */
  openFiles(): Promise<IncomingFile[]>;
  /** Calls `callback` with files that arrive from outside the page (command line, second launch, Open Recent); returns an unsubscribe function. */
  onIncomingFiles(callback: (files: IncomingFile[]) => void): () => void;
  /** Calls `callback` with each application-menu command (desktop only). */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  /** Stores the autosave text (JSON), replacing the last. */
  autosaveWrite(json: string): Promise<boolean>;
  /** The last autosave, or null. */
  autosaveRead(): Promise<string | null>;
  /**
   * Keeps an autosave record that could not be restored under its own name, never overwritten by
   * the autosave; returns where it is, in words for the user (null when it could not be kept).
   */
  autosaveKeepRejected(json: string): Promise<string | null>;
  /** The user's theme pick ('system' follows the OS): the desktop window's chrome follows it; nothing in a browser. */
  setThemeSource(source: 'system' | 'light' | 'dark'): void;
  /** The project's name and whether it has unsaved changes (title bar, close prompt). */
  setDocumentState(name: string | null, dirty: boolean): void;
  /** Calls `callback` when the user closes the window with unsaved changes (desktop). */
  onCloseRequested(callback: () => void): () => void;
  /** Closes the window after the unsaved-changes prompt (desktop). */
  closeWindow(): Promise<void>;
  /** Recently opened or saved projects, newest first. */
  recentFiles(): Promise<RecentFile[]>;
  /** Opens a recent project: returns its file. */
  openRecent(id: string): Promise<IncomingFile | undefined>;
  /** Desktop only: checkpoints read by byte range through the main process. */
  readonly checkpoints?: CheckpointHost;
  /** Remembers a project the page saved or opened, for the Recent list (the browser keeps its text). */
  rememberRecent(name: string, text: string, handle?: string): void;
}
