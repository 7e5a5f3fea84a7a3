import { downloadBlob } from './download.js';
import type { ChooseFolderResult, CopyResult, Host, IncomingFile, MenuCommand, RecentFile, SaveFileOptions, SaveFileResult, SaveResult } from './host.js';

const AUTOSAVE_KEY = 'hinge.autosave';
/** Autosave records that could not be restored: `hinge.autosave-rejected-<time>`, never overwritten. */
export const REJECTED_AUTOSAVE_PREFIX = 'hinge.autosave-rejected-';
const RECENT_KEY = 'hinge.recent';
const MAX_RECENT = 10;
/** Projects larger than this are not kept in the browser's Recent list (local storage is small). */
const MAX_RECENT_TEXT = 1_000_000;

interface StoredRecent {
  readonly id: string;
  readonly name: string;
  readonly text: string;
}

const MIME: Record<string, string> = {
  hinge: 'application/x-hinge-project',
  png: 'image/png',
  svg: 'image/svg+xml',
  csv: 'text/csv',
  json: 'application/json',
  webm: 'video/webm',
  mp4: 'video/mp4',
  gif: 'image/gif',
};

function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The host in a plain browser (`npm run web`): saving is a download, opening is a file input,
 * autosave and Recent live in local storage; there is no menu and no window to close.
 */
export class BrowserHost implements Host {
  readonly kind = 'browser';

  async savePng(bytes: Uint8Array, suggestedName: string): Promise<SaveResult> {
    downloadBlob(new Blob([bytes as BlobPart], { type: 'image/png' }), suggestedName);
    return { status: 'saved', path: suggestedName };
  }

  async copyPng(bytes: Uint8Array): Promise<CopyResult> {
    if (!navigator.clipboard || typeof ClipboardItem === 'undefined') {
      return { status: 'failed', reason: 'This browser does not allow copying images to the clipboard.' };
    }
    try {
      const blob = new Blob([bytes as BlobPart], { type: 'image/png' });
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
      return { status: 'copied' };
    } catch (error) {
      return { status: 'failed', reason: `The browser refused the clipboard: ${(error as Error).message}` };
    }
  }

  async saveFile(bytes: Uint8Array, suggestedName: string, _options?: SaveFileOptions): Promise<SaveFileResult> {
    const extension = suggestedName.split('.').pop()?.toLowerCase() ?? '';
    downloadBlob(new Blob([bytes as BlobPart], { type: MIME[extension] ?? 'application/octet-stream' }), suggestedName);
    return { status: 'saved', name: suggestedName, handle: randomId() };
  }

  async chooseFolder(): Promise<ChooseFolderResult> {
    return { status: 'chosen', name: 'your downloads', handle: randomId() };
  }

  openFiles(): Promise<IncomingFile[]> {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.accept = '.hinge,.npy,.safetensors,.csv,.tsv,.png';
      input.dataset.testid = 'open-file-input';
      input.hidden = true;
      input.addEventListener('change', async () => {
        const files = await Promise.all([...(input.files ?? [])].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
        input.remove();
        resolve(files);
      });
      input.addEventListener('cancel', () => {
        input.remove();
        resolve([]);
      });
      document.body.append(input);
      input.click();
    });
  }

  onIncomingFiles(): () => void {
    return () => undefined;
  }

  onMenuCommand(_callback: (command: MenuCommand) => void): () => void {
    return () => undefined;
  }

  async autosaveWrite(json: string): Promise<boolean> {
    try {
      localStorage.setItem(AUTOSAVE_KEY, json);
      return true;
    } catch {
      return false; // storage full or disabled: autosave is best effort here
    }
  }

  async autosaveRead(): Promise<string | null> {
    return localStorage.getItem(AUTOSAVE_KEY);
  }

  async autosaveKeepRejected(json: string): Promise<string | null> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let key = `${REJECTED_AUTOSAVE_PREFIX}${stamp}`;
    for (let n = 2; localStorage.getItem(key) !== null; n++) key = `${REJECTED_AUTOSAVE_PREFIX}${stamp}-${n}`;
    try {
      localStorage.setItem(key, json);
      return `this browser's local storage for this page, under the key “${key}”`;
    } catch {
      return null;
    }
  }

  setThemeSource(): void {
    // A page cannot change the browser's theme; prefers-color-scheme stays the system's.
  }

  setDocumentState(name: string | null, dirty: boolean): void {
    document.title = `${name ?? 'Untitled'}${dirty ? ' •' : ''} — Hinge`;
  }

  onCloseRequested(): () => void {
    return () => undefined;
  }

  async closeWindow(): Promise<void> {}

  #recent(): StoredRecent[] {
    try {
      const list: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
      if (!Array.isArray(list)) return [];
      return list.filter((r): r is StoredRecent => typeof r?.id === 'string' && typeof r?.name === 'string' && typeof r?.text === 'string');
    } catch {
      return [];
    }
  }

  async recentFiles(): Promise<RecentFile[]> {
    return this.#recent().map(({ id, name }) => ({ id, name }));
  }

  async openRecent(id: string): Promise<IncomingFile | undefined> {
    const entry = this.#recent().find((r) => r.id === id);
    return entry && { name: entry.name, bytes: new TextEncoder().encode(entry.text) };
  }

  rememberRecent(name: string, text: string): void {
    if (text.length > MAX_RECENT_TEXT) return;
    const list = [{ id: randomId(), name, text }, ...this.#recent().filter((r) => r.name !== name)].slice(0, MAX_RECENT);
    try {
      localStorage.setItem(RECENT_KEY, JSON.stringify(list));
    } catch {
      // full: keep the old list
    }
  }
}
