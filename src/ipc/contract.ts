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
} as const;

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
}

/** The keys of HingeDesktopApi, in order: the end-to-end and preload tests check this list. */
export const desktopApiKeys = ['savePng', 'copyPng', 'appInfo'] as const satisfies readonly (keyof HingeDesktopApi)[];
