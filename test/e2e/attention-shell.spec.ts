import { expect, test, type Page } from './fixtures.ts';

type Stats = { viewsBuilt: number[]; jobsStarted: number[] };

const stats = (page: Page) => page.evaluate(() => {
  const lab = document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-attention-lab') as unknown as { shellStats(): Stats };
  return lab.shellStats();
});
const json = async <T>(page: Page, testId: string, attribute = 'data-value'): Promise<T> =>
  JSON.parse((await page.getByTestId(testId).getAttribute(attribute)) ?? 'null') as T;

test('choosing a token, the temperature or a head moves the same view; only a new sentence length builds a new one', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /Attention/ }).click();
  await expect(page.getByTestId('stage').locator('canvas')).toBeVisible();
  await page.getByTestId('sentence').fill('the cat sat on the mat');
  await expect(page.locator('[data-testid^="token-"]')).toHaveCount(6);
  const before = await stats(page);
  expect(before.viewsBuilt[0]).toBeGreaterThanOrEqual(1);

  const output = await json<number[]>(page, 'output-point');
  await page.getByTestId('token-3').click();
  await expect(page.getByTestId('query-row')).toHaveAttribute('data-query', '3');
  await expect.poll(() => json<number[]>(page, 'output-point')).not.toEqual(output);

  const weights = await json<number[]>(page, 'query-row', 'data-weights');
  await page.getByTestId('temperature').fill('0.5');
  await expect.poll(() => json<number[]>(page, 'query-row', 'data-weights')).not.toEqual(weights);

  await page.getByTestId('heads-2').click();
  await expect(page.getByTestId('head-1')).toBeVisible();
  const afterHeads = await stats(page);
  await page.getByTestId('head-1').click();
  await expect(page.getByTestId('head-1')).toHaveAttribute('aria-pressed', 'true');
  // Token, temperature and head: no new view (the head count drew new projections of the same topology too).
  expect(afterHeads.viewsBuilt).toEqual(before.viewsBuilt);
  expect((await stats(page)).viewsBuilt).toEqual(before.viewsBuilt);

  // A sentence of another length is a new topology.
  await page.getByTestId('sentence').fill('the cat sat on the mat again');
  await expect(page.locator('[data-testid^="token-"]')).toHaveCount(7);
  await expect.poll(async () => (await stats(page)).viewsBuilt[0]).toBe(before.viewsBuilt[0]! + 1);
  expect(errors).toEqual([]);
});
