/**
 * IPC handlers for the channels of src/ipc/contract.ts. Like VS Code's ValidatedIpcMain, every
 * handler first checks who is asking (the main frame of our window, showing our page) and then
 * what is asked (the channel's zod request schema); anything else is refused before any effect.
 */
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  app,
  clipboard,
  ClipboardItem,
  dialog,
  ipcMain,
  nativeImage,
  nativeTheme,
  type BrowserWindow,
  type IpcMainInvokeEvent,
  type WebFrameMain,
} from 'electron';
import {
  channels,
  SAVE_EXTENSIONS,
  type ChannelKey,
  type PendingFile,
  type RequestOf,
  type ResponseOf,
  type SaveFileResult,
  type SaveResult,
} from '../src/ipc/contract.js';
import type { AutosaveStore } from './autosave.js';
import { CheckpointFiles } from './checkpoint-files.js';
import { documentWindowOf } from './document-window.js';
import type { HandleRegistry } from './file-handles.js';
import { writeFileAtomic } from './atomic-write.js';
import type { OpenFileQueue } from './open-files.js';
import { isOwnPageUrl, type OwnPage } from './page.js';
import type { RecentFiles } from './recent-files.js';
import { askToSaveElsewhere, askWhereToSave, defaultFolder, leadsSomewhere } from './save-dialog.js';

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

/** What the handlers work with besides Electron itself. */
export interface IpcServices {
  readonly autosave: AutosaveStore;
  readonly openFiles: OpenFileQueue;
  /** Handles of the files and folders the user chose, and of opened files (file-handles.ts). */
  readonly handles: HandleRegistry;
  readonly recent: RecentFiles;
  /** Shows the Open… dialog over `window` and returns the files it queued. */
  readonly showOpenDialog: (window: BrowserWindow) => Promise<PendingFile[]>;
  /** Queues files the main process chose (a recent project) for the page; returns those queued. */
  readonly open: (paths: readonly string[]) => Promise<PendingFile[]>;
  /** End-to-end tests and `hinge --export`: where savePng writes instead of asking. */
  readonly testSavePath?: string | undefined;
  /** The Model lab's open checkpoint files (a fresh set when not given). */
  readonly checkpoints?: CheckpointFiles | undefined;
  /** Told of every savePng answer (`hinge --export` exits on it). */
  readonly onPngSaved?: ((result: SaveResult) => void) | undefined;
  /** Told of every document state the page reports (`hinge --export` waits for its project). */
  readonly onDocumentState?: ((state: RequestOf<'setDocumentState'>) => void) | undefined;
}

/** Registers every channel of the contract. */
export function registerIpcHandlers(senderCheck: SenderCheck, services: IpcServices): void {
  // The folder the user last saved into or chose: the next dialog starts there.
  let lastFolder: string | undefined;

  validatedHandle('savePng', senderCheck, async ({ bytes, suggestedName }, { window }) => {
    // The path comes from the dialog the user answered (or the test harness), never from the page.
    const { canceled, filePath } = services.testSavePath
      ? { canceled: false, filePath: services.testSavePath }
      : await dialog.showSaveDialog(window, {
          title: 'Export PNG',
          defaultPath: join(lastFolder ?? defaultFolder(['pictures', 'documents', 'home']), suggestedName),
          filters: [{ name: 'PNG image', extensions: ['png'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        });
    if (canceled || !filePath) return { status: 'canceled' };
    const result = await writeFileAtomic(filePath, bytes);
    services.onPngSaved?.(result.status === 'saved' ? { status: 'saved', path: filePath } : result);
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
  validatedHandle('autosaveKeepRejected', senderCheck, (json) => services.autosave.keepRejected(json));

  validatedHandle('showOpenDialog', senderCheck, (_request, { window }) => services.showOpenDialog(window));
  validatedHandle('pendingFiles', senderCheck, () => services.openFiles.list());
  validatedHandle('readPendingFile', senderCheck, ({ id, offset, length }) => services.openFiles.read(id, offset, length));
  validatedHandle('releasePendingFile', senderCheck, ({ id }) => services.openFiles.release(id));

  validatedHandle('saveFile', senderCheck, async ({ bytes, suggestedName, handle, folder }, { window }): Promise<SaveFileResult> => {
    const extension = saveExtensionOf(suggestedName);
    const startFolder = () => lastFolder ?? defaultFolder(['documents', 'home']);
    let target: string | undefined;
    let asked = false; // the user chose `target` in a dialog
    if (handle) {
      // Save: back to the file the user saved or opened before (in this run, or an earlier one whose
      // autosave kept its path), and only as the same kind of file, so a project can never
      // overwrite the weights or the image it was opened from.
      const path = services.handles.pathOf(handle, 'file');
      if (!path) return { status: 'failed', reason: 'Hinge no longer knows where that file is; use Save As….' };
      if (extname(path).toLowerCase() !== extension) {
        return { status: 'failed', reason: `That file is not a ${extension} file; use Save As….` };
      }
      if (await leadsSomewhere(path)) target = path;
      else {
        // Moved or deleted since: say so and ask, rather than leave a stray copy where it was.
        target = await askToSaveElsewhere(window, extension, path, startFolder());
        asked = true;
      }
    } else if (folder) {
      // Export all: into the folder the user chose, under the page's bare name.
      const path = services.handles.pathOf(folder, 'folder');
      if (!path) return { status: 'failed', reason: 'Hinge no longer knows that folder; choose it again.' };
      target = resolve(path, suggestedName);
      if (!isDirectlyInside(path, target)) return { status: 'failed', reason: 'That name leads outside the chosen folder.' };
    } else {
      target = await askWhereToSave(window, suggestedName, extension, startFolder());
      asked = true;
    }
    if (!target) return { status: 'canceled' };
    const result = await writeFileAtomic(target, bytes);
    if (result.status === 'failed') return result;
    if (asked) lastFolder = dirname(target);
    void services.recent.add(target).catch(() => false); // only projects join; not listing one is no failed save
    return { status: 'saved', name: basename(target).slice(0, 255), handle: asked || !handle ? services.handles.handleFor('file', target) : handle };
  });

  validatedHandle('chooseFolder', senderCheck, async (_request, { window }) => {
    const { canceled, filePaths } = await dialog.showOpenDialog(window, {
      title: 'Choose a folder',
      buttonLabel: 'Choose',
      defaultPath: lastFolder ?? defaultFolder(['documents', 'home']),
      properties: ['openDirectory', 'createDirectory'],
    });
    const path = filePaths[0];
    if (canceled || !path || !isAbsolute(path)) return { status: 'canceled' };
    lastFolder = path;
    return { status: 'chosen', name: (basename(path) || path).slice(0, 255), handle: services.handles.handleFor('folder', path) };
  });

  validatedHandle('setDocumentState', senderCheck, (state, { window }) => {
    services.onDocumentState?.(state);
    const document = documentWindowOf(window);
    if (!document) return false;
    document.setState(state);
    return true;
  });

  // Electron's nativeTheme follows the user's pick: prefers-color-scheme and the window's chrome agree with the page.
  validatedHandle('setThemeSource', senderCheck, (source) => {
    nativeTheme.themeSource = source;
    return true;
  });

  validatedHandle('closeWindow', senderCheck, (_request, { window }) => {
    const document = documentWindowOf(window);
    if (document) document.closeConfirmed();
    else window.close();
    return true;
  });

  const checkpoints = services.checkpoints ?? new CheckpointFiles();
  validatedHandle('openCheckpoint', senderCheck, async ({ folder }, { window }) => {
    const { canceled, filePaths } = await dialog.showOpenDialog(window, {
      title: folder ? 'Open a checkpoint folder' : 'Open checkpoint files',
      buttonLabel: 'Open',
      defaultPath: lastFolder ?? defaultFolder(['documents', 'home']),
      properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
      ...(folder ? {} : { filters: [{ name: 'Checkpoints', extensions: CHECKPOINT_EXTENSIONS }, { name: 'All files', extensions: ['*'] }] }),
    });
    const paths = filePaths.filter((path) => isAbsolute(path));
    if (canceled || paths.length === 0) return { status: 'canceled' };
    lastFolder = folder ? paths[0] : dirname(paths[0]!);
    return checkpoints.openPaths(window, paths, folder);
  });
  validatedHandle('readRange', senderCheck, ({ handle, offset, length }, { window }) => checkpoints.read(window, handle, offset, length));
  validatedHandle('releaseCheckpoint', senderCheck, ({ handles }, { window }) => checkpoints.release(window, handles));

  validatedHandle('recentFiles', senderCheck, async () =>
    (await services.recent.list()).map((path) => ({ id: services.handles.handleFor('file', path), name: basename(path).slice(0, 255) })),
  );

  validatedHandle('openRecent', senderCheck, async ({ id }) => {
    // Only a project that is on the recent list: this channel opens nothing else.
    const path = services.handles.pathOf(id, 'file');
    if (!path || !(await services.recent.has(path))) return [];
    return services.open([path]);
  });
}

/** What a checkpoint's files end in: weights, shard indexes and configs, tokenizers. */
const CHECKPOINT_EXTENSIONS = ['safetensors', 'json', 'bin', 'pt', 'pth', 'ckpt', 'npz', 'gguf'];

/** The extension (one of SAVE_EXTENSIONS, lower case) of a name the contract already checked. */
function saveExtensionOf(name: string): (typeof SAVE_EXTENSIONS)[number] {
  const lower = name.toLowerCase();
  const extension = SAVE_EXTENSIONS.find((ext) => lower.endsWith(ext));
  if (!extension) throw new Error(`refused: invalid payload: suggestedName: not one of ${SAVE_EXTENSIONS.join(', ')}`);
  return extension;
}

/** True when `target` is an entry of `folder` itself, not the folder, not below or beside it. */
export function isDirectlyInside(folder: string, target: string): boolean {
  const rel = relative(resolve(folder), target);
  return rel !== '' && rel !== '.' && rel !== '..' && !isAbsolute(rel) && basename(rel) === rel;
}
