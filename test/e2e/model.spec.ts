import { expect, test, type Page } from './fixtures.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Model lab in the browser build: a real sharded checkpoint opened through the file input
 * (read by File.slice in a worker), its overview filling in row by row, the values equal to
 * numpy's (test/fixtures/checkpoints/generate.py wrote expected.json), rows opened in the SVD and
 * LoRA labs, a base with its PEFT adapter (ΔW's spectrum), and a hostile pickle refused at the lab.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'checkpoints');
interface Metrics {
  shape: number[]; frobenius: number; spectral: number; stableRank: number; effectiveRank: number; numericalRank: number;
  condition: number | 'Infinity'; energy8: number; energy16: number; energy64: number; powerLaw: { alpha: number } | null; sigma: number[];
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  llama: { tensors: string[]; shapes?: Record<string, number[]>; metrics: Record<string, Metrics> };
  llamaLora: Record<string, { shape: number[]; frobenius: number }>;
};
const files = (folder: string) => readdirSync(join(FIXTURES, folder)).map((f) => join(FIXTURES, folder, f));

function expectRelative(actual: number, wanted: number, tolerance: number): void {
  expect(Math.abs(actual - wanted), `${actual} vs ${wanted}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(wanted)));
}

async function openModelLab(page: Page, errors: string[]): Promise<void> {
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/#/model');
  await expect(page.getByTestId('model-open-input')).toBeAttached();
}

/** Waits for the overview to finish: every matrix has its row and the progress is gone. */
async function overviewDone(page: Page, matrices: number): Promise<void> {
  await expect(page.getByTestId('model-row')).toHaveCount(matrices);
  await expect(page.getByTestId('model-progress')).toHaveCount(0);
}

// Workers, SVDs and three labs on a shared two-core machine: room, not a timing claim.
test.describe.configure({ timeout: 240_000 });

const LLAMA_MATRICES = 15; // embed_tokens + 7 per layer × 2 layers (lm_head is tied, not stored)

test('a sharded checkpoint: the overview fills in with numpy’s values, a row opens in the SVD and LoRA labs', async ({ page }) => {
  const errors: string[] = [];
  await openModelLab(page, errors);
  await page.getByTestId('model-open-input').setInputFiles(files('llama'));
  await expect(page.getByTestId('model-summary')).toContainText('safetensors-sharded');
  await overviewDone(page, LLAMA_MATRICES);

  for (const [name, facts] of Object.entries(expected.llama.metrics)) {
    const row = page.locator(`[data-testid="model-row"][data-name="${name}"]`);
    const value = async (key: string) => Number(await row.locator(`[data-metric="${key}"]`).getAttribute('data-value'));
    // Two backward-stable SVDs of one float64 matrix agree to a few ulps of σ₁; 1e-10 leaves room.
    for (const key of ['frobenius', 'spectral', 'stableRank', 'effectiveRank', 'energy8', 'energy16', 'energy64'] as const) {
      expectRelative(await value(key), facts[key], 1e-10);
    }
    expect(await value('numericalRank')).toBe(facts.numericalRank);
    if (facts.condition === 'Infinity') expect(await value('condition')).toBe(Infinity);
    else expectRelative(await value('condition'), facts.condition, 1e-8);
    if (facts.powerLaw) expectRelative(await value('alpha'), facts.powerLaw.alpha, 1e-8);
  }

  // Sorting by σ₁ descending puts the largest first.
  await page.locator('th[data-sort="spectral"]').click();
  const spectral = await page.getByTestId('model-row').locator('[data-metric="spectral"]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));
  expect(spectral).toEqual([...spectral].sort((a, b) => b - a));
  // The depth chart draws one line per module kind.
  await expect(page.getByTestId('depth-chart').locator('svg')).toHaveCount(1);

  const q = 'model.layers.0.self_attn.q_proj.weight';
  const facts = expected.llama.metrics[q]!;
  await page.locator(`[data-testid="model-row"][data-name="${q}"]`).click();
  await page.getByTestId('model-open-svd').click();
  await expect(page).toHaveURL(/#\/svd$/);
  const summary = page.getByTestId('imported-spectrum-summary');
  await expect(summary).toHaveAttribute('data-kind', 'full');
  await expect(summary).toHaveAttribute('data-rank', String(facts.numericalRank));
  expectRelative(Number(await summary.getAttribute('data-sigma1')), facts.sigma[0]!, 1e-10);
  await expect(page.getByTestId('imported-name')).toContainText('q_proj');

  // Back in the Model lab the checkpoint is still open (no second analysis); the row goes to LoRA.
  await page.goto('/#/model');
  await overviewDone(page, LLAMA_MATRICES);
  await page.locator(`[data-testid="model-row"][data-name="${q}"]`).click();
  await page.getByTestId('model-open-lora').click();
  await expect(page).toHaveURL(/#\/lora$/);
  const at = page.getByTestId('compression-at-r');
  await page.getByTestId('compression-rank').fill('8');
  await page.getByTestId('compression-rank').press('Enter');
  await expect(at).toHaveAttribute('data-rank', '8');
  // ‖W − W₈‖_F/‖W‖_F = √(1 − energy at rank 8).
  expectRelative(Number(await at.getAttribute('data-relative-frobenius')), Math.sqrt(1 - facts.energy8), 1e-10);
  expect(errors).toEqual([]);
});

test('a base and its LoRA adapter: ΔW per pair with its spectrum beside the base weight’s', async ({ page }) => {
  const errors: string[] = [];
  await openModelLab(page, errors);
  await page.getByTestId('model-open-input').setInputFiles(files('llama'));
  await overviewDone(page, LLAMA_MATRICES);
  await page.getByTestId('model-compare-input').setInputFiles(files('llama-lora'));
  const rows = page.getByTestId('delta-row');
  await expect(rows).toHaveCount(Object.keys(expected.llamaLora).length);
  for (const [module, facts] of Object.entries(expected.llamaLora)) {
    const row = page.locator(`[data-testid="delta-row"][data-name="${module}"]`);
    // peft's get_delta_weight in float64 (torch): ‖ΔW‖_F.
    expectRelative(Number(await row.locator('[data-metric="frobenius"]').getAttribute('data-value')), facts.frobenius, 1e-10);
    // ΔW = s·B·A with random (non-zero-initialised) A, B of rank r = 4 has rank exactly 4.
    expect(Number(await row.locator('[data-metric="numericalRank"]').getAttribute('data-value'))).toBe(4);
  }
  await expect(page.getByTestId('delta-spectrum').locator('svg')).toHaveCount(1);
  await expect(page.getByTestId('delta-spectrum').locator('svg')).toHaveAttribute('aria-label', /Singular values of ΔW/);
  expect(errors).toEqual([]);
});

test('a hostile pickle is refused at the lab with the global it names; the lab still opens a checkpoint after', async ({ page }) => {
  const errors: string[] = [];
  await openModelLab(page, errors);
  await page.getByTestId('model-open-input').setInputFiles(join(FIXTURES, 'hostile', 'os-system.pt'));
  await expect(page.getByTestId('model-error')).toContainText('posix.system');
  await expect(page.getByTestId('model-row')).toHaveCount(0);
  await page.getByTestId('model-open-input').setInputFiles(files('llama'));
  await overviewDone(page, LLAMA_MATRICES);
  await expect(page.getByTestId('model-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

/** How many overviews the lab's IndexedDB cache holds (model-cache.ts). */
const storedOverviews = (page: Page) => page.evaluate(() => new Promise<number>((resolve) => {
  const open = indexedDB.open('hinge-model-overviews', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('overviews', { keyPath: 'fingerprint' }).createIndex('stored', 'stored');
  open.onsuccess = () => {
    const count = open.result.transaction('overviews').objectStore('overviews').count();
    count.onsuccess = () => { resolve(count.result); open.result.close(); };
    count.onerror = () => { resolve(-1); open.result.close(); };
  };
  open.onerror = () => resolve(-1);
}));
const modelJobs = (page: Page) => page.locator('hinge-model-lab').evaluate((el) => (el as unknown as { shellStats(): { jobsStarted: number[] } }).shellStats().jobsStarted);

test('a checkpoint analysed before a reload comes back from the cache at once, with no overview job', async ({ page }) => {
  const errors: string[] = [];
  await openModelLab(page, errors);
  await page.getByTestId('model-open-input').setInputFiles(files('llama'));
  await overviewDone(page, LLAMA_MATRICES);
  const before = await page.getByTestId('model-row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.getAttribute('data-value') ?? c.textContent)));
  await expect.poll(() => storedOverviews(page)).toBe(1);

  await page.reload();
  await expect(page.getByTestId('model-open-input')).toBeAttached();
  expect(await modelJobs(page)).toEqual([0, 0, 0, 0]);
  await page.getByTestId('model-open-input').setInputFiles(files('llama'));
  await expect(page.getByTestId('model-row')).toHaveCount(LLAMA_MATRICES);
  await expect(page.getByTestId('model-progress')).toHaveCount(0);
  // Listing read the headers (one job); the overview came from IndexedDB: no overview job ran.
  expect(await modelJobs(page)).toEqual([1, 0, 0, 0]);
  const after = await page.getByTestId('model-row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.getAttribute('data-value') ?? c.textContent)));
  expect(after).toEqual(before);
  expect(errors).toEqual([]);
});

/** A BF16 tensor's stored values from a safetensors file, widened in node (the reference: bits << 16 as float32). */
function storedBf16(file: string, name: string): { shape: number[]; values: number[] } {
  const bytes = readFileSync(file);
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  const entry = header[name]!;
  expect(entry.dtype).toBe('BF16');
  const start = 8 + headerLength + entry.data_offsets[0];
  const values: number[] = [];
  const widened = new DataView(new ArrayBuffer(4));
  for (let at = start; at < 8 + headerLength + entry.data_offsets[1]; at += 2) {
    widened.setUint32(0, bytes.readUInt16LE(at) << 16);
    values.push(widened.getFloat32(0));
  }
  return { shape: entry.shape, values };
}

test('a row’s 3×3 block, chosen by row and column, is animated in the SVD lab with exactly the stored numbers', async ({ page }) => {
  const errors: string[] = [];
  await openModelLab(page, errors);
  await page.getByTestId('model-open-input').setInputFiles(files('llama'));
  await overviewDone(page, LLAMA_MATRICES);
  const q = 'model.layers.0.self_attn.q_proj.weight';
  await page.locator(`[data-testid="model-row"][data-name="${q}"]`).click();
  const block = page.getByTestId('model-block');
  // The top-left 2×2 by default.
  await expect(block.getByTestId('block-size')).toHaveValue('2');
  await expect(block.getByTestId('block-row')).toHaveValue('0');
  await block.getByTestId('block-size').selectOption('3');
  await block.getByTestId('block-row').fill('7');
  await block.getByTestId('block-row').press('Tab');
  await block.getByTestId('block-col').fill('29');
  await block.getByTestId('block-col').press('Tab');
  await expect(block).toContainText('rows 7–9, columns 29–31');
  await page.getByTestId('model-open-svd-block').click();
  await expect(page).toHaveURL(/#\/svd$/);

  const { shape, values } = storedBf16(join(FIXTURES, 'llama', 'model-00001-of-00003.safetensors'), q);
  const cols = shape[1]!;
  const wanted = [7, 8, 9].map((i) => [29, 30, 31].map((j) => values[i * cols + j]!));
  const W = () => page.locator('hinge-svd-lab').evaluate((el) => (el as unknown as { store: { state: { W: number[][] } } }).store.state.W);
  await expect.poll(W).toEqual(wanted);
  // Back in the Model lab (a fresh selection, the 2×2 default): a column past the end is kept
  // inside the matrix, at its last two columns.
  await page.goto('/#/model');
  await page.locator(`[data-testid="model-row"][data-name="${q}"]`).click();
  await expect(page.getByTestId('model-block').getByTestId('block-size')).toHaveValue('2');
  await page.getByTestId('model-block').getByTestId('block-col').fill('40');
  await page.getByTestId('model-block').getByTestId('block-col').press('Tab');
  await expect(page.getByTestId('model-block').getByTestId('block-col')).toHaveValue(String(cols - 2));
  await expect(page.getByTestId('model-block')).toContainText(`columns ${cols - 2}–${cols - 1}`);
  expect(errors).toEqual([]);
});
