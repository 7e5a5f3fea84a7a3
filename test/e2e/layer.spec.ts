import { expect, test, type Page } from './fixtures.ts';
import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { canvasPixels, nonBackgroundFraction, openLayerLab, readVector } from './helpers.ts';

const affine = (W: number[][], b: number[], x: number[]) => W.map((row, i) => row.reduce((s, w, j) => s + w * x[j]!, b[i]!));

/** Frames the Layer lab's view has drawn so far. */
function framesDrawn(page: Page): Promise<number> {
  return page.evaluate(() => (document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-layer-lab') as unknown as { framesDrawn: number }).framesDrawn);
}

test.beforeEach(async ({ page }) => {
  await openLayerLab(page);
});

// The short checks of the default example share one page: one app load (≈ 2 CPU-s of Blink, V8 and
// SwiftShader compiling the scene's shaders) instead of seven. Steps that need the default W say so first.
test('the default example: drawn, driven by keys and mouse, edited by cell and expression, stacked', async ({ page }) => {
  await test.step('opens on a ready example with a drawn 2D scene', async () => {
    const shot = await page.getByTestId('stage').screenshot();
    const { fraction, distinctColors } = nonBackgroundFraction(shot);
    expect(fraction).toBeGreaterThan(0.03);
    expect(distinctColors).toBeGreaterThan(50);
    await expect(page.getByTestId('readout-y')).toContainText('y = (');
    await expect(page.getByTestId('readout-det')).toContainText('det');
  });
  await test.step('arrow keys move x by 0.1', async () => {
    const stage = page.getByTestId('stage');
    await stage.focus();
    const before = (await readVector(page.getByTestId('readout-x'))).exact;
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    const after = (await readVector(page.getByTestId('readout-x'))).exact;
    expect(after[0]).toBeCloseTo(before[0]! + 0.1, 10);
    expect(after[1]).toBeCloseTo(before[1]! + 0.2, 10);
  });
  await test.step('dragging x with the mouse moves it and y = Wx + b follows', async () => {
    await expect(page.getByTestId('readout-det')).toContainText('|det W| = 1.5');
    const stage = page.getByTestId('stage');
    const box = (await stage.boundingBox())!;
    const start = { x: box.x + box.width * 0.5, y: box.y + box.height * 0.5 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    // A press moves x to the origin (the centre of the 2D view).
    const atStart = (await readVector(page.getByTestId('readout-x'))).exact;
    expect(Math.abs(atStart[0]!)).toBeLessThan(0.1);
    expect(Math.abs(atStart[1]!)).toBeLessThan(0.1);
    await page.mouse.move(start.x + 60, start.y - 40, { steps: 8 });
    await page.mouse.move(start.x + 120, start.y - 80, { steps: 8 });
    await page.mouse.up();
    const x = (await readVector(page.getByTestId('readout-x'))).exact;
    expect(x[0]).toBeGreaterThan(0.5);
    expect(x[1]).toBeGreaterThan(0.3);
    const y = await readVector(page.getByTestId('readout-y'));
    const expected = affine([[1, 0.5], [-0.5, 1.25]], [0.5, 0.25], x);
    y.exact.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    // The printed numbers agree with the exact ones to their three significant figures.
    y.printed.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(0.006 * Math.max(1, Math.abs(expected[i]!))));
  });
  await test.step('a cell edit takes effect and a bad cell says where it is', async () => {
    await expect(page.getByTestId('readout-det')).toContainText('|det W| = 1.5');
    const cell = page.getByLabel('W row 1 column 1');
    await cell.fill('2');
    await expect(page.getByTestId('readout-det')).toContainText('|det W| = 2.75');
    await cell.fill('2*');
    await expect(page.getByRole('alert')).toContainText('Row 1, column 1');
    // The last valid matrix stays in effect.
    await expect(page.getByTestId('readout-det')).toContainText('|det W| = 2.75');
  });
  // Back to the default W: the cell holds the last valid entry again.
  await page.getByLabel('W row 1 column 1').fill('1');
  await expect(page.getByTestId('readout-det')).toContainText('|det W| = 1.5');
  await test.step('typing a matrix changes the readouts', async () => {
    const field = page.getByTestId('expr-W');
    await field.fill('[[cos(pi/6), -sin(pi/6)], [sin(pi/6), cos(pi/6)]]');
    await field.press('Enter');
    await expect(page.getByTestId('readout-det')).toContainText('|det W| = 1;');
    const x = (await readVector(page.getByTestId('readout-x'))).exact;
    const y = (await readVector(page.getByTestId('readout-y'))).exact;
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const expected = affine([[c, -s], [s, c]], [0.5, 0.25], x);
    y.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
    await expect(page.getByTestId('cell-W-0-1')).toHaveValue('-0.5');
  });
  await test.step('a bad expression shows an error at the field and the previous matrix stays', async () => {
    const before = await readVector(page.getByTestId('readout-y'));
    const field = page.getByTestId('expr-W');
    await field.fill('[1,2;3');
    await field.press('Enter');
    await expect(page.getByTestId('error-W')).toBeVisible();
    expect((await readVector(page.getByTestId('readout-y'))).exact).toEqual(before.exact);
    await field.fill('zeros(1e6,1e6)');
    await field.press('Enter');
    await expect(page.getByTestId('error-W')).toContainText(/limit|too large|entries/i);
    // The app still works: a valid matrix is accepted afterwards.
    await field.fill('[2, 0; 0, 3]');
    await field.press('Enter');
    await expect(page.getByTestId('error-W')).toHaveCount(0);
    await expect(page.getByTestId('readout-det')).toContainText('|det W| = 6');
  });
  await test.step('two stacked linear layers collapse to one, and a ReLU between them breaks that', async () => {
    await page.getByTestId('stack').check();
    await expect(page.getByTestId('readout-collapse')).toContainText('Composition collapses');
    await page.getByTestId('activation').selectOption('relu');
    await expect(page.getByTestId('readout-collapse')).toContainText('No collapse');
  });
});

// Export in 2D, then the 3D view: one app load instead of two.
test('the 2D view exports at 2×, and the 3D view is drawn and orbits', async ({ page }) => {
  await test.step('export PNG downloads an image at 2× the canvas pixels', async () => {
    const { width, height } = await canvasPixels(page);
    await page.getByTestId('export-scale').selectOption('2');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const file = await (await download).path();
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const png = PNG.sync.read(bytes);
    expect(png.width).toBe(width * 2);
    expect(png.height).toBe(height * 2);
    expect(nonBackgroundFraction(bytes).fraction).toBeGreaterThan(0.03);
    await expect(page.getByTestId('export-status')).toContainText(`${width * 2}×${height * 2}`);
  });
  await test.step('the 3D view is drawn and orbits', async () => {
    const framesBefore = await framesDrawn(page);
    await page.getByTestId('shape-3x3').click();
    await expect(page.getByTestId('cell-W-2-2')).toBeVisible();
    // The 3D scene has been drawn once the lab has rendered a frame since the click.
    await expect.poll(() => framesDrawn(page)).toBeGreaterThan(framesBefore);
    const stage = page.getByTestId('stage');
    const first = await stage.screenshot();
    const { fraction, distinctColors } = nonBackgroundFraction(first);
    expect(fraction).toBeGreaterThan(0.03);
    expect(distinctColors).toBeGreaterThan(50);
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + box.height - 60);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + box.height - 80, { steps: 10 });
    await page.mouse.up();
    await expect.poll(async () => Buffer.compare(await stage.screenshot(), first)).not.toBe(0);
  });
});

test('each shape and preset draws without errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const shape of ['2x3', '3x2', '3x3', '2x2']) {
    await page.getByTestId(`shape-${shape}`).click();
    for (const preset of ['rotation', 'reflection', 'projection', 'singular', 'random']) {
      await page.getByTestId(`preset-${preset}`).click();
      await expect(page.getByTestId('readout-y')).toContainText('y = (');
    }
  }
  expect(errors).toEqual([]);
});

test('the animation plays to the end and the scrubber moves the picture', async ({ page }) => {
  const stage = page.getByTestId('stage');
  const end = await stage.screenshot();
  await page.getByTestId('scrubber').fill('0');
  await expect.poll(async () => Buffer.compare(await stage.screenshot(), end)).not.toBe(0);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Play', { timeout: 20_000 });
  await expect(page.getByTestId('scrubber')).toHaveValue('3');
});
