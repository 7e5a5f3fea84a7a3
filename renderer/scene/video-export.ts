import {
  BufferTarget,
  getFirstEncodableVideoCodec,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  VideoSample,
  VideoSampleSource,
  WebMOutputFormat,
  type VideoCodec,
} from 'mediabunny';

/** The user (or the app) stopped the export; nothing was written. `name` is 'AbortError', as for fetch. */
export class VideoExportAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('Video export canceled.');
  }
}

/** No WebCodecs encoder in this browser handles VP9, VP8 or H.264 at the requested size. */
export class VideoEncodingUnsupportedError extends Error {
  override readonly name = 'VideoEncodingUnsupportedError';
  constructor(width: number, height: number) {
    super(`This browser cannot encode video (no WebCodecs encoder for VP9, VP8 or H.264 at ${width}×${height}).`);
  }
}

export interface VideoExportOptions {
  /**
   * Sets the animation to `t` seconds into the video, updates the scene and renders it into
   * `canvas` synchronously: the frame is captured right after this returns, in the same task,
   * so a WebGL canvas needs no `preserveDrawingBuffer`.
   */
  readonly renderFrame: (t: number) => void;
  /**
   * Optional: awaited before each renderFrame(t), for an animation whose frames come from
   * elsewhere (a worker's replay), so that renderFrame can stay synchronous.
   */
  readonly prepareFrame?: (t: number) => Promise<void>;
  readonly canvas: HTMLCanvasElement;
  /** Seconds of video. */
  readonly duration: number;
  /** Frames per second (default 30). */
  readonly fps?: number;
  /** Called after each frame with the fraction done, 0 to 1. */
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

export interface ExportedVideo {
  readonly bytes: Uint8Array;
  /** The full MIME type with codecs, e.g. `video/webm; codecs="vp09.00.31.08"`. */
  readonly mimeType: string;
  /** 'gif' when the export asked for a GIF (gif-capture.ts), which keeps this shape. */
  readonly extension: 'webm' | 'mp4' | 'gif';
  readonly width: number;
  readonly height: number;
  readonly frames: number;
  readonly durationSeconds: number;
}

/** Codecs in order of preference, with the container each goes in. */
const CODECS: readonly { codec: VideoCodec; extension: 'webm' | 'mp4' }[] = [
  { codec: 'vp9', extension: 'webm' },
  { codec: 'vp8', extension: 'webm' },
  { codec: 'avc', extension: 'mp4' },
];

/**
 * Renders an animation frame by frame and encodes it as a video file in memory (WebM with VP9,
 * else VP8, else MP4 with H.264: whichever WebCodecs encoder the browser has).
 *
 * Frame k shows time k/fps, whatever the machine's speed: frames are rendered on demand, not
 * captured in real time. Between frames the function waits for the encoder (backpressure) and
 * yields to the event loop, so the window stays responsive and a Cancel click gets through.
 * H.264 and VP9 need even sizes, so an odd canvas is cropped by its last column or row.
 *
 * The canvas is left showing the last frame rendered: the caller restores its own view (its
 * animation time) and renders it again, in a `finally`, whether the export succeeded or not.
 *
 * @throws VideoExportAbortedError when `signal` aborts; the encoder is closed and nothing is kept.
 * @throws VideoEncodingUnsupportedError when no encoder is available.
 */
export async function exportVideo(options: VideoExportOptions): Promise<ExportedVideo> {
  const { renderFrame, prepareFrame, canvas, duration, fps = 30, onProgress, signal } = options;
  if (!(duration > 0) || !Number.isFinite(duration)) throw new RangeError(`The video's duration must be a positive number of seconds, not ${duration}.`);
  if (!(fps > 0) || !Number.isFinite(fps)) throw new RangeError(`The frame rate must be a positive number, not ${fps}.`);
  const width = evenBelow(canvas.width);
  const height = evenBelow(canvas.height);
  if (width < 2 || height < 2) throw new RangeError(`The canvas (${canvas.width}×${canvas.height} px) is too small to make a video.`);
  throwIfAborted(signal);

  const codec = await getFirstEncodableVideoCodec(CODECS.map((c) => c.codec), { width, height, quality: QUALITY_HIGH, frameRate: fps });
  const choice = CODECS.find((c) => c.codec === codec);
  if (!choice) throw new VideoEncodingUnsupportedError(width, height);
  throwIfAborted(signal);

  const target = new BufferTarget();
  const output = new Output({
    format: choice.extension === 'webm' ? new WebMOutputFormat() : new Mp4OutputFormat({ fastStart: 'in-memory' }),
    target,
  });
  // If the window is resized mid-export, later frames are fitted into the first frame's box.
  const source = new VideoSampleSource({ codec: choice.codec, quality: QUALITY_HIGH, sizeChangeBehavior: 'contain' });
  output.addVideoTrack(source, { frameRate: fps });

  const frames = Math.max(1, Math.round(duration * fps));
  const evenCanvas = new EvenCanvas();
  try {
    await output.start();
    for (let k = 0; k < frames; k++) {
      throwIfAborted(signal);
      if (prepareFrame) {
        await prepareFrame(k / fps);
        throwIfAborted(signal);
      }
      renderFrame(k / fps);
      // Captured synchronously, before the browser presents (and may clear) the drawing buffer.
      const sample = new VideoSample(evenCanvas.of(canvas), { timestamp: k / fps, duration: 1 / fps });
      try {
        await source.add(sample);
      } finally {
        sample.close();
      }
      onProgress?.((k + 1) / frames);
      await yieldToEventLoop();
    }
    throwIfAborted(signal);
    await output.finalize();
  } catch (error) {
    if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel().catch(() => undefined);
    throw error;
  }
  // A cancel that arrived while the file was being finished still wins: the bytes are dropped.
  throwIfAborted(signal);
  const buffer = target.buffer;
  if (!buffer) throw new Error('The video encoder finished without producing a file.');
  return {
    bytes: new Uint8Array(buffer),
    mimeType: await output.getMimeType(),
    extension: choice.extension,
    width,
    height,
    frames,
    durationSeconds: frames / fps,
  };
}

function evenBelow(n: number): number {
  return n - (n % 2);
}

/**
 * An odd-sized canvas's picture without its last column or row, copied pixel for pixel. (A
 * VideoFrame with a visibleRect would crop without the copy, but in headless Chromium 156 the
 * encoded picture of such a frame of a WebGL canvas came out stretched by about 0.5%.)
 */
class EvenCanvas {
  #copy: OffscreenCanvas | undefined;

  of(canvas: HTMLCanvasElement): HTMLCanvasElement | OffscreenCanvas {
    const width = evenBelow(canvas.width);
    const height = evenBelow(canvas.height);
    if (width === canvas.width && height === canvas.height) return canvas;
    if (this.#copy?.width !== width || this.#copy.height !== height) this.#copy = new OffscreenCanvas(width, height);
    const ctx = this.#copy.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser cannot create a 2D canvas to crop the video frames.');
    ctx.drawImage(canvas, 0, 0);
    return this.#copy;
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new VideoExportAbortedError();
}

/**
 * Lets input and painting through between frames. `scheduler.yield` keeps our place at the
 * front of the queue; a MessageChannel task is the fallback (setTimeout is clamped, and
 * throttled to 1 Hz in hidden windows).
 */
function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
