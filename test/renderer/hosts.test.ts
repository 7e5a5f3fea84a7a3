// The desktop host passes requests to the preload's API and refuses answers that break the contract.
import { describe, expect, it, vi } from 'vitest';
import type { HingeDesktopApi } from '../../src/ipc/contract.js';
import { DesktopHost } from '../../renderer/host/desktop-host.js';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

function fakeApi(answer: unknown): HingeDesktopApi & { calls: unknown[] } {
  const calls: unknown[] = [];
  const reply = vi.fn(async (request: unknown) => {
    calls.push(request);
    return answer as never;
  });
  return { calls, savePng: reply, copyPng: reply, appInfo: vi.fn(async () => answer as never) };
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
  });
});
