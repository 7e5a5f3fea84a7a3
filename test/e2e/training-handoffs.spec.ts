// The Training lab's hand-offs and the user's own points, driven like a person: after some training
// the network opens in the Regions lab with the trained weights number for number; a layer's W goes
// to the SVD lab and to the Gradients lab as exactly those values (the imported matrix's fingerprint
// is a hash of every entry, recomputed here in Node; σ₁ agrees with Node's SVD); a CSV of points
// (x1,x2,label) loads and trains; a bad CSV is refused at the file field with its line and column,
// and the points loaded before stay.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './fixtures.ts';
import { matrixFingerprint } from '../../src/formats/index.js';
import { singularValues } from '../../src/linalg/index.js';
import type { ReluNet } from '../../src/regions/index.js';

interface LabState {
  step: number;
  net: ReluNet;
  data: { kind: string; points?: { x: number[][]; y: number[] } };
}

/** A lab element's store state as JSON (undefined until the lab has made its store). */
function stateOf<T>(page: Page, tag: string): Promise<T | undefined> {
  return page.evaluate((tag) => {
    const el = document.querySelector('hinge-app')?.shadowRoot?.querySelector(tag) as unknown as { store?: { state: unknown } } | null;
    return el?.store ? JSON.parse(JSON.stringify(el.store.state)) : undefined;
  }, tag);
}

async function openTrainingLab(page: Page): Promise<void> {
  await page.goto('/#/training');
  await expect(page.getByTestId('region-count')).not.toHaveAttribute('data-value', '', { timeout: 60_000 });
}

/** Takes `count` paused steps (the Step button) and waits for the store to hold their weights. */
async function trainSteps(page: Page, count: number): Promise<LabState> {
  await page.getByTestId('train-speed').fill('1');
  await page.getByTestId('train-speed').press('Enter');
  const before = (await stateOf<LabState>(page, 'hinge-training-lab'))!.step;
  for (let i = 0; i < count; i++) await page.getByTestId('train-step').click();
  await expect(page.getByTestId('train-step-count')).toHaveText(String(before + count));
  await expect.poll(async () => (await stateOf<LabState>(page, 'hinge-training-lab'))!.step).toBe(before + count);
  return (await stateOf<LabState>(page, 'hinge-training-lab'))!;
}

function rowMajor(W: number[][]): Float64Array {
  return Float64Array.from(W.flat());
}

test('the trained network opens in the Regions lab, a layer’s W in the SVD and Gradients labs, exactly', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openTrainingLab(page);
  const trained = await trainSteps(page, 5);
  expect(trained.step).toBe(5);

  // The per-layer chart (a Plot figure with a legend) saves as its chart, not the legend's first
  // 15×15 swatch: three layers' lines in a 330-wide picture.
  await page.getByRole('button', { name: 'Save the spectra chart as SVG' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Paper (white)' }).click();
  const svgText = await readFile((await (await download).path())!, 'utf8');
  expect(svgText).toMatch(/viewBox="0 0 33\d/);
  expect(svgText.match(/<path/g)?.length ?? 0).toBeGreaterThanOrEqual(3);

  await page.getByTestId('open-regions').click();
  await expect(page).toHaveURL(/#\/regions$/);
  await expect.poll(async () => (await stateOf<{ net: ReluNet }>(page, 'hinge-regions-lab'))?.net.weights).toEqual(trained.net.weights);
  const regions = (await stateOf<{ net: ReluNet; hidden: number[]; inputs: number }>(page, 'hinge-regions-lab'))!;
  expect(regions.net.biases).toEqual(trained.net.biases);
  expect(regions.hidden).toEqual([16, 16]);
  expect(regions.inputs).toBe(2);

  // W2 (16×16) in the SVD lab: the imported matrix is those 256 numbers.
  await openTrainingLab(page);
  await page.getByTestId('handoff-layer').selectOption('1');
  await page.getByTestId('open-svd').click();
  await expect(page).toHaveURL(/#\/svd$/);
  const W2 = trained.net.weights[1]!;
  const id = matrixFingerprint(rowMajor(W2), 16, 16);
  await expect.poll(async () => (await stateOf<{ imported: { id: string } | null }>(page, 'hinge-svd-lab'))?.imported?.id).toBe(id);
  const svdRef = (await stateOf<{ imported: { tensor: string; rows: number; cols: number; slice: string } }>(page, 'hinge-svd-lab'))!.imported;
  expect(svdRef).toMatchObject({ tensor: 'W2', rows: 16, cols: 16, slice: 'after 5 steps' });
  const sigma1 = singularValues(W2)[0]!;
  const summary = page.getByTestId('imported-spectrum-summary');
  await expect(summary).toHaveAttribute('data-sigma1', /\d/, { timeout: 30_000 });
  // The page's SVD and Node's of the same 256 doubles: σ₁ to 1e-12 relative.
  expect(Math.abs(Number(await summary.getAttribute('data-sigma1')) - sigma1) / sigma1).toBeLessThan(1e-12);

  // W1 (16×2) in the Gradients lab.
  await openTrainingLab(page);
  await page.getByTestId('handoff-layer').selectOption('0');
  await page.getByTestId('open-gradients').click();
  await expect(page).toHaveURL(/#\/gradients$/);
  const W1 = trained.net.weights[0]!;
  await expect.poll(async () => (await stateOf<{ imported: { id: string } | null }>(page, 'hinge-gradients-lab'))?.imported?.id).toBe(matrixFingerprint(rowMajor(W1), 16, 2));
  const s = singularValues(W1);
  const condition = page.getByTestId('imported-condition');
  await expect(condition).toHaveAttribute('data-value', /\d/, { timeout: 30_000 });
  expect(Math.abs(Number(await condition.getAttribute('data-value')) - s[0]! / s[1]!) / (s[0]! / s[1]!)).toBeLessThan(1e-10);
  expect(errors).toEqual([]);
});

const POINTS = ['x1,x2,label', ...Array.from({ length: 40 }, (_, i) => {
  const t = (i / 40) * 2 * Math.PI;
  const r = i % 2 === 0 ? 0.3 : 0.9;
  return `${(r * Math.cos(t)).toFixed(4)},${(r * Math.sin(t)).toFixed(4)},${i % 2}`;
})].join('\n');

test('a CSV of the user’s points loads and trains; a bad one is refused with its line and column, the points stay', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openTrainingLab(page);
  await page.getByTestId('csv-input').setInputFiles({ name: 'rings.csv', mimeType: 'text/csv', buffer: Buffer.from(POINTS) });
  await expect(page.getByTestId('file-points')).toHaveText('40 (classification)');
  const loaded = (await stateOf<LabState>(page, 'hinge-training-lab'))!;
  expect(loaded.data.kind).toBe('file');
  expect(loaded.data.points!.x[1]).toEqual([Number((0.9 * Math.cos(Math.PI / 20)).toFixed(4)), Number((0.9 * Math.sin(Math.PI / 20)).toFixed(4))]);
  expect(loaded.data.points!.y.slice(0, 4)).toEqual([0, 1, 0, 1]);

  // It trains: ten steps, the loss is a finite number and the weights moved.
  const trained = await trainSteps(page, 10);
  expect(Number.isFinite(Number(await page.getByTestId('train-loss').textContent()))).toBe(true);
  expect(trained.net.weights).not.toEqual(loaded.net.weights);

  // A label 2 on line 4 (column 3), then a cell that is not a number: refused where the file is chosen.
  const bad = POINTS.split('\n');
  bad[3] = '0.5,0.5,2';
  await page.getByTestId('csv-input').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\n')) });
  await expect(page.getByTestId('error-csv')).toContainText('bad.csv: Line 4, column 3');
  const word = POINTS.split('\n');
  word[6] = '0.5,abc,1';
  await page.getByTestId('csv-input').setInputFiles({ name: 'word.csv', mimeType: 'text/csv', buffer: Buffer.from(word.join('\n')) });
  await expect(page.getByTestId('error-csv')).toContainText(/word\.csv: .*line 7.*column 2/i);
  // The points from rings.csv are still the lab's, and so are the trained weights.
  const after = (await stateOf<LabState>(page, 'hinge-training-lab'))!;
  expect(after.data).toEqual(loaded.data);
  expect(after.net.weights).toEqual(trained.net.weights);
  await expect(page.getByTestId('file-points')).toHaveText('40 (classification)');
  expect(errors).toEqual([]);
});
