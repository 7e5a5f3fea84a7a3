// Issue 14 end to end: numbers the labs print are true. The Layer lab calls 1e-7·I invertible with
// det 1e-14 (not "singular, det 0"); the SVD lab's rank-1 2×3 "singular" preset has condition ∞
// (not 2.52e16); the default Regions view counts its 535 regions (the tolerance kernel said 534).
import { expect, test } from './fixtures.ts';
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
  const numbers = page.getByTestId('svd-numbers');
  // The 2×3 shape first: the presets follow the matrix's shape.
  await expect(numbers).toContainText('rank 2 · condition number 1');
  await page.getByTestId('preset-singular').click();
  await expect(numbers).toContainText('rank 1 · condition number ∞');
  await expect(numbers).toContainText('rank-deficient');
});

test('a preset clicked while the expression parser still loads wins over the Enter pressed before it', async ({ page }) => {
  // The parser (its own ~700 KB chunk) is held back until the preset has been clicked.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  // The mathjs chunk, not its small static loader (expression-parser-*.js).
  await page.route(/\/assets\/expression-(?!parser)[^/]*\.js$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /SVD/ }).click();
  const numbers = page.getByTestId('svd-numbers');
  await expect(numbers).toContainText('rank 2');
  const field = page.getByTestId('expr-W');
  const typed = '[[5, 0], [0, 3]]';
  await field.fill(typed);
  await field.press('Enter');
  await expect.poll(() => asked).toBe(true);
  await page.getByTestId('preset-singular').click();
  await expect(numbers).toContainText('rank 1 · condition number ∞');
  release();
  // The parser arrives: the Enter before the preset is dropped, and the field shows the preset.
  await expect(field).not.toHaveValue(typed);
  await expect(numbers).toContainText('rank 1 · condition number ∞');
  // The parser works for what is typed after.
  await field.fill(typed);
  await field.press('Enter');
  await expect(numbers).toContainText('σ = (5, 3)');
});

test('the default Regions view counts 535 regions', async ({ page }) => {
  await page.goto('/#/regions');
  await expect(page.getByTestId('region-count')).toHaveText('535', { timeout: 30_000 });
});
