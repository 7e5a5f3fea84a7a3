// The desktop host passes requests to the preload's API and refuses answers that break the contract;
// it reads opened files in chunks and releases them; the browser host keeps Recent in local storage.
import { describe, expect, it, vi } from 'vitest';
import { MAX_FILE_CHUNK_BYTES, desktopApiKeys, type HingeDesktopApi, type PendingFile } from '../../src/ipc/contract.js';
import { DesktopHost } from '../../renderer/host/desktop-host.js';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const id = (n: number) => n.toString(16).padStart(32, '0');

/** A fake of the preload's API: every member answers `answer` unless overridden. */
function fakeApi(answer: unknown, overrides: Partial<HingeDesktopApi> = {}): HingeDesktopApi & { calls: unknown[] } {
  const calls: unknown[] = [];
  const reply = vi.fn(async (request?: unknown) => {
    calls.push(request);
    return answer as never;
  });
  const api = Object.fromEntries(desktopApiKeys.map((key) => [key, reply])) as unknown as HingeDesktopApi;
  return Object.assign(api, { onFilesPending: () => () => undefined, onMenuCommand: () => () => undefined, onCloseRequested: () => () => undefined }, overrides, { calls });
}

/** Files on a fake disk, read through readPendingFile in chunks. */
function fakeDisk(files: Record<string, Uint8Array>) {
  const released: string[] = [];
  const reads: { id: string; offset: number; length: number }[] = [];
  const list: PendingFile[] = Object.entries(files).map(([name, bytes], i) => ({ id: id(i + 1), name, size: bytes.length }));
  const api = fakeApi(undefined, {
    showOpenDialog: async () => list,
    pendingFiles: async () => list,
    readPendingFile: async (request) => {
      reads.push(request);
      const file = list.find((f) => f.id === request.id)!;
      const bytes = files[file.name]!;
      return { status: 'read', bytes: bytes.slice(request.offset, request.offset + request.length) as Uint8Array<ArrayBuffer> };
    },
    releasePendingFile: async ({ id }) => {
      released.push(id);
      return true;
    },
  });
  return { api, released, reads, list };
}

describe('DesktopHost', () => {
  it('sends the bytes and the suggested name, and returns the main process answer', async () => {
    const api = fakeApi({ status: 'saved', path: '/home/me/layer.png' });
    const host = new DesktopHost(api);
    await expect(host.savePng(png, 'layer.png')).resolves.toEqual({ status: 'saved', path: '/home/me/layer.png' });
    expect(api.calls).toEqual([{ bytes: png, suggestedName: 'layer.png' }]);
  });

  it('passes a failure reason through for the export panel to show', async () => {
    const host = new DesktopHost(fakeApi({ status: 'failed', reason: 'The disk is full.' }));
    await expect(host.savePng(png, 'layer.png')).resolves.toEqual({ status: 'failed', reason: 'The disk is full.' });
  });

  it('refuses an answer outside the contract', async () => {
    const host = new DesktopHost(fakeApi({ status: 'saved' }));
    await expect(host.savePng(png, 'layer.png')).rejects.toThrow();
    const copy = new DesktopHost(fakeApi({ status: 'maybe' }));
    await expect(copy.copyPng(png)).rejects.toThrow();
    await expect(new DesktopHost(fakeApi({ status: 'saved', name: 'a.hinge', handle: 'not-hex' })).saveFile(png, 'a.hinge')).rejects.toThrow();
  });

  it('saves files with a handle or a folder, never both unasked', async () => {
    const api = fakeApi({ status: 'saved', name: 'a.hinge', handle: id(7) });
    const host = new DesktopHost(api);
    await expect(host.saveFile(png, 'a.hinge')).resolves.toEqual({ status: 'saved', name: 'a.hinge', handle: id(7) });
    await host.saveFile(png, 'a.hinge', { handle: id(7) });
    await host.saveFile(png, 'b.png', { folder: id(8) });
    expect(api.calls).toEqual([
      { bytes: png, suggestedName: 'a.hinge' },
      { bytes: png, suggestedName: 'a.hinge', handle: id(7) },
      { bytes: png, suggestedName: 'b.png', folder: id(8) },
    ]);
  });

  it('reads an opened file in chunks, hands over its bytes and handle, and releases it', async () => {
    const big = new Uint8Array(MAX_FILE_CHUNK_BYTES + 1000);
    for (let i = 0; i < big.length; i += 4096) big[i] = (i / 4096) % 251;
    big[big.length - 1] = 7;
    const disk = fakeDisk({ 'big.npy': big, 'small.hinge': new Uint8Array([1, 2, 3]) });
    const files = await new DesktopHost(disk.api).openFiles();
    expect(files.map((f) => f.name)).toEqual(['big.npy', 'small.hinge']);
    expect(Buffer.compare(files[0]!.bytes, big)).toBe(0);
    expect(files[0]!.handle).toBe(id(1));
    expect(disk.reads.filter((r) => r.id === id(1))).toHaveLength(2);
    expect(disk.released).toEqual([id(1), id(2)]);
  });

  it('delivers files opened from the command line once, even when announced twice', async () => {
    const disk = fakeDisk({ 'a.hinge': new Uint8Array([1]) });
    let announce: ((files: PendingFile[]) => void) | undefined;
    disk.api.onFilesPending = (callback) => {
      announce = callback;
      return () => undefined;
    };
    const host = new DesktopHost(disk.api);
    const received: string[] = [];
    host.onIncomingFiles((files) => received.push(...files.map((f) => f.name)));
    announce!(disk.list);
    await vi.waitFor(() => expect(received).toEqual(['a.hinge']), { timeout: 60_000 });
    // The fake disk answers in microtasks: one macrotask later both deliveries have settled.
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual(['a.hinge']);
  });

  it('skips a file whose read fails, and still releases it', async () => {
    const disk = fakeDisk({ 'gone.hinge': new Uint8Array([1, 2]) });
    disk.api.readPendingFile = async () => ({ status: 'failed', reason: 'gone' });
    await expect(new DesktopHost(disk.api).openFiles()).resolves.toEqual([]);
    expect(disk.released).toEqual([id(1)]);
  });
});
