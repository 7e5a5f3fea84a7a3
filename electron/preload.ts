/**
 * The sandboxed preload: exposes exactly the named functions of HingeDesktopApi on `window.hinge`.
 * The page never sees ipcRenderer, channel names, IPC events or a generic send; each function sends
 * one payload on its own channel and checks the answer against the contract before handing it
 * over, and each subscription hands the page only a validated payload, never the IPC event (whose
 * `sender` is ipcRenderer itself). Bundled to CommonJS with zod inlined, because a sandboxed
 * preload can require only 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { z } from 'zod';
import { channels, desktopApiKeys, events, type EventKey, type HingeDesktopApi, type PayloadOf } from '../src/ipc/contract.js';

// The page's CSP forbids eval; without this zod probes `new Function` and the probe is reported
// as a CSP violation even though zod catches it.
z.config({ jitless: true });

/** Listens for event `key`; `callback` gets each payload that passes the contract. */
function subscribe<K extends EventKey>(key: K, callback: (payload: PayloadOf<K>) => void): () => void {
  if (typeof callback !== 'function') throw new TypeError('expected a callback function');
  const { name, payload } = events[key];
  const listener = (_event: IpcRendererEvent, message: unknown): void => {
    const parsed = payload.safeParse(message);
    if (parsed.success) callback(parsed.data as PayloadOf<K>);
  };
  ipcRenderer.on(name, listener);
  return () => {
    ipcRenderer.removeListener(name, listener);
  };
}

const api: HingeDesktopApi = {
  async savePng(request) {
    return channels.savePng.response.parse(await ipcRenderer.invoke(channels.savePng.name, request));
  },
  async copyPng(request) {
    return channels.copyPng.response.parse(await ipcRenderer.invoke(channels.copyPng.name, request));
  },
  async appInfo() {
    return channels.appInfo.response.parse(await ipcRenderer.invoke(channels.appInfo.name));
  },
  async autosaveWrite(json) {
    return channels.autosaveWrite.response.parse(await ipcRenderer.invoke(channels.autosaveWrite.name, json));
  },
  async autosaveRead() {
    return channels.autosaveRead.response.parse(await ipcRenderer.invoke(channels.autosaveRead.name));
  },
  async autosaveKeepRejected(json) {
    return channels.autosaveKeepRejected.response.parse(await ipcRenderer.invoke(channels.autosaveKeepRejected.name, json));
  },
  async showOpenDialog() {
    return channels.showOpenDialog.response.parse(await ipcRenderer.invoke(channels.showOpenDialog.name));
  },
  async pendingFiles() {
    return channels.pendingFiles.response.parse(await ipcRenderer.invoke(channels.pendingFiles.name));
  },
  async readPendingFile(request) {
    return channels.readPendingFile.response.parse(await ipcRenderer.invoke(channels.readPendingFile.name, request));
  },
  async releasePendingFile(request) {
    return channels.releasePendingFile.response.parse(await ipcRenderer.invoke(channels.releasePendingFile.name, request));
  },
  onFilesPending(callback) {
    return subscribe('filesPending', callback);
  },
  onMenuCommand(callback) {
    return subscribe('menuCommand', callback);
  },
  async saveFile(request) {
    return channels.saveFile.response.parse(await ipcRenderer.invoke(channels.saveFile.name, request));
  },
  async chooseFolder() {
    return channels.chooseFolder.response.parse(await ipcRenderer.invoke(channels.chooseFolder.name));
  },
  async setThemeSource(request) {
    return channels.setThemeSource.response.parse(await ipcRenderer.invoke(channels.setThemeSource.name, request));
  },
  async setDocumentState(request) {
    return channels.setDocumentState.response.parse(await ipcRenderer.invoke(channels.setDocumentState.name, request));
  },
  async closeWindow() {
    return channels.closeWindow.response.parse(await ipcRenderer.invoke(channels.closeWindow.name));
  },
  async recentFiles() {
    return channels.recentFiles.response.parse(await ipcRenderer.invoke(channels.recentFiles.name));
  },
  async openRecent(request) {
    return channels.openRecent.response.parse(await ipcRenderer.invoke(channels.openRecent.name, request));
  },
  async openCheckpoint(request) {
    return channels.openCheckpoint.response.parse(await ipcRenderer.invoke(channels.openCheckpoint.name, request));
  },
  async readRange(request) {
    return channels.readRange.response.parse(await ipcRenderer.invoke(channels.readRange.name, request));
  },
  async releaseCheckpoint(request) {
    return channels.releaseCheckpoint.response.parse(await ipcRenderer.invoke(channels.releaseCheckpoint.name, request));
  },
  onCloseRequested(callback) {
    if (typeof callback !== 'function') throw new TypeError('expected a callback function');
    // The payload is null: the page gets a call, not the payload or the IPC event.
    return subscribe('closeRequested', () => callback());
  },
};

// Expose exactly the contract's keys, in its order, even if api grows a stray member.
const exposed = Object.fromEntries(desktopApiKeys.map((key) => [key, api[key]])) as unknown as HingeDesktopApi;
contextBridge.exposeInMainWorld('hinge', exposed);
