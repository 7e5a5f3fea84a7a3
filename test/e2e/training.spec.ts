// The Training lab, driven like a person: train the spiral with 2→16→16→1 ReLU and Adam until the
// test accuracy readout reaches 95% (within a bounded number of steps), see the region count move
// while it trains, pause, save (the browser build's download), open the file in a fresh window and
// find the very same weights (compared number for number) and the very same picture.
import { readFileSync } from 'node:fs';
import { expect, returningUserContext, test, type Page } from './fixtures.ts';
import { seriousAxeViolations } from './helpers.ts';

interface Net {
  weights: number[][][];
  biases: number[][];
}

/** The lab element's store state, the last snapshot's network and step, and the charts' region counts. */
function lab(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-training-lab') as unknown as {
      store: { state: { step: number; net: Net } };
      last?: { step: number; net: Net };
      history: { regionCount?: number }[];
      framesDrawn: number;
    };
    return {
      state: JSON.parse(JSON.stringify(el.store.state)) as { step: number; net: Net; hidden: number[]; activation: string },
      last: el.last ? { step: el.last.step, net: JSON.parse(JSON.stringify(el.last.net)) as Net } : undefined,
      regionCounts: el.history.map((p) => p.regionCount),
      framesDrawn: el.framesDrawn,
    };
  });
}

async function openTrainingLab(page: Page): Promise<void> {
  await page.goto('/#/training');
  await expect(page.getByTestId('training-stage').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('region-count')).not.toHaveAttribute('data-value', '', { timeout: 60_000 });
  await expect.poll(async () => (await lab(page)).framesDrawn).toBeGreaterThan(0);
}

/**
 * The picture's pixels, drawn at one fixed size: the picture's box is set to 417×389 CSS pixels
 * (the lab redraws on the resize, through its real drawing path), so two windows whose other
 * panels differ (charts, readouts, a toast) still compare the picture alone.
 */
async function picture(page: Page): Promise<Buffer> {
  const drawn = (await lab(page)).framesDrawn;
  await page.evaluate(() => {
    const el = document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-training-lab')!;
    const box = el.shadowRoot!.querySelector<HTMLElement>('.picture')!;
    Object.assign(box.style, { width: '417px', height: '389px', justifySelf: 'start', alignSelf: 'start' });
  });
  await expect.poll(async () => (await lab(page)).framesDrawn).toBeGreaterThan(drawn);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.getByTestId('training-stage').locator('canvas').screenshot();
}

test('trains the spiral to 95% test accuracy, the regions change, and a saved run reopens on the same weights and picture', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`first window: ${error.stack ?? error.message}`));
  await openTrainingLab(page);
  const start = await lab(page);
  expect(start.state.hidden).toEqual([16, 16]);
  expect(start.state.activation).toBe('relu');
  await expect(page.getByTestId('train-dataset')).toHaveValue('spiral');
  await expect(page.getByTestId('train-optimizer')).toHaveValue('adam');

  await page.getByTestId('train-play').click();
  await expect(page.getByTestId('train-play')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('steps-per-second')).toHaveText(/^[1-9]\d*$/);
  await expect
    .poll(async () => Number(await page.getByTestId('test-accuracy').getAttribute('data-value')), { timeout: 120_000, intervals: [250] })
    .toBeGreaterThanOrEqual(0.95);
  const reached = Number(await page.getByTestId('train-step-count').textContent());
  expect(reached, 'steps taken to reach 95% test accuracy').toBeLessThanOrEqual(6000);

  await page.getByTestId('train-play').click();
  await expect(page.getByTestId('train-play')).toHaveAttribute('aria-pressed', 'false');
  // Paused: the store holds the worker's last weights.
  await expect.poll(async () => {
    const now = await lab(page);
    return now.last !== undefined && now.state.step === now.last.step && JSON.stringify(now.state.net) === JSON.stringify(now.last.net);
  }).toBe(true);
  const paused = await lab(page);
  expect(paused.state.step).toBeGreaterThan(0);
  const counts = new Set(paused.regionCounts.filter((c) => c !== undefined));
  expect(counts.size, 'the exact region count changed while training').toBeGreaterThan(1);
  const before = await picture(page);

  // Save: the browser build downloads the project.
  const download = page.waitForEvent('download');
  await page.getByTestId('save').click();
  const file = await download;
  const text = readFileSync((await file.path())!, 'utf8');
  const project = JSON.parse(text) as { view: string; labs: { training: { state: { step: number; net: Net } } } };
  expect(project.view).toBe('training');
  expect(project.labs.training.state.step).toBe(paused.state.step);
  expect(project.labs.training.state.net).toEqual(paused.state.net);

  // A fresh window (no autosave), Open… the file: the worker replays the run from the seeds.
  const { baseURL, viewport, colorScheme } = test.info().project.use;
  const other = await (await returningUserContext(browser, { baseURL, viewport, colorScheme })).newPage();
  other.on('pageerror', (error) => errors.push(`second window: ${error.stack ?? error.message}`));
  await openTrainingLab(other);
  await expect(other.getByTestId('train-step-count')).toHaveText('0');
  const chooser = other.waitForEvent('filechooser');
  await other.getByTestId('open').click();
  await (await chooser).setFiles({ name: 'spiral.hinge', mimeType: 'application/octet-stream', buffer: Buffer.from(text) });
  await expect(other.getByTestId('train-step-count')).toHaveText(String(paused.state.step));
  await expect.poll(async () => (await lab(other)).last?.step).toBe(paused.state.step);
  const reopened = await lab(other);
  expect(reopened.state.net).toEqual(paused.state.net);
  // The worker replayed the steps from the seeds and reached the saved weights bit for bit.
  expect(reopened.last!.net).toEqual(paused.state.net);
  await expect(other.getByTestId('training-notice')).toHaveCount(0);
  await expect(other.getByTestId('test-accuracy')).toHaveText((await page.getByTestId('test-accuracy').textContent())!);
  await expect(other.getByTestId('region-count')).toHaveText((await page.getByTestId('region-count').textContent())!);
  const after = await picture(other);
  if (!after.equals(before)) {
    await test.info().attach('picture-before.png', { body: before, contentType: 'image/png' });
    await test.info().attach('picture-after.png', { body: after, contentType: 'image/png' });
  }
  expect(after.equals(before), 'the reopened picture is the same, pixel for pixel').toBe(true);
  expect(errors).toEqual([]);
});

test('a Step pressed while the lab is still starting its run steps that run', async ({ page }) => {
  // The training worker's script is held back, so the click comes before the run is set up.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route(/\/assets\/training-worker-[^/]*\.js$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto('/#/training');
  await expect(page.getByTestId('train-step-count')).toHaveText('0');
  await expect.poll(() => asked).toBe(true);
  await page.getByTestId('train-step').click();
  release();
  await expect(page.getByTestId('train-step-count')).toHaveText('1');
});

test('a refused setting is shown at its field and changes nothing; undo restores settings, not steps', async ({ page }) => {
  test.setTimeout(120_000);
  await openTrainingLab(page);
  const before = await lab(page);
  await page.getByTestId('train-hidden').fill('16, 99');
  await page.getByTestId('train-hidden').press('Enter');
  await expect(page.getByTestId('error-hidden')).toContainText('layer 2 is “99”');
  expect((await lab(page)).state.hidden).toEqual([16, 16]);
  await page.getByTestId('train-lr').fill('-1');
  await page.getByTestId('train-lr').press('Enter');
  await expect(page.getByTestId('error-lr')).toContainText('greater than 0');
  expect((await lab(page)).state).toEqual(before.state);

  await page.getByTestId('train-hidden').fill('8, 8, 8');
  await page.getByTestId('train-hidden').press('Enter');
  await expect.poll(async () => (await lab(page)).last?.net.weights.length).toBe(4);
  await page.getByTestId('train-step').click();
  await page.getByTestId('train-step').click();
  await expect(page.getByTestId('train-step-count')).toHaveText('2');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await lab(page)).state.hidden).toEqual([16, 16]);
  await expect(page.getByTestId('train-step-count')).toHaveText('0');
  expect((await lab(page)).state.net).toEqual(before.state.net);
});

test('screenshots of the lab while training, in both themes', async ({ page }) => {
  test.skip(!process.env.HINGE_SHOTS, 'set HINGE_SHOTS=dir to write the screenshots');
  test.setTimeout(240_000);
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await openTrainingLab(page);
    await page.getByTestId('train-play').click();
    await expect.poll(async () => Number(await page.getByTestId('train-step-count').textContent()), { timeout: 100_000 }).toBeGreaterThan(300);
    await page.screenshot({ path: `${process.env.HINGE_SHOTS}/training-${scheme}.png` });
    await page.getByTestId('train-play').click();
  }
});

for (const theme of ['dark', 'light'] as const) {
  test(`axe: the Training lab in the ${theme} theme has no serious or critical violation`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: theme });
    await openTrainingLab(page);
    await page.getByTestId('train-step').click();
    await page.getByTestId('train-step').click();
    await expect(page.getByTestId('chart-loss')).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
}
