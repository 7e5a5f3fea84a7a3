import { expect, test, type Page } from './fixtures.ts';
import { readFile } from 'node:fs/promises';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { nonBackgroundFraction } from './helpers.ts';

async function openSvdLab(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /SVD/ }).click();
  await expect(page.getByTestId('stage').locator('canvas')).toBeVisible();
  await page.waitForFunction(() => {
    const lab = document.querySelector('hinge-app')?.shadowRoot?.querySelector('hinge-svd-lab') as unknown as { framesDrawn?: number } | null;
    return (lab?.framesDrawn ?? 0) > 0;
  });
  expect(errors).toEqual([]);
}

const matMul = (A: number[][], B: number[][]) => A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
const transpose = (A: number[][]) => A[0]!.map((_, j) => A.map((row) => row[j]!));

async function applied(page: Page): Promise<{ name: string; value: number[][] | null }> {
  const el = page.getByTestId('svd-applied');
  return { name: (await el.getAttribute('data-name')) ?? '', value: JSON.parse((await el.getAttribute('data-value')) ?? 'null') };
}

test.beforeEach(async ({ page }) => {
  await openSvdLab(page);
});

// One app load for four steps instead of four (≈ 2 CPU-s each); each step asserts the state it starts from.
test('the default W: a bad matrix, the reflection preset, a spectrum too large, and a canceled spectrum', async ({ page }) => {
  await test.step('a bad matrix keeps the previous decomposition on screen', async () => {
    const before = await page.getByTestId('svd-numbers').textContent();
    const field = page.getByTestId('expr-W');
    await field.fill('[1, 2; 3');
    await field.press('Enter');
    await expect(page.getByTestId('error-W')).toBeVisible();
    await expect(page.getByTestId('svd-numbers')).toHaveText(before ?? '');
  });
  await test.step('a reflection shows its own reflection step', async () => {
    // The default W, not orthogonal: σ = (1, 1) below is the preset's own.
    await expect(page.getByTestId('svd-numbers')).not.toContainText('σ = (1, 1)');
    await page.getByTestId('preset-reflection').click();
    await expect(page.getByTestId('svd-numbers')).toContainText('σ = (1, 1)');
    const ticks = await page.locator('hinge-timeline').evaluate((el) => (el as unknown as { stages: { title: string }[] }).stages.map((s) => s.title).join(' | '));
    expect(ticks).toMatch(/reflect/i);
  });
  await test.step('a spectrum expression that is too large is refused with a message', async () => {
    // No spectrum has run or been refused yet.
    await expect(page.getByTestId('spectrum-message')).toHaveCount(0);
    await page.getByTestId('spectrum-input').fill('zeros(5000, 5000)');
    await page.getByTestId('spectrum-run').click();
    await expect(page.getByTestId('spectrum-message')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('spectrum-message')).toContainText(/too|limit|large|2048/i);
  });
  await test.step('a long spectrum computation can be canceled and the app keeps working', async () => {
    // W back to the default (typed, as a user would), so σ = (1, 1) below is the rotation preset's own.
    await page.getByTestId('expr-W').fill('[[1.2, 0.9], [-0.4, 1.1]]');
    await page.getByTestId('expr-W').press('Enter');
    await expect(page.getByTestId('svd-numbers')).not.toContainText('σ = (1, 1)');
    await expect(page.getByTestId('spectrum-progress')).toHaveCount(0);
    await page.getByTestId('spectrum-input').fill('randn(1500, 1500)');
    await page.getByTestId('spectrum-run').click();
    await expect(page.getByTestId('spectrum-progress')).toBeVisible();
    await page.getByTestId('spectrum-cancel').click();
    await expect(page.getByTestId('spectrum-message')).toHaveText('Canceled.');
    await expect(page.getByTestId('spectrum-progress')).toHaveCount(0);
    await page.getByTestId('preset-rotation').click();
    await expect(page.getByTestId('svd-numbers')).toContainText('σ = (1, 1)');
  });
});

test('a typed 3×3 matrix steps through Vᵀ, Σ and U, and the stages multiply back to W', async ({ page }) => {
  const W = [[1, 2, 0], [0, 1, 1], [1, 0, 1]];
  const field = page.getByTestId('expr-W');
  await field.fill('[[1, 2, 0], [0, 1, 1], [1, 0, 1]]');
  await field.press('Enter');
  await expect(page.getByTestId('cell-W-2-2')).toHaveValue('1');
  const shot = await page.getByTestId('stage').screenshot();
  expect(nonBackgroundFraction(shot).fraction).toBeGreaterThan(0.03);
  await expect(page.getByTestId('scrubber')).toHaveValue('0');
  expect((await applied(page)).name).toBe('I');

  const seen: { name: string; value: number[][] }[] = [];
  for (let step = 0; step < 6; step++) {
    await page.getByRole('button', { name: 'Next stage' }).click();
    const a = await applied(page);
    if (a.value) seen.push(a as { name: string; value: number[][] });
    if (a.name === 'UΣVᵀ') break;
  }
  const names = seen.map((s) => s.name);
  expect(names).toContain('Vᵀ');
  expect(names).toContain('ΣVᵀ');
  expect(names[names.length - 1]).toBe('UΣVᵀ');
  const Vt = seen.find((s) => s.name === 'Vᵀ')!.value;
  const VtV = matMul(Vt, transpose(Vt));
  VtV.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 12)));
  const final = seen[seen.length - 1]!.value;
  final.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(W[i]![j]!, 12)));
  await expect(page.getByTestId('svd-stage')).toContainText('Done');
});

test('the spectrum of a large random matrix is computed off the main thread', async ({ page }) => {
  await page.getByTestId('spectrum-input').fill('randn(200, 150)');
  await page.getByTestId('spectrum-run').click();
  const summary = page.getByTestId('spectrum-summary');
  await expect(summary).toBeVisible({ timeout: 30_000 });
  await expect(summary).toContainText('200×150');
  await expect(summary).toHaveAttribute('data-rank', '150');
  await expect(page.getByTestId('spectrum-chart').locator('svg')).toHaveCount(2);
  // The σ axis: linear, then back to log with undo.
  const values = page.getByTestId('spectrum-chart').locator('svg').first();
  await expect(values).toHaveAttribute('aria-label', /log scale/);
  await page.getByTestId('spectrum-scale').selectOption('linear');
  await expect(values).toHaveAttribute('aria-label', /linear scale/);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('spectrum-scale')).toHaveValue('log');
  await expect(page.getByTestId('spectrum-chart').locator('svg').first()).toHaveAttribute('aria-label', /log scale/);
});

test('the animation exports as a video of the expected duration at the chosen speed', async ({ page }) => {
  test.setTimeout(120_000);
  await page.getByTestId('speed').selectOption('2');
  const stages = await page.locator('hinge-timeline').evaluate((el) => (el as unknown as { stages: unknown[] }).stages.length);
  // STAGE_SECONDS = 1.3 per stage at speed 1, then VIDEO_HOLD_SECONDS = 0.5 on W's image.
  const seconds = (stages * 1.3) / 2 + 0.5;
  const download = page.waitForEvent('download', { timeout: 100_000 });
  await page.getByRole('button', { name: /Export video/ }).click();
  const bytes = await readFile(await (await download).path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  expect(Math.abs((await input.computeDuration()) - seconds)).toBeLessThanOrEqual(1 / 30 + 1e-6);
  const track = (await input.getPrimaryVideoTrack())!;
  expect(track.displayWidth).toBeGreaterThan(100);
});
