// The lab shell keeps what the user set: a 3D camera orbited by hand stays where it is through a
// cell edit (the view is rebuilt), a theme switch (rebuilt in the new look) and a "paper" PNG
// export (rendered from a separate view) — to 1e-9 each time. A rebuild reuses the shader programs
// three.js compiled for the view before (compiling them again cost hundreds of ms per edit).
import { expect, test, type Page } from './fixtures.ts';

interface Pose {
  position: number[];
  target: number[];
  zoom: number;
}

/** The camera of a lab's first view as the project file would save it. */
async function poseOf(page: Page, lab: string): Promise<Pose | undefined> {
  return page.evaluate((id) => {
    const app = document.querySelector('hinge-app') as unknown as { project: { projectText(): string } };
    const project = JSON.parse(app.project.projectText()) as { labs: Record<string, { cameras?: (Pose | null)[] }> };
    return project.labs[id]?.cameras?.[0] ?? undefined;
  }, lab);
}

const distance = (a: Pose, b: Pose) =>
  Math.max(...a.position.map((v, i) => Math.abs(v - b.position[i]!)), ...a.target.map((v, i) => Math.abs(v - b.target[i]!)), Math.abs(a.zoom - b.zoom));

/** Views the SVD lab's scene controller has built, and shader programs it has compiled, so far. */
const svdStats = (page: Page) =>
  page.evaluate(() => {
    const lab = document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-svd-lab') as unknown as { shellStats(): { viewsBuilt: number[]; programsCompiled: number[] } };
    const stats = lab.shellStats();
    return { views: stats.viewsBuilt[0]!, programs: stats.programsCompiled[0]! };
  });
const viewsBuilt = async (page: Page) => (await svdStats(page)).views;

test('an orbited 3D camera stays put through a cell edit, a theme switch and a paper export', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/#/svd');
  const field = page.getByTestId('expr-W');
  await field.fill('[[1, 2, 0], [0, 1, 1], [1, 0, 1]]');
  await field.press('Enter');
  await expect(page.getByTestId('cell-W-2-2')).toHaveValue('1');
  await expect.poll(() => poseOf(page, 'svd')).toBeDefined();
  const start = (await poseOf(page, 'svd'))!;

  // Orbit by dragging, as a person would.
  const box = (await page.getByTestId('stage').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 140, box.y + box.height / 2 - 60, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => distance((await poseOf(page, 'svd'))!, start)).toBeGreaterThan(0.1);
  const orbited = (await poseOf(page, 'svd'))!;

  // 1. A cell edit builds a new view; the camera comes along, and no shader is compiled again.
  const built = await svdStats(page);
  expect(built.programs).toBeGreaterThan(0);
  const cell = page.getByTestId('cell-W-0-0');
  await cell.fill('1.5');
  await cell.press('Enter');
  await expect.poll(() => viewsBuilt(page)).toBeGreaterThan(built.views);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect((await svdStats(page)).programs).toBe(built.programs);
  expect(distance((await poseOf(page, 'svd'))!, orbited)).toBeLessThan(1e-9);

  // 2. The theme switches: the view is rebuilt in the new look, the camera kept.
  const beforeTheme = await viewsBuilt(page);
  await page.getByTestId('theme').selectOption('light');
  await expect.poll(() => viewsBuilt(page)).toBeGreaterThan(beforeTheme);
  expect(distance((await poseOf(page, 'svd'))!, orbited)).toBeLessThan(1e-9);

  // 3. A paper PNG is drawn from a separate view; the one on screen is not rebuilt or moved.
  const beforeExport = await viewsBuilt(page);
  await page.getByTestId('export-look').selectOption('paper');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  await download;
  await expect(page.getByTestId('export-status')).toContainText('Saved');
  expect(await viewsBuilt(page)).toBe(beforeExport);
  expect(distance((await poseOf(page, 'svd'))!, orbited)).toBeLessThan(1e-9);
  expect(errors).toEqual([]);
});
