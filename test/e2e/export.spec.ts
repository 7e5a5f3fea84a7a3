import { expect, test } from './fixtures.ts';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { canvasPixels, exportLabPng, nonBackgroundFraction, openLayerLab } from './helpers.ts';

/** The Layer lab's PNG export, as exportLabPng gives it. */
const exportInPage = (page: import('./fixtures.ts').Page, scale: number, look: string, maxTile?: number) => exportLabPng(page, 'hinge-layer-lab', scale, look, maxTile);

test.beforeEach(async ({ page }) => {
  await openLayerLab(page);
});

// The Layer lab's PNG exports share one page: one app load (≈ 2 CPU-s) instead of three. Each export
// is asked for with its own scale, look and background, so none depends on the one before.
test('PNG exports of the Layer lab: tiled, 4×, paper and transparent', async ({ page }) => {
  await test.step('a tiled export is the same picture as a single-tile export', async () => {
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
  await test.step('4× export has four times the pixels, and paper export is white', async () => {
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
  await test.step('Export PNG with Transparent: the background is see-through, the drawing opaque', async () => {
    await page.getByTestId('export-transparent').check();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const png = PNG.sync.read(readFileSync((await (await download).path())!));
    const alpha = (x: number, y: number) => png.data[(y * png.width + x) * 4 + 3]!;
    // The border is background except where a grid line crosses it: most of it is see-through.
    const border = [...Array(png.width).keys()].flatMap((x) => [alpha(x, 0), alpha(x, png.height - 1)]);
    expect(border.filter((a) => a === 0).length / border.length).toBeGreaterThan(0.5);
    let opaque = 0;
    let clear = 0;
    for (let i = 3; i < png.data.length; i += 4) {
      if (png.data[i] === 255) opaque++;
      else if (png.data[i] === 0) clear++;
    }
    const total = png.width * png.height;
    expect(clear / total).toBeGreaterThan(0.3);
    expect(opaque / total).toBeGreaterThan(0.01);
    // Unchecked again, the next export is opaque.
    await page.getByTestId('export-transparent').uncheck();
    const again = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const opaquePng = PNG.sync.read(readFileSync((await (await again).path())!));
    expect(opaquePng.data[3]).toBe(255);
  });
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
