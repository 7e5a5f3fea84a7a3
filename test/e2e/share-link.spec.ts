// Share links, driven like a person: edit a lab, Share link…, open the copied address in a fresh
// browser (no autosave, no storage): the same store state comes back. Damaged, too old and too
// new links are refused with the reason, and the reader's work stays.
import { expect, returningUserContext, test, type Page } from './fixtures.ts';
import { openLayerLab } from './helpers.ts';

type LabTag = 'hinge-layer-lab' | 'hinge-svd-lab';

function labState(page: Page, tag: LabTag): Promise<unknown> {
  return page.evaluate((t) => {
    const lab = document.querySelector('hinge-app')!.shadowRoot!.querySelector(t) as unknown as { store: { state: unknown } } | null;
    return lab ? JSON.parse(JSON.stringify(lab.store.state)) : null;
  }, tag);
}

async function freshPage(page: Page): Promise<Page> {
  const { baseURL, viewport } = test.info().project.use;
  return (await returningUserContext(page.context().browser()!, { baseURL, viewport })).newPage();
}

async function copyLink(page: Page, scope: 'lab' | 'project' = 'lab'): Promise<string> {
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-dialog')).toBeVisible();
  if (scope === 'project') await page.getByTestId('share-scope-project').check();
  await expect(page.getByTestId('share-status')).not.toBeEmpty();
  const link = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('share-close').click();
  return link;
}

test('a lab link opens the same Layer state in a fresh browser', async ({ page }) => {
  await openLayerLab(page);
  await page.getByTestId('activation').selectOption('tanh');
  await page.getByTestId('expr-W').fill('[[0, -1], [1, 0.5]]');
  await page.getByTestId('expr-W').press('Enter');
  await expect.poll(async () => ((await labState(page, 'hinge-layer-lab')) as { W: number[][] }).W).toEqual([[0, -1], [1, 0.5]]);
  const before = await labState(page, 'hinge-layer-lab');
  const link = await copyLink(page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/layer\?link=1\.\d+\.[A-Za-z0-9_-]+$/);

  const other = await freshPage(page);
  await other.goto(link);
  await expect.poll(() => labState(other, 'hinge-layer-lab')).toEqual(before);
  await expect(other.getByTestId('activation')).toHaveValue('tanh');
  // The address keeps the view only, so a reload restores the autosave, not the link again.
  await expect(other).toHaveURL(/#\/layer$/);
  await other.context().close();
});

test('a project link carries every lab it holds; pasting it into the dialog opens it too', async ({ page }) => {
  await openLayerLab(page);
  await page.getByTestId('activation').selectOption('relu');
  const layer = await labState(page, 'hinge-layer-lab');
  await page.goto('/#/svd');
  await page.getByTestId('expr-W').fill('[[2, 1], [0, 1]]');
  await page.getByTestId('expr-W').press('Enter');
  await expect.poll(async () => ((await labState(page, 'hinge-svd-lab')) as { W: number[][] }).W).toEqual([[2, 1], [0, 1]]);
  const svd = await labState(page, 'hinge-svd-lab');
  const link = await copyLink(page, 'project');
  expect(link).toContain('#/svd?link=');

  const other = await freshPage(page);
  await openLayerLab(other);
  await other.getByTestId('share').click();
  await other.getByTestId('share-paste').fill(link);
  await other.getByTestId('share-open').click();
  await expect.poll(() => labState(other, 'hinge-svd-lab')).toEqual(svd);
  await other.goto('/#/layer');
  await expect.poll(() => labState(other, 'hinge-layer-lab')).toEqual(layer);
  await other.context().close();
});

test('damaged, too old and too new links are refused with the reason; the work stays', async ({ page }) => {
  await openLayerLab(page);
  await page.getByTestId('activation').selectOption('gelu');
  const link = await copyLink(page);
  const before = await labState(page, 'hinge-layer-lab');
  const payload = link.slice(link.indexOf('link=') + 5);
  const data = payload.slice(payload.lastIndexOf('.') + 1);
  const middle = Math.floor(data.length / 2);
  const damaged = payload.slice(0, payload.length - data.length) + data.slice(0, middle) + (data[middle] === 'A' ? 'B' : 'A') + data.slice(middle + 1);
  const cases: [string, RegExp][] = [
    [damaged, /damaged/],
    [payload.slice(0, payload.length - 10), /damaged|cut short/],
    [`0.${payload.split('.')[1]}.${data}`, /older Hinge/],
    [`9.${payload.split('.')[1]}.${data}`, /newer Hinge/],
    [`1.99.${data}`, /version 99 project, made by a newer Hinge/],
  ];
  for (const [bad, reason] of cases) {
    await page.evaluate((hash) => (location.hash = hash), `#/layer?link=${bad}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not open the link' }).last();
    await expect(alert).toContainText(reason);
    await expect(alert).toContainText('unchanged');
    expect(await labState(page, 'hinge-layer-lab')).toEqual(before);
    await expect(page).toHaveURL(/#\/layer$/);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
});
