import { expect, test } from './fixtures.ts';
import { PNG } from 'pngjs';
import { canvasPixels, exportLabPng, nonBackgroundFraction, openLayerLab } from './helpers.ts';

/** The Layer lab's PNG export, as exportLabPng gives it. */
const exportInPage = (page: import('./fixtures.ts').Page, scale: number, look: string, maxTile?: number) => exportLabPng(page, 'hinge-layer-lab', scale, look, maxTile);

test.beforeEach(async ({ page }) => {
  await openLayerLab(page);
});

test('a tiled export is the same picture as a single-tile export', async ({ page }) => {
  const whole = await exportInPage(page, 1, 'theme');
  const tiled = await exportInPage(page, 1, 'theme', 128);
  expect(whole.tiles).toBe(1);
  expect(tiled.tiles).toBeGreaterThan(4);
  const a = PNG.sync.read(whole.bytes);
  const b = PNG.sync.read(tiled.bytes);
  expect([b.width, b.height]).toEqual([a.width, a.height]);
  let diff = 0;
  for (let i = 0; i < a.data.length; i++) diff += Math.abs(a.data[i]! - b.data[i]!);
  // Multisampling may round a few edge pixels differently at tile seams; the pictures agree.
  expect(diff / a.data.length).toBeLessThan(0.5);
});

test('4× export has four times the pixels, and paper export is white', async ({ page }) => {
  const { width, height } = await canvasPixels(page);
  const big = await exportInPage(page, 4, 'theme');
  expect([big.width, big.height]).toEqual([width * 4, height * 4]);
  const png = PNG.sync.read(big.bytes);
  expect([png.width, png.height]).toEqual([width * 4, height * 4]);
  const paper = PNG.sync.read((await exportInPage(page, 1, 'paper')).bytes);
  // The background — the commonest colour, wherever the grid's lines happen to fall — is white paper.
  expect(commonestColor(paper)).toEqual([255, 255, 255]);
  expect(nonBackgroundFraction((await exportInPage(page, 1, 'paper')).bytes).fraction).toBeGreaterThan(0.03);
  // The theme's own background is the dark one by default.
  const dark = PNG.sync.read((await exportInPage(page, 1, 'theme')).bytes);
  expect(commonestColor(dark)[0]).toBeLessThan(40);
});

/** The most frequent RGB colour of an image (its background). */
function commonestColor(image: PNG): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const key = (image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const key = [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return [(key >> 16) & 255, (key >> 8) & 255, key & 255];
}
