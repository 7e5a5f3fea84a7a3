import { beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn(),
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn(),
    removeListener: vi.fn(),
    postMessage: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

import { channels, desktopApiKeys, events, type HingeDesktopApi } from '../../src/ipc/contract.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);
let api: HingeDesktopApi;

beforeAll(async () => {
  await import('../../electron/preload.js');
  api = electron.contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as HingeDesktopApi;
});

describe('preload', () => {
  it("exposes exactly the contract's named functions as window.hinge, once", () => {
    expect([...desktopApiKeys]).toEqual([
      'savePng',
      'copyPng',
      'appInfo',
      'autosaveWrite',
      'autosaveRead',
      'autosaveKeepRejected',
      'showOpenDialog',
      'pendingFiles',
      'readPendingFile',
      'releasePendingFile',
      'onFilesPending',
      'onMenuCommand',
      'saveFile',
      'chooseFolder',
      'setDocumentState',
      'setThemeSource',
      'closeWindow',
      'recentFiles',
      'openRecent',
      'openCheckpoint',
      'readRange',
      'releaseCheckpoint',
      'onCloseRequested',
    ]);
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

describe('preload: the new channels', () => {
  const ID = 'c'.repeat(32);

  it('sends each on its own channel with exactly its payload, and checks the answers', async () => {
    electron.ipcRenderer.invoke.mockClear();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'saved' });
    await expect(api.autosaveWrite('{"a":1}')).resolves.toEqual({ status: 'saved' });
    electron.ipcRenderer.invoke.mockResolvedValueOnce('{"a":1}');
    await expect(api.autosaveRead()).resolves.toBe('{"a":1}');
    electron.ipcRenderer.invoke.mockResolvedValueOnce(null);
    await expect(api.autosaveRead()).resolves.toBeNull();
    electron.ipcRenderer.invoke.mockResolvedValueOnce([{ id: ID, name: 'w.npy', size: 3 }]);
    await expect(api.showOpenDialog()).resolves.toEqual([{ id: ID, name: 'w.npy', size: 3 }]);
    electron.ipcRenderer.invoke.mockResolvedValueOnce([]);
    await expect(api.pendingFiles()).resolves.toEqual([]);
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'read', bytes: Uint8Array.of(1, 2) });
    await expect(api.readPendingFile({ id: ID, offset: 0, length: 2 })).resolves.toEqual({ status: 'read', bytes: Uint8Array.of(1, 2) });
    electron.ipcRenderer.invoke.mockResolvedValueOnce(true);
    await expect(api.releasePendingFile({ id: ID })).resolves.toBe(true);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [channels.autosaveWrite.name, '{"a":1}'],
      [channels.autosaveRead.name],
      [channels.autosaveRead.name],
      [channels.showOpenDialog.name],
      [channels.pendingFiles.name],
      [channels.readPendingFile.name, { id: ID, offset: 0, length: 2 }],
      [channels.releasePendingFile.name, { id: ID }],
    ]);
  });

  it('rejects answers that break the contract', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce('{not json');
    await expect(api.autosaveRead()).rejects.toThrow();
    electron.ipcRenderer.invoke.mockResolvedValueOnce([{ id: ID, name: 'w.npy', size: 3, path: '/x/w.npy' }]);
    await expect(api.pendingFiles()).rejects.toThrow();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'read', bytes: [1, 2] });
    await expect(api.readPendingFile({ id: ID, offset: 0, length: 2 })).rejects.toThrow();
  });
});

describe('preload: projects, folders, recent files and the close prompt', () => {
  const HANDLE = 'e'.repeat(32);

  it('sends each on its own channel with exactly its payload, and checks the answers', async () => {
    electron.ipcRenderer.invoke.mockClear();
    const save = { bytes: Uint8Array.of(123, 125), suggestedName: 'model.hinge', handle: HANDLE };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'saved', name: 'model.hinge', handle: HANDLE });
    await expect(api.saveFile(save)).resolves.toEqual({ status: 'saved', name: 'model.hinge', handle: HANDLE });
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'chosen', name: 'figures', handle: HANDLE });
    await expect(api.chooseFolder()).resolves.toEqual({ status: 'chosen', name: 'figures', handle: HANDLE });
    electron.ipcRenderer.invoke.mockResolvedValueOnce(true);
    await expect(api.setDocumentState({ name: 'model.hinge', dirty: true })).resolves.toBe(true);
    electron.ipcRenderer.invoke.mockResolvedValueOnce(true);
    await expect(api.closeWindow()).resolves.toBe(true);
    electron.ipcRenderer.invoke.mockResolvedValueOnce([{ id: HANDLE, name: 'model.hinge' }]);
    await expect(api.recentFiles()).resolves.toEqual([{ id: HANDLE, name: 'model.hinge' }]);
    electron.ipcRenderer.invoke.mockResolvedValueOnce([{ id: HANDLE, name: 'model.hinge', size: 2 }]);
    await expect(api.openRecent({ id: HANDLE })).resolves.toEqual([{ id: HANDLE, name: 'model.hinge', size: 2 }]);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [channels.saveFile.name, save],
      [channels.chooseFolder.name],
      [channels.setDocumentState.name, { name: 'model.hinge', dirty: true }],
      [channels.closeWindow.name],
      [channels.recentFiles.name],
      [channels.openRecent.name, { id: HANDLE }],
    ]);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('rejects answers that break the contract (a path where a handle belongs, a path in the recent list)', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'saved', path: '/home/me/model.hinge' });
    await expect(api.saveFile({ bytes: Uint8Array.of(1), suggestedName: 'a.hinge' })).rejects.toThrow();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ status: 'chosen', name: 'x', handle: '/home/me' });
    await expect(api.chooseFolder()).rejects.toThrow();
    electron.ipcRenderer.invoke.mockResolvedValueOnce('yes');
    await expect(api.setDocumentState({ name: null, dirty: false })).rejects.toThrow();
    electron.ipcRenderer.invoke.mockResolvedValueOnce(undefined);
    await expect(api.closeWindow()).rejects.toThrow();
    electron.ipcRenderer.invoke.mockResolvedValueOnce([{ id: HANDLE, name: 'a.hinge', path: '/home/me/a.hinge' }]);
    await expect(api.recentFiles()).rejects.toThrow();
    electron.ipcRenderer.invoke.mockResolvedValueOnce(Array.from({ length: 11 }, () => ({ id: HANDLE, name: 'a.hinge' })));
    await expect(api.recentFiles()).rejects.toThrow();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ id: HANDLE, name: 'a.hinge', size: 1 });
    await expect(api.openRecent({ id: HANDLE })).rejects.toThrow();
  });
});

describe('preload: subscriptions', () => {
  function lastListener(channel: string): (event: unknown, payload: unknown) => void {
    const call = electron.ipcRenderer.on.mock.calls.filter(([name]) => name === channel).at(-1);
    if (!call) throw new Error(`nobody listens on ${channel}`);
    return call[1] as (event: unknown, payload: unknown) => void;
  }

  it('onMenuCommand hands over valid commands only, never the IPC event, and unsubscribes', () => {
    const callback = vi.fn();
    const unsubscribe = api.onMenuCommand(callback);
    const listener = lastListener(events.menuCommand.name);
    const ipcEvent = { sender: electron.ipcRenderer, senderId: 0 };
    listener(ipcEvent, 'exportPng');
    listener(ipcEvent, 'lab.svd');
    listener(ipcEvent, 'format-disk');
    listener(ipcEvent, { command: 'save' });
    expect(callback.mock.calls).toEqual([['exportPng'], ['lab.svd']]);
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(events.menuCommand.name, listener);
  });

  it('onFilesPending hands over the validated list', () => {
    const callback = vi.fn();
    api.onFilesPending(callback);
    const listener = lastListener(events.filesPending.name);
    const file = { id: 'd'.repeat(32), name: 'model.hinge', size: 10 };
    listener({}, [file]);
    listener({}, [{ ...file, path: '/home/me/model.hinge' }]);
    listener({}, 'model.hinge');
    expect(callback.mock.calls).toEqual([[[file]]]);
  });

  it('onCloseRequested calls back with nothing on a null payload only, and unsubscribes', () => {
    const callback = vi.fn();
    const unsubscribe = api.onCloseRequested(callback);
    const listener = lastListener(events.closeRequested.name);
    listener({ sender: electron.ipcRenderer }, null);
    listener({}, 'close');
    listener({}, undefined);
    expect(callback.mock.calls).toEqual([[]]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(events.closeRequested.name, listener);
  });

  it('refuses something that is not a callback', () => {
    expect(() => api.onMenuCommand('alert(1)' as never)).toThrow(TypeError);
    expect(() => api.onCloseRequested('alert(1)' as never)).toThrow(TypeError);
  });
});
