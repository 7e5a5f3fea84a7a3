import { expect, test, type Page } from './fixtures.ts';
import { bestRankApproximation, eckartYoungErrors, measuredErrors } from '../../src/lora/index.js';
import { svd } from '../../src/linalg/index.js';

type Stats = { viewsBuilt: number[]; jobsStarted: number[] };
const LAB = () => document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-lora-lab') as unknown as {
  shellStats(): Stats; store: { state: { deltaW: number[][] } };
};

const stats = (page: Page) => page.evaluate((lab) => (new Function(`return (${lab})()`)() as ReturnType<typeof LAB>).shellStats(), LAB.toString());
const deltaW = (page: Page) => page.evaluate((lab) => (new Function(`return (${lab})()`)() as ReturnType<typeof LAB>).store.state.deltaW, LAB.toString());
const value = async (page: Page, id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));

async function openLoraLab(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /LoRA/ }).click();
  await expect(page.getByTestId('lora-heatmaps')).toBeVisible();
  return errors;
}

test('at 256×256 the SVD runs in a worker and dragging the rank slider only recombines: the readouts follow, exactly as the src functions give them', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = await openLoraLab(page);
  await page.getByTestId('size').selectOption('256');
  const slider = page.getByTestId('rank');
  await expect(slider).toHaveAttribute('max', '256');
  // The decomposition arrives from the worker; then the whole table is there.
  await expect(page.getByTestId('measured-spectral')).toBeVisible({ timeout: 60_000 });
  const before = await stats(page);
  expect(before.jobsStarted[0]).toBeGreaterThanOrEqual(1);

  const W = await deltaW(page);
  expect(W).toHaveLength(256);
  const decomposition = svd(W);

  // Drag the thumb like a person: press on it, move right in steps, pausing to read, release.
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  const xOf = async () => {
    const v = Number(await slider.inputValue());
    return box.x + 8 + ((box.width - 16) * v) / 256;
  };
  await page.mouse.move(await xOf(), y);
  await page.mouse.down();
  const seen = new Set<number>();
  for (const fraction of [0.12, 0.3, 0.55, 0.8]) {
    await page.mouse.move(box.x + 8 + (box.width - 16) * fraction, y, { steps: 12 });
    const r = Number(await slider.inputValue());
    seen.add(r);
    await expect(page.getByTestId('rank-value')).toHaveText(String(r));
    // Eckart–Young and the measured Frobenius error are recombined at once, on the main thread.
    const theory = eckartYoungErrors(decomposition.S, r);
    await expect.poll(() => value(page, 'ey-frobenius')).toBe(theory.frobenius);
    expect(await value(page, 'ey-spectral')).toBe(theory.spectral);
  }
  await page.mouse.up();
  expect(seen.size).toBe(4);

  // The last rank: every number is what bestRankApproximation and measuredErrors give, bit for bit.
  const r = Number(await slider.inputValue());
  expect(r).toBeGreaterThan(150);
  const approximation = bestRankApproximation(W, r, { decomposition });
  const measured = measuredErrors(W, approximation.product);
  await expect.poll(() => value(page, 'measured-spectral'), { timeout: 60_000 }).toBe(measured.spectral);
  expect(await value(page, 'measured-frobenius')).toBe(measured.frobenius);
  expect(await value(page, 'ey-frobenius')).toBe(eckartYoungErrors(approximation.sigma, r).frobenius);
  await expect(page.getByTestId('heatmap-A')).toHaveAttribute('note', `256×${r}`);

  // No new SVD of ΔW and no new view for a rank change; the spectral norms ran in the kept worker.
  const after = await stats(page);
  expect(after.jobsStarted[0]).toBe(before.jobsStarted[0]);
  expect(after.jobsStarted[1]).toBeGreaterThan(before.jobsStarted[1]!);
  expect(after.viewsBuilt).toEqual(before.viewsBuilt);
  expect(errors).toEqual([]);
});

test('the geometric view updates in place for a new rank or ΔW, and is built anew only for a new size', async ({ page }) => {
  const errors = await openLoraLab(page);
  await page.getByTestId('size').selectOption('2');
  await expect(page.getByTestId('view-geometry')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('stage').locator('canvas')).toBeVisible();
  const before = await stats(page);
  for (const r of ['2', '0', '1']) {
    await page.getByTestId('rank').fill(r);
    await expect(page.getByTestId('rank-value')).toHaveText(r);
  }
  await page.getByRole('slider', { name: 'Noise of the example' }).fill('0.2');
  await expect(page.getByTestId('measured-spectral')).toBeVisible();
  expect((await stats(page)).viewsBuilt).toEqual(before.viewsBuilt);
  // Small matrices need no worker at all.
  expect((await stats(page)).jobsStarted).toEqual(before.jobsStarted);

  await page.getByTestId('size').selectOption('3');
  await expect(page.getByTestId('stage')).toHaveAttribute('aria-label', /sphere/);
  expect((await stats(page)).viewsBuilt[0]).toBe(before.viewsBuilt[0]! + 1);
  expect(errors).toEqual([]);
});
