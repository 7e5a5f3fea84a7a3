import { HalfFloatType, type WebGLRenderer, WebGLRenderTarget } from 'three';
import { OutputPass } from 'three/examples/jsm/postprocessing/OutputPass.js';
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
 * Renders `view` at width×height pixels off screen. Each tile is drawn into a multisampled
 * half-float render target (linear colour), then converted to sRGB by three's OutputPass into an
 * 8-bit target and read back. `cssWidth`×`cssHeight` is the on-screen size the view is laid out
 * for: labels keep their proportions and lines scale with the image.
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
  const pixels = new Uint8ClampedArray(width * height * 4);
  const tileW = Math.min(maxTile, width);
  const tileH = Math.min(maxTile, height);
  const linear = new WebGLRenderTarget(tileW, tileH, { type: HalfFloatType, samples: 4 });
  const encoded = new WebGLRenderTarget(tileW, tileH);
  const output = new OutputPass();
  const tileBuffer = new Uint8Array(tileW * tileH * 4);
  const lineScale = width / cssWidth;
  let tiles = 0;
  try {
    for (let y0 = 0; y0 < height; y0 += tileH) {
      for (let x0 = 0; x0 < width; x0 += tileW) {
        const w = Math.min(tileW, width - x0);
        const h = Math.min(tileH, height - y0);
        linear.setSize(w, h);
        encoded.setSize(w, h);
        camera.setViewOffset(width, height, x0, y0, w, h);
        view.setViewport(cssWidth, cssHeight, w, h, lineScale);
        renderer.setRenderTarget(linear);
        renderer.clear();
        renderer.render(view.scene, camera);
        output.render(renderer, encoded, linear, 0, false);
        renderer.readRenderTargetPixels(encoded, 0, 0, w, h, tileBuffer);
        // WebGL reads rows bottom-up; the image is stored top row first.
        for (let row = 0; row < h; row++) {
          const src = tileBuffer.subarray((h - 1 - row) * w * 4, (h - row) * w * 4);
          pixels.set(src, ((y0 + row) * width + x0) * 4);
        }
        tiles++;
      }
    }
  } finally {
    camera.clearViewOffset();
    renderer.setRenderTarget(null);
    linear.dispose();
    encoded.dispose();
    output.dispose();
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
