/**
 * IPC handlers for the channels of src/ipc/contract.ts. Like VS Code's ValidatedIpcMain, every
 * handler first checks who is asking (the main frame of our window, showing our page) and then
 * what is asked (the channel's zod request schema); anything else is refused before any effect.
 */
import { dirname, join } from 'node:path';
import {
  app,
  clipboard,
  ClipboardItem,
  dialog,
  ipcMain,
  nativeImage,
  type BrowserWindow,
  type IpcMainInvokeEvent,
  type WebFrameMain,
} from 'electron';
import {
  channels,
  events,
  type ChannelKey,
  type EventKey,
  type PayloadOf,
  type PendingFile,
  type RequestOf,
  type ResponseOf,
} from '../src/ipc/contract.js';
import type { AutosaveStore } from './autosave.js';
import { writeFileAtomic } from './export.js';
import type { OpenFileQueue } from './open-files.js';
import { isOwnPageUrl, type OwnPage } from './page.js';

/** Decides whether an IPC event comes from a sender we trust; returns the window it belongs to. */
export type SenderCheck = (event: IpcMainInvokeEvent) => BrowserWindow | null;

/**
 * Trusts only the main frame of `getWindow()`'s web contents while it shows our page. A subframe,
 * another web contents, a frame that navigated away or was destroyed, or any other URL is refused.
 */
export function ownPageSender(getWindow: () => BrowserWindow | null, page: OwnPage): SenderCheck {
  return (event) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || event.sender !== win.webContents) return null;
    try {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isSameFrame(frame, win.webContents.mainFrame)) return null;
      return isOwnPageUrl(page, frame.url) ? win : null;
    } catch {
      return null; // a disposed frame throws on access
    }
  };
}

// Electron normally hands out one WebFrameMain object per frame; compare the frame's identity
// rather than the wrapper in case it ever does not.
function isSameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  return a === b || a.frameTreeNodeId === b.frameTreeNodeId;
}

export type ValidatedHandler<K extends ChannelKey> = (
  request: RequestOf<K>,
  context: { readonly window: BrowserWindow; readonly event: IpcMainInvokeEvent },
) => Promise<ResponseOf<K>> | ResponseOf<K>;

/**
 * Registers `handler` for channel `key`, behind the sender check and the request schema. A refused
 * call rejects in the renderer with 'refused: …' and the handler never runs.
 */
export function validatedHandle<K extends ChannelKey>(key: K, senderCheck: SenderCheck, handler: ValidatedHandler<K>): void {
  const channel = channels[key];
  ipcMain.handle(channel.name, async (event, ...args: unknown[]) => {
    const window = senderCheck(event);
    if (!window) throw new Error('refused: unexpected sender');
    if (args.length > 1) throw new Error(`refused: invalid payload: expected one argument, got ${args.length}`);
    const parsed = channel.request.safeParse(args[0]);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(payload)'}: ${issue.message}`);
      throw new Error(`refused: invalid payload: ${issues.join('; ')}`);
    }
    return handler(parsed.data as RequestOf<K>, { window, event });
  });
}

/**
 * Sends event `key` to the page in `window`, after checking the payload against the contract and
 * that the window still shows our page. Returns whether it was sent.
 */
export function sendToPage<K extends EventKey>(window: BrowserWindow | null, page: OwnPage, key: K, payload: PayloadOf<K>): boolean {
  if (!window || window.isDestroyed()) return false;
  const event = events[key];
  const parsed = event.payload.safeParse(payload);
  if (!parsed.success) return false;
  try {
    if (!isOwnPageUrl(page, window.webContents.mainFrame.url)) return false;
    window.webContents.send(event.name, parsed.data);
    return true;
  } catch {
    return false; // the frame was disposed in between
  }
}

/** What the handlers work with besides Electron itself. */
export interface IpcServices {
  readonly autosave: AutosaveStore;
  readonly openFiles: OpenFileQueue;
  /** Shows the Open… dialog over `window` and returns the files it queued. */
  readonly showOpenDialog: (window: BrowserWindow) => Promise<PendingFile[]>;
  /** End-to-end tests only: where savePng writes instead of asking (electron/test-mode.ts). */
  readonly testSavePath?: string | undefined;
}

/** Registers every channel of the contract. */
export function registerIpcHandlers(senderCheck: SenderCheck, services: IpcServices): void {
  let lastFolder: string | undefined;

  validatedHandle('savePng', senderCheck, async ({ bytes, suggestedName }, { window }) => {
    // The path comes from the dialog the user answered (or the test harness), never from the page.
    const { canceled, filePath } = services.testSavePath
      ? { canceled: false, filePath: services.testSavePath }
      : await dialog.showSaveDialog(window, {
          title: 'Export PNG',
          defaultPath: join(lastFolder ?? defaultExportFolder(), suggestedName),
          filters: [{ name: 'PNG image', extensions: ['png'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
    if (canceled || !filePath) return { status: 'canceled' };
    const result = await writeFileAtomic(filePath, bytes);
    if (result.status === 'saved') {
      lastFolder = dirname(filePath);
    } else {
      // The renderer shows the reason too; the dialog makes sure it is seen even if the page is busy.
      void dialog
        .showMessageBox(window, { type: 'error', title: 'Export failed', message: 'Hinge could not save the image.', detail: result.reason })
        .catch(() => undefined);
    }
    return result;
  });

  validatedHandle('copyPng', senderCheck, async ({ bytes }) => {
    try {
      // The signature check only looks at eight bytes; decoding proves the image is whole.
      const image = nativeImage.createFromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (image.isEmpty()) return { status: 'failed', reason: 'The image could not be decoded.' };
      await clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
      return { status: 'copied' };
    } catch (error) {
      return { status: 'failed', reason: error instanceof Error ? error.message : String(error) };
    }
  });

  validatedHandle('appInfo', senderCheck, () => ({ version: app.getVersion(), platform: process.platform }));

  validatedHandle('autosaveWrite', senderCheck, (json) => services.autosave.write(json));
  validatedHandle('autosaveRead', senderCheck, () => services.autosave.read());

  validatedHandle('showOpenDialog', senderCheck, (_request, { window }) => services.showOpenDialog(window));
  validatedHandle('pendingFiles', senderCheck, () => services.openFiles.list());
  validatedHandle('readPendingFile', senderCheck, ({ id, offset, length }) => services.openFiles.read(id, offset, length));
  validatedHandle('releasePendingFile', senderCheck, ({ id }) => services.openFiles.release(id));
}

function defaultExportFolder(): string {
  for (const name of ['pictures', 'documents', 'home'] as const) {
    try {
      return app.getPath(name);
    } catch {
      // this platform has no such folder; try the next
    }
  }
  return '';
}
