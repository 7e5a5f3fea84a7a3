import { expect, test } from '@playwright/test';
import { nonBackgroundFraction } from './helpers.ts';

test('a 3→8→8→1 network: a count, a drawn 3D view, a moving slice, and a clicked region', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#/regions');
  await expect(page.getByTestId('region-count')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('inputs-3').click();
  await page.getByTestId('widths').fill('8, 8');
  await page.getByTestId('widths').press('Enter');
  await page.getByTestId('widths').blur();
  await expect(page.getByText(/after each layer: \d+ → \d+/)).toBeVisible({ timeout: 30_000 });
  const count = Number(await page.getByTestId('region-count').textContent());
  expect(count).toBeGreaterThan(8);
  const stage = page.getByTestId('stage');
  const shot = await stage.screenshot();
  const { fraction, distinctColors } = nonBackgroundFraction(shot);
  expect(fraction).toBeGreaterThan(0.05);
  expect(distinctColors).toBeGreaterThan(50);

  await page.getByTestId('slice-on').check();
  await expect(page.getByTestId('slice-count')).toBeVisible();
  const before = await stage.screenshot();
  await page.getByTestId('slice-at').fill('0.6');
  await expect(page.getByTestId('slice-count')).toContainText('regions on the slice');
  await expect.poll(async () => Buffer.compare(await stage.screenshot(), before)).not.toBe(0);

  const box = (await stage.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const info = page.getByTestId('region-info');
  await expect(info).toBeVisible();
  const pattern = (await info.getAttribute('data-pattern'))!;
  expect(pattern).toMatch(/^[01]{8}\|[01]{8}$/);
  await expect(info).toContainText('layer 1: ' + pattern.split('|')[0]);
  await expect(info).toContainText('volume');
  expect(errors).toEqual([]);
});

test('bad widths are refused at the field and the previous network stays', async ({ page }) => {
  await page.goto('/#/regions');
  await expect(page.getByTestId('region-count')).toBeVisible({ timeout: 30_000 });
  const count = await page.getByTestId('region-count').textContent();
  await page.getByTestId('widths').fill('16, 0');
  await page.getByTestId('widths').blur();
  await expect(page.getByTestId('network-error')).toContainText('Layer 2');
  await expect(page.getByTestId('region-count')).toHaveText(count ?? '');
});

test('depth against width: deeper networks with the same budget have more regions', async ({ page }) => {
  await page.goto('/#/regions');
  await page.getByTestId('compare-run').click();
  const table = page.getByTestId('compare-table');
  await expect(table.getByRole('row')).toHaveCount(5, { timeout: 60_000 });
  await expect(page.getByTestId('compare-run')).toHaveText('Compare depth and width', { timeout: 60_000 });
});

test('showing only the first layer gives the count after layer 1', async ({ page }) => {
  await page.goto('/#/regions');
  const perLayer = page.getByText(/after each layer: \d+ → \d+/);
  await expect(perLayer).toBeVisible({ timeout: 30_000 });
  const afterFirst = Number(((await perLayer.textContent()) ?? '').match(/after each layer: (\d+)/)![1]);
  await page.getByTestId('layers-shown').fill('1');
  await page.getByTestId('layers-shown').dispatchEvent('change');
  await expect(page.getByTestId('region-count')).toHaveText(String(afterFirst));
});

test('boundaries coloured by the layer that drew them', async ({ page }) => {
  await page.goto('/#/regions');
  await expect(page.getByText(/after each layer/)).toBeVisible({ timeout: 30_000 });
  const stage = page.getByTestId('stage');
  const before = await stage.screenshot();
  await page.getByTestId('by-layer').check();
  await expect(page.getByLabel('Layer colours')).toContainText('layer 2');
  await expect.poll(async () => Buffer.compare(await stage.screenshot(), before)).not.toBe(0);
});
