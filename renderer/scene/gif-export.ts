import { GIFEncoder, applyPalette, quantize } from 'gifenc';

/** One frame of an animated GIF: RGBA pixels, top row first. */
export interface GifFrame {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array | Uint8ClampedArray;
}

/** GIFs stay short and small: at most this many frames per second and this many pixels wide. */
export const GIF_MAX_FPS = 15;
export const GIF_MAX_WIDTH = 640;

/**
 * Encodes frames as an animated GIF that loops forever. Each frame gets its own palette of at
 * most 256 colours, chosen for that frame (pnnquant2 in RGB565, gifenc's quantizer), so the
 * smooth gradients and the thin coloured lines of a scene keep their colours; `delayMs` is each
 * frame's duration (GIF counts in hundredths of a second, so it is rounded to 10 ms).
 */
export function encodeGif(frames: Iterable<GifFrame>, delayMs: number): Uint8Array {
  const writer = new GifWriter(delayMs);
  for (const frame of frames) writer.add(frame);
  return writer.finish();
}

/** encodeGif one frame at a time, so a long animation never holds more than one frame's pixels. */
export class GifWriter {
  readonly #gif = GIFEncoder();
  #count = 0;
  #size: { width: number; height: number } | undefined;

  constructor(private readonly delayMs: number) {}

  add(frame: GifFrame): void {
    if (frame.pixels.length !== frame.width * frame.height * 4) throw new RangeError(`A ${frame.width}×${frame.height} frame needs ${frame.width * frame.height * 4} bytes of RGBA, not ${frame.pixels.length}.`);
    this.#size ??= { width: frame.width, height: frame.height };
    if (frame.width !== this.#size.width || frame.height !== this.#size.height) throw new RangeError(`Every frame of a GIF has one size: ${this.#size.width}×${this.#size.height}, not ${frame.width}×${frame.height}.`);
    const palette = quantize(frame.pixels, 256, { format: 'rgb565' });
    const index = applyPalette(frame.pixels, palette, 'rgb565');
    this.#gif.writeFrame(index, frame.width, frame.height, { palette, delay: Math.max(10, Math.round(this.delayMs / 10) * 10), repeat: 0 });
    this.#count++;
  }

  finish(): Uint8Array {
    if (this.#count === 0) throw new RangeError('A GIF needs at least one frame.');
    this.#gif.finish();
    return this.#gif.bytes();
  }
}

/** The size a canvas is scaled to for a GIF: its own, or GIF_MAX_WIDTH wide keeping the aspect. */
export function gifSize(width: number, height: number): { width: number; height: number } {
  if (width <= GIF_MAX_WIDTH) return { width, height };
  return { width: GIF_MAX_WIDTH, height: Math.max(1, Math.round((height * GIF_MAX_WIDTH) / width)) };
}
