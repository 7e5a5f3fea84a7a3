/** Sending events to the page: only contract payloads, only to our own page. */
import type { BrowserWindow } from 'electron';
import { events, type EventKey, type PayloadOf } from '../src/ipc/contract.js';
import { isOwnPageUrl, type OwnPage } from './page.js';

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
