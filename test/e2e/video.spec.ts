import { expect, test, type Page } from './fixtures.ts';
import { readFile } from 'node:fs/promises';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import { canvasPixels, openLayerLab } from './helpers.ts';

// The Layer lab's video: 3 stages at STAGE_SECONDS = 1.3 s each, then VIDEO_HOLD_SECONDS = 0.5 s
// on the finished layer (renderer/labs/layer/layer-lab.ts), at the exporter's default 30 fps.
const FPS = 30;
const SECONDS = 3 * 1.3 + 0.5;

/** Which WebCodecs encoders this browser has; the export picks VP9, then VP8, then H.264. */
async function encoders(page: Page): Promise<Record<string, boolean>> {
  return page.evaluate(async () => {
    const result: Record<string, boolean> = {};
    if (typeof VideoEncoder === 'undefined') return result;
    for (const codec of ['vp09.00.10.08', 'vp8', 'avc1.42001f']) {
      result[codec] = (await VideoEncoder.isConfigSupported({ codec, width: 640, height: 480 })).supported === true;
    }
    return result;
  });
}

/**
 * Decodes the video's packets with WebCodecs in the page and compares its first and last frames
 * with PNG exports of the view at those times: mean absolute difference per channel (0–255).
 */
async function compareFrames(page: Page, packets: { data: string; key: boolean; timestamp: number }[], codec: string) {
  return page.evaluate(
    async ({ packets, codec }) => {
      const lab = document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-layer-lab') as unknown as {
        exportPng(scale: number): Promise<{ bytes: Uint8Array }>;
        store: { setTime(t: number): void };
      };
      const frames: VideoFrame[] = [];
      const decoder = new VideoDecoder({ output: (frame) => frames.push(frame), error: (e) => { throw e; } });
      decoder.configure({ codec });
      for (const p of packets) {
        decoder.decode(new EncodedVideoChunk({ type: p.key ? 'key' : 'delta', timestamp: Math.round(p.timestamp * 1e6), data: Uint8Array.from(atob(p.data), (c) => c.charCodeAt(0)) }));
      }
      await decoder.flush();
      const pixels = async (source: CanvasImageSource, width: number, height: number) => {
        const canvas = new OffscreenCanvas(width, height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(source, 0, 0);
        return ctx.getImageData(0, 0, width, height).data;
      };
      const meanDiff = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
        let sum = 0;
        for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
        return sum / ((a.length / 4) * 3);
      };
      const first = frames[0]!;
      const last = frames[frames.length - 1]!;
      const { displayWidth: w, displayHeight: h } = first;
      const firstPixels = await pixels(first, w, h);
      const lastPixels = await pixels(last, w, h);
      const png = async () => pixels(await createImageBitmap(new Blob([(await lab.exportPng(1)).bytes as BlobPart], { type: 'image/png' })), w, h);
      const atEnd = await png();
      lab.store.setTime(0);
      const atStart = await png();
      frames.forEach((f) => f.close());
      return {
        decoded: packets.length,
        firstVsStart: meanDiff(firstPixels, atStart),
        lastVsEnd: meanDiff(lastPixels, atEnd),
        firstVsLast: meanDiff(firstPixels, lastPixels),
      };
    },
    { packets, codec },
  );
}

test.beforeEach(async ({ page }) => {
  await openLayerLab(page);
});

test('export video downloads the whole animation at the canvas size', async ({ page }) => {
  test.setTimeout(120_000);
  const codecs = await encoders(page);
  test.info().annotations.push({ type: 'encoders', description: JSON.stringify(codecs) });
  expect(Object.values(codecs).some(Boolean), `WebCodecs encoders in this browser: ${JSON.stringify(codecs)}`).toBe(true);

  // An odd-sized canvas, which VP9 and H.264 cannot take: the video is cropped to the even size below.
  await page.setViewportSize({ width: 1281, height: 801 });
  await expect.poll(async () => (await canvasPixels(page)).width % 2).toBe(1);
  const { width, height } = await canvasPixels(page);
  const even = { width: width - (width % 2), height: height - (height % 2) };
  expect(even.width).toBe(width - 1);
  const download = page.waitForEvent('download', { timeout: 100_000 });
  await page.getByRole('button', { name: 'Export video…' }).click();
  const progress = page.getByRole('progressbar', { name: 'Rendering the video' });
  await expect(progress).toBeVisible();
  // The page keeps painting while frames are encoded: the bar moves.
  await expect.poll(() => progress.evaluate((p: HTMLProgressElement) => p.value), { timeout: 60_000 }).toBeGreaterThan(0);
  const file = await download;
  const bytes = await readFile(await file.path());
  const webm = file.suggestedFilename().endsWith('.webm');
  if (webm) expect([...bytes.subarray(0, 4)], 'EBML header').toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  else expect(bytes.subarray(4, 8).toString('latin1'), 'MP4 ftyp box').toBe('ftyp');
  expect(file.suggestedFilename()).toMatch(/^hinge-layer-2x2\.(webm|mp4)$/);

  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  const track = (await input.getPrimaryVideoTrack())!;
  expect(track).not.toBeNull();
  // Within one frame of the animation's length.
  expect(Math.abs((await input.computeDuration()) - SECONDS)).toBeLessThanOrEqual(1 / FPS + 1e-6);
  expect([track.displayWidth, track.displayHeight]).toEqual([even.width, even.height]);
  expect([track.codedWidth, track.codedHeight]).toEqual([even.width, even.height]);
  const { packetCount } = await track.computePacketStats(Infinity);
  expect(Math.abs(packetCount - SECONDS * FPS)).toBeLessThanOrEqual(1);
  const codec = (await track.getCodecParameterString())!;
  test.info().annotations.push({ type: 'codec', description: `${await input.getMimeType()} (${codec})` });

  await expect(page.getByTestId('export-status')).toHaveText(`Saved ${file.suggestedFilename()} (${SECONDS.toFixed(1)} s, ${even.width}×${even.height}).`);
  await expect(page.getByRole('progressbar')).toHaveCount(0);

  // The frames are the picture, not a blank or stale buffer: the first is the identity (t = 0),
  // the last the finished layer, each close to a PNG export of the view at that time.
  // Base64 to the page: an array of numbers would be megabytes of JSON each way.
  const packets: { data: string; key: boolean; timestamp: number }[] = [];
  for await (const packet of new EncodedPacketSink(track).packets()) {
    packets.push({ data: Buffer.from(packet.data).toString('base64'), key: packet.type === 'key', timestamp: packet.timestamp });
  }
  const result = await compareFrames(page, packets, codec);
  test.info().annotations.push({ type: 'frame differences', description: JSON.stringify(result) });
  // Lossy encoding and 4:2:0 chroma blur thin lines; the pictures agree to a few levels on average,
  // while the identity and the finished layer differ far more.
  expect(result.firstVsStart).toBeLessThan(4);
  expect(result.lastVsEnd).toBeLessThan(4);
  expect(result.firstVsLast).toBeGreaterThan(3 * Math.max(result.firstVsStart, result.lastVsEnd));
});

test('cancel stops the video export, saves nothing, and leaves the lab working', async ({ page }) => {
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const stage = page.getByTestId('stage');
  // Mid-animation, so "restored" cannot be confused with the video's first or last frame.
  const end = await stage.screenshot();
  await page.getByTestId('scrubber').fill('1.5');
  await expect.poll(async () => Buffer.compare(await stage.screenshot(), end)).not.toBe(0);
  const before = await stage.screenshot();

  // Started from the keyboard: focus moves to Cancel, and back once the export has stopped.
  const exportButton = page.getByRole('button', { name: 'Export video…' });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  await expect(exportButton).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('export-status')).toHaveText('Video export canceled.');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(exportButton).toBeEnabled();
  await expect(exportButton).toBeFocused();
  // The status is set after the exporter settled, so a download can no longer start.
  expect(downloads).toEqual([]);

  // The view is back at the lab's own time, and the scrubber still moves the picture.
  await expect(page.getByTestId('scrubber')).toHaveValue('1.5');
  await expect.poll(async () => Buffer.compare(await stage.screenshot(), before)).toBe(0);
  await page.getByTestId('scrubber').fill('0');
  await expect.poll(async () => Buffer.compare(await stage.screenshot(), before)).not.toBe(0);
});
