// Finding help: the ? key and the rail's Help button, what each lab shows with its rows on the
// concept map, every sample file opening, and a first-run tour that is shown once.
import { expect, test, type Page } from './fixtures.ts';
import { openLayerLab } from './helpers.ts';

test('? opens the help: shortcuts, each lab with its concept-map rows', async ({ page }) => {
  await openLayerLab(page);
  await page.locator('body').press('?');
  const help = page.getByTestId('help-dialog');
  await expect(help).toBeVisible();
  await expect(help.getByRole('table', { name: 'Keyboard shortcuts' })).toContainText('Orbit the camera');
  await page.getByTestId('help-tab-labs').click();
  await expect(page.getByTestId('help-lab-svd')).toContainText('W = UΣVᵀ');
  await page.getByTestId('help-map-regions').click();
  await expect(help).not.toBeVisible();
  await expect(page).toHaveURL(/#\/map\?row=regions$/);
  const marked = page.locator('tr[data-highlight]');
  await expect(marked.first()).toBeVisible();
  for (const lab of await marked.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lab')))) expect(lab).toBe('regions');
  // In a text field ? is a character, not the help.
  await page.goto('/#/layer');
  await page.getByTestId('expr-W').focus();
  await page.keyboard.press('?');
  await expect(help).not.toBeVisible();
});

const SAMPLE_PROJECTS = ['layer', 'svd', 'regions', 'attention', 'lora', 'gradients'];
const SAMPLE_WEIGHTS = ['rotation-3x3.npy', 'small-mlp.safetensors', 'weights-6x4.csv'];

async function openSample(page: Page, file: string): Promise<void> {
  await page.getByTestId('samples').click();
  await page.getByTestId(`sample-${file}`).click();
}

test('each sample opens: a project on its lab, weights in the import dialog', async ({ page }) => {
  test.setTimeout(180_000);
  await openLayerLab(page);
  for (const lab of SAMPLE_PROJECTS) {
    await openSample(page, `${lab}.hinge`);
    await expect(page).toHaveURL(new RegExp(`#/${lab}$`));
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByTestId('doc-name')).toContainText(lab);
  }
  for (const file of SAMPLE_WEIGHTS) {
    await openSample(page, file);
    await expect(page.getByTestId('import-dialog')).toBeVisible();
    await expect(page.getByTestId('import-file-name')).toHaveText(file);
    await expect(page.getByTestId('import-apply')).toBeEnabled();
    await page.getByTestId('import-cancel').click();
  }
});

test('the first-run tour is shown once; skipped, it never returns', async ({ browser }) => {
  const { baseURL, viewport } = test.info().project.use;
  const context = await browser.newContext({ baseURL, viewport, storageState: { cookies: [], origins: [] } }); // a first run
  const page = await context.newPage();
  await page.goto('/');
  const tour = page.getByTestId('tour');
  await expect(tour).toBeVisible();
  await expect(tour).toContainText('1 of 4');
  await page.getByTestId('tour-next').click();
  await expect(tour).toContainText('2 of 4');
  await page.getByTestId('tour-skip').click();
  await expect(tour).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('help')).toBeVisible();
  await expect(tour).toHaveCount(0);
  await page.goto('/#/layer');
  await expect(tour).toHaveCount(0);
  await context.close();
});

test('finishing the tour with Done also ends it for good', async ({ browser }) => {
  const { baseURL, viewport } = test.info().project.use;
  const context = await browser.newContext({ baseURL, viewport, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/');
  for (let i = 0; i < 3; i++) await page.getByTestId('tour-next').click();
  await expect(page.getByTestId('tour-next')).toHaveText('Done');
  await page.getByTestId('tour-next').click();
  await page.reload();
  await expect(page.getByTestId('help')).toBeVisible();
  await expect(page.getByTestId('tour')).toHaveCount(0);
  await context.close();
});
