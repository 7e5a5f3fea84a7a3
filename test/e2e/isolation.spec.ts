import { expect, test } from './fixtures.ts';

// Cross-origin isolation (COOP same-origin + COEP require-corp from the preview server, as from
// app:// in the desktop app): the page is crossOriginIsolated, so SharedArrayBuffer exists for the
// kernels' worker pool, and everything the app loads still loads under require-corp — its own
// scripts, styles, fonts (KaTeX's, on the Gradients lab's formulas) and its module workers.
test('the page is cross-origin isolated and still loads every script, font and worker', async ({ page }) => {
  test.setTimeout(120_000);
  const failed: string[] = [];
  const errors: string[] = [];
  page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  const response = await page.goto('/#/layer');
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
  await expect(page.getByTestId('stage').locator('canvas')).toBeVisible();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');

  // A module worker of the app under COEP: the Gradients lab sends a 100 × 64 chain to its worker.
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /Gradients/ }).click();
  await expect(page.getByTestId('stage-forward').locator('canvas')).toBeVisible();
  await page.getByTestId('view-chain').click();
  await expect(page.getByTestId('last-gradient-norm')).toBeVisible();
  await page.getByTestId('width').selectOption('64');
  await page.getByTestId('depth').fill('100');
  await page.getByTestId('depth').dispatchEvent('change');
  await expect(page.getByTestId('chain-message')).toContainText('in a worker', { timeout: 90_000 });
  // … and that worker compiled and ran the WebAssembly SIMD kernels (CSP 'wasm-unsafe-eval') on
  // every core: helper workers sharing the kernels' memory (SharedArrayBuffer needs the isolation).
  const cores = await page.evaluate(() => Math.min(16, navigator.hardwareConcurrency));
  const kernels = await page.evaluate(() => {
    const lab = document.querySelector('hinge-app')?.shadowRoot?.querySelector('hinge-gradients-lab') as unknown as { chain?: { result?: { kernels?: string } } } | null;
    return lab?.chain?.result?.kernels;
  });
  expect(kernels).toBe(cores > 1 ? `wasm-simd (${cores} threads)` : 'wasm-simd (1 thread)');

  // Fonts: every face the page asked for loaded (KaTeX's among them), none failed.
  await page.evaluate(() => document.fonts.ready);
  const fonts = await page.evaluate(() => [...document.fonts].map((f) => ({ family: f.family, status: f.status })));
  expect(fonts.filter((f) => f.status === 'error')).toEqual([]);
  expect(fonts.some((f) => f.status === 'loaded' && f.family.includes('KaTeX'))).toBe(true);

  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});
