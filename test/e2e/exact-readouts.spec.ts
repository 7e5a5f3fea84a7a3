// Issue 14 end to end: numbers the labs print are true. The Layer lab calls 1e-7·I invertible with
// det 1e-14 (not "singular, det 0"); the SVD lab's rank-1 2×3 "singular" preset has condition ∞
// (not 2.52e16); the default Regions view counts its 535 regions (the tolerance kernel said 534).
import { expect, test } from '@playwright/test';
import { openLayerLab } from './helpers.ts';

test('the Layer lab: W = 1e-7·I is invertible with det 1e-14', async ({ page }) => {
  await openLayerLab(page);
  const field = page.getByTestId('expr-W');
  await field.fill('[[1e-7, 0], [0, 1e-7]]');
  await field.press('Enter');
  const det = page.getByTestId('readout-det');
  await expect(det).toHaveAttribute('data-det', '1e-14');
  await expect(det).toHaveAttribute('data-singular', 'false');
  await expect(det).toContainText('W is invertible (rank 2)');
  await expect(det).toContainText('|det W| = 1e-14');
  await expect(det).not.toContainText('singular');
});

test('the SVD lab: the singular 2×3 preset has condition number ∞', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /SVD/ }).click();
  const field = page.getByTestId('expr-W');
  await field.fill('[[1, 0, 0], [0, 1, 0]]');
  await field.press('Enter');
  await page.getByTestId('preset-singular').click();
  const numbers = page.getByTestId('svd-numbers');
  await expect(numbers).toContainText('rank 1 · condition number ∞');
  await expect(numbers).toContainText('rank-deficient');
});

test('the default Regions view counts 535 regions', async ({ page }) => {
  await page.goto('/#/regions');
  await expect(page.getByTestId('region-count')).toHaveText('535', { timeout: 30_000 });
});
