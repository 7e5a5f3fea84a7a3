// Importing weights: real files (test/fixtures/import, made by make_fixtures.py with numpy) opened
// through the window (drop, Open…) and the dialog's own file input, read in a worker, sliced, and
// sent to the SVD, LoRA and Gradients labs, whose numbers are checked against numpy's. Bad files
// show their FormatError with its place, and change nothing.
import { expect, test, type Page } from './fixtures.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
const fixture = (name: string) => join(FIXTURES, name);

/** Two numbers agree to `tolerance` relative to the expected one. */
function expectRelative(actual: number, wanted: number, tolerance: number): void {
  expect(Math.abs(actual - wanted) / Math.abs(wanted), `${actual} vs numpy's ${wanted}`).toBeLessThan(tolerance);
}

async function open(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await expect(page.getByTestId('open')).toBeVisible();
  return errors;
}

/** Drops a file onto the window as a person would from a file manager. */
async function dropFile(page: Page, name: string): Promise<void> {
  const data = await page.evaluateHandle(
    ({ name, b64 }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
      return transfer;
    },
    { name, b64: readFileSync(fixture(name)).toString('base64') },
  );
  await page.dispatchEvent('hinge-app', 'dragenter', { dataTransfer: data });
  await page.dispatchEvent('hinge-app', 'drop', { dataTransfer: data });
}

/** Opens a file with the rail's Open… button and the browser's file chooser. */
async function openThroughChooser(page: Page, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open').click();
  await (await chooser).setFiles(fixture(name));
}

test('a 2-D .npy goes to the SVD spectrum: rank and σ₁ as numpy finds them; undo removes it', async ({ page }) => {
  const errors = await open(page);
  await dropFile(page, 'low_rank_64x48.npy');
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('import-file-name')).toHaveText('low_rank_64x48.npy');
  await expect(page.getByTestId('import-shape')).toHaveText('64 × 48');
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('target-svd-spectrum')).toBeChecked();
  await page.getByTestId('import-apply').click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/#\/svd$/);

  const facts = expected['low_rank_64x48.npy'];
  const summary = page.getByTestId('imported-spectrum-summary');
  await expect(summary).toHaveAttribute('data-kind', 'full');
  // numpy's matrix_rank counts σᵢ > σ₁·max(m, n)·ε, the threshold the lab uses; the noise σ sit at 1% of it.
  await expect(summary).toHaveAttribute('data-rank', String(facts.rank));
  expect(facts.rank).toBe(20);
  // Two backward-stable SVDs of the same float64 matrix agree in σ₁ to a few ulps; 1e-10 leaves room.
  expectRelative(Number(await summary.getAttribute('data-sigma1')), facts.sigma[0], 1e-10);
  await expect(page.getByTestId('imported-name')).toContainText('low_rank_64x48.npy');
  await expect(page.getByTestId('spectrum-values').locator('svg')).toHaveCount(1);

  // One import is one undoable change.
  await page.getByTestId('undo').click();
  await expect(page.locator('hinge-imported-svd')).toHaveCount(0);
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('imported-spectrum-summary')).toHaveAttribute('data-rank', '20');
  await page.getByTestId('imported-remove').click();
  await expect(page.locator('hinge-imported-svd')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a safetensors checkpoint: pick one tensor, and the LoRA curve at r equals √(Σ_{i>r} σᵢ²)/‖M‖_F from numpy', async ({ page }) => {
  const errors = await open(page);
  await openThroughChooser(page, 'model.safetensors');
  const list = page.getByTestId('import-tensors');
  await expect(list).toBeVisible();
  await expect(list.getByRole('radio')).toHaveCount(6);
  // The int64 tensor is listed, not openable, with the reason.
  await expect(list).toContainText('skipped: I64 values');
  await expect(list.getByRole('radio', { name: 'step' })).toBeDisabled();
  await list.getByRole('radio', { name: 'decoder.weight' }).check();
  await expect(page.getByTestId('import-shape')).toHaveText('40 × 96');
  await page.getByTestId('target-lora').check();
  await page.getByTestId('import-apply').click();
  await expect(page).toHaveURL(/#\/lora$/);

  const facts = expected['model.safetensors']['decoder.weight'];
  const at = page.getByTestId('compression-at-r');
  for (const r of [0, 5, 17, 39]) {
    await page.getByTestId('compression-rank').fill(String(r));
    await page.getByTestId('compression-rank').press('Enter');
    await expect(at).toHaveAttribute('data-rank', String(r));
    // numpy: np.sqrt((s[r:]**2).sum()) / np.linalg.norm(M); the σ agree to ~1e-15, the ratio too.
    expectRelative(Number(await at.getAttribute('data-relative-frobenius')), facts.relative_error[r], 1e-10);
    expectRelative(Number(await at.getAttribute('data-relative-spectral')), facts.sigma[r] / facts.sigma[0], 1e-10);
  }
  await expect(at).toHaveAttribute('data-parameters', String(39 * (40 + 96)));
  // 40×96 fits the heatmaps: it is loaded as ΔW over W₀ = 0, and the lab says so.
  await expect(page.getByTestId('imported-loaded')).toBeVisible();
  await expect(page.getByTestId('update-imported')).toBeVisible();
  await expect(page.getByTestId('compression-chart').locator('svg')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a rank-3 .npy: rows from axis 2, columns from axis 1 at index 2 — the Gradients condition number is numpy\'s', async ({ page }) => {
  const errors = await open(page);
  await dropFile(page, 'stack_4x24x20.npy');
  await expect(page.getByTestId('import-shape')).toHaveText('24 × 20');
  await page.getByTestId('import-row-axis').selectOption('2');
  await page.getByTestId('import-col-axis').selectOption('1');
  await page.getByTestId('import-index-0').fill('2');
  await page.getByTestId('import-index-0').press('Enter');
  await expect(page.getByTestId('import-notation')).toHaveText('T[2, :, :]ᵀ');
  await expect(page.getByTestId('import-shape')).toHaveText('20 × 24');
  await page.getByTestId('target-gradients').check();
  await page.getByTestId('import-apply').click();
  await expect(page).toHaveURL(/#\/gradients$/);

  const facts = expected['stack_4x24x20.npy']['T[2].T'];
  const condition = page.getByTestId('imported-condition');
  await expect(condition).toBeVisible();
  // np.linalg.cond(T[2].T) = σ₁/σ₂₀ of a well-conditioned float32 matrix widened to float64.
  expectRelative(Number(await condition.getAttribute('data-value')), facts.cond, 1e-10);
  await expect(page.getByTestId('imported-name')).toContainText('axes 2,1 at [2, :, :]');
  // 20 outputs, 24 inputs: every gradient keeps between σ₂₀ and σ₁ of its length.
  await expect(page.getByTestId('imported-gradient-range')).toContainText('[σ₂₀, σ₁]');
  expect(errors).toEqual([]);
});

test('bad files: the error and its place are shown in the dialog, and the labs do not change', async ({ page }) => {
  const errors = await open(page);
  await dropFile(page, 'truncated_8x8.npy');
  const error = page.getByTestId('import-error');
  await expect(error).toBeVisible();
  const offset = expected['truncated_8x8.npy'].offset;
  await expect(error).toHaveAttribute('data-offset', String(offset));
  await expect(page.getByTestId('import-error-place')).toHaveText(`at byte ${offset}`);
  await expect(error).toContainText('needs 512 bytes of data');
  await expect(page.getByTestId('import-apply')).toHaveCount(0);

  // The dialog's own file input: a CSV with a bad cell points at its line and column.
  await page.getByTestId('import-file-input').setInputFiles(fixture('bad_cell.csv'));
  await expect(page.getByTestId('import-file-name')).toHaveText('bad_cell.csv');
  await expect(error).toHaveAttribute('data-line', '3');
  await expect(error).toHaveAttribute('data-column', '2');
  await expect(page.getByTestId('import-error-place')).toHaveText('at line 3, column 2');
  await expect(error).toContainText("'x7' is not a number");

  // A good file through the same input, then Esc: nothing was sent anywhere.
  await page.getByTestId('import-file-input').setInputFiles(fixture('low_rank_64x48.npy'));
  await expect(page.getByTestId('import-shape')).toHaveText('64 × 48');
  // The modal keeps the keyboard inside: Tab never reaches the rail or the lab behind it.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('hinge-import-dialog');
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await expect(page).not.toHaveURL(/#\/(svd|lora|gradients)/);
  await expect(page.getByTestId('undo')).toBeDisabled();
  expect(errors).toEqual([]);
});

/**
 * A rows×cols float32 .npy of exactly known singular values: A = H₁·diag(σ)·H₂ with Householder
 * reflections Hᵢ = I − 2wwᵀ (orthogonal), so σ(A) = σ up to the float32 rounding of the entries
 * (‖E‖₂ ≤ ‖E‖_F ≈ 6e-8·‖A‖_F). Built in O(mn) from A = S − 2w(wᵀS) − 2(Sz)zᵀ + 4w(wᵀSz)zᵀ.
 */
function knownSpectrumNpy(rows: number, cols: number, sigma: number[]): Buffer {
  const unit = (n: number, seed: number) => {
    const v = Array.from({ length: n }, (_, i) => Math.sin(seed * (i + 1) * 12.9898) * 43758.5453 % 1);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const w = unit(rows, 1);
  const z = unit(cols, 2);
  const s = (i: number) => sigma[i] ?? 0;
  let c = 0;
  for (let l = 0; l < Math.min(rows, cols); l++) c += w[l]! * s(l) * z[l]!;
  const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  const padded = header + ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const diagonal = i === j ? s(i) : 0;
      // (wᵀS)_j = w_j σ_j and (Sz)_i = σ_i z_i, with σ = 0 beyond the rank.
      data[i * cols + j] = diagonal - 2 * w[i]! * (w[j] ?? 0) * s(j) - 2 * s(i) * (z[i] ?? 0) * z[j]! + 4 * w[i]! * c * z[j]!;
    }
  }
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(padded.length, 8);
  return Buffer.concat([head, Buffer.from(padded, 'latin1'), Buffer.from(data.buffer)]);
}

test('a matrix too big to decompose at once: the top 32 by the randomized SVD, its error estimate, and the full spectrum with progress and cancel', async ({ page }) => {
  const errors = await open(page);
  // 2400×2200 is more work than a 2048×2048, so the lab starts with the top k. Rank 40, σᵢ = 10·0.9^(i−1).
  const sigma = Array.from({ length: 40 }, (_, i) => 10 * 0.9 ** i);
  const bytes = knownSpectrumNpy(2400, 2200, sigma);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open').click();
  await (await chooser).setFiles({ name: 'known_2400x2200.npy', mimeType: 'application/octet-stream', buffer: bytes });
  await expect(page.getByTestId('import-shape')).toHaveText('2400 × 2200', { timeout: 30_000 });
  await expect(page.getByRole('radiogroup', { name: 'Where the matrix goes' })).toContainText('The top 32 singular values at once');
  await page.getByTestId('import-apply').click();

  const summary = page.getByTestId('imported-spectrum-summary');
  await expect(summary).toHaveAttribute('data-kind', 'top', { timeout: 60_000 });
  await expect(summary).toHaveAttribute('data-count', '32');
  const found = JSON.parse((await summary.getAttribute('data-sigma')) ?? '[]') as number[];
  // The sketch (ℓ = 42 ≥ rank 40) holds A's whole range, so what is left is the float32 rounding of A.
  found.forEach((s, i) => expect(Math.abs(s - sigma[i]!) / sigma[0]!).toBeLessThan(1e-5));
  // The error of keeping 32 is σ₃₃ (Eckart–Young); the method's own estimate is close to it, from below.
  const estimate = Number(await page.getByTestId('imported-error-estimate').getAttribute('data-value'));
  expect(estimate).toBeLessThanOrEqual(sigma[32]! * 1.05);
  expect(estimate).toBeGreaterThan(sigma[32]! * 0.5);

  // The full spectrum on request runs with progress and stops on Cancel; the top 32 stay.
  await page.getByTestId('imported-full').click();
  await expect(page.getByTestId('imported-progress')).toBeVisible();
  await page.getByTestId('imported-cancel').click();
  await expect(page.getByTestId('imported-progress')).toBeHidden();
  await expect(page.getByTestId('imported-message')).toHaveText('Canceled.');
  await expect(summary).toHaveAttribute('data-kind', 'top');
  expect(errors).toEqual([]);
});
