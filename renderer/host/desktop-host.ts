import { MAX_FILE_CHUNK_BYTES, channels, type HingeDesktopApi, type PendingFile } from '../../src/ipc/contract.js';
import { RangeReadError, type CheckpointHost, type ChooseFolderResult, type CopyResult, type Host, type IncomingFile, type MenuCommand, type RecentFile, type SaveFileOptions, type SaveFileResult, type SaveResult } from './host.js';

/** The host inside Electron: every call goes through the preload's named functions. */
export class DesktopHost implements Host {
  readonly kind = 'desktop';
  /** Pending files already being read, so a repeated announcement does not read one twice. */
  readonly #reading = new Set<string>();

  constructor(private readonly api: HingeDesktopApi) {}

  readonly checkpoints: CheckpointHost = {
    open: async (folder) => channels.openCheckpoint.response.parse(await this.api.openCheckpoint({ folder })),
    readRange: async (handle, offset, length) => {
      const result = channels.readRange.response.parse(await this.api.readRange({ handle, offset, length }));
      if (result.status === 'failed') throw new RangeReadError(result.code, result.reason);
      return result.bytes;
    },
    release: async (handles) => {
      await this.api.releaseCheckpoint({ handles: [...handles] }).catch(() => 0);
    },
  };

  async savePng(bytes: Uint8Array, suggestedName: string): Promise<SaveResult> {
    return channels.savePng.response.parse(await this.api.savePng({ bytes: bytes as Uint8Array<ArrayBuffer>, suggestedName }));
  }

  async copyPng(bytes: Uint8Array): Promise<CopyResult> {
    return channels.copyPng.response.parse(await this.api.copyPng({ bytes: bytes as Uint8Array<ArrayBuffer> }));
  }

  async saveFile(bytes: Uint8Array, suggestedName: string, options: SaveFileOptions = {}): Promise<SaveFileResult> {
    const request = { bytes: bytes as Uint8Array<ArrayBuffer>, suggestedName, ...(options.handle ? { handle: options.handle } : {}), ...(options.folder ? { folder: options.folder } : {}) };
    return channels.saveFile.response.parse(await this.api.saveFile(request));
  }

  async chooseFolder(): Promise<ChooseFolderResult> {
    return channels.chooseFolder.response.parse(await this.api.chooseFolder());
  }

  async openFiles(): Promise<IncomingFile[]> {
    const chosen = channels.showOpenDialog.response.parse(await this.api.showOpenDialog());
    return this.#readAll(chosen);
  }

  onIncomingFiles(callback: (files: IncomingFile[]) => void): () => void {
    const deliver = async (list: PendingFile[]) => {
      const files = await this.#readAll(list);
      if (files.length > 0) callback(files);
    };
    const stop = this.api.onFilesPending((list) => void deliver(list));
    // Files from the command line were queued before the page existed.
    void this.api.pendingFiles().then((list) => deliver(channels.pendingFiles.response.parse(list)));
    return stop;
  }

  onMenuCommand(callback: (command: MenuCommand) => void): () => void {
    return this.api.onMenuCommand(callback);
  }

  async autosaveWrite(json: string): Promise<boolean> {
    const result = channels.autosaveWrite.response.parse(await this.api.autosaveWrite(json));
    return result.status === 'saved';
  }

  async autosaveRead(): Promise<string | null> {
    return channels.autosaveRead.response.parse(await this.api.autosaveRead());
  }

  async autosaveKeepRejected(json: string): Promise<string | null> {
    const path = channels.autosaveKeepRejected.response.parse(await this.api.autosaveKeepRejected(json));
    return path && `the file ${path}`;
  }

  setThemeSource(source: 'system' | 'light' | 'dark'): void {
    void this.api.setThemeSource(source).catch(() => undefined);
  }

  setDocumentState(name: string | null, dirty: boolean): void {
    void this.api.setDocumentState({ name, dirty }).catch(() => undefined);
  }

  onCloseRequested(callback: () => void): () => void {
    return this.api.onCloseRequested(callback);
  }

  async closeWindow(): Promise<void> {
    await this.api.closeWindow();
  }

  async recentFiles(): Promise<RecentFile[]> {
    return channels.recentFiles.response.parse(await this.api.recentFiles());
  }

  async openRecent(id: string): Promise<IncomingFile | undefined> {
    const pending = channels.openRecent.response.parse(await this.api.openRecent({ id }));
    // openRecent queued it; the filesPending announcement may also arrive, #reading keeps it single.
    const files = await this.#readAll(pending.filter((file) => !this.#reading.has(file.id)).slice(-1));
    return files[0];
  }

  rememberRecent(): void {
    // The main process keeps the recent list itself (it knows the paths).
  }

  /** Reads every pending file not already being read, in chunks, then releases it. Unreadable ones are skipped. */
  async #readAll(list: readonly PendingFile[]): Promise<IncomingFile[]> {
    const files: IncomingFile[] = [];
    for (const file of list) {
      if (this.#reading.has(file.id)) continue;
      this.#reading.add(file.id);
      try {
        const bytes = new Uint8Array(file.size);
        let offset = 0;
        let failed = false;
        while (offset < file.size) {
          const length = Math.min(MAX_FILE_CHUNK_BYTES, file.size - offset);
          const chunk = channels.readPendingFile.response.parse(await this.api.readPendingFile({ id: file.id, offset, length }));
          if (chunk.status !== 'read' || chunk.bytes.byteLength === 0) {
            failed = true;
            break;
          }
          bytes.set(chunk.bytes.subarray(0, file.size - offset), offset);
          offset += chunk.bytes.byteLength;
        }
        if (!failed) files.push({ name: file.name, bytes, handle: file.id });
      } finally {
        await this.api.releasePendingFile({ id: file.id }).catch(() => false);
      }
    }
    return files;
  }
}
