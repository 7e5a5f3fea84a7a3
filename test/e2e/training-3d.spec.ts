// The Training lab on 3-input data, driven like a person: choose the XOR cube and see the exact 3D
// cells of the current network (their number equal to src/regions' exact partition of the very
// weights the page shows), orbit, train a few steps (the cells are swapped in place: no new view,
// the camera where the user left it, to 1e-9), switch theme, and export a video of training: a
// file of the expected frames and duration, replayed in a worker of its own while the run on
// screen stays where it was.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './fixtures.ts';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { linearRegionsPacked, type ReluNet } from '../../src/regions/index.js';

/** The cube the lab counts its regions in: [−VIEW_RADIUS, VIEW_RADIUS]³ (training-lab.ts). */
const RADIUS = 1.2;
const BOX = { min: [-RADIUS, -RADIUS, -RADIUS], max: [RADIUS, RADIUS, RADIUS] };
const SHOTS = 'test-results/screenshots';

interface Pose {
  position: number[];
  target: number[];
  zoom: number;
}

/** The snapshot the page shows (its step and weights) and the cells its 3D view draws. */
function shown(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-training-lab') as unknown as {
      last?: { step: number; net: ReluNet; regions?: { count: number; dim: number } };
      shellStats(): { viewsBuilt: number[] };
      renderRoot: ShadowRoot;
    };
    const cells = el.renderRoot.querySelector('[data-testid="cells-count"]');
    return {
      step: el.last?.step,
      net: el.last ? (JSON.parse(JSON.stringify(el.last.net)) as ReluNet) : undefined,
      drawn: Number(cells?.getAttribute('data-value') || NaN),
      viewsBuilt: el.shellStats().viewsBuilt[0]!,
    };
  });
}

/** The training lab's 3D camera as the project file saves it. */
async function pose(page: Page): Promise<Pose> {
  return page.evaluate(() => {
    const app = document.querySelector('hinge-app') as unknown as { project: { projectText(): string } };
    const project = JSON.parse(app.project.projectText()) as { labs: Record<string, { cameras?: (Pose | null)[] }> };
    return project.labs.training!.cameras![0]!;
  });
}

const distance = (a: Pose, b: Pose) =>
  Math.max(...a.position.map((v, i) => Math.abs(v - b.position[i]!)), ...a.target.map((v, i) => Math.abs(v - b.target[i]!)), Math.abs(a.zoom - b.zoom));

/** Waits until the page shows a paused snapshot at `step` whose cells are drawn, and returns it. */
async function settledAt(page: Page, step: number) {
  await expect(page.getByTestId('train-step-count')).toHaveText(String(step), { timeout: 60_000 });
  await expect.poll(async () => {
    const s = await shown(page);
    return s.step === step && Number.isFinite(s.drawn);
  }, { timeout: 60_000 }).toBe(true);
  // The count drawn belongs to the snapshot shown: the same render wrote both.
  await expect.poll(async () => (await shown(page)).drawn).toBe(Number(await page.getByTestId('region-count').getAttribute('data-value')));
  return shown(page);
}

async function stageShot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.getByTestId('training-cells').screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Views the lab's 3D scene has built so far, and whether its canvas is in the page. */
function cellsScene(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-training-lab') as unknown as { shellStats(): { viewsBuilt: number[] }; renderRoot: ShadowRoot };
    return { viewsBuilt: el.shellStats().viewsBuilt[0]!, canvases: el.renderRoot.querySelectorAll('.cells3d canvas').length };
  });
}

test('the 3D view is built only when 3D cells are shown, and again only when they are shown after coming back', async ({ page }) => {
  await page.goto('/#/training');
  await expect(page.getByTestId('train-dataset')).toBeVisible();
  await expect(page.getByTestId('train-step-count')).toHaveText('0');
  // 2D data: no WebGL view at all.
  expect(await cellsScene(page)).toEqual({ viewsBuilt: 0, canvases: 0 });
  await page.getByTestId('train-dataset').selectOption('xor-cube');
  await expect(page.getByTestId('training-cells')).toBeVisible();
  await expect.poll(() => cellsScene(page)).toEqual({ viewsBuilt: 1, canvases: 1 });
  // Back to 2D data: the view stays (hidden) for this visit.
  await page.getByTestId('train-dataset').selectOption('spiral');
  await expect(page.getByTestId('training-cells')).toBeHidden();
  expect((await cellsScene(page)).canvases).toBe(1);
  // Leave (the view is disposed) and come back on 2D data: nothing is built.
  await page.goto('/#/svd');
  await expect(page.locator('hinge-app').locator('hinge-svd-lab')).toBeVisible();
  await page.goto('/#/training');
  await expect(page.getByTestId('train-dataset')).toHaveValue('spiral');
  const back = await cellsScene(page);
  expect(back.canvases).toBe(0);
  await page.getByTestId('train-step').click();
  await expect(page.getByTestId('train-step-count')).toHaveText('1');
  expect(await cellsScene(page)).toEqual(back);
});

test('the XOR cube shows the exact 3D cells, refreshed in place as it trains, and exports a video of training', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/#/training');
  await expect(page.getByTestId('train-dataset')).toBeVisible();
  await page.getByTestId('train-dataset').selectOption('xor-cube');
  // 3 → 8 → 8 → 1 keeps the cells (a few hundred) quick to draw in the suite's software WebGL on
  // a shared machine; bench/training.mjs measures 3 → 16 → 16 → 1.
  await page.getByTestId('train-hidden').fill('8, 8');
  await page.getByTestId('train-hidden').press('Enter');
  await expect(page.getByTestId('train-hidden')).toHaveValue('8, 8');
  await expect(page.getByTestId('training-cells')).toBeVisible();

  // 1. The cells drawn are src/regions' exact partition of the weights shown.
  const start = await settledAt(page, 0);
  expect(start.drawn).toBe(linearRegionsPacked(start.net!, BOX).count);
  expect(start.drawn).toBeGreaterThan(1);

  await stageShot(page, 'training-3d-start-dark');

  // 2. Orbit by dragging, as a person would.
  const box = (await page.getByTestId('training-cells').boundingBox())!;
  const before = await pose(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 150, box.y + box.height / 2 - 50, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => distance(await pose(page), before)).toBeGreaterThan(0.1);
  const orbited = await pose(page);

  // 3. Train: three single steps, then a burst of play. The cells follow, the view is not rebuilt, the camera stays.
  for (let k = 1; k <= 3; k++) {
    await page.getByTestId('train-step').click();
    await settledAt(page, k);
  }
  await page.getByTestId('train-play').click();
  await expect.poll(async () => Number(await page.getByTestId('train-step-count').textContent()), { timeout: 60_000 }).toBeGreaterThanOrEqual(60);
  await page.getByTestId('train-play').click();
  await expect(page.getByTestId('train-play')).toHaveAttribute('aria-pressed', 'false');
  const stepped = await settledAt(page, Number(await page.getByTestId('train-step-count').textContent()));
  expect(stepped.net).not.toEqual(start.net);
  expect(stepped.drawn).toBe(linearRegionsPacked(stepped.net!, BOX).count);
  expect(stepped.viewsBuilt).toBe(start.viewsBuilt);
  expect(distance(await pose(page), orbited)).toBeLessThan(1e-9);

  // 4. Explode and the slicing plane are the Regions lab's; the slice's regions are counted.
  await page.getByTestId('cells-explode').fill('0.6');
  await page.getByTestId('cells-slice-on').check();
  await expect(page.getByTestId('cells-slice-count')).toHaveText(/^[1-9]\d*$/);
  await stageShot(page, 'training-3d-dark');

  // 5. The theme: the view is rebuilt in the new look, the camera kept.
  await page.getByTestId('theme').selectOption('light');
  await expect.poll(async () => (await shown(page)).viewsBuilt).toBeGreaterThan(stepped.viewsBuilt);
  expect(distance(await pose(page), orbited)).toBeLessThan(1e-9);
  await expect(page.getByTestId('cells-slice-count')).toHaveText(/^[1-9]\d*$/);
  await stageShot(page, 'training-3d-light');

  // 6. A video of 20 steps at 5 per frame from step 0: 5 frames at 15 per second.
  await page.getByTestId('video-steps').fill('20');
  await page.getByTestId('video-steps').press('Enter');
  await page.getByTestId('video-stride').fill('5');
  await page.getByTestId('video-stride').press('Enter');
  await expect(page.getByTestId('video-summary')).toContainText('5 frames');
  const liveStep = await page.getByTestId('train-step-count').textContent();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Export video…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^hinge-training\.(webm|mp4)$/);
  const bytes = await readFile(await file.path());
  expect(bytes.length).toBeGreaterThan(0);
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  const track = (await input.getPrimaryVideoTrack())!;
  expect((await track.computePacketStats(Infinity)).packetCount).toBe(5);
  expect(Math.abs((await input.computeDuration()) - 5 / 15)).toBeLessThanOrEqual(1e-3);
  await expect(page.getByTestId('export-status')).toContainText('Saved');
  // Deterministic: the same settings give the same file.
  const again = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Export video…' }).click();
  expect(Buffer.compare(await readFile(await (await again).path()), bytes)).toBe(0);
  // The run on screen did not move, and the camera neither.
  await expect(page.getByTestId('train-step-count')).toHaveText(liveStep!);
  expect(distance(await pose(page), orbited)).toBeLessThan(1e-9);

  // 7. Not ReLU: no exact regions, said so; the slice picture is shown instead.
  await page.getByTestId('train-activation').selectOption('tanh');
  await expect(page.getByTestId('cells-unavailable')).toContainText('only for ReLU');
  await expect(page.getByTestId('training-cells')).toBeHidden();
  await expect(page.getByTestId('training-stage').locator('canvas').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('the video of training is the same file for the same settings, in 2D too, and can be cancelled', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/#/training');
  await expect(page.getByTestId('region-count')).not.toHaveAttribute('data-value', '', { timeout: 60_000 });
  await page.getByTestId('video-steps').fill('30');
  await page.getByTestId('video-steps').press('Enter');
  await page.getByTestId('video-stride').fill('10');
  await page.getByTestId('video-stride').press('Enter');
  const files: Buffer[] = [];
  for (let k = 0; k < 2; k++) {
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Export video…' }).click();
    files.push(await readFile(await (await download).path()));
    await expect(page.getByTestId('export-status')).toContainText('Saved');
  }
  const input = new Input({ source: new BufferSource(files[0]!), formats: ALL_FORMATS });
  expect((await (await input.getPrimaryVideoTrack())!.computePacketStats(Infinity)).packetCount).toBe(4);
  expect(Buffer.compare(files[0]!, files[1]!)).toBe(0);

  // A long one, cancelled while it renders: nothing is saved, the panel says so.
  await page.getByTestId('video-steps').fill('2000');
  await page.getByTestId('video-steps').press('Enter');
  await page.getByTestId('video-stride').fill('1');
  await page.getByTestId('video-stride').press('Enter');
  await expect(page.getByTestId('video-summary')).toContainText('2001 frames');
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: 'Export video…' }).click();
  await expect(page.getByRole('progressbar', { name: 'Rendering the video' })).toBeVisible();
  await page.getByTestId('cancel-video').click();
  await expect(page.getByTestId('export-status')).toHaveText('Video export canceled.');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  expect(downloads).toBe(0);
});
