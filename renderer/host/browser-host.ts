import { downloadBlob } from './download.js';
import type { CopyResult, Host, SaveResult } from './host.js';

/** The host in a plain browser (`npm run web`): exports become downloads. */
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
}
