// Following the system: the theme starts as the OS's (emulated prefers-color-scheme) and follows
// it live until the user picks one; a pick survives a reload, "System" follows again. More
// contrast and forced colours change the page's colours; the colour-blind-safe palette redraws
// the lab without losing its state.
import { expect, test, type Page } from './fixtures.ts';
import { openLayerLab } from './helpers.ts';

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const cssVar = (page: Page, name: string) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim(), name);

test('the theme follows an emulated prefers-color-scheme until the user picks one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openLayerLab(page);
  expect(await theme(page)).toBe('light');
  await expect(page.getByTestId('theme')).toHaveValue('system');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => theme(page)).toBe('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => theme(page)).toBe('light');

  // A pick wins over the system, also after a reload; System hands the choice back.
  await page.getByTestId('theme').selectOption('dark');
  expect(await theme(page)).toBe('dark');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.getByTestId('theme')).toHaveValue('dark');
  expect(await theme(page)).toBe('dark');
  await page.getByTestId('theme').selectOption('system');
  await expect.poll(() => theme(page)).toBe('light');
});

test('a restored autosave takes today’s system theme while the theme follows the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openLayerLab(page);
  await page.getByTestId('activation').selectOption('relu');
  await page.evaluate(() => (document.querySelector('hinge-app') as unknown as { project: { flushAutosave(): Promise<void> } }).project.flushAutosave());
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.getByTestId('activation')).toHaveValue('relu');
  expect(await theme(page)).toBe('light');
});

// One app load for both steps instead of two (≈ 2 CPU-s each); the palette step, whose last check is a reload, comes last and starts from the system's colours again.
test('the page\'s colours on the Layer lab: more contrast and forced colours, then the colour-blind-safe palette', async ({ page }) => {
  await openLayerLab(page);
  await test.step('more contrast and forced colours change the page’s colours', async () => {
    const muted = await cssVar(page, '--muted');
    await page.emulateMedia({ contrast: 'more' });
    await expect.poll(() => cssVar(page, '--muted')).not.toBe(muted);
    await page.emulateMedia({ contrast: 'no-preference', forcedColors: 'active' });
    await expect.poll(() => cssVar(page, '--bg')).toBe('Canvas');
  });
  await test.step('the colour-blind-safe palette redraws the lab in its colours and keeps the state', async () => {
    // The system's colours again (no more contrast, no forced colours), the default palette.
    await page.emulateMedia({ contrast: 'no-preference', forcedColors: 'none' });
    await expect.poll(() => cssVar(page, '--bg')).not.toBe('Canvas');
    await expect(page.getByTestId('palette')).not.toHaveValue('colorblind');
    await page.getByTestId('activation').selectOption('tanh');
    const basisI = await cssVar(page, '--basis-i');
    await page.getByTestId('palette').selectOption('colorblind');
    await expect(page.locator('html')).toHaveAttribute('data-palette', 'colorblind');
    await expect.poll(() => cssVar(page, '--basis-i')).not.toBe(basisI);
    // The lab is drawn again (a new element, the same store).
    await page.waitForFunction(() => ((document.querySelector('hinge-app')?.shadowRoot?.querySelector('hinge-layer-lab') as unknown as { framesDrawn?: number } | null)?.framesDrawn ?? 0) > 0);
    await expect(page.getByTestId('activation')).toHaveValue('tanh');
    await page.reload();
    await expect(page.getByTestId('palette')).toHaveValue('colorblind');
  });
});
