import { expect, test } from './fixtures.ts';
import { readFile } from 'node:fs/promises';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { openLayerLab } from './helpers.ts';

// The Layer lab's video at the timeline's speed, with a stacked second layer: 4 stages of
// STAGE_SECONDS = 1.3 s at speed 1 (renderer/components/playback.ts), so 4 · 1.3 / 2 = 2.6 s at
// 2×, then VIDEO_HOLD_SECONDS = 0.5 s on the finished picture (renderer/scene/staged-video.ts),
// at the exporter's default 30 fps. test/e2e/video.spec.ts checks the frames at speed 1.
const FPS = 30;
const SECONDS = (4 * 1.3) / 2 + 0.5;

test('the stacked layer exports at 2× as a video of the expected length, and the view comes back', async ({ page }) => {
  test.setTimeout(120_000);
  await openLayerLab(page);
  await page.getByTestId('stack').check();
  await expect(page.getByTestId('scrubber')).toHaveAttribute('max', '4');
  await page.getByTestId('speed').selectOption('2');
  // Mid-animation, so the restored view cannot be confused with the video's first or last frame.
  const stage = page.getByTestId('stage');
  const end = await stage.screenshot();
  await page.getByTestId('scrubber').fill('2.5');
  await expect.poll(async () => Buffer.compare(await stage.screenshot(), end)).not.toBe(0);
  const before = await stage.screenshot();

  const download = page.waitForEvent('download', { timeout: 100_000 });
  await page.getByRole('button', { name: 'Export video…' }).click();
  await expect(page.getByRole('progressbar', { name: 'Rendering the video' })).toBeVisible();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^hinge-layer-2x2\.(webm|mp4)$/);
  const bytes = await readFile(await file.path());
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  // Within one frame of the animation's length at this speed.
  expect(Math.abs((await input.computeDuration()) - SECONDS)).toBeLessThanOrEqual(1 / FPS + 1e-6);
  const track = (await input.getPrimaryVideoTrack())!;
  const { packetCount } = await track.computePacketStats(Infinity);
  expect(Math.abs(packetCount - SECONDS * FPS)).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('export-status')).toContainText(`(${SECONDS.toFixed(1)} s,`);
  await expect(page.getByRole('progressbar')).toHaveCount(0);

  // The lab's own time, speed and picture are as they were.
  await expect(page.getByTestId('scrubber')).toHaveValue('2.5');
  await expect(page.getByTestId('speed')).toHaveValue('2');
  await expect.poll(async () => Buffer.compare(await stage.screenshot(), before)).toBe(0);
});
