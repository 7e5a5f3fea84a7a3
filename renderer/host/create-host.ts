import type { HingeDesktopApi } from '../../src/ipc/contract.js';
import { BrowserHost } from './browser-host.js';
import { DesktopHost } from './desktop-host.js';
import type { Host } from './host.js';

declare global {
  interface Window {
    /** Present only inside Electron, put there by the preload through contextBridge. */
    readonly hinge?: HingeDesktopApi;
  }
}

/** Picks the desktop host when the preload exposed its API, else the browser host. */
export function createHost(): Host {
  return window.hinge ? new DesktopHost(window.hinge) : new BrowserHost();
}
