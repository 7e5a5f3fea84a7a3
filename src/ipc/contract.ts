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

/** The autosaved state: JSON text, bounded, parsed once to prove it is JSON. */
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
/** File types Hinge opens: its own projects and weight files. */
export const OPENABLE_EXTENSIONS = ['.hinge', '.npy', '.safetensors'] as const;

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

/** The labs, by their hash route (`#/svd`); the menu opens each. */
export const LAB_IDS = ['map', 'layer', 'svd', 'attention', 'lora', 'gradients', 'regions'] as const;
export type LabId = (typeof LAB_IDS)[number];

/**
 * Commands the application menu sends to the page. Open… is not among them: the main process shows
 * that dialog itself and announces the chosen files with `filesPending`. `undo` and `redo` arrive
 * whatever has focus (the menu's shortcuts win over the page's): the page undoes inside a focused
 * text field itself, and its own history otherwise.
 */
export const menuCommand = z.enum([
  'save',
  'exportPng',
  'undo',
  'redo',
  'lab.map',
  'lab.layer',
  'lab.svd',
  'lab.attention',
  'lab.lora',
  'lab.gradients',
  'lab.regions',
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
} as const;

/** Messages the main process sends to the page (webContents.send), validated on both ends. */
export const events = {
  /** The files waiting for the page changed (a second launch or Open…): the whole list. */
  filesPending: { name: 'hinge:files-pending', payload: pendingFiles },
  /** A command from the application menu. */
  menuCommand: { name: 'hinge:menu-command', payload: menuCommand },
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
}

/** The keys of HingeDesktopApi, in order: the end-to-end and preload tests check this list. */
export const desktopApiKeys = [
  'savePng',
  'copyPng',
  'appInfo',
  'autosaveWrite',
  'autosaveRead',
  'showOpenDialog',
  'pendingFiles',
  'readPendingFile',
  'releasePendingFile',
  'onFilesPending',
  'onMenuCommand',
] as const satisfies readonly (keyof HingeDesktopApi)[];

/** Does not compile when HingeDesktopApi gains a member that desktopApiKeys does not list. */
type AssertNever<T extends never> = T;
export type DesktopApiKeysAreComplete = AssertNever<Exclude<keyof HingeDesktopApi, (typeof desktopApiKeys)[number]>>;
/** Does not compile when a lab has no `lab.<id>` menu command. */
export type LabsHaveMenuCommands = AssertNever<Exclude<`lab.${LabId}`, MenuCommand>>;
