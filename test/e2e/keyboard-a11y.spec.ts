// Working without a mouse: the keyboard moves every 3D camera (W A S D orbit, + zoom, 0 reset),
// focus rings are visible, and an axe audit of every lab in both themes finds no serious or
// critical violation.
import { expect, test, type Page } from './fixtures.ts';
import { openLayerLab, seriousAxeViolations } from './helpers.ts';

/** The current project as the Save button would write it: cameras included. */
async function cameraOf(page: Page, lab: string): Promise<number[] | undefined> {
  return page.evaluate((id) => {
    const app = document.querySelector('hinge-app') as unknown as { project: { projectText(): string } };
    const project = JSON.parse(app.project.projectText()) as { labs: Record<string, { cameras?: ({ position: number[] } | null)[] }> };
    return project.labs[id]?.cameras?.[0]?.position;
  }, lab);
}

// One app load for both steps instead of two (≈ 2 CPU-s each); each step asserts the state it starts from.
test('the Layer lab without a mouse: a visible focus ring, and the keyboard moves the 3D camera', async ({ page }) => {
  await openLayerLab(page);
  await test.step('the focused control shows a visible focus ring', async () => {
    await page.getByTestId('open').focus();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const style = el ? getComputedStyle(el) : undefined;
      return { style: style?.outlineStyle, width: parseFloat(style?.outlineWidth ?? '0') };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
  });
  await test.step('the keyboard orbits, zooms and resets a 3D camera', async () => {
    // The default example, not edited: tabbing to a control changed nothing.
    await expect(page.getByTestId('undo')).toBeDisabled();
    await page.getByTestId('shape-3x3').click();
    const stage = page.getByTestId('stage');
    await stage.focus();
    await expect.poll(() => cameraOf(page, 'layer')).toBeDefined();
    const start = (await cameraOf(page, 'layer'))!;
    await page.keyboard.press('d');
    await expect.poll(() => cameraOf(page, 'layer')).not.toEqual(start);
    const orbited = (await cameraOf(page, 'layer'))!;
    const radius = (p: number[]) => Math.hypot(p[0]!, p[1]!, p[2]! - 0.3);
    expect(radius(orbited)).toBeCloseTo(radius(start), 6);
    await page.keyboard.press('+');
    await expect.poll(async () => radius((await cameraOf(page, 'layer'))!)).toBeLessThan(radius(start) * 0.9);
    // The Layer lab's arrow keys still move x, not the camera.
    const before = await cameraOf(page, 'layer');
    await page.keyboard.press('ArrowRight');
    expect(await cameraOf(page, 'layer')).toEqual(before);
    await page.keyboard.press('0');
    await expect.poll(async () => Math.max(...((await cameraOf(page, 'layer')) ?? [9, 9, 9]).map((v, i) => Math.abs(v - start[i]!)))).toBeLessThan(1e-9);
  });
});

const LABS = ['map', 'layer', 'svd', 'regions', 'attention', 'lora', 'gradients', 'training', 'model'];

// Each theme in a window of its own size: the suite's small one (where panels scroll and formulas
// overflow) and a common laptop's.
for (const [theme, size] of [['dark', undefined], ['light', { width: 1280, height: 800 }]] as const) {
  test(`axe: every lab in the ${theme} theme, at ${size ? `${size.width}×${size.height}` : "the suite's window size"}, has no serious or critical violation`, async ({ page }) => {
    test.setTimeout(600_000); // axe walks every shadow root of seven labs on a shared two-core machine
    if (size) await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme: theme });
    const found: string[] = [];
    for (const lab of LABS) {
      await page.goto(`/#/${lab}`);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.waitForFunction((id) => !!document.querySelector('hinge-app')?.shadowRoot?.querySelector(`main > hinge-${id === 'map' ? 'concept-map' : `${id}-lab`}`), lab);
      // The lab has rendered its controls (Lit's first update done).
      await page.evaluate(async (id) => {
        const el = document.querySelector('hinge-app')!.shadowRoot!.querySelector(`main > hinge-${id === 'map' ? 'concept-map' : `${id}-lab`}`) as unknown as { updateComplete: Promise<unknown> };
        await el.updateComplete;
      }, lab);
      for (const violation of await seriousAxeViolations(page)) found.push(`${lab}: ${violation}`);
    }
    expect(found).toEqual([]);
  });
}
