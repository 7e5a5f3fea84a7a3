// Project files, undo and recovery, driven like a person: edits in the labs, Save (a download in
// the browser build), Open through the file chooser, a Hinge PNG dropped back onto the window,
// Ctrl+Z / Ctrl+Shift+Z, the unsaved-changes question, and the autosave restored after a reload.
import { readFileSync } from 'node:fs';
import { expect, returningUserContext, test, type Page } from './fixtures.ts';
import { openLayerLab } from './helpers.ts';

type LabTag = 'hinge-layer-lab' | 'hinge-svd-lab' | 'hinge-attention-lab' | 'hinge-lora-lab' | 'hinge-gradients-lab';

/** The store state of a lab element (the exact data a project saves). */
function labState(page: Page, tag: LabTag): Promise<unknown> {
  return page.evaluate((t) => {
    const lab = document.querySelector('hinge-app')!.shadowRoot!.querySelector(t) as unknown as { store: { state: unknown } } | null;
    return lab ? JSON.parse(JSON.stringify(lab.store.state)) : null;
  }, tag);
}

async function save(page: Page): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByTestId('save').click();
  const file = await download;
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path!, 'utf8') };
}

async function openThroughChooser(page: Page, name: string, contents: string | Buffer, mimeType = 'application/octet-stream'): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open').click();
  await (await chooser).setFiles({ name, mimeType, buffer: Buffer.isBuffer(contents) ? contents : Buffer.from(contents) });
}

/** Drops a file onto the window as a person would from a file manager. */
async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  const data = await page.evaluateHandle(
    ({ name, b64 }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name));
      return transfer;
    },
    { name, b64: bytes.toString('base64') },
  );
  await page.dispatchEvent('hinge-app', 'dragenter', { dataTransfer: data });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('hinge-app', 'drop', { dataTransfer: data });
}

test('save, change everything, open: every lab comes back exactly', async ({ page: first, browser }) => {
  let page = first;
  await openLayerLab(page);
  await page.getByTestId('activation').selectOption('tanh');
  await page.getByTestId('expr-W').fill('[[0, -1], [1, 0.5]]');
  await page.getByTestId('expr-W').press('Enter');
  await expect.poll(async () => ((await labState(page, 'hinge-layer-lab')) as { W: number[][] }).W).toEqual([[0, -1], [1, 0.5]]);
  await page.goto('/#/svd');
  await expect(page.getByTestId('svd-stage')).toBeVisible();
  await page.getByTestId('expr-W').fill('[[2, 1], [0, 1]]');
  await page.getByTestId('expr-W').press('Enter');
  await expect.poll(async () => ((await labState(page, 'hinge-svd-lab')) as { W: number[][] }).W).toEqual([[2, 1], [0, 1]]);
  const svd = await labState(page, 'hinge-svd-lab');
  await page.goto('/#/attention');
  await page.getByTestId('token-3').click();
  const before = { svd, attention: await labState(page, 'hinge-attention-lab') };
  await expect(page.getByTestId('dirty')).toBeVisible();
  const saved = await save(page);
  expect(saved.name).toBe('Untitled.hinge');
  await expect(page.getByTestId('dirty')).toHaveCount(0);
  const project = JSON.parse(saved.text);
  expect(project.format).toBe('hinge-project');
  expect(project.view).toBe('attention');
  expect(project.labs.layer.state.activation).toBe('tanh');
  expect(project.labs.layer.state.W).toEqual([[0, -1], [1, 0.5]]);

  // A fresh window (its own storage, so no autosave), then Open… the saved file.
  const { baseURL, viewport } = test.info().project.use;
  page = await (await returningUserContext(browser, { baseURL, viewport })).newPage();
  await openLayerLab(page);
  await expect(page.getByTestId('activation')).toHaveValue('none');
  await openThroughChooser(page, 'lesson.hinge', saved.text);
  await expect(page.getByTestId('toast').filter({ hasText: 'Opened lesson.hinge' })).toBeVisible();
  await expect(page).toHaveURL(/#\/attention$/);
  // The lab loads on navigation: wait for its element, then compare.
  await expect.poll(() => labState(page, 'hinge-attention-lab')).toEqual(before.attention);
  await expect(page.getByTestId('doc-name')).toContainText('lesson');
  await page.goto('/#/svd');
  await expect.poll(() => labState(page, 'hinge-svd-lab')).toEqual(before.svd);
  await page.goto('/#/layer');
  await expect(page.getByTestId('activation')).toHaveValue('tanh');
  expect(((await labState(page, 'hinge-layer-lab')) as { W: number[][] }).W).toEqual([[0, -1], [1, 0.5]]);
});

// One app load for three steps instead of three (≈ 2 CPU-s each); each step asserts the state it starts from.
test('opening files over the Layer lab: the unsaved-changes question, refused files, and a Hinge PNG dropped back', async ({ page }) => {
  await openLayerLab(page);
  await test.step('opening a project over unsaved work asks first: cancel keeps it, don\'t save replaces it', async () => {
    // The default example, not edited yet: the file saved first holds activation none.
    await expect(page.getByTestId('undo')).toBeDisabled();
    await expect(page.getByTestId('activation')).toHaveValue('none');
    const other = await save(page);
    await page.getByTestId('activation').selectOption('swish');
    const mine = await labState(page, 'hinge-layer-lab');
    await openThroughChooser(page, 'other.hinge', other.text);
    await expect(page.getByTestId('unsaved-dialog')).toBeVisible();
    await page.getByTestId('unsaved-cancel').click();
    expect(await labState(page, 'hinge-layer-lab')).toEqual(mine);
    await openThroughChooser(page, 'other.hinge', other.text);
    await page.getByTestId('unsaved-discard').click();
    await expect(page.getByTestId('activation')).toHaveValue('none');
    await expect(page.getByTestId('doc-name')).toContainText('other');
  });
  await test.step('a malformed project is refused with the path of the bad field, and the work stays', async () => {
    // other.hinge is open (activation none) and nothing asks.
    await expect(page.getByTestId('activation')).toHaveValue('none');
    await expect(page.getByTestId('unsaved-dialog')).not.toBeVisible();
    await page.getByTestId('activation').selectOption('gelu');
    const good = await save(page);
    const bad = JSON.parse(good.text);
    bad.labs.layer.state.W[1][0] = 'oops';
    await page.getByTestId('activation').selectOption('swish');
    const state = await labState(page, 'hinge-layer-lab');
    await openThroughChooser(page, 'broken.hinge', JSON.stringify(bad));
    const alert = page.getByRole('alert').filter({ hasText: 'broken.hinge' });
    await expect(alert).toContainText('labs.layer.state.W[1][0]');
    await expect(alert).toContainText('unchanged');
    expect(await labState(page, 'hinge-layer-lab')).toEqual(state);
    await expect(page.getByTestId('unsaved-dialog')).not.toBeVisible();

    await openThroughChooser(page, 'notes.txt', 'hello');
    await expect(page.getByRole('alert').filter({ hasText: 'notes.txt' })).toContainText('does not open .txt');
    const newer = { ...bad, version: 99 };
    await openThroughChooser(page, 'future.hinge', JSON.stringify(newer));
    await expect(page.getByRole('alert').filter({ hasText: 'future.hinge' })).toContainText('newer Hinge');
    expect(await labState(page, 'hinge-layer-lab')).toEqual(state);
  });
  await test.step('a saved PNG carries its view: dropping it back reopens that exact state', async () => {
    await expect(page).toHaveURL(/#\/layer$/);
    await expect(page.getByTestId('unsaved-dialog')).not.toBeVisible();
    await page.getByTestId('expr-W').fill('[[1.5, 0], [0.25, -1]]');
    await page.getByTestId('expr-W').press('Enter');
    // The parser loads on first use: wait until the matrix is applied.
    await expect.poll(async () => ((await labState(page, 'hinge-layer-lab')) as { W: number[][] }).W).toEqual([[1.5, 0], [0.25, -1]]);
    await page.getByTestId('activation').selectOption('leaky-relu');
    const exported = await labState(page, 'hinge-layer-lab');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const png = readFileSync((await (await download).path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.includes(Buffer.from('hinge-project'))).toBe(true);

    await page.getByTestId('activation').selectOption('none');
    await page.getByTestId('preset-identity').click();
    await page.getByTestId('save').click(); // so that opening asks nothing
    await dropFile(page, 'figure.png', png);
    await expect(page.getByTestId('toast').filter({ hasText: 'Opened figure.png' })).toBeVisible();
    expect(await labState(page, 'hinge-layer-lab')).toEqual(exported);
    await expect(page.getByTestId('activation')).toHaveValue('leaky-relu');

    // A PNG that did not come from Hinge says so and changes nothing.
    const plain = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await dropFile(page, 'photo.png', plain);
    await expect(page.getByRole('alert').filter({ hasText: 'photo.png' })).toContainText('no Hinge view');
    expect(await labState(page, 'hinge-layer-lab')).toEqual(exported);
  });
});

test('undo and redo every kind of edit, with the buttons and the keyboard', async ({ page }) => {
  // Edits of one lab close together merge into one undo step (session.ts: 300 ms, or 800 ms for
  // the same kind). The page's clock is Playwright's, so the test moves it past that window
  // between edits instead of sleeping; time still flows on its own in between.
  await page.clock.install();
  await openLayerLab(page);
  const states = [await labState(page, 'hinge-layer-lab')];
  const edits: (() => Promise<unknown>)[] = [
    () => page.getByTestId('activation').selectOption('relu'),
    async () => {
      await page.getByTestId('expr-W').fill('[[1, 2], [3, 4]]');
      await page.getByTestId('expr-W').press('Enter');
    },
    () => page.getByTestId('shape-3x3').click(),
    () => page.getByTestId('preset-shear').click(),
    () => page.getByTestId('stack').check(),
    async () => {
      await page.getByTestId('stage').focus();
      await page.keyboard.press('ArrowRight');
    },
  ];
  for (const edit of edits) {
    await edit();
    await expect.poll(async () => JSON.stringify(await labState(page, 'hinge-layer-lab'))).not.toBe(JSON.stringify(states.at(-1)));
    states.push(await labState(page, 'hinge-layer-lab'));
    await page.clock.fastForward(1000); // the next edit is a gesture of its own
  }
  await page.locator('body').click({ position: { x: 5, y: page.viewportSize()!.height - 10 } });
  for (let i = edits.length - 1; i >= 0; i--) {
    if (i % 2) await page.getByTestId('undo').click();
    else await page.keyboard.press('Control+z');
    expect(await labState(page, 'hinge-layer-lab')).toEqual(states[i]);
  }
  await expect(page.getByTestId('undo')).toBeDisabled();
  await expect(page.getByTestId('dirty')).toHaveCount(0);
  for (let i = 1; i <= edits.length; i++) {
    if (i % 2) await page.getByTestId('redo').click();
    else await page.keyboard.press('Control+Shift+z');
    expect(await labState(page, 'hinge-layer-lab')).toEqual(states[i]);
  }
  await expect(page.getByTestId('redo')).toBeDisabled();
});

// One app load for both steps instead of two (≈ 2 CPU-s each); each step asserts the state it starts from.
test('undo in the Layer lab: from a lab you have left, and not inside a text field', async ({ page }) => {
  await openLayerLab(page);
  await test.step('undo reaches a lab you have left, and shows it', async () => {
    // The default example, not edited yet.
    await expect(page.getByTestId('activation')).toHaveValue('none');
    await expect(page.getByTestId('undo')).toBeDisabled();
    await page.getByTestId('activation').selectOption('relu');
    await page.goto('/#/gradients');
    await expect(page.getByTestId('undo')).toBeEnabled();
    await page.getByTestId('undo').click();
    await expect(page).toHaveURL(/#\/layer$/);
    await expect(page.getByTestId('activation')).toHaveValue('none');
  });
  await test.step('Ctrl+Z in a text field undoes the typing, not the lab', async () => {
    // Back on the Layer lab with the edit undone, so choosing ReLU is an edit again.
    await expect(page).toHaveURL(/#\/layer$/);
    await expect(page.getByTestId('activation')).toHaveValue('none');
    await page.getByTestId('activation').selectOption('relu');
    const field = page.getByTestId('expr-W');
    await field.fill('[[9, 9], [9, 9]]');
    await field.press('Control+z');
    await expect(page.getByTestId('activation')).toHaveValue('relu');
  });
});

test('after a crash or reload, the autosave brings the work back', async ({ page }) => {
  await openLayerLab(page);
  await page.getByTestId('activation').selectOption('tanh');
  await page.goto('/#/svd');
  await page.getByTestId('expr-W').fill('[[3, 0], [0, 0.5]]');
  await page.getByTestId('expr-W').press('Enter');
  await expect.poll(async () => ((await labState(page, 'hinge-svd-lab')) as { W: number[][] }).W).toEqual([[3, 0], [0, 0.5]]);
  const svd = await labState(page, 'hinge-svd-lab');
  await page.waitForFunction(() => (localStorage.getItem('hinge.autosave') ?? '').includes('[[3,0],[0,0.5]]'));
  // The toast is an info toast (gone after 6 s), shown as the restore lands — which can be before
  // the page's load event on a busy machine: look for it from the moment the new page commits.
  await page.reload({ waitUntil: 'commit' });
  await expect(page.getByTestId('toast').filter({ hasText: 'Restored your work' })).toBeVisible();
  await expect(page.getByTestId('dirty')).toBeVisible();
  await expect(page.getByTestId('svd-stage')).toBeVisible();
  await expect.poll(() => labState(page, 'hinge-svd-lab')).toEqual(svd);
  await page.goto('/#/layer');
  await expect(page.getByTestId('activation')).toHaveValue('tanh');
});

// One app load for both steps instead of two (≈ 2 CPU-s each); each step asserts the state it starts from.
test('saving in the browser: the recent list, then Save As with a checked name', async ({ page }) => {
  await openLayerLab(page);
  await test.step('the browser keeps recent projects, and opens one from the list', async () => {
    // A fresh page: nothing edited or saved yet, so the list starts empty.
    await expect(page.getByTestId('undo')).toBeDisabled();
    await expect(page.getByTestId('activation')).toHaveValue('none');
    await page.getByTestId('activation').selectOption('gelu');
    await save(page);
    await page.getByTestId('activation').selectOption('none');
    await page.getByTestId('save').click();
    await page.getByTestId('recent').click();
    await expect(page.getByTestId('recent-list').getByRole('menuitem')).toHaveCount(1);
    await page.getByTestId('recent-list').getByRole('menuitem').first().click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Opened Untitled.hinge' })).toBeVisible();
  });
  await test.step('save as in the browser asks for a name, checks it at the field, and downloads under it', async () => {
    // The Untitled project just opened from the list, at the default activation.
    await expect(page.getByTestId('doc-name')).toContainText('Untitled');
    await expect(page.getByTestId('activation')).toHaveValue('none');
    await page.getByTestId('activation').selectOption('relu');
    await page.getByTestId('save-as').click();
    const input = page.getByTestId('name-input');
    await expect(input).toHaveValue('Untitled.hinge');
    await input.fill('../secrets');
    await input.press('Enter');
    await expect(page.getByTestId('name-error')).toContainText('letters, digits');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await input.fill('Week 3 (ReLU)');
    const download = page.waitForEvent('download');
    await page.getByTestId('name-save').click();
    expect((await download).suggestedFilename()).toBe('Week 3 (ReLU).hinge');
    await expect(page.getByTestId('doc-name')).toContainText('Week 3 (ReLU)');
    await expect(page.getByTestId('dirty')).toHaveCount(0);
    // Cancel saves nothing and keeps the name.
    await page.getByTestId('activation').selectOption('tanh');
    await page.getByTestId('save-as').click();
    await page.getByTestId('name-cancel').click();
    await expect(page.getByTestId('name-dialog')).not.toBeVisible();
    await expect(page.getByTestId('dirty')).toBeVisible();
  });
});

test('export all: one PNG per lab, each with its project inside', async ({ page }) => {
  await openLayerLab(page);
  const names: string[] = [];
  page.on('download', (d) => names.push(d.suggestedFilename()));
  await page.getByTestId('export-all').click();
  // The seven downloads come first; the summary toast (an info toast, gone after 6 s) right after.
  await expect.poll(() => names.length, { timeout: 120_000 }).toBe(7);
  await expect(page.getByTestId('toast').filter({ hasText: /Exported 7 views/ })).toBeVisible();
  expect(names.sort()).toEqual(['attention', 'gradients', 'layer', 'lora', 'regions', 'svd', 'training'].map((v) => `hinge-${v}-2x.png`).sort());
  await expect(page).toHaveURL(/#\/layer$/);
});

test('the 3D camera is saved: orbit, save, reopen in a fresh window, and the view is the same', async ({ page: first, browser }) => {
  let page = first;
  await openLayerLab(page);
  await page.getByTestId('shape-3x3').click();
  const stage = page.getByTestId('stage');
  const box = (await stage.boundingBox())!;
  // Orbit: drag on the empty part of the view (away from the point x).
  await page.mouse.move(box.x + box.width * 0.85, box.y + box.height * 0.8);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.7, { steps: 8 });
  await page.mouse.up();
  const saved = await save(page);
  const cameras = JSON.parse(saved.text).labs.layer.cameras as { position: number[] }[];
  expect(cameras).toHaveLength(1);
  expect(cameras[0]!.position).not.toEqual([6.2, -7.4, 5.2]); // moved from the default pose
  const picture = await stage.screenshot();

  const { baseURL, viewport } = test.info().project.use;
  page = await (await returningUserContext(browser, { baseURL, viewport })).newPage();
  await openLayerLab(page);
  await openThroughChooser(page, 'orbit.hinge', saved.text);
  await expect(page.getByTestId('toast').filter({ hasText: 'Opened orbit.hinge' })).toBeVisible();
  const again = await save(page);
  const reopened = JSON.parse(again.text).labs.layer.cameras as { position: number[] }[];
  reopened[0]!.position.forEach((v, i) => expect(v).toBeCloseTo(cameras[0]!.position[i]!, 9));
  // The same pose draws the same picture.
  await page.getByTestId('toast').first().getByRole('button', { name: 'Dismiss' }).click().catch(() => undefined);
  const { nonBackgroundFraction } = await import('./helpers.ts');
  expect(Math.abs(nonBackgroundFraction(await page.getByTestId('stage').screenshot()).fraction - nonBackgroundFraction(picture).fraction)).toBeLessThan(0.01);
});

test('nothing typed is lost: text not yet applied comes back after a reload, still waiting for Enter', async ({ page }) => {
  await openLayerLab(page);
  await page.getByTestId('activation').selectOption('relu');
  const field = page.getByTestId('expr-W');
  await field.fill('[[5, 6], [7, 8]]'); // typed, not applied
  const W = ((await labState(page, 'hinge-layer-lab')) as { W: number[][] }).W;
  await page.waitForFunction(() => (localStorage.getItem('hinge.autosave') ?? '').includes('[[5, 6], [7, 8]]'));
  await page.reload();
  await expect(page.getByTestId('expr-W')).toHaveValue('[[5, 6], [7, 8]]');
  await expect(page.getByTestId('activation')).toHaveValue('relu');
  expect(((await labState(page, 'hinge-layer-lab')) as { W: number[][] }).W).toEqual(W);
  await page.getByTestId('expr-W').press('Enter');
  await expect.poll(async () => ((await labState(page, 'hinge-layer-lab')) as { W: number[][] }).W).toEqual([[5, 6], [7, 8]]);
});

test('text waiting in one lab is not typed into another: leaving the lab while its drafts come back keeps the next lab intact', async ({ page }) => {
  // The Layer lab's W, edited; then the SVD lab, with text typed and not applied, autosaved.
  await openLayerLab(page);
  await page.getByTestId('expr-W').fill('[[0, -1], [1, 0.5]]');
  await page.getByTestId('expr-W').press('Enter');
  await expect.poll(async () => ((await labState(page, 'hinge-layer-lab')) as { W: number[][] }).W).toEqual([[0, -1], [1, 0.5]]);
  await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /SVD/ }).click();
  await page.getByTestId('expr-W').fill('[[5, 6], [7, 8]]'); // typed in the SVD lab, not applied
  await page.waitForFunction(() => (localStorage.getItem('hinge.autosave') ?? '').includes('[[5, 6], [7, 8]]'));
  // Reopen on the SVD lab and move to the Layer lab as soon as the SVD lab's fields are there,
  // while its drafts wait for the lab's first renders (300 ms after its fields appear). Playwright's
  // clock cannot hold that wait: it fakes `performance`, and the marks read below go nowhere.
  await page.reload();
  await expect(page.getByTestId('expr-W')).toBeVisible();
  await page.goto('/#/layer');
  await expect(page.getByTestId('activation')).toBeVisible();
  // An empty list is truthy: wait for the mark itself, which may come after the Layer lab's fields on a busy machine.
  const marks = await page.waitForFunction(() => {
    const list = performance.getEntriesByName('hinge:drafts').map((m) => (m as PerformanceMark).detail as { restored: number });
    return list.length > 0 ? list : null;
  });
  expect(await marks.jsonValue()).toEqual([{ restored: 0 }]);
  // The SVD lab's cells (1.2, 0.9, …) and its typed text did not land in the Layer lab's W.
  expect(((await labState(page, 'hinge-layer-lab')) as { W: number[][] }).W).toEqual([[0, -1], [1, 0.5]]);
  await expect(page.getByTestId('expr-W')).toHaveValue('[[0, -1], [1, 0.5]]');
});

