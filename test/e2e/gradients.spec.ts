import { expect, test, type Page } from './fixtures.ts';
import { nonBackgroundFraction } from './helpers.ts';

async function openGradientsLab(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /Gradients/ }).click();
  await expect(page.getByTestId('stage-forward').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('stage-backward').locator('canvas')).toBeVisible();
  await page.waitForFunction(() => {
    const lab = document.querySelector('hinge-app')?.shadowRoot?.querySelector('hinge-gradients-lab') as unknown as { framesDrawn?: number } | null;
    return (lab?.framesDrawn ?? 0) > 0;
  });
  expect(errors).toEqual([]);
}

const json = async (page: Page, id: string) => JSON.parse((await page.getByTestId(id).getAttribute('data-value')) ?? 'null') as number[];
const lastNorm = async (page: Page) => Number(await page.getByTestId('last-gradient-norm').getAttribute('data-value'));

test.beforeEach(async ({ page }) => {
  await openGradientsLab(page);
});

// One app load instead of five (≈ 2 CPU-s each): the layer view's steps on the default example
// first, the bad matrix last of them; then the chain's steps, the scale sweep on the default chain
// first, the orthogonal chain after it with ReLU off and σ_w back at 1.
test('the Gradients lab: the layer view on its default example, a bad matrix, and the chain from vanishing to exploding to orthogonal', async ({ page }) => {
  await test.step('forward and backward views are both drawn, and ∂L/∂x = Wᵀg', async () => {
    for (const id of ['stage-forward', 'stage-backward']) {
      const shot = await page.getByTestId(id).screenshot();
      const { fraction, distinctColors } = nonBackgroundFraction(shot);
      expect(fraction, id).toBeGreaterThan(0.03);
      expect(distinctColors, id).toBeGreaterThan(30);
    }
    // W = [[1.5, 0.8], [0.4, 0.6]], x = (−1, 0.8), g = (0.2, −1).
    const y = await json(page, 'readout-y');
    const grad = await json(page, 'readout-grad');
    [-1.5 + 0.8 * 0.8, -0.4 + 0.6 * 0.8].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 12));
    [1.5 * 0.2 - 0.4, 0.8 * 0.2 - 0.6].forEach((v, i) => expect(grad[i]).toBeCloseTo(v, 12));
  });
  await test.step('a gradient along u₂ comes back shrunk by σ₂, along u₁ stretched by σ₁', async () => {
    // Still the default W and x: y = Wx as on the default example.
    const y = await json(page, 'readout-y');
    [-1.5 + 0.8 * 0.8, -0.4 + 0.6 * 0.8].forEach((v, i) => expect(y[i]).toBeCloseTo(v, 12));
    const ratio = async () => Number(await page.getByTestId('readout-ratio').getAttribute('data-value'));
    // σ of [[1.5, 0.8], [0.4, 0.6]]: the square roots of the eigenvalues of WᵀW.
    const t = 1.5 ** 2 + 0.8 ** 2 + 0.4 ** 2 + 0.6 ** 2;
    const det = 1.5 * 0.6 - 0.8 * 0.4;
    const s1 = Math.sqrt((t + Math.sqrt(t * t - 4 * det * det)) / 2);
    const s2 = Math.abs(det) / s1;
    await page.getByTestId('g-u1').click();
    await expect.poll(ratio).toBeCloseTo(s1, 12);
    await page.getByTestId('g-u2').click();
    await expect.poll(ratio).toBeCloseTo(s2, 12);
  });
  await test.step('a bad typed matrix shows an error at the field and the previous one stays', async () => {
    const before = await json(page, 'readout-grad');
    const field = page.getByTestId('expr-W');
    await field.fill('[1,2;3');
    await field.press('Enter');
    await expect(page.getByTestId('error-W')).toBeVisible();
    expect(await json(page, 'readout-grad')).toEqual(before);
    await field.fill('[[2, 0, 0], [0, 1, 0], [0, 0, 0.5]]');
    await field.press('Enter');
    await expect(page.getByTestId('error-W')).toHaveCount(0);
    await expect(page.getByTestId('stage-forward')).toHaveAttribute('aria-label', /ℝ³/);
    expect(await json(page, 'readout-grad')).toHaveLength(3);
  });
  await test.step('the chain: its gradient-norm chart appears, and the scale moves it from vanishing to exploding', async () => {
    await page.getByTestId('view-chain').click();
    // The default chain (30 Gaussian layers of width 32, σ_w = 1, no ReLU): the layer view's steps left it alone.
    await expect(page.getByTestId('scale-value')).toHaveText('1.00');
    await expect(page.getByTestId('relu')).not.toBeChecked();
    await expect(page.getByTestId('gradient-norm-chart').locator('svg').first()).toBeVisible();
    await expect(page.getByTestId('jacobian-chart').locator('svg').first()).toBeVisible();
    await expect(page.getByTestId('condition-chart').locator('svg').first()).toBeVisible();
    const scale = page.getByTestId('scale');
    await scale.fill('-2');
    await expect(page.getByTestId('scale-value')).toHaveText('0.25');
    await expect(page.getByTestId('chain-verdict')).toHaveText('vanishing');
    // 30 linear Gaussian layers at scale ¼: about 4⁻³⁰ ≈ 1e-18.
    expect(await lastNorm(page)).toBeLessThan(1e-10);
    await scale.fill('2');
    await expect(page.getByTestId('scale-value')).toHaveText('4.00');
    await expect(page.getByTestId('chain-verdict')).toHaveText('exploding');
    expect(await lastNorm(page)).toBeGreaterThan(1e10);
    // With ReLU the balance point is √2.
    await page.getByTestId('relu').check();
    await page.getByTestId('use-critical').click();
    await expect(page.getByTestId('scale-value')).toHaveText('1.41');
    await expect(page.getByTestId('chain-verdict')).toHaveText('stable');
  });
  await test.step('orthogonal weights keep the gradient at norm 1 exactly, through 100 layers', async () => {
    await page.getByTestId('view-chain').click();
    // Back to the default chain's linear layers at σ_w = 1, which the previous step changed.
    await page.getByTestId('relu').uncheck();
    await page.getByTestId('scale').fill('0');
    await expect(page.getByTestId('scale-value')).toHaveText('1.00');
    await expect(page.getByTestId('relu')).not.toBeChecked();
    await expect(page.getByTestId('init')).toHaveValue('gaussian');
    await page.getByTestId('init').selectOption('orthogonal');
    await page.getByTestId('width').selectOption('8');
    await page.getByTestId('depth').fill('100');
    await page.getByTestId('depth').dispatchEvent('change');
    await expect(page.getByTestId('last-gradient-norm')).toBeVisible();
    await expect.poll(() => lastNorm(page)).toBeCloseTo(1, 12);
  });
});

test('a heavy chain runs in a worker with progress, can be canceled, and finishes when asked again', async ({ page }) => {
  test.setTimeout(120_000);
  await page.getByTestId('view-chain').click();
  await expect(page.getByTestId('last-gradient-norm')).toBeVisible();
  const first = await lastNorm(page);
  await page.getByTestId('width').selectOption('256');
  await page.getByTestId('depth').fill('100');
  await page.getByTestId('depth').dispatchEvent('change');
  await expect(page.getByTestId('chain-progress')).toBeVisible();
  await page.getByTestId('chain-cancel').click();
  await expect(page.getByTestId('chain-message')).toContainText('Canceled');
  await expect(page.getByTestId('chain-progress')).toHaveCount(0);
  // The previous result stays.
  expect(await lastNorm(page)).toBe(first);
  await page.getByTestId('width').selectOption('64');
  await expect(page.getByTestId('chain-message')).toContainText('in a worker', { timeout: 60_000 });
  await expect(page.getByTestId('chain-verdict')).toBeVisible();
  expect(await lastNorm(page)).not.toBe(first);
});
