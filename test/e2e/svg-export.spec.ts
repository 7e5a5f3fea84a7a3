import { expect, test, type Page } from './fixtures.ts';
import { readFile } from 'node:fs/promises';

// Every 2D chart saves as a standalone SVG 1.1 file (renderer/components/svg-export.ts): the file
// is checked as XML, for leftovers of the page's CSS, for the chart's words, and by drawing it as
// an image in the page, where it must show something on its own background.

type Look = 'theme' | 'paper';

interface SvgReport {
  readonly parseError: string;
  readonly root: string;
  readonly namespace: string;
  readonly version: string;
  readonly width: number;
  readonly height: number;
  readonly viewBox: string;
  readonly title: string;
  /** The fill of the background rectangle (the first drawn element). */
  readonly background: string;
  /** Every text's characters. */
  readonly text: string;
  /** The fill each <text> ends up with, following the attributes up the tree (no CSS in the file). */
  readonly textFills: string[];
  readonly fontFamilies: string[];
  readonly forbiddenElements: string[];
  readonly interactiveAttributes: string[];
  readonly cursorMarks: number;
  /** Drawn as an <img> into a canvas: its size and the share of pixels unlike the background's colour. */
  readonly drawn: { width: number; height: number; corner: number[]; ink: number };
}

/** Opens the chart's SVG menu, picks the look, and returns the saved file. */
async function saveSvg(page: Page, chart: string, look: Look): Promise<{ name: string; text: string }> {
  const button = page.getByRole('button', { name: `Save the ${chart} as SVG` });
  await button.scrollIntoViewIfNeeded();
  await button.click();
  const download = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: look === 'paper' ? 'Paper (white)' : 'Current theme' }).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** Reads the file the way another program would: as XML, then as an image. */
function inspect(page: Page, text: string): Promise<SvgReport> {
  return page.evaluate(async (source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    const error = doc.getElementsByTagName('parsererror')[0];
    const inherited = (element: Element, name: string): string => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const value = node.getAttribute(name);
        if (value !== null) return value;
      }
      return '';
    };
    const all = Array.from(root.querySelectorAll('*'));
    const texts = Array.from(root.querySelectorAll('text')).filter((t) => inherited(t, 'fill') !== 'none');
    const firstDrawn = all.find((e) => e.localName !== 'title');
    const image = new Image();
    const url = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
    image.src = url;
    await image.decode();
    URL.revokeObjectURL(url);
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const corner = [pixels[0]!, pixels[1]!, pixels[2]!, pixels[3]!];
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const d = Math.abs(pixels[i]! - corner[0]!) + Math.abs(pixels[i + 1]! - corner[1]!) + Math.abs(pixels[i + 2]! - corner[2]!);
      if (d > 48) ink++;
    }
    return {
      parseError: error?.textContent ?? '',
      root: root.localName,
      namespace: root.namespaceURI ?? '',
      version: root.getAttribute('version') ?? '',
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      viewBox: root.getAttribute('viewBox') ?? '',
      title: root.querySelector(':scope > title')?.textContent ?? '',
      background: firstDrawn?.localName === 'rect' ? (firstDrawn.getAttribute('fill') ?? '') : '',
      text: texts.map((t) => t.textContent).join(' '),
      textFills: texts.map((t) => inherited(t, 'fill')),
      fontFamilies: all.map((e) => e.getAttribute('font-family')).filter((f): f is string => f !== null),
      forbiddenElements: all.filter((e) => ['foreignObject', 'style', 'script'].includes(e.localName)).map((e) => e.localName),
      interactiveAttributes: all.flatMap((e) => Array.from(e.attributes).map((a) => a.name)).filter((n) => /^(tabindex|on\w+|style|role|aria-.*|data-.*)$/.test(n) && n !== 'style'),
      cursorMarks: root.querySelectorAll('.cursor').length,
      drawn: { width: canvas.width, height: canvas.height, corner, ink: ink / (pixels.length / 4) },
    };
  }, text);
}

const luminance = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};

/** What every exported file must be, whatever the chart. */
async function expectStandalone(page: Page, file: { name: string; text: string }, look: Look, words: readonly string[]): Promise<SvgReport> {
  expect(file.text.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
  // Nothing left that only the page could resolve.
  expect(file.text).not.toContain('var(');
  expect(file.text.toLowerCase()).not.toContain('currentcolor');
  expect(file.text).not.toMatch(/rgba\(|color\(srgb/);
  const report = await inspect(page, file.text);
  test.info().annotations.push({ type: file.name, description: `${report.width}×${report.height}, ink ${report.drawn.ink.toFixed(3)}, background ${report.background}` });
  expect(report.parseError).toBe('');
  expect(report.root).toBe('svg');
  expect(report.namespace).toBe('http://www.w3.org/2000/svg');
  expect(report.version).toBe('1.1');
  expect(report.width).toBeGreaterThan(50);
  expect(report.height).toBeGreaterThan(20);
  expect(report.viewBox.split(' ').map(Number)).toHaveLength(4);
  expect(report.title.length).toBeGreaterThan(0);
  expect(report.forbiddenElements).toEqual([]);
  expect(report.interactiveAttributes).toEqual([]);
  for (const family of report.fontFamilies) expect(family).toMatch(/(sans-serif|serif|monospace)$/);
  for (const word of words) expect(report.text).toContain(word);
  // Drawn on its own, it is the declared size and shows the chart on its background.
  expect([report.drawn.width, report.drawn.height]).toEqual([Math.round(report.width), Math.round(report.height)]);
  expect(report.drawn.corner[3]).toBe(255);
  expect(report.drawn.ink).toBeGreaterThan(0.01);
  expect(report.textFills.length).toBeGreaterThan(0);
  if (look === 'paper') {
    expect(report.background).toBe('#ffffff');
    expect(report.drawn.corner.slice(0, 3)).toEqual([255, 255, 255]);
    // Dark text on white: every text is at least as dark as the light theme's muted grey.
    for (const fill of report.textFills) expect(luminance(fill)).toBeLessThan(0.45);
  }
  return report;
}

test.beforeEach(async ({ page }) => {
  page.on('pageerror', (error) => {
    throw error;
  });
});

test('SVD lab: the σ bars and the spectrum charts, in the dark theme and on paper', async ({ page }) => {
  await page.goto('/#/svd');
  await expect(page.getByTestId('stage').locator('canvas')).toBeVisible();
  const bars = await saveSvg(page, 'singular value bars', 'theme');
  expect(bars.name).toBe('hinge-svd-singular-values.svg');
  const dark = await expectStandalone(page, bars, 'theme', ['σ₁', 'σ₂', '1.58']);
  // The theme look is the dark panel the bars sit on, with light text.
  expect(luminance(dark.background)).toBeLessThan(0.15);
  for (const fill of dark.textFills) expect(luminance(fill)).toBeGreaterThan(0.5);
  await expectStandalone(page, await saveSvg(page, 'singular value bars', 'paper'), 'paper', ['σ₁', '1.07']);

  await page.getByTestId('spectrum-input').fill('randn(60, 40)');
  await page.getByTestId('spectrum-run').click();
  await expect(page.getByTestId('spectrum-summary')).toBeVisible({ timeout: 30_000 });
  const spectrum = await saveSvg(page, 'singular value chart', 'paper');
  expect(spectrum.name).toBe('hinge-svd-spectrum.svg');
  await expectStandalone(page, spectrum, 'paper', ['σᵢ', 'Singular values', '10', '40']);
  const energy = await saveSvg(page, 'energy chart', 'theme');
  expect(energy.name).toBe('hinge-svd-energy.svg');
  await expectStandalone(page, energy, 'theme', ['energy kept', '100%']);
});

// One app load instead of two (≈ 2 CPU-s each): the keyboard step saves a file and changes nothing,
// so the heatmaps step after it still sees one head (asserted), as the lab opens.
test('Attention lab: the SVG menu from the keyboard, then heatmaps per head and the query row', async ({ page }) => {
  await page.goto('/#/attention');
  await expect(page.getByTestId('stage').locator('canvas')).toBeVisible();
  await test.step('the SVG menu works from the keyboard', async () => {
    const button = page.getByRole('button', { name: 'Save the X heatmap as SVG' });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Current theme' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Paper (white)' })).toBeFocused();
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toBe('hinge-attention-X.svg');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(button).toBeFocused();
    // Escape closes the menu without saving.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Current theme' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
  });
  await test.step('Attention lab: heatmaps per head and the query row; the hover cursor stays out', async () => {
    // Still one head, as the lab opens: the weights heatmap is head 1's.
    await expect(page.getByTestId('heads-1')).toHaveAttribute('aria-pressed', 'true');
    // A cell under the pointer draws a cursor rectangle on screen; it is not part of the figure.
    await page.getByTestId('heatmap-weights').locator('rect.cell').nth(3).hover();
    await expect(page.getByTestId('heatmap-weights').locator('rect.cursor')).toHaveCount(1);
    const weights = await saveSvg(page, 'weights heatmap', 'paper');
    expect(weights.name).toBe('hinge-attention-weights-head1.svg');
    const report = await expectStandalone(page, weights, 'paper', ['weights', 'rows sum to 1', 'cat₂', 'the₁']);
    expect(report.cursorMarks).toBe(0);
    // The legend's colour ramp and the masked-cell hatching still point at their own definitions.
    expect(weights.text).toMatch(/fill="url\(#p2-grad-weights\)"/);
    expect(weights.text).toMatch(/<linearGradient id="p2-grad-weights"/);

    await page.getByTestId('heads-2').click();
    await page.getByTestId('head-1').click();
    const q = await saveSvg(page, 'Q heatmap', 'theme');
    expect(q.name).toBe('hinge-attention-Q-head2.svg');
    await expectStandalone(page, q, 'theme', ['Q', 'head 2']);

    const row = await saveSvg(page, 'scores and weights chart', 'paper');
    expect(row.name).toMatch(/^hinge-attention-query\d+-head2\.svg$/);
    await expectStandalone(page, row, 'paper', ['score', 'weight (softmax)', 'Σ weights = 1.000']);
  });
});

test('LoRA lab: a heatmap drawn cell by cell, and the error chart with its key as plain text', async ({ page }) => {
  await page.goto('/#/lora');
  await expect(page.getByTestId('lora-heatmaps')).toBeVisible();
  const dW = await saveSvg(page, 'ΔW heatmap', 'theme');
  expect(dW.name).toBe('hinge-lora-dW.svg');
  await expectStandalone(page, dW, 'theme', ['ΔW', 'the update']);
  // 32×32 entries, one rectangle each, plus the frame, the background and the legend's bar.
  expect((dW.text.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(32 * 32 + 2);

  const errors = await saveSvg(page, 'error chart', 'paper');
  expect(errors.name).toBe('hinge-lora-errors.svg');
  // On screen this key is typeset with KaTeX (HTML); in the file it is SVG text.
  await expectStandalone(page, errors, 'paper', ['rank r', 'Frobenius', 'spectral', 'σᵣ₊₁', 'measured at this r']);

  // A 256×256 matrix is one embedded image of a pixel per entry, kept sharp.
  await page.getByTestId('size').selectOption('256');
  await expect(page.getByTestId('heatmap-dW')).toContainText('ΔW');
  const big = await saveSvg(page, 'ΔW heatmap', 'paper');
  expect(big.text).toMatch(/<image [^>]*xlink:href="data:image\/png;base64,/);
  expect(big.text).toContain('image-rendering="optimizeSpeed"');
  await expectStandalone(page, big, 'paper', ['ΔW']);
});

test('Gradients lab: the norms chart keeps its caption, subscripts and key', async ({ page }) => {
  await page.goto('/#/gradients');
  await page.getByTestId('view-chain').click();
  await expect(page.getByTestId('gradient-norm-chart').locator('svg').first()).toBeVisible({ timeout: 30_000 });
  const norms = await saveSvg(page, 'norms chart', 'paper');
  expect(norms.name).toBe('hinge-gradients-norms.svg');
  await expectStandalone(page, norms, 'paper', ['Norms through the chain', 'norm (log scale)', '‖gradient‖ after s layers back']);
  const jacobian = await saveSvg(page, 'Jacobian singular value chart', 'theme');
  expect(jacobian.name).toBe('hinge-gradients-jacobian.svg');
  // D<sub>L</sub> on screen is a subscript in the file too.
  expect(jacobian.text).toMatch(/<tspan baseline-shift="sub"[^>]*>L<\/tspan>/);
  await expectStandalone(page, jacobian, 'theme', ['Singular values of J', 'rounding noise']);
});

test('Regions lab: the depth-against-width chart, with its key, in the light theme', async ({ page }) => {
  await page.goto('/#/regions');
  await expect(page.getByTestId('stage').locator('canvas')).toBeVisible();
  await page.getByTestId('theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-chart').locator('svg').last()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('compare-run')).toBeEnabled({ timeout: 120_000 });
  const chart = await saveSvg(page, 'region count chart', 'theme');
  expect(chart.name).toBe('hinge-regions-depth-width.svg');
  const report = await expectStandalone(page, chart, 'theme', ['regions', '2→64→1', '2→8→8→8→8→1', 'measured', 'Serra', 'Montúfar']);
  // The light theme's look: a light background with dark text.
  expect(luminance(report.background)).toBeGreaterThan(0.85);
  for (const fill of report.textFills) expect(luminance(fill)).toBeLessThan(0.45);
});
