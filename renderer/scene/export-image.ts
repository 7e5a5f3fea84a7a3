import { Vector2, type WebGLRenderer } from 'three';
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
 */
export function renderImage(
  renderer: WebGLRenderer,
  view: SceneView,
  cssWidth: number,
  cssHeight: number,
  width: number,
  height: number,
  maxTile = tileLimit(renderer),
): RenderedImage {
  const camera = view.camera as PerspectiveCamera | OrthographicCamera;
  const gl = renderer.getContext();
  const pixels = new Uint8ClampedArray(width * height * 4);
  const tileW = Math.min(maxTile, width);
  const tileH = Math.min(maxTile, height);
  const tileBuffer = new Uint8Array(tileW * tileH * 4);
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
        renderer.render(view.scene, camera);
        gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, tileBuffer);
        // WebGL reads rows bottom-up; the image is stored top row first.
        for (let row = 0; row < h; row++) {
          pixels.set(tileBuffer.subarray((h - 1 - row) * w * 4, (h - row) * w * 4), ((y0 + row) * width + x0) * 4);
        }
        tiles++;
      }
    }
  } finally {
    camera.clearViewOffset();
    renderer.setPixelRatio(ratio);
    renderer.setSize(size.x, size.y, false);
  }
  return { width, height, pixels, tiles };
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
