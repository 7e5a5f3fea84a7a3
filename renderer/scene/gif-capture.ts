import { GIF_MAX_FPS, GifWriter, gifSize } from './gif-export.js';
import { VideoExportAbortedError, type VideoExportOptions } from './video-export.js';

export interface ExportedGif {
  readonly bytes: Uint8Array;
  readonly mimeType: 'image/gif';
  readonly extension: 'gif';
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly durationSeconds: number;
}

/**
 * The animation as a looping GIF, with the same contract as exportVideo (renderFrame(t) draws
 * frame t into the canvas synchronously; progress; cancel through `signal`): at most GIF_MAX_FPS
 * frames per second, scaled to at most GIF_MAX_WIDTH pixels wide, each frame with its own
 * 256-colour palette. Frames are copied right after they are drawn, in the same task.
 */
export async function exportVideo(options: VideoExportOptions): Promise<ExportedGif> {
  const { renderFrame, canvas, duration, onProgress, signal } = options;
  const fps = Math.min(GIF_MAX_FPS, options.fps ?? GIF_MAX_FPS);
  if (!(duration > 0) || !Number.isFinite(duration)) throw new RangeError(`The animation's duration must be a positive number of seconds, not ${duration}.`);
  const { width, height } = gifSize(canvas.width, canvas.height);
  const copy = new OffscreenCanvas(width, height);
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser cannot create a 2D canvas to make the GIF.');
  const frames = Math.max(1, Math.round(duration * fps));
  const writer = new GifWriter(1000 / fps);
  for (let k = 0; k < frames; k++) {
    if (signal?.aborted) throw new VideoExportAbortedError();
    if (options.prepareFrame) {
      await options.prepareFrame(k / fps);
      if (signal?.aborted) throw new VideoExportAbortedError();
    }
    renderFrame(k / fps);
    ctx.drawImage(canvas, 0, 0, width, height);
    writer.add({ width, height, pixels: ctx.getImageData(0, 0, width, height).data });
    onProgress?.((k + 1) / frames);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (signal?.aborted) throw new VideoExportAbortedError();
  return { bytes: writer.finish(), mimeType: 'image/gif', extension: 'gif', width, height, frames, durationSeconds: frames / fps };
}
