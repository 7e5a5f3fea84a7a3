/**
 * The sandboxed preload: exposes exactly the named functions of HingeDesktopApi on `window.hinge`.
 * The page never sees ipcRenderer, channel names or a generic send; each function sends one
 * payload on its own channel and checks the answer against the contract before handing it over.
 * Bundled to CommonJS with zod inlined, because a sandboxed preload can require only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { z } from 'zod';
import { channels, desktopApiKeys, type HingeDesktopApi } from '../src/ipc/contract.js';

// The page's CSP forbids eval; without this zod probes `new Function` and the probe is reported
// as a CSP violation even though zod catches it.
z.config({ jitless: true });

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
};

// Expose exactly the contract's keys, in its order, even if api grows a stray member.
const exposed = Object.fromEntries(desktopApiKeys.map((key) => [key, api[key]])) as unknown as HingeDesktopApi;
contextBridge.exposeInMainWorld('hinge', exposed);
