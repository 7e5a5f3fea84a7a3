import { expect, test, type Page } from './fixtures.ts';
import { PNG } from 'pngjs';
import { exportLabPng, nonBackgroundFraction } from './helpers.ts';

async function openAttentionLab(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /Attention/ }).click();
  await expect(page.getByTestId('stage').locator('canvas')).toBeVisible();
  await page.waitForFunction(() => {
    const lab = document.querySelector('hinge-app')?.shadowRoot?.querySelector('hinge-attention-lab') as unknown as { framesDrawn?: number } | null;
    return (lab?.framesDrawn ?? 0) > 0;
  });
  expect(errors).toEqual([]);
}

const json = async <T>(page: Page, testId: string, attribute = 'data-value'): Promise<T> =>
  JSON.parse((await page.getByTestId(testId).getAttribute(attribute)) ?? 'null') as T;

const tokenCount = (page: Page) => page.locator('[data-testid^="token-"]').count();

/** The textbook softmax of q·kⱼ/√d_k, computed here from the numbers the page shows. */
function directRow(q: number[], K: number[][], scale: boolean): number[] {
  const dk = q.length;
  const scores = K.map((k) => k.reduce((s, v, c) => s + v * q[c]!, 0) / (scale ? Math.sqrt(dk) : 1));
  const e = scores.map((s) => Math.exp(s));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * Closes the W_Q editor a step before opened, as on a fresh page (its summary toggles it), and
 * checks the default sizes d = 4, d_k = 2 that W_Q's 4×2 shape follows.
 */
async function closeWQEditor(page: Page): Promise<void> {
  await page.getByTestId('open-W_Q').click();
  await expect(page.getByTestId('expr-W_Q')).toHaveCount(0);
  await expect(page.getByTestId('size-d')).toHaveValue('4');
  await expect(page.getByTestId('size-dk')).toHaveValue('2');
}

test.beforeEach(async ({ page }) => {
  await openAttentionLab(page);
});

// One app load for four steps instead of four (≈ 2 CPU-s each); each step asserts the state it starts from.
test('the default sentence: the PNG export, a typed sentence and its softmax row, the causal mask and 33 tokens', async ({ page }) => {
  await test.step('the view exports as a PNG with the token labels drawn in', async () => {
    await expect(page.getByTestId('sentence')).toHaveValue('the cat sat on the mat .');
    const image = await exportLabPng(page, 'hinge-attention-lab', 1, 'paper');
    const bytes = image.bytes;
    const decoded = PNG.sync.read(bytes);
    expect([decoded.width, decoded.height]).toEqual([image.width, image.height]);
    // Paper: mostly white, with points, lines and labels on it.
    const stats = nonBackgroundFraction(bytes);
    expect(stats.fraction).toBeGreaterThan(0.01);
    expect(stats.distinctColors).toBeGreaterThan(20);
  });
  await test.step('type a sentence, click a token: its row sums to 1 and matches softmax(q·k/√d_k) from the shown Q and K', async () => {
    await expect(page.getByTestId('scale')).toBeChecked();
    await expect(page.getByTestId('causal')).not.toBeChecked();
    await page.getByTestId('sentence').fill('Attention turns scores into weights .');
    await expect(page.locator('[data-testid^="token-"]')).toHaveCount(6);
    await page.getByTestId('token-2').click();
    await expect(page.getByTestId('token-2')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('query-row')).toHaveAttribute('data-query', '2');

    const weights = await json<number[]>(page, 'query-row', 'data-weights');
    expect(weights).toHaveLength(6);
    // Σ weights: exact to a few ulps, and printed as 1.000.
    expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    expect(Math.abs((await json<number>(page, 'weight-sum')) - 1)).toBeLessThan(1e-12);
    await expect(page.getByTestId('weight-sum')).toContainText('1.000');

    const Q = await json<number[][]>(page, 'heatmap-Q');
    const K = await json<number[][]>(page, 'heatmap-K');
    expect(await json<number[]>(page, 'query-vector')).toEqual(Q[2]);
    const direct = directRow(Q[2]!, K, true);
    // Both sides are a handful of flops on O(1) numbers: 1e-12 is a hundred ulps.
    direct.forEach((w, j) => expect(Math.abs(w - weights[j]!)).toBeLessThan(1e-12));
    for (let j = 0; j < 6; j++) {
      const printed = Number(await page.getByTestId(`weight-${j}`).textContent());
      expect(Math.abs(printed - direct[j]!)).toBeLessThanOrEqual(0.0005 + 1e-12);
    }

    // Hovering a score explains it as an inner product.
    await page.getByTestId('heatmap-scores').locator('rect.cell').nth(2 * 6 + 4).hover();
    await expect(page.getByTestId('tip-scores')).toContainText('query 3 (scores₃) · key 5 (weights₅)');

    // Unscaled scores make a sharper row: the entropy readout drops.
    const scaledEntropy = await json<number>(page, 'entropy');
    await page.getByTestId('scale').uncheck();
    // Entropy of softmax(βs) falls as β grows; without √d_k, β is √2 times larger.
    await expect.poll(() => json<number>(page, 'entropy')).toBeLessThan(scaledEntropy);
    const unscaled = await json<number[]>(page, 'query-row', 'data-weights');
    directRow(Q[2]!, K, false).forEach((w, j) => expect(Math.abs(w - unscaled[j]!)).toBeLessThan(1e-12));
  });
  await test.step('a causal mask gives later keys weight exactly 0, and the first token attends only to itself', async () => {
    // The typed sentence of the step before: six tokens, none masked yet.
    await expect(page.locator('[data-testid^="token-"]')).toHaveCount(6);
    await expect(page.getByTestId('causal')).not.toBeChecked();
    await page.getByTestId('causal').check();
    await page.getByTestId('token-0').click();
    await expect(page.getByTestId('query-row')).toHaveAttribute('data-query', '0');
    const first = await json<number[]>(page, 'query-row', 'data-weights');
    expect(first[0]).toBe(1);
    expect(first.slice(1).every((w) => w === 0)).toBe(true);
    await page.getByTestId('token-3').click();
    const fourth = await json<number[]>(page, 'query-row', 'data-weights');
    expect(fourth.slice(4).every((w) => w === 0)).toBe(true);
    expect(Math.abs(fourth.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
    await expect(page.getByTestId('query-row').getByText('masked').first()).toBeVisible();
  });
  await test.step('33 tokens are refused at the field and the previous sentence stays', async () => {
    await expect(page.getByTestId('sentence-error')).toHaveCount(0);
    await expect(page.getByTestId('sentence')).not.toHaveAttribute('aria-invalid', 'true');
    const n = await tokenCount(page);
    const weights = await page.getByTestId('query-row').getAttribute('data-weights');
    const words = Array.from({ length: 33 }, (_, i) => `w${i}`).join(' ');
    await page.getByTestId('sentence').fill(words);
    await expect(page.getByTestId('sentence-error')).toContainText('33 tokens');
    await expect(page.getByTestId('sentence')).toHaveAttribute('aria-invalid', 'true');
    expect(await tokenCount(page)).toBe(n);
    await expect(page.getByTestId('query-row')).toHaveAttribute('data-weights', weights ?? '');
    // 32 are fine.
    await page.getByTestId('sentence').fill(words.replace(/ w32$/, ''));
    await expect(page.getByTestId('sentence-error')).toHaveCount(0);
    await expect(page.locator('[data-testid^="token-"]')).toHaveCount(32);
  });
});

// One app load for four steps instead of four (≈ 2 CPU-s each); each step asserts the state it starts from.
test('W_Q on the default example: the output point, a bad or overflowing W_Q, then the keyboard, heads and d_k > 3', async ({ page }) => {
  await test.step('the output point moves when a weight changes, and stays the weighted average of the value points', async () => {
    await expect(page.getByTestId('expr-W_Q')).toHaveCount(0);
    const stage = page.getByTestId('stage');
    const before = await json<number[]>(page, 'output-point');
    const points = await json<number[][]>(page, 'output-point', 'data-points');
    const shotBefore = await stage.screenshot();
    expect(nonBackgroundFraction(shotBefore).fraction).toBeGreaterThan(0.02);

    await page.getByTestId('open-W_Q').click();
    const cell = page.getByTestId('cell-W_Q-0-0');
    await cell.fill('2.5');
    await cell.press('Enter');
    await expect.poll(() => json<number[]>(page, 'output-point')).not.toEqual(before);

    const after = await json<number[]>(page, 'output-point');
    // W_Q changes the weights, not the values: the points stay, the output moves among them.
    expect(await json<number[][]>(page, 'output-point', 'data-points')).toEqual(points);
    const weights = await json<number[]>(page, 'query-row', 'data-weights');
    const average = after.map((_, c) => points.reduce((s, p, j) => s + weights[j]! * p[c]!, 0));
    after.forEach((v, c) => expect(Math.abs(v - average[c]!)).toBeLessThan(1e-12));
    const shotAfter = await stage.screenshot();
    expect(shotAfter.equals(shotBefore)).toBe(false);
  });
  await test.step('a bad W_Q expression shows an error at the field and keeps the previous Q', async () => {
    await closeWQEditor(page);
    await expect(page.getByTestId('error-W_Q')).toHaveCount(0);
    const Q = await page.getByTestId('heatmap-Q').getAttribute('data-value');
    await page.getByTestId('open-W_Q').click();
    const field = page.getByTestId('expr-W_Q');
    await field.fill('[1, 2; 3');
    await field.press('Enter');
    await expect(page.getByTestId('error-W_Q')).toBeVisible();
    await expect(page.getByTestId('heatmap-Q')).toHaveAttribute('data-value', Q ?? '');
    await field.fill('[[1, 2], [3, 4]]');
    await field.press('Enter');
    await expect(page.getByTestId('error-W_Q')).toContainText('4×2');
    await expect(page.getByTestId('heatmap-Q')).toHaveAttribute('data-value', Q ?? '');
    // A good expression of the right shape is taken.
    await field.fill('[[1, 0], [0, 1], [0, 0], [0, 0]]');
    await field.press('Enter');
    await expect(page.getByTestId('error-W_Q')).toHaveCount(0);
    // Q = XW_Q picks X's first two columns, exactly (every other term is a product with 0).
    const X = await json<number[][]>(page, 'heatmap-X');
    await expect.poll(() => json<number[][]>(page, 'heatmap-Q')).toEqual(X.map((row) => row.slice(0, 2)));
  });
  await test.step('a W_Q so large that an inner product is ∞ − ∞ is refused at its field; the previous state stays', async () => {
    await closeWQEditor(page);
    await expect(page.getByTestId('model-error-W_Q')).toHaveCount(0);
    const Q = await page.getByTestId('heatmap-Q').getAttribute('data-value');
    const weights = await page.getByTestId('query-row').getAttribute('data-weights');
    await page.getByTestId('open-W_Q').click();
    const field = page.getByTestId('expr-W_Q');
    // Q's entries overflow to ±∞ with opposite signs per row, so q·k meets ∞ − ∞ (NaN).
    await field.fill('[[1e308, -1e308], [1e308, -1e308], [1e308, -1e308], [1e308, -1e308]]');
    await field.press('Enter');
    await expect(page.getByTestId('model-error-W_Q')).toContainText(/NaN|overflow/);
    await expect(page.getByTestId('heatmap-Q')).toHaveAttribute('data-value', Q ?? '');
    await expect(page.getByTestId('query-row')).toHaveAttribute('data-weights', weights ?? '');
    await expect(page.getByTestId('query-row')).not.toContainText('NaN');
  });
  await test.step('keyboard: arrow keys move the clicked token; heads and a projection for d_k > 3 are labelled', async () => {
    // A fresh page's query token and sizes: the typed W_Q steps change neither.
    await expect(page.getByTestId('token-1')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('final-output')).toHaveCount(0);
    await expect(page.getByTestId('size-dk')).toHaveValue('2');
    await page.getByTestId('token-1').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('token-2')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('token-2')).toBeFocused();

    await page.getByTestId('heads-2').click();
    await expect(page.getByTestId('final-output')).toBeVisible();
    await page.getByTestId('size-dk').fill('5');
    await page.getByTestId('size-dk').press('Enter');
    await expect(page.getByTestId('view-legend')).toContainText('principal directions');
    expect((await json<number[]>(page, 'output-point')).length).toBe(2);
    expect(nonBackgroundFraction(await page.getByTestId('stage').screenshot()).fraction).toBeGreaterThan(0.02);
  });
});
