import { beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), send: vi.fn(), sendSync: vi.fn(), on: vi.fn(), postMessage: vi.fn() },
}));
vi.mock('electron', () => electron);

import { channels, desktopApiKeys, type HingeDesktopApi } from '../../src/ipc/contract.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);
let api: HingeDesktopApi;

beforeAll(async () => {
  await import('../../electron/preload.js');
  api = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as HingeDesktopApi;
});

describe('preload', () => {
  it("exposes exactly the contract's named functions as window.hinge, once", () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[0]).toBe('hinge');
    expect(Object.keys(api)).toEqual([...desktopApiKeys]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('never hands out ipcRenderer or any of its methods', () => {
    const leaked = new Set<unknown>([electron.ipcRenderer, ...Object.values(electron.ipcRenderer)]);
    for (const value of Object.values(api)) expect(leaked.has(value)).toBe(false);
  });

  it('sends each call on its own channel with exactly its payload', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'saved', path: '/x/a.png' });
    await expect(api.savePng({ bytes: PNG, suggestedName: 'a.png' })).resolves.toEqual({ status: 'saved', path: '/x/a.png' });
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'copied' });
    await expect(api.copyPng({ bytes: PNG })).resolves.toEqual({ status: 'copied' });
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ version: '0.1.0', platform: 'linux' });
    await expect(api.appInfo()).resolves.toEqual({ version: '0.1.0', platform: 'linux' });
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [channels.savePng.name, { bytes: PNG, suggestedName: 'a.png' }],
      [channels.copyPng.name, { bytes: PNG }],
      [channels.appInfo.name],
    ]);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('rejects an answer that breaks the contract', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'saved' });
    await expect(api.savePng({ bytes: PNG, suggestedName: 'a.png' })).rejects.toThrow();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'copied', extra: 1 });
    await expect(api.copyPng({ bytes: PNG })).resolves.toEqual({ status: 'copied' }); // unknown keys are stripped
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ version: 1 });
    await expect(api.appInfo()).rejects.toThrow();
  });

  it('passes a refusal from the main process through', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('refused: unexpected sender'));
    await expect(api.appInfo()).rejects.toThrow('refused: unexpected sender');
  });
});
