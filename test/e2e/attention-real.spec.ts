import { expect, test, type Page } from './fixtures.ts';
import { seriousAxeViolations } from './helpers.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Attention lab's real source in the browser build: the tiny random GPT-2 of
 * test/fixtures/checkpoints (sharded safetensors, tokenizer.json, config.json) opened through the
 * lab's file input and handed over from the Model lab; the tokens shown are the tokenizer's, and
 * every head's weights equal generate.py's float64 torch reference; a folder without
 * tokenizer.json, an empty sentence and one longer than n_positions are refused at their place.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'checkpoints');
const files = (folder: string) => readdirSync(join(FIXTURES, folder)).map((f) => join(FIXTURES, folder, f));
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  gpt2Tokens: { text: string; ids: number[]; tokens: string[] }[];
  gpt2Attention: { ids: number[]; heads: number; weights: number[][][] };
  llamaAttention: { ids: number[]; heads: number; weights: number[][][] };
};
const ref = expected.gpt2Attention;
// The reference's 8 tokens are the first 8 of this sentence (generate.py), 16 in all = n_positions.
const SENTENCE = expected.gpt2Tokens[0]!;

/** The Attention lab's state as the project file would save it. */
const savedState = (page: Page) => page.evaluate(() => {
  const app = document.querySelector('hinge-app') as unknown as { project: { projectText(): string } };
  return (JSON.parse(app.project.projectText()) as { labs: { attention: { state: unknown } } }).labs.attention.state;
});
const viewsBuilt = (page: Page) => page.evaluate(() => {
  const lab = document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-attention-lab') as unknown as { shellStats(): { viewsBuilt: number[] } };
  return lab.shellStats().viewsBuilt[0]!;
});

const json = async <T>(page: Page, testId: string, attribute = 'data-value'): Promise<T> =>
  JSON.parse((await page.getByTestId(testId).getAttribute(attribute)) ?? 'null') as T;

async function openLab(page: Page, errors: string[], lab: 'attention' | 'model'): Promise<void> {
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`/#/${lab}`);
  await expect(page.getByTestId(lab === 'model' ? 'model-open-input' : 'source-real')).toBeAttached();
}

/** Largest |a − b| over the top-left block of `shown` that `reference` covers. */
function maxDiff(shown: (number | null)[][], reference: number[][]): number {
  let worst = 0;
  reference.forEach((row, i) => row.forEach((w, j) => (worst = Math.max(worst, Math.abs((shown[i]![j] ?? 0) - w)))));
  return worst;
}

/** Checks the shown tokens and, head by head, the weights heatmap against the torch reference. */
async function expectReferenceHeads(page: Page): Promise<void> {
  await expect(page.getByTestId('tokens-strip')).toHaveAttribute('data-tokens', JSON.stringify(SENTENCE.tokens));
  await expect(page.locator('[data-testid^="token-"]')).toHaveCount(SENTENCE.tokens.length);
  // 'Ġs' shown readably, with the visible-space mark.
  await expect(page.getByTestId('token-1')).toContainText('␣s');
  for (let h = 0; h < ref.heads; h++) {
    await page.getByTestId(`real-head-${h}`).click();
    await expect(page.getByTestId(`real-head-${h}`)).toHaveAttribute('aria-pressed', 'true');
    const weights = await json<(number | null)[][]>(page, 'heatmap-weights');
    expect(weights).toHaveLength(SENTENCE.tokens.length);
    // Causal: the first 8 rows see only the first 8 tokens, so they are the 8-token reference's.
    // float64 here and in torch: 1e-9 is far above the few ulps they differ by.
    expect(maxDiff(weights, ref.weights[h]!), `head ${h}`).toBeLessThan(1e-9);
    // Later keys are masked: weight exactly 0.
    weights.forEach((row, i) => row.forEach((w, j) => { if (j > i) expect(w).toBe(0); }));
  }
}

test.describe.configure({ timeout: 120_000 });

test('open a GPT-2 folder in the lab: the tokenizer’s tokens and every head’s weights equal torch’s', async ({ page }) => {
  const errors: string[] = [];
  await openLab(page, errors, 'attention');
  const toyState = await savedState(page);
  await page.getByTestId('source-real').click();
  await expect(page.getByTestId('real-empty')).toContainText('Open a GPT-2');
  // Toy-only controls are gone in real mode, with the reason.
  await expect(page.getByTestId('seed')).toHaveCount(0);
  await expect(page.getByTestId('toy-only-note')).toContainText('belong to the toy');

  await page.getByTestId('real-open-input').setInputFiles(files('gpt2'));
  await expect(page.getByTestId('real-summary')).toContainText('GPT-2: d = 16, 4 heads of d_head = 4, 16 positions');
  await page.getByTestId('sentence').fill(SENTENCE.text);
  await expectReferenceHeads(page);
  // What was read: the sentence's 16 rows of wte's 300, not the whole table.
  await expect(page.getByTestId('real-read')).toContainText('wte.weight: 16 of 300 rows');
  await expect(page.getByTestId('real-read')).toContainText('wpe.weight: 16 of 16 rows');

  // Another head or token moves the same view (the shell builds no new one).
  const built = await viewsBuilt(page);
  await page.getByTestId('real-head-1').click();
  await expect(page.getByTestId('real-head-1')).toHaveAttribute('aria-pressed', 'true');
  // The query row is the heatmap's row; clicking a token follows it.
  await page.getByTestId('token-5').click();
  await expect(page.getByTestId('query-row')).toHaveAttribute('data-query', '5');
  const heat = await json<(number | null)[][]>(page, 'heatmap-weights');
  expect(await json<number[]>(page, 'query-row', 'data-weights')).toEqual(heat[5]);
  expect(await viewsBuilt(page)).toBe(built);
  // The keyboard moves the clicked token; d_head = 4 > 3 is drawn on 2 or 3 principal directions.
  await page.getByTestId('token-5').press('ArrowRight');
  await expect(page.getByTestId('query-row')).toHaveAttribute('data-query', '6');
  await page.getByTestId('real-projection-3').click();
  await expect(page.getByTestId('view-legend')).toContainText('top 3 principal directions');
  // Real mode is not saved: the project still holds the toy model as it was.
  expect(await savedState(page)).toEqual(toyState);

  // Bad sentences at the field; the last heads stay.
  await page.getByTestId('sentence').fill('   ');
  await expect(page.getByTestId('sentence-error')).toContainText('Type a sentence');
  await page.getByTestId('sentence').fill(`${SENTENCE.text}!`);
  await expect(page.getByTestId('sentence-error')).toContainText('17 tokens; this model has 16 positions (n_positions), so at most 16 fit');
  await expect(page.getByTestId('tokens-strip')).toHaveAttribute('data-tokens', JSON.stringify(SENTENCE.tokens));

  // Back to the toy model: its controls and sentence are as they were.
  await page.getByTestId('back-to-toy').click();
  await expect(page.getByTestId('seed')).toBeVisible();
  await expect(page.getByTestId('sentence')).toHaveValue('the cat sat on the mat .');
  expect(errors).toEqual([]);
});

test('the Model lab hands its GPT-2 checkpoint to the Attention lab', async ({ page }) => {
  const errors: string[] = [];
  await openLab(page, errors, 'model');
  await page.getByTestId('model-open-input').setInputFiles(files('gpt2'));
  await expect(page.getByTestId('model-summary')).toContainText('safetensors-sharded');
  await page.getByTestId('model-open-attention').click();
  await expect(page).toHaveURL(/#\/attention$/);
  await expect(page.getByTestId('real-summary')).toContainText('GPT-2');
  await page.getByTestId('sentence').fill(SENTENCE.text);
  await expectReferenceHeads(page);
  expect(errors).toEqual([]);
});

// Two folders opened in the real mode of one page: one app load (≈ 2 CPU-s) instead of two. The
// Llama folder replaces the GPT-2 one the first step ends on.
test('real sources in the Attention lab: a folder without tokenizer.json is refused, a Llama-style one equals numpy', async ({ page }) => {
  const errors: string[] = [];
  await openLab(page, errors, 'attention');
  await test.step('a folder without tokenizer.json is refused at the lab, which then opens a good one', async () => {
    await page.getByTestId('source-real').click();
    await page.getByTestId('real-open-input').setInputFiles(files('gpt2').filter((f) => !f.endsWith('tokenizer.json')));
    await expect(page.getByTestId('real-source-error')).toContainText('No tokenizer.json');
    await expect(page.getByTestId('real-empty')).toContainText('could not be read');
    // Another architecture (a LoRA adapter folder has no config.json of a model).
    await page.getByTestId('real-open-input').setInputFiles(files('gpt2-lora'));
    await expect(page.getByTestId('real-source-error')).toBeVisible();
    await page.getByTestId('real-open-input').setInputFiles(files('gpt2'));
    await expect(page.getByTestId('real-source-error')).toHaveCount(0);
    await expect(page.getByTestId('real-summary')).toContainText('GPT-2');
  });
  await test.step('Llama-style: RMSNorm, RoPE and grouped-query heads from text equal numpy’s', async () => {
    await page.getByTestId('source-real').click();
    await page.getByTestId('real-open-input').setInputFiles([...files('llama'), join(FIXTURES, 'llama-tokenizer', 'tokenizer.json')]);
    await expect(page.getByTestId('real-summary')).toContainText('Llama-style: d = 32, 4 heads sharing 2 key/value heads');
    await page.getByTestId('sentence').fill('abccd');
    await expect(page.getByTestId('tokens-strip')).toHaveAttribute('data-tokens', JSON.stringify(['a', 'b', 'c', 'c', 'd']));
    for (let h = 0; h < expected.llamaAttention.heads; h++) {
      await page.getByTestId(`real-head-${h}`).click();
      await expect(page.getByTestId(`real-head-${h}`)).toHaveAttribute('aria-pressed', 'true');
      expect(maxDiff(await json(page, 'heatmap-weights'), expected.llamaAttention.weights[h]!)).toBeLessThan(1e-9);
    }
  });
  expect(errors).toEqual([]);
});

test('screenshots of real mode in both themes, with no serious accessibility violation', async ({ page }, info) => {
  const errors: string[] = [];
  await openLab(page, errors, 'attention');
  await page.getByTestId('source-real').click();
  await page.getByTestId('real-open-input').setInputFiles(files('gpt2'));
  await page.getByTestId('sentence').fill(SENTENCE.text);
  await expect(page.getByTestId('tokens-strip')).toHaveAttribute('data-tokens', JSON.stringify(SENTENCE.tokens));
  await page.getByTestId('real-head-2').click();
  await page.getByTestId('token-6').click();
  for (const theme of ['dark', 'light'] as const) {
    await page.getByTestId('theme').selectOption(theme);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    await page.evaluate(() => (document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-attention-lab') as unknown as { settled(): Promise<void> }).settled());
    await page.screenshot({ path: info.outputPath(`attention-real-${theme}.png`) });
    expect(await seriousAxeViolations(page), theme).toEqual([]);
  }
  // The Model lab's hand-off, as the user sees it.
  await page.goto('/#/model');
  await page.getByTestId('model-open-input').setInputFiles(files('gpt2'));
  await expect(page.getByTestId('model-open-attention')).toBeVisible();
  await page.screenshot({ path: info.outputPath('model-handoff-light.png') });
  expect(errors).toEqual([]);
});
