import { channels, type HingeDesktopApi } from '../../src/ipc/contract.js';
import type { CopyResult, Host, SaveResult } from './host.js';

/** The host inside Electron: every call goes through the preload's named functions. */
export class DesktopHost implements Host {
  readonly kind = 'desktop';
  constructor(private readonly api: HingeDesktopApi) {}

  async savePng(bytes: Uint8Array, suggestedName: string): Promise<SaveResult> {
    return channels.savePng.response.parse(await this.api.savePng({ bytes: bytes as Uint8Array<ArrayBuffer>, suggestedName }));
  }

  async copyPng(bytes: Uint8Array): Promise<CopyResult> {
    return channels.copyPng.response.parse(await this.api.copyPng({ bytes: bytes as Uint8Array<ArrayBuffer> }));
  }
}
