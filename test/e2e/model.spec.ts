import { expect, test, type Page } from '@playwright/test';
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
