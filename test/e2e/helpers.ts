import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { PNG } from 'pngjs';

/** Opens the app on the Layer lab and waits for its first WebGL frame. */
export async function openLayerLab(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/#/layer');
  await expect(page.getByTestId('stage').locator('canvas')).toBeVisible();
  await page.waitForFunction(() => {
    const lab = document.querySelector('hinge-app')?.shadowRoot?.querySelector('hinge-layer-lab') as unknown as { framesDrawn?: number } | null;
    return (lab?.framesDrawn ?? 0) > 0;
  });
  expect(errors, 'no uncaught errors while opening').toEqual([]);
}

/** The numbers a readout line prints, e.g. "y = (1.5, -2)" → [1.5, -2], and its exact data-value. */
export async function readVector(locator: Locator): Promise<{ printed: number[]; exact: number[] }> {
  const text = (await locator.textContent()) ?? '';
  const inside = text.slice(text.lastIndexOf('(') + 1, text.lastIndexOf(')'));
  const printed = inside.split(',').map((s) => Number(s.trim().replace('−', '-')));
  const exact = JSON.parse((await locator.getAttribute('data-value')) ?? '[]') as number[];
  return { printed, exact };
}

/** Decodes a PNG screenshot and counts pixels that differ from the most common colour. */
export function nonBackgroundFraction(png: Buffer): { fraction: number; distinctColors: number; width: number; height: number } {
  const image = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const key = (image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = image.width * image.height;
  const background = Math.max(...counts.values());
  return { fraction: 1 - background / total, distinctColors: counts.size, width: image.width, height: image.height };
}

/** The canvas's size in device pixels. */
export async function canvasPixels(page: Page): Promise<{ width: number; height: number }> {
  return page.getByTestId('stage').locator('canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
}

/**
 * Calls a lab's exportPng in the page (`tag`, e.g. 'hinge-layer-lab') and returns the PNG's bytes,
 * size and tile count. The bytes come out as base64 (a data: URL's tail): an array of numbers
 * would be megabytes of JSON for a 4× export.
 */
export async function exportLabPng(page: Page, tag: string, scale: number, look: string, maxTile?: number): Promise<{ bytes: Buffer; width: number; height: number; tiles: number }> {
  const result = await page.evaluate(
    async ([tag, scale, look, maxTile]) => {
      const lab = document.querySelector('hinge-app')!.shadowRoot!.querySelector(tag as string) as unknown as {
        exportPng(scale: number, look: string, maxTile?: number): Promise<{ bytes: Uint8Array; width: number; height: number; tiles: number }>;
      };
      const image = await lab.exportPng(scale as number, look as string, maxTile as number | undefined);
      const base64 = await new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve((reader.result as string).slice((reader.result as string).indexOf(',') + 1));
        reader.readAsDataURL(new Blob([image.bytes as BlobPart]));
      });
      return { base64, width: image.width, height: image.height, tiles: image.tiles };
    },
    [tag, scale, look, maxTile] as const,
  );
  return { width: result.width, height: result.height, tiles: result.tiles, bytes: Buffer.from(result.base64, 'base64') };
}

/**
 * axe-core's serious and critical violations on the page as it is, one line each (rule, impact,
 * how many nodes, the first node and why). Legacy mode runs `axe.run` in the page itself; the
 * default runs `runPartial` in every frame and then `finishRun` in a new blank page, a second
 * renderer per audit. Hinge's page has no frames, so both audit the same nodes with the same
 * rules: on every lab the violations were the same, and an audit took 0.5–1.2 s instead of 1.1–3.4 s.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).setLegacyMode().analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1]?.trim() ?? ''}`);
}
