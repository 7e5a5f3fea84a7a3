// Every lab frees its WebGL memory when it leaves: visit each lab twice, let its
// view draw, leave, and read what its renderer still counted after the view was disposed
// (renderer/scene/scene-memory.ts records `renderer.info.memory` as a performance mark). A new
// three.js renderer counts 0 geometries and 0 textures, so every release must be back to 0.
import { expect, test, type Page } from './fixtures.ts';
import type { SceneRelease } from '../../renderer/scene/scene-memory.ts';

/** Each lab with a 3D view, and how many WebGL views it holds. */
const LABS = [
  { id: 'layer', tag: 'hinge-layer-lab', views: 1 },
  { id: 'svd', tag: 'hinge-svd-lab', views: 1 },
  { id: 'regions', tag: 'hinge-regions-lab', views: 1 },
  { id: 'attention', tag: 'hinge-attention-lab', views: 1 },
  { id: 'lora', tag: 'hinge-lora-lab', views: 1 },
  { id: 'gradients', tag: 'hinge-gradients-lab', views: 2 },
] as const;

function releases(page: Page): Promise<SceneRelease[]> {
  return page.evaluate(() => performance.getEntriesByName('hinge:scene-released').map((mark) => (mark as PerformanceMark).detail as SceneRelease));
}

/** Frames the lab element on screen has drawn (the smaller count of its views). */
function framesDrawn(page: Page, tag: string): Promise<number> {
  return page.evaluate((t) => {
    const lab = document.querySelector('hinge-app')!.shadowRoot!.querySelector(t) as unknown as { framesDrawn?: number } | null;
    return lab?.framesDrawn ?? 0;
  }, tag);
}

test('every lab, visited twice, gives back all its WebGL geometries and textures when it leaves', async ({ page }) => {
  test.setTimeout(180_000); // twelve lab visits on software WebGL, on a shared two-core machine
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const expected: string[] = [];
  for (let round = 0; round < 2; round++) {
    for (const lab of LABS) {
      await page.goto(`/#/${lab.id}`);
      await expect(page).toHaveURL(new RegExp(`#/${lab.id}$`));
      // The view is built from the lab's result (the Regions partition comes from a worker).
      if (lab.id === 'regions') await expect(page.getByTestId('region-count')).toBeVisible({ timeout: 30_000 });
      // LoRA opens on 32×32 heatmaps; a 3×3 weight has its 3D view (a sphere), kept for the second visit.
      if (lab.id === 'lora' && round === 0) await page.getByTestId('size').selectOption('3');
      if (lab.id === 'lora') await expect(page.getByTestId('stage')).toHaveAttribute('aria-label', /sphere/);
      await expect.poll(() => framesDrawn(page, lab.tag), { timeout: 30_000 }).toBeGreaterThan(0);
      expected.push(...Array<string>(lab.views).fill(lab.tag));
    }
  }
  // The last lab leaves too.
  await page.goto('/#/map');
  await expect(page.getByRole('table', { name: 'Concept map' })).toBeVisible();

  const released = await releases(page);
  expect(released.map((r) => r.lab)).toEqual(expected);
  const leaks = released.filter((r) => r.geometries !== 0 || r.textures !== 0);
  expect(leaks, 'labs whose renderer still held geometries or textures after their view was disposed').toEqual([]);
  expect(errors).toEqual([]);
});
