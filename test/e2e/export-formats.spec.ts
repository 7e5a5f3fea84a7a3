// Exports people ask for, driven like a person: a PNG with a transparent background, and the
// Layer animation as a GIF.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { PNG } from 'pngjs';
import { openLayerLab } from './helpers.ts';

test('Export PNG with Transparent: the background is see-through, the drawing opaque', async ({ page }) => {
  await openLayerLab(page);
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

test('Export GIF: a looping GIF of the animation, many frames', async ({ page }) => {
  test.setTimeout(240_000); // software WebGL on a shared machine: each frame is read back and quantized
  await openLayerLab(page);
  const download = page.waitForEvent('download', { timeout: 220_000 });
  await page.getByTestId('export-gif').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.gif$/);
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
  expect(bytes.includes(Buffer.from('NETSCAPE2.0'))).toBe(true);
  const width = bytes.readUInt16LE(6);
  expect(width).toBeGreaterThan(100);
  expect(width).toBeLessThanOrEqual(640);
  // One graphic control extension (21 F9 04) per frame: 15 frames a second over the animation.
  let frames = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0x21 && bytes[i + 1] === 0xf9 && bytes[i + 2] === 0x04) frames++;
  expect(frames).toBeGreaterThan(30);
  await expect(page.getByTestId('export-status')).toContainText('.gif');
});
