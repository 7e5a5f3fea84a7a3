// What exportVideo does before any frame is encoded: it checks its inputs, honours an abort that
// came first, and says plainly when there is no encoder (as in Node, which has no WebCodecs).
// Encoding itself needs a browser and is tested end to end in test/e2e/video.spec.ts.
import { describe, expect, it, vi } from 'vitest';
import { exportVideo, VideoEncodingUnsupportedError, VideoExportAbortedError } from '../../renderer/scene/video-export.js';

const canvas = (width: number, height: number) => ({ width, height }) as HTMLCanvasElement;

describe('exportVideo', () => {
  it.each([
    { duration: 0, fps: 30, message: /duration/ },
    { duration: Number.NaN, fps: 30, message: /duration/ },
    { duration: 2, fps: 0, message: /frame rate/ },
    { duration: 2, fps: Number.POSITIVE_INFINITY, message: /frame rate/ },
  ])('refuses duration $duration s at $fps fps', async ({ duration, fps, message }) => {
    const renderFrame = vi.fn();
    await expect(exportVideo({ renderFrame, canvas: canvas(64, 48), duration, fps })).rejects.toThrow(RangeError);
    await expect(exportVideo({ renderFrame, canvas: canvas(64, 48), duration, fps })).rejects.toThrow(message);
    expect(renderFrame).not.toHaveBeenCalled();
  });

  it('refuses a canvas too small to make even dimensions, naming its size', async () => {
    await expect(exportVideo({ renderFrame: () => {}, canvas: canvas(1, 480), duration: 1 })).rejects.toThrow('1×480');
  });

  it('stops with an AbortError before rendering when the signal has already aborted', async () => {
    const renderFrame = vi.fn();
    const abort = new AbortController();
    abort.abort();
    const error = await exportVideo({ renderFrame, canvas: canvas(64, 48), duration: 1, signal: abort.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoExportAbortedError);
    expect((error as Error).name).toBe('AbortError');
    expect(renderFrame).not.toHaveBeenCalled();
  });

  it('says the browser cannot encode video when WebCodecs is missing, at the even size it tried', async () => {
    expect(typeof (globalThis as { VideoEncoder?: unknown }).VideoEncoder).toBe('undefined');
    const error = await exportVideo({ renderFrame: () => {}, canvas: canvas(641, 481), duration: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoEncodingUnsupportedError);
    expect((error as Error).message).toMatch(/^This browser cannot encode video \(no WebCodecs encoder/);
    expect((error as Error).message).toContain('640×480');
  });
});
