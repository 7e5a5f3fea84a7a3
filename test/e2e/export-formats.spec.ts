// Exports people ask for, driven like a person: the Layer animation as a GIF (export.spec.ts has
// the PNG with a transparent background).
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { openLayerLab } from './helpers.ts';

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
