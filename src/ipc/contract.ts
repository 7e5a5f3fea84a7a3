/**
 * The one IPC contract between Hinge's main process and its renderer.
 *
 * Every channel names its request and response schemas here; the main process validates each
 * request against them before acting (and refuses anything else), and the desktop host validates
 * each response. No mathematics crosses IPC: only files and images. File paths never come from
 * the page; they come from the main process's own dialogs.
 */
import { z } from 'zod';

// zod otherwise probes `new Function` to compile validators; our CSP forbids eval, and the probe
// would be reported as a CSP violation in the page and the preload.
z.config({ jitless: true });

/** The largest image the renderer may hand to the main process (a 4× export of a 4K window). */
export const MAX_IMAGE_BYTES = 512 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** True when `bytes` begins with the eight-byte PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.byteLength >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

const pngBytes = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= MAX_IMAGE_BYTES, { message: `image larger than ${MAX_IMAGE_BYTES} bytes` })
  .refine(hasPngSignature, { message: 'not a PNG image' });

/** A bare file name the page may suggest for a save dialog: no folders, no traversal. */
const suggestedName = z
  .string()
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _\-.()×]*\.png$/, { message: 'not a plain .png file name' });

export const saveResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), path: z.string() }),
  z.object({ status: z.literal('canceled') }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
]);
export type SaveResult = z.infer<typeof saveResult>;

export const copyResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('copied') }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
]);
export type CopyResult = z.infer<typeof copyResult>;

export const appInfo = z.object({ version: z.string(), platform: z.string() });
export type AppInfo = z.infer<typeof appInfo>;

/** The largest autosaved state the renderer may hand over (JSON text, in UTF-16 code units). */
export const MAX_AUTOSAVE_CHARS = 8 * 1024 * 1024;

/** True when `text` parses as JSON. */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The autosaved state: JSON text, bounded, parsed once to prove it is JSON. A record's top-level
 * `handle` (a fileHandle) names its project's file: the desktop main process keeps the path behind
 * it beside the autosave, and autosaveRead gives the record back with a handle of the current run
 * for that path, or without `handle` when no path was kept. The path itself never crosses IPC.
 */
export const autosaveJson = z
  .string()
  .max(MAX_AUTOSAVE_CHARS, { message: `autosave longer than ${MAX_AUTOSAVE_CHARS} characters` })
  .refine(isJsonText, { message: 'not JSON' });

export const autosaveResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved') }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
]);
export type AutosaveResult = z.infer<typeof autosaveResult>;

/** The largest file Hinge opens from the command line, a dialog or a second launch (1 GiB). */
export const MAX_OPEN_FILE_BYTES = 1024 ** 3;
/** The most bytes one readPendingFile call returns; larger files are read in several calls. */
export const MAX_FILE_CHUNK_BYTES = 32 * 1024 * 1024;
/** How many opened files may wait for the renderer at once. */
export const MAX_PENDING_FILES = 32;
/** File types Hinge opens: its own projects, weight files, tables, and its PNGs (which carry their project). */
export const OPENABLE_EXTENSIONS = ['.hinge', '.npy', '.safetensors', '.csv', '.tsv', '.png'] as const;

/** An opaque handle the main process gives out for a file it opened; the page never sees a path. */
export const pendingFileId = z.string().regex(/^[0-9a-f]{32}$/, { message: 'not a pending file id' });

/** A file the main process opened (command line, Open… dialog, a second launch) for the page to read. */
export const pendingFile = z
  .object({
    id: pendingFileId,
    /** The file's base name, for display only; never a path. */
    name: z.string().min(1).max(255),
    size: z.number().int().min(0).max(MAX_OPEN_FILE_BYTES),
  })
  .strict();
export type PendingFile = z.infer<typeof pendingFile>;
export const pendingFiles = z.array(pendingFile).max(MAX_PENDING_FILES);

export const fileChunkResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('read'),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_FILE_CHUNK_BYTES, { message: 'chunk too large' }),
  }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
]);
export type FileChunkResult = z.infer<typeof fileChunkResult>;

/** The largest file the page may hand over to be saved (a long 4K video): 1 GiB. */
export const MAX_SAVE_BYTES = 1024 ** 3;
/** Kinds of file the page may save: projects, pictures, charts, tables, networks, videos, GIFs. */
export const SAVE_EXTENSIONS = ['.hinge', '.png', '.svg', '.csv', '.json', '.webm', '.mp4', '.gif'] as const;

/** A bare file name with one of SAVE_EXTENSIONS: no folders, no traversal. */
export const saveFileName = z
  .string()
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _\-.()×]*$/, { message: 'not a plain file name' })
  .refine((name) => SAVE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext)), {
    message: `not one of ${SAVE_EXTENSIONS.join(', ')}`,
  });

/**
 * An opaque handle the main process gives out for a file or folder the user chose (a save dialog,
 * an opened project, a chosen export folder); the page never sees a path. A pending file's id is
 * also the handle of that file once it has been opened.
 */
export const fileHandle = z.string().regex(/^[0-9a-f]{32}$/, { message: 'not a file handle' });

export const saveFileResult = z.discriminatedUnion('status', [
  /** `name` is the file's base name (for the title bar), `handle` saves to it again without a dialog. */
  z.object({ status: z.literal('saved'), name: z.string().min(1).max(255), handle: fileHandle }),
  z.object({ status: z.literal('canceled') }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
]);
export type SaveFileResult = z.infer<typeof saveFileResult>;

export const chooseFolderResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('chosen'), name: z.string().min(1).max(255), handle: fileHandle }),
  z.object({ status: z.literal('canceled') }),
]);
export type ChooseFolderResult = z.infer<typeof chooseFolderResult>;

/** A recently opened or saved project, for the page's Recent list: an id and a base name, never a path. */
export const recentFile = z.object({ id: fileHandle, name: z.string().min(1).max(255) }).strict();
export type RecentFile = z.infer<typeof recentFile>;
export const MAX_RECENT_FILES = 10;

/** The most bytes one checkpoint readRange call returns; a larger tensor is read in several calls. */
export const MAX_RANGE_BYTES = 64 * 1024 * 1024;
/** The most files one checkpoint (a folder's files) may hold open at once. */
export const MAX_CHECKPOINT_FILES = 512;

/**
 * A file of a checkpoint the user chose in the main process's dialog: an opaque handle (the main
 * process holds its open file descriptor), the name (a folder pick's files as `folder/name`, as a
 * browser's webkitRelativePath), its size when opened and its modification time. Never a path.
 */
export const checkpointFile = z
  .object({
    handle: fileHandle,
    name: z.string().min(1).max(512),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    modified: z.number().min(0),
  })
  .strict();
export type CheckpointFile = z.infer<typeof checkpointFile>;

export const openCheckpointResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('opened'), files: z.array(checkpointFile).min(1).max(MAX_CHECKPOINT_FILES) }),
  z.object({ status: z.literal('canceled') }),
  z.object({ status: z.literal('failed'), reason: z.string() }),
]);
export type OpenCheckpointResult = z.infer<typeof openCheckpointResult>;

/**
 * Why a range was not read: `unknown-handle` (never issued, released, or another window's),
 * `out-of-range` (offset + length past the size the file had when opened), `too-long` (over
 * MAX_RANGE_BYTES), `changed` (the file shrank since), `io` (the system's read failed).
 */
export const RANGE_ERROR_CODES = ['unknown-handle', 'out-of-range', 'too-long', 'changed', 'io'] as const;
export type RangeErrorCode = (typeof RANGE_ERROR_CODES)[number];

export const rangeResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('read'),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_RANGE_BYTES, { message: 'range too large' }),
  }),
  z.object({ status: z.literal('failed'), code: z.enum(RANGE_ERROR_CODES), reason: z.string() }),
]);
export type RangeResult = z.infer<typeof rangeResult>;

/** The labs, by their hash route (`#/svd`); the menu opens each (src/project/lab-catalog.ts). */
import { LAB_IDS, type LabId } from '../project/lab-catalog.js';
export { LAB_IDS, type LabId };

const labCommands = LAB_IDS.map((id) => `lab.${id}` as const) as unknown as readonly [`lab.${LabId}`, ...`lab.${LabId}`[]];

/**
 * Commands the application menu sends to the page. Open… is not among them: the main process shows
 * that dialog itself and announces the chosen files with `filesPending`. `undo` and `redo` arrive
 * whatever has focus (the menu's shortcuts win over the page's): the page undoes inside a focused
 * text field itself, and its own history otherwise.
 */
export const menuCommand = z.enum([
  'save',
  'saveAs',
  'exportPng',
  'exportAll',
  'undo',
  'redo',
  /** View → Reload: the page asks about unsaved work first, as closing does, then reloads. */
  'reload',
  /** `lab.<id>`: open that lab (one per lab of the catalogue). */
  ...labCommands,
  /** Help ▸ Keyboard Shortcuts and Labs (also the `?` key). */
  'help',
  /** Help ▸ Open a Sample… */
  'samples',
]);
export type MenuCommand = z.infer<typeof menuCommand>;

/** Channel name, request schema and response schema of every IPC call. */
export const channels = {
  savePng: {
    name: 'hinge:save-png',
    request: z.object({ bytes: pngBytes, suggestedName }).strict(),
    response: saveResult,
  },
  copyPng: {
    name: 'hinge:copy-png',
    request: z.object({ bytes: pngBytes }).strict(),
    response: copyResult,
  },
  appInfo: {
    name: 'hinge:app-info',
    request: z.undefined(),
    response: appInfo,
  },
  autosaveWrite: {
    name: 'hinge:autosave-write',
    request: autosaveJson,
    response: autosaveResult,
  },
  autosaveRead: {
    name: 'hinge:autosave-read',
    request: z.undefined(),
    response: autosaveJson.nullable(),
  },
  autosaveKeepRejected: {
    name: 'hinge:autosave-keep-rejected',
    request: autosaveJson,
    /** The path of the kept copy (autosave-rejected-<time>.json beside the autosave), or null. */
    response: z.string().max(4096).nullable(),
  },
  showOpenDialog: {
    name: 'hinge:show-open-dialog',
    request: z.undefined(),
    response: pendingFiles,
  },
  pendingFiles: {
    name: 'hinge:pending-files',
    request: z.undefined(),
    response: pendingFiles,
  },
  readPendingFile: {
    name: 'hinge:read-pending-file',
    request: z
      .object({
        id: pendingFileId,
        offset: z.number().int().min(0).max(MAX_OPEN_FILE_BYTES),
        length: z.number().int().min(1).max(MAX_FILE_CHUNK_BYTES),
      })
      .strict(),
    response: fileChunkResult,
  },
  releasePendingFile: {
    name: 'hinge:release-pending-file',
    request: z.object({ id: pendingFileId }).strict(),
    response: z.boolean(),
  },
  saveFile: {
    name: 'hinge:save-file',
    request: z
      .object({
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_SAVE_BYTES, { message: `file larger than ${MAX_SAVE_BYTES} bytes` }),
        suggestedName: saveFileName,
        /** Save to this file again without a dialog (Save, not Save As). */
        handle: fileHandle.optional(),
        /** Save into this chosen folder under `suggestedName`, without a dialog (Export all). */
        folder: fileHandle.optional(),
      })
      .strict()
      .refine((r) => !(r.handle && r.folder), { message: 'either a file handle or a folder, not both' }),
    response: saveFileResult,
  },
  chooseFolder: {
    name: 'hinge:choose-folder',
    request: z.undefined(),
    response: chooseFolderResult,
  },
  setDocumentState: {
    name: 'hinge:set-document-state',
    /** The open project's name (null: untitled) and whether it has unsaved changes. */
    request: z.object({ name: z.string().min(1).max(255).nullable(), dirty: z.boolean() }).strict(),
    response: z.boolean(),
  },
  setThemeSource: {
    name: 'hinge:set-theme-source',
    /** The user's theme pick: the window's own chrome (title bar, menus, dialogs) follows it; 'system' follows the OS. */
    request: z.enum(['system', 'light', 'dark']),
    response: z.boolean(),
  },
  closeWindow: {
    name: 'hinge:close-window',
    /** The page has asked about unsaved changes (or saved them): close the window now. */
    request: z.undefined(),
    response: z.boolean(),
  },
  recentFiles: {
    name: 'hinge:recent-files',
    request: z.undefined(),
    response: z.array(recentFile).max(MAX_RECENT_FILES),
  },
  openRecent: {
    name: 'hinge:open-recent',
    /** Queues a recent file as a pending file (it then arrives through filesPending). */
    request: z.object({ id: fileHandle }).strict(),
    response: pendingFiles,
  },
  openCheckpoint: {
    name: 'hinge:open-checkpoint',
    /** Shows the open dialog for a checkpoint's files (`folder: false`) or its folder (`true`). */
    request: z.object({ folder: z.boolean() }).strict(),
    response: openCheckpointResult,
  },
  readRange: {
    name: 'hinge:read-range',
    request: z
      .object({
        handle: fileHandle,
        offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        length: z.number().int().min(0).max(MAX_RANGE_BYTES),
      })
      .strict(),
    response: rangeResult,
  },
  releaseCheckpoint: {
    name: 'hinge:release-checkpoint',
    /** Closes these checkpoint files (the lab let go of them); returns how many were open. */
    request: z.object({ handles: z.array(fileHandle).max(MAX_CHECKPOINT_FILES) }).strict(),
    response: z.number().int().min(0),
  },
} as const;

/** Messages the main process sends to the page (webContents.send), validated on both ends. */
export const events = {
  /** The files waiting for the page changed (a second launch or Open…): the whole list. */
  filesPending: { name: 'hinge:files-pending', payload: pendingFiles },
  /** A command from the application menu. */
  menuCommand: { name: 'hinge:menu-command', payload: menuCommand },
  /**
   * The user closes the window while the page said it has unsaved changes: the page asks them
   * (save, discard, cancel) and calls closeWindow unless they cancel.
   */
  closeRequested: { name: 'hinge:close-requested', payload: z.null() },
} as const;

export type EventKey = keyof typeof events;
export type PayloadOf<K extends EventKey> = z.infer<(typeof events)[K]['payload']>;

export type ChannelKey = keyof typeof channels;
export type RequestOf<K extends ChannelKey> = z.infer<(typeof channels)[K]['request']>;
export type ResponseOf<K extends ChannelKey> = z.infer<(typeof channels)[K]['response']>;

/**
 * The API the preload exposes to the page as the global `hinge` (contextBridge): named functions only,
 * never ipcRenderer itself.
 */
export interface HingeDesktopApi {
  savePng(request: RequestOf<'savePng'>): Promise<SaveResult>;
  copyPng(request: RequestOf<'copyPng'>): Promise<CopyResult>;
  appInfo(): Promise<AppInfo>;
  /** Stores the page's state (JSON text) atomically in the user's data folder, replacing the last. */
  autosaveWrite(json: string): Promise<AutosaveResult>;
  /** The last autosaved state, or null when there is none (or it was unreadable). */
  autosaveRead(): Promise<string | null>;
  /** Keeps an autosave record that did not restore beside the autosave, under its own name; its path. */
  autosaveKeepRejected(json: string): Promise<string | null>;
  /** Shows the Open… dialog; the chosen files join the pending files and are returned. */
  showOpenDialog(): Promise<PendingFile[]>;
  /** The files waiting to be read: from the command line, Open…, or a second launch. */
  pendingFiles(): Promise<PendingFile[]>;
  /** Reads up to `length` bytes (at most MAX_FILE_CHUNK_BYTES) of a pending file from `offset`. */
  readPendingFile(request: RequestOf<'readPendingFile'>): Promise<FileChunkResult>;
  /** Forgets a pending file once the page has read it (or given up); false if it was unknown. */
  releasePendingFile(request: RequestOf<'releasePendingFile'>): Promise<boolean>;
  /** Calls `callback` with the whole pending list whenever it grows; returns an unsubscribe function. */
  onFilesPending(callback: (files: PendingFile[]) => void): () => void;
  /** Calls `callback` with each application-menu command; returns an unsubscribe function. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
  /** Saves bytes to a file: a save dialog, or again to `handle`, or into a chosen `folder`. */
  saveFile(request: RequestOf<'saveFile'>): Promise<SaveFileResult>;
  /** Shows a folder dialog (Export all); the handle then serves as saveFile's `folder`. */
  chooseFolder(): Promise<ChooseFolderResult>;
  /** Tells the window the project's name and whether it has unsaved changes (title, close prompt). */
  setDocumentState(request: RequestOf<'setDocumentState'>): Promise<boolean>;
  setThemeSource(request: RequestOf<'setThemeSource'>): Promise<boolean>;
  /** Closes the window after the page's unsaved-changes prompt. */
  closeWindow(): Promise<boolean>;
  /** The recently opened or saved projects, newest first. */
  recentFiles(): Promise<RecentFile[]>;
  /** Opens a recent project: it joins the pending files. */
  openRecent(request: RequestOf<'openRecent'>): Promise<PendingFile[]>;
  /** Shows the open dialog for a checkpoint (files or a folder); main keeps them open behind handles. */
  openCheckpoint(request: RequestOf<'openCheckpoint'>): Promise<OpenCheckpointResult>;
  /** Reads bytes [offset, offset + length) of an opened checkpoint file (length ≤ MAX_RANGE_BYTES). */
  readRange(request: RequestOf<'readRange'>): Promise<RangeResult>;
  /** Closes checkpoint files the page no longer needs. */
  releaseCheckpoint(request: RequestOf<'releaseCheckpoint'>): Promise<number>;
  /** Calls `callback` when the user closes the window with unsaved changes; returns an unsubscribe function. */
  onCloseRequested(callback: () => void): () => void;
}

/** The keys of HingeDesktopApi, in order: the end-to-end and preload tests check this list. */
export const desktopApiKeys = [
  'savePng',
  'copyPng',
  'appInfo',
  'autosaveWrite',
  'autosaveRead',
  'autosaveKeepRejected',
  'showOpenDialog',
  'pendingFiles',
  'readPendingFile',
  'releasePendingFile',
  'onFilesPending',
  'onMenuCommand',
  'saveFile',
  'chooseFolder',
  'setDocumentState',
  'setThemeSource',
  'closeWindow',
  'recentFiles',
  'openRecent',
  'openCheckpoint',
  'readRange',
  'releaseCheckpoint',
  'onCloseRequested',
] as const satisfies readonly (keyof HingeDesktopApi)[];

/** Does not compile when HingeDesktopApi gains a member that desktopApiKeys does not list. */
type AssertNever<T extends never> = T;
export type DesktopApiKeysAreComplete = AssertNever<Exclude<keyof HingeDesktopApi, (typeof desktopApiKeys)[number]>>;
/** Does not compile when a lab has no `lab.<id>` menu command. */
export type LabsHaveMenuCommands = AssertNever<Exclude<`lab.${LabId}`, MenuCommand>>;
