import { expect, test, type Page } from './fixtures.ts';
import { readFile } from 'node:fs/promises';
import { nonBackgroundFraction } from './helpers.ts';

async function openLoraLab(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /LoRA/ }).click();
  await expect(page.getByTestId('lora-heatmaps')).toBeVisible();
  await expect(page.getByTestId('heatmap-W0').locator('canvas')).toBeVisible();
  expect(errors).toEqual([]);
}

/** The exact numbers behind the errors table. */
async function errors(page: Page): Promise<{ eyF: number; mF: number; eyS: number; mS: number }> {
  const value = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));
  return { eyF: await value('ey-frobenius'), mF: await value('measured-frobenius'), eyS: await value('ey-spectral'), mS: await value('measured-spectral') };
}

test.beforeEach(async ({ page }) => {
  await openLoraLab(page);
});

// One app load for four steps instead of four (≈ 2 CPU-s each); each step asserts the state it starts from.
test('the default 32×32 update: heatmaps, the parameter counter, every rank against Eckart–Young, and bad typed matrices', async ({ page }) => {
  await test.step('the heatmaps are drawn: W₀, ΔW, A, B, AB and the residual', async () => {
    for (const id of ['heatmap-W0', 'heatmap-dW', 'heatmap-A', 'heatmap-B', 'heatmap-AB', 'heatmap-residual']) {
      await expect(page.getByTestId(id)).toBeVisible();
    }
    const shot = await page.getByTestId('heatmap-dW').locator('canvas').screenshot();
    const { fraction, distinctColors } = nonBackgroundFraction(shot);
    expect(fraction).toBeGreaterThan(0.3);
    expect(distinctColors).toBeGreaterThan(20);
    await expect(page.getByTestId('lora-sigma-chart').locator('svg')).toHaveCount(1);
    await expect(page.getByTestId('lora-error-chart').locator('svg')).toHaveCount(1);
  });
  await test.step('the parameter counter shows 128× for d = k = 4096, r = 16, and follows typed sizes', async () => {
    await expect(page.getByTestId('param-ratio')).toHaveText('128×');
    await expect(page.getByTestId('param-ratio')).toHaveAttribute('data-value', '128');
    await expect(page.getByTestId('count-full')).toHaveAttribute('data-value', String(4096 * 4096));
    await expect(page.getByTestId('count-lora')).toHaveAttribute('data-value', String(16 * 8192));
    await page.getByTestId('counter-r').fill('8');
    await expect(page.getByTestId('param-ratio')).toHaveAttribute('data-value', '256');
    await page.getByTestId('counter-k').fill('11008');
    const expected = (4096 * 11008) / (8 * (4096 + 11008));
    expect(Number(await page.getByTestId('param-ratio').getAttribute('data-value'))).toBeCloseTo(expected, 10);
    // A field that is not a whole number says so and the last count stays.
    await page.getByTestId('counter-d').fill('12.5');
    await expect(page.getByTestId('counter-d')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: 'whole number' })).toBeVisible();
    expect(Number(await page.getByTestId('param-ratio').getAttribute('data-value'))).toBeCloseTo(expected, 10);
  });
  await test.step('at every rank the slider reaches, the measured errors equal the Eckart–Young values', async () => {
    // The default rank, before the slider moves.
    await expect(page.getByTestId('rank-value')).toHaveText('4');
    const slider = page.getByTestId('rank');
    await expect(slider).toHaveAttribute('max', '32');
    const seen = new Map<number, number>();
    for (const r of [0, 1, 2, 4, 7, 16, 31, 32]) {
      await slider.fill(String(r));
      await expect(page.getByTestId('rank-value')).toHaveText(String(r));
      const e = await errors(page);
      // Both sides are computed in floating point from the same ΔW: they agree to rounding (~1e-15).
      expect(Math.abs(e.mF - e.eyF)).toBeLessThan(1e-12);
      expect(Math.abs(e.mS - e.eyS)).toBeLessThan(1e-12);
      expect(e.eyS).toBeLessThanOrEqual(e.eyF + 1e-15);
      seen.set(r, e.eyF);
    }
    // More rank, less error; full rank is exact.
    expect(seen.get(1)!).toBeLessThan(seen.get(0)!);
    expect(seen.get(16)!).toBeLessThan(seen.get(4)!);
    expect(seen.get(32)).toBe(0);
    // The keyboard moves the slider too.
    await slider.fill('3');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('rank-value')).toHaveText('4');
    const e = await errors(page);
    expect(Math.abs(e.mF - e.eyF)).toBeLessThan(1e-12);
  });
  await test.step('a bad typed matrix shows an error at its field and the previous one stays', async () => {
    // The default 32×32 weight and its generated update: nothing typed yet.
    await expect(page.getByTestId('heatmap-W0')).toHaveAttribute('note', /32×32/);
    await expect(page.getByTestId('source-typed')).not.toBeChecked();
    await expect(page.getByTestId('error-W0')).toHaveCount(0);
    const before = await errors(page);
    const weight = page.getByTestId('expr-W0');
    await weight.fill('[1, 2; 3');
    await weight.press('Enter');
    await expect(page.getByTestId('error-W0')).toBeVisible();
    await expect(weight).toHaveAttribute('aria-invalid', 'true');
    expect(await errors(page)).toEqual(before);
    await expect(page.getByTestId('heatmap-W0')).toHaveAttribute('note', /32×32/);

    await page.getByTestId('source-typed').check();
    await expect(page.getByTestId('source-typed')).toBeChecked();
    const update = page.getByTestId('expr-dW');
    const typed = await errors(page);
    await update.fill('randn(3, 3)');
    await update.press('Enter');
    await expect(page.getByTestId('error-dW')).toContainText('32×32');
    expect(await errors(page)).toEqual(typed);
    await update.fill('zeros(1e6, 1e6)');
    await update.press('Enter');
    await expect(page.getByTestId('error-dW')).toContainText(/limit|too large|entries/i);

    // A valid typed update of the right size is taken, and its errors still obey the theorem.
    await update.fill('randn(32, 3) * randn(3, 32) / 32');
    await update.press('Enter');
    await expect(page.getByTestId('error-dW')).toHaveCount(0);
    await page.getByTestId('rank').fill('3');
    const exact = await errors(page);
    // ΔW has rank 3: at r = 3 nothing is left but rounding.
    expect(exact.eyF).toBeLessThan(1e-13);
    expect(exact.mF).toBeLessThan(1e-13);
  });
});

test('for a 2×2 weight the geometric view draws W₀ against W₀ + AB', async ({ page }) => {
  await page.getByTestId('size').selectOption('2');
  await expect(page.getByTestId('view-geometry')).toHaveAttribute('aria-selected', 'true');
  const canvas = page.getByTestId('stage').locator('canvas');
  await expect(canvas).toBeVisible();
  await page.waitForFunction(() => {
    const lab = document.querySelector('hinge-app')?.shadowRoot?.querySelector('hinge-lora-lab') as unknown as { framesDrawn?: number } | null;
    return (lab?.framesDrawn ?? 0) > 0;
  });
  const shot = await page.getByTestId('stage').screenshot();
  expect(nonBackgroundFraction(shot).fraction).toBeGreaterThan(0.03);
  await expect(page.getByTestId('rank')).toHaveAttribute('max', '2');
  // Rank 2 of a 2×2 is the whole update: exact.
  await page.getByTestId('rank').fill('2');
  await expect(page.getByTestId('ey-frobenius')).toHaveAttribute('data-value', '0');
  expect(Number(await page.getByTestId('measured-frobenius').getAttribute('data-value'))).toBeLessThan(1e-14);
  // 3×3 shows a sphere; larger sizes have no geometric view.
  await page.getByTestId('size').selectOption('3');
  await expect(page.getByTestId('stage')).toHaveAttribute('aria-label', /sphere/);
  await page.getByTestId('size').selectOption('16');
  await expect(page.getByTestId('view-geometry')).toBeDisabled();
  await expect(page.getByTestId('lora-heatmaps')).toBeVisible();
});

test('the heatmaps export as one PNG figure', async ({ page }) => {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const bytes = await readFile(await (await download).path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await expect(page.getByTestId('export-status')).toContainText(/Saved|Downloaded|px/);
});
