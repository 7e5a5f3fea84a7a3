import { STAGE_SECONDS } from '../components/playback.js';
import type { ExportedVideo } from './video-export.js';
import { exportOptions } from './export-options.js';

/** How long a video holds the finished picture, so the last stage does not flash by. */
export const VIDEO_HOLD_SECONDS = 0.5;

export interface StagedVideoOptions {
  readonly canvas: HTMLCanvasElement;
  /** The animation's end time (its number of stages). */
  readonly end: number;
  readonly speed?: number;
  /** Draws the animation at time t (0 … end) into the canvas right now. */
  renderAt(t: number): void;
  /** Draws the view the user had before the export. */
  restore(): void;
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * A staged animation (one stage per STAGE_SECONDS at speed 1) as a video (or, when the export asks for one, a GIF) that ends on the
 * finished picture. The encoder library is large, so it loads only now; the view is restored
 * however the export ends.
 */
export async function exportStagedVideo(options: StagedVideoOptions): Promise<ExportedVideo> {
  const gif = exportOptions().animation === 'gif';
  const { exportVideo } = gif ? await import('./gif-capture.js') : await import('./video-export.js');
  const perStage = STAGE_SECONDS / (options.speed ?? 1);
  try {
    return await exportVideo({
      canvas: options.canvas,
      duration: options.end * perStage + VIDEO_HOLD_SECONDS,
      renderFrame: (t) => options.renderAt(Math.min(options.end, t / perStage)),
      onProgress: options.onProgress,
      signal: options.signal,
    });
  } finally {
    options.restore();
  }
}
