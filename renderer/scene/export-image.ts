import { Color, Vector2, type WebGLRenderer } from 'three';
import type { PerspectiveCamera, OrthographicCamera } from 'three';
import type { SceneView } from './scene-view.js';

/** The largest tile we render at once; bigger images are assembled from tiles. */
export function tileLimit(renderer: WebGLRenderer): number {
  const gl = renderer.getContext();
  const renderbuffer = gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number;
  const viewport = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
  return Math.min(4096, renderer.capabilities.maxTextureSize, renderbuffer, viewport[0]!, viewport[1]!);
}

export interface RenderedImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, top row first. */
  readonly pixels: Uint8ClampedArray;
  readonly tiles: number;
}

/**
 * Renders `view` at width×height pixels, tile by tile, through the same pipeline as the screen
 * (so colours and blending match what the user sees): each tile is drawn into the canvas's own
 * multisampled drawing buffer resized to the tile, with the camera's view offset selecting that
 * part of the full image, and read back before the browser ever shows it. `cssWidth`×`cssHeight`
 * is the on-screen layout size: labels keep their proportions and lines widen with the image.
 *
 * With `transparent`, each tile is drawn twice, on black and on white, and the background is
 * taken out exactly (difference matting): blending in the framebuffer gives, per channel,
 * on black B = a·c and on white W = a·c + (1 − a), so the coverage is a = 1 − (W − B) and the
 * colour c = B / a. Lines' anti-aliased edges and translucent fills keep their partial alpha.
 */
export function renderImage(
  renderer: WebGLRenderer,
  view: SceneView,
  cssWidth: number,
  cssHeight: number,
  width: number,
  height: number,
  maxTile = tileLimit(renderer),
  transparent = false,
): RenderedImage {
  const camera = view.camera as PerspectiveCamera | OrthographicCamera;
  const gl = renderer.getContext();
  const pixels = new Uint8ClampedArray(width * height * 4);
  const tileW = Math.min(maxTile, width);
  const tileH = Math.min(maxTile, height);
  const tileBuffer = new Uint8Array(tileW * tileH * 4);
  const onWhite = transparent ? new Uint8Array(tileW * tileH * 4) : undefined;
  const background = view.scene.background;
  const lineScale = width / cssWidth;
  const ratio = renderer.getPixelRatio();
  const size = renderer.getSize(new Vector2());
  let tiles = 0;
  renderer.setPixelRatio(1);
  try {
    for (let y0 = 0; y0 < height; y0 += tileH) {
      for (let x0 = 0; x0 < width; x0 += tileW) {
        const w = Math.min(tileW, width - x0);
        const h = Math.min(tileH, height - y0);
        renderer.setSize(w, h, false);
        camera.setViewOffset(width, height, x0, y0, w, h);
        view.setViewport(cssWidth, cssHeight, w, h, lineScale);
        renderer.setRenderTarget(null);
        if (onWhite) {
          view.scene.background = new Color(1, 1, 1);
          renderer.render(view.scene, camera);
          gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, onWhite);
          view.scene.background = new Color(0, 0, 0);
        }
        renderer.render(view.scene, camera);
        gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, tileBuffer);
        if (onWhite) unmatte(tileBuffer, onWhite, w * h);
        // WebGL reads rows bottom-up; the image is stored top row first.
        for (let row = 0; row < h; row++) {
          pixels.set(tileBuffer.subarray((h - 1 - row) * w * 4, (h - row) * w * 4), ((y0 + row) * width + x0) * 4);
        }
        tiles++;
      }
    }
  } finally {
    view.scene.background = background;
    camera.clearViewOffset();
    renderer.setPixelRatio(ratio);
    renderer.setSize(size.x, size.y, false);
  }
  return { width, height, pixels, tiles };
}

/**
 * The picture without its background, from the same picture on black (`black`, overwritten with
 * the result) and on white: alpha = 1 − mean over channels of (white − black), colour = black / alpha.
 */
export function unmatte(black: Uint8Array, white: Uint8Array, pixels: number): void {
  for (let p = 0; p < pixels * 4; p += 4) {
    const spread = (white[p]! - black[p]! + white[p + 1]! - black[p + 1]! + white[p + 2]! - black[p + 2]!) / 3;
    const alpha = Math.min(255, Math.max(0, 255 - spread));
    if (alpha === 0) {
      black[p] = black[p + 1] = black[p + 2] = black[p + 3] = 0;
      continue;
    }
    for (let c = 0; c < 3; c++) black[p + c] = Math.min(255, Math.round((black[p + c]! * 255) / alpha));
    black[p + 3] = Math.round(alpha);
  }
}

/** Encodes RGBA pixels as a PNG file. */
export async function encodePng(image: RenderedImage): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot create a 2D canvas to encode the PNG.');
  ctx.putImageData(new ImageData(image.pixels as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}
