import { expect, test, type Page } from './fixtures.ts';
import { countRegionsAlongLine, linearRegionsPacked, type ReluNet } from '../../src/regions/index.js';
import type { RegionsState } from '../../renderer/labs/regions/regions-store.js';
import { PNG } from 'pngjs';
import { nonBackgroundFraction } from './helpers.ts';

test('a 3→8→8→1 network: a count, a drawn 3D view, a moving slice, and a clicked region', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#/regions');
  await expect(page.getByTestId('region-count')).toBeVisible({ timeout: 30_000 });
  const previous = await page.getByTestId('region-count').textContent();
  await page.getByTestId('inputs-3').click();
  await page.getByTestId('widths').fill('8, 8');
  await page.getByTestId('widths').press('Enter');
  await page.getByTestId('widths').blur();
  // The previous 2-input network already shows a count and "after each layer": wait for the count
  // of THIS network, computed here by the kernel, which differs from the previous one.
  await expect.poll(async () => {
    const s = await labState(page);
    return [s.inputs, s.net.weights.map((w) => w.length)];
  }).toEqual([3, [8, 8, 1]]);
  const state = await labState(page);
  const cube = { min: [-state.radius, -state.radius, -state.radius], max: [state.radius, state.radius, state.radius] };
  const count = linearRegionsPacked(state.net, cube).count;
  expect(String(count)).not.toBe(previous);
  await expect(page.getByTestId('region-count')).toHaveText(String(count), { timeout: 30_000 });
  await expect(page.getByText(/after each layer: \d+ → \d+/)).toBeVisible();
  expect(count).toBeGreaterThan(8);
  const stage = page.getByTestId('stage');
  const shot = await stage.screenshot();
  const { fraction, distinctColors } = nonBackgroundFraction(shot);
  expect(fraction).toBeGreaterThan(0.05);
  expect(distinctColors).toBeGreaterThan(50);

  // The slice's count where it starts, then at x₃ = 0.6: each the count of the plane's own 2D network.
  const onSlice = (z: number) => `${linearRegionsPacked(slicedAt(state.net, z), { min: cube.min.slice(0, 2), max: cube.max.slice(0, 2) }).count} regions on the slice`;
  expect(onSlice(0.6)).not.toBe(onSlice(state.sliceAt));
  await page.getByTestId('slice-on').check();
  await expect(page.getByTestId('slice-count')).toHaveText(new RegExp(`^${onSlice(state.sliceAt)} x₃ = `));
  const before = await stage.screenshot();
  await page.getByTestId('slice-at').fill('0.6');
  await expect(page.getByTestId('slice-count')).toHaveText(new RegExp(`^${onSlice(0.6)} x₃ = `));
  await expect.poll(async () => Buffer.compare(await stage.screenshot(), before)).not.toBe(0);

  const box = (await stage.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const info = page.getByTestId('region-info');
  await expect(info).toBeVisible();
  const pattern = (await info.getAttribute('data-pattern'))!;
  expect(pattern).toMatch(/^[01]{8}\|[01]{8}$/);
  await expect(info).toContainText('layer 1: ' + pattern.split('|')[0]);
  await expect(info).toContainText('volume');
  expect(errors).toEqual([]);
});

// One app load instead of four (≈ 2 CPU-s each): each step starts from the default network's
// default view (asserted), the previous step's view setting put back with the control that set it.
test('the default network\'s view: the first layer alone, boundaries and regions coloured by layer, and refused widths', async ({ page }) => {
  const errors = await openDefaultNetwork(page);
  await test.step('showing only the first layer gives the count after layer 1', async () => {
    await expectDefaultView(page);
    const perLayer = page.getByText(/after each layer: \d+ → \d+/);
    await expect(perLayer).toBeVisible({ timeout: 30_000 });
    const afterFirst = Number(((await perLayer.textContent()) ?? '').match(/after each layer: (\d+)/)![1]);
    await page.getByTestId('layers-shown').fill('1');
    await page.getByTestId('layers-shown').dispatchEvent('change');
    await expect(page.getByTestId('region-count')).toHaveText(String(afterFirst));
  });
  await test.step('boundaries coloured by the layer that drew them', async () => {
    // Every layer shown again, as the previous step left it at one.
    await page.getByTestId('layers-shown').fill('2');
    await page.getByTestId('layers-shown').dispatchEvent('change');
    await expectDefaultView(page);
    await expect(page.getByText(/after each layer/)).toBeVisible({ timeout: 30_000 });
    const stage = page.getByTestId('stage');
    const before = await stage.screenshot();
    await page.getByTestId('by-layer').check();
    await expect(page.getByLabel('Layer colours')).toContainText('layer 2');
    await expect.poll(async () => Buffer.compare(await stage.screenshot(), before)).not.toBe(0);
    // Layer 1's boundaries off: its orange lines (#E69F00) go, layer 2's stay.
    const both = await stage.screenshot();
    expect(pixelsNear(both, [0xe6, 0x9f, 0x00])).toBeGreaterThan(200);
    await page.getByTestId('boundary-layer-1').click();
    await expect(page.getByTestId('boundary-layer-1')).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(async () => pixelsNear(await stage.screenshot(), [0xe6, 0x9f, 0x00])).toBeLessThan(20);
    await page.getByTestId('boundary-layer-1').click();
    await expect.poll(async () => pixelsNear(await stage.screenshot(), [0xe6, 0x9f, 0x00])).toBeGreaterThan(200);
  });
  await test.step('colour by layer draws the regions in their layer colours, with a legend that adds up', async () => {
    // Boundaries in one colour again, as the previous step coloured them by layer.
    await page.getByTestId('by-layer').uncheck();
    await expectDefaultView(page);
    await expect(page.getByText(/after each layer: \d+ → \d+/)).toBeVisible({ timeout: 30_000 });
    const count = Number(await page.getByTestId('region-count').textContent());
    const stage = page.getByTestId('stage');
    const before = await stage.screenshot();
    await page.getByTestId('coloring').selectOption('layer');
    const legend = page.getByTestId('layer-legend');
    await expect(legend).toBeVisible();
    await expect(legend).toContainText('last layer that cut it');
    await expect.poll(async () => Buffer.compare(await stage.screenshot(), before)).not.toBe(0);
    // Both layers' Okabe–Ito colours fill regions: orange (#E69F00) for layer 1, sky blue (#56B4E9) for layer 2.
    const after = await stage.screenshot();
    expect(pixelsNear(after, [0xe6, 0x9f, 0x00])).toBeGreaterThan(500);
    expect(pixelsNear(after, [0x56, 0xb4, 0xe9])).toBeGreaterThan(50_000);
    expect(pixelsNear(before, [0xe6, 0x9f, 0x00])).toBeLessThan(500);
    // Every region is counted under exactly one layer.
    const perLayer = [...((await legend.textContent()) ?? '').matchAll(/layer (\d) · (\d+) regions?/g)].map((m) => Number(m[2]));
    expect(perLayer).toHaveLength(2);
    expect(perLayer.reduce((s, n) => s + n, 0)).toBe(count);
  });
  await test.step('bad widths are refused at the field and the previous network stays', async () => {
    await expect(page.getByTestId('region-count')).toBeVisible({ timeout: 30_000 });
    const count = await page.getByTestId('region-count').textContent();
    await page.getByTestId('widths').fill('16, 0');
    await page.getByTestId('widths').blur();
    await expect(page.getByTestId('network-error')).toContainText('Layer 2');
    await expect(page.getByTestId('region-count')).toHaveText(count ?? '');
  });
  expect(errors).toEqual([]);
});

// One app load instead of three (≈ 2 CPU-s each): the segment first, on the default view (asserted);
// then, with the segment hidden again, hovering and pinning; the bias edit, which changes the
// network, last.
test('pointing at the default network: dragging the segment, hovering and pinning a region, and editing a bias', async ({ page }) => {
  const errors = await openDefaultNetwork(page);
  await test.step("dragging the segment's end updates the regions it crosses, as the kernel counts them", async () => {
    await expectDefaultView(page);
    await expect(page.getByText(/after each layer: \d+ → \d+/)).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('line-on').check();
    const readout = page.getByTestId('line-count');
    const label = page.getByTestId('line-label');
    await expect(readout).toBeVisible();
    await expect(label).toHaveAttribute('data-ends', /,/);
    const net = (await labState(page)).net;
    const ends = async () => ({
      a: JSON.parse((await readout.getAttribute('data-a'))!) as number[],
      b: JSON.parse((await readout.getAttribute('data-b'))!) as number[],
      count: Number(await readout.getAttribute('data-count')),
    });
    const first = await ends();
    expect(first.count).toBe(countRegionsAlongLine(net, first.a, first.b));
    await expect(label).toHaveText(`${first.count} regions`);

    // Drag b from where it is drawn to a quarter of the way along the segment, back towards a.
    const [ax, ay, bx, by] = (await label.getAttribute('data-ends'))!.split(',').map(Number);
    const box = (await page.getByTestId('stage').boundingBox())!;
    await page.mouse.move(box.x + bx!, box.y + by!);
    await page.mouse.down();
    const to = { x: box.x + ax! + 0.25 * (bx! - ax!), y: box.y + ay! + 0.25 * (by! - ay!) };
    await page.mouse.move((box.x + bx! + to.x) / 2, (box.y + by! + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await ends()).b).not.toEqual(first.b);
    const moved = await ends();
    expect(moved.a).toEqual(first.a);
    // b moved along the segment: a quarter of it is left (to within the 0.01 rounding of a drag).
    moved.b.forEach((x, k) => expect(Math.abs(x - (first.a[k]! + 0.25 * (first.b[k]! - first.a[k]!)))).toBeLessThan(0.03));
    expect(moved.count).toBe(countRegionsAlongLine(net, moved.a, moved.b));
    expect(moved.count).toBeLessThan(first.count);
    await expect(label).toHaveText(`${moved.count} region${moved.count === 1 ? '' : 's'}`);
    // The drag selected nothing.
    await expect(page.getByTestId('region-info')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
  await test.step('hovering a region shows its pattern, area and map; clicking there pins the same region', async () => {
    // The segment hidden again, as the previous step drew it.
    await page.getByTestId('line-on').uncheck();
    await expectDefaultView(page);
    await expect(page.getByText(/after each layer: \d+ → \d+/)).toBeVisible({ timeout: 30_000 });
    const box = (await page.getByTestId('stage').boundingBox())!;
    const at = { x: box.x + box.width * 0.4, y: box.y + box.height * 0.45 };
    await page.mouse.move(at.x, at.y);
    const hover = page.getByTestId('region-hover');
    await expect(hover).toBeVisible();
    const pattern = (await hover.getAttribute('data-pattern'))!;
    expect(pattern).toMatch(/^[01]{16}\|[01]{16}$/);
    await expect(hover).toContainText(`layer 1 ${pattern.split('|')[0]}`);
    await expect(hover).toContainText('area');
    await expect(hover).toContainText('f(x) =');
    await page.mouse.click(at.x, at.y);
    await expect(page.getByTestId('region-info')).toHaveAttribute('data-pattern', pattern);
    await expect(page.getByTestId('region-info')).toHaveAttribute('data-region', (await hover.getAttribute('data-region'))!);
    // Leaving the view clears the tooltip (hover is not state).
    await page.mouse.move(box.x + box.width + 40, box.y + 10);
    await expect(hover).toHaveCount(0);
    expect(errors).toEqual([]);
  });
  await test.step("editing a neuron's bias changes the regions; a bad entry is refused at its field", async () => {
    // Still the default 2→16→16→1 network (the previous step only pinned a region, which a bias edit clears).
    await expectDefaultView(page, { pinned: true });
    await expect(page.getByText(/after each layer: \d+ → \d+/)).toBeVisible({ timeout: 30_000 });
    const countBefore = await page.getByTestId('region-count').textContent();
    await page.getByTestId('neuron-layer').selectOption({ label: 'layer 1' });
    await page.getByTestId('neuron-index').selectOption({ label: '3' });
    await expect(page.getByText(/Outlined in the view/)).toBeVisible();
    // A bias of 5 moves the third neuron's line out of the box [−2, 2]²: its cuts go.
    await page.getByTestId('neuron-bias').fill('5');
    await page.getByTestId('neuron-bias').press('Enter');
    await expect(page.getByTestId('region-count')).not.toHaveText(countBefore ?? '', { timeout: 30_000 });
    await expect(page.getByText(/after each layer: \d+ → \d+/)).toBeVisible();
    const net = (await labState(page)).net;
    expect(net.biases[0]![2]).toBe(5);
    await expect(page.getByTestId('region-count')).toHaveText(String(linearRegionsPacked(net, { min: [-2, -2], max: [2, 2] }).count));
    const countAfter = await page.getByTestId('region-count').textContent();

    await page.getByTestId('neuron-bias').fill('abc');
    await page.getByTestId('neuron-bias').press('Enter');
    await expect(page.getByTestId('neuron-bias-error')).toHaveText('"abc" is not a number.');
    await expect(page.getByTestId('neuron-bias')).toHaveAttribute('aria-invalid', 'true');
    await page.getByTestId('neuron-weights').fill('1, 2, 3');
    await page.getByTestId('neuron-weights').press('Enter');
    await expect(page.getByTestId('neuron-weights-error')).toHaveText('3 numbers given; give 2, one per input of this neuron.');
    await expect(page.getByTestId('region-count')).toHaveText(countAfter ?? '');
    expect((await labState(page)).net).toEqual(net);
  });
});

test('depth against width: deeper networks with the same budget have more regions', async ({ page }) => {
  await page.goto('/#/regions');
  await page.getByTestId('compare-run').click();
  const table = page.getByTestId('compare-table');
  await expect(table.getByRole('row')).toHaveCount(5, { timeout: 60_000 });
  await expect(page.getByTestId('compare-run')).toHaveText('Compare depth and width', { timeout: 60_000 });
});

/** The network restricted to the plane x₃ = z, written here from the definition (not the lab's copy). */
function slicedAt(net: ReluNet, z: number): ReluNet {
  const first = net.weights[0]!;
  return {
    ...net,
    weights: [first.map((row) => row.slice(0, 2)), ...net.weights.slice(1)],
    biases: [net.biases[0]!.map((b, i) => b + first[i]![2]! * z), ...net.biases.slice(1)],
  };
}

/** How many pixels of a PNG are within 12 (per channel) of an RGB colour. */
function pixelsNear(png: Buffer, rgb: readonly number[]): number {
  const { data } = PNG.sync.read(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - rgb[0]!) <= 12 && Math.abs(data[i + 1]! - rgb[1]!) <= 12 && Math.abs(data[i + 2]! - rgb[2]!) <= 12) n++;
  return n;
}

/** The Regions lab's state as plain data, read from its store in the page. */
async function labState(page: Page): Promise<RegionsState> {
  return page.evaluate(() => {
    const lab = document.querySelector('hinge-app')!.shadowRoot!.querySelector('hinge-regions-lab') as unknown as { store: { state: RegionsState } };
    return JSON.parse(JSON.stringify(lab.store.state)) as RegionsState;
  });
}

/** Opens the Regions lab on its default network, its per-layer counts shown; the page's errors collect in the array returned. */
async function openDefaultNetwork(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/#/regions');
  await expect(page.getByText(/after each layer: \d+ → \d+/)).toBeVisible({ timeout: 30_000 });
  return errors;
}

/**
 * Asserts the lab shows its default 2→16→16→1 network as it first opens: every layer shown,
 * regions in their own colours, boundaries in one colour, no segment, nothing pinned (unless
 * `pinned`): the precondition of a step that shares its page with the steps before it.
 */
async function expectDefaultView(page: Page, { pinned = false } = {}): Promise<void> {
  const s = await labState(page);
  expect({ inputs: s.inputs, widths: s.net.weights.map((w) => w.length), radius: s.radius, layersShown: s.layersShown, coloring: s.coloring,
    boundariesByLayer: s.boundariesByLayer, boundaryLayersOff: s.boundaryLayersOff, lineOn: s.lineOn, selected: pinned ? undefined : s.selected }, 'the default view')
    .toEqual({ inputs: 2, widths: [16, 16, 1], radius: 2, layersShown: 0, coloring: 'region', boundariesByLayer: false, boundaryLayersOff: [], lineOn: false, selected: undefined });
  // The readout shows the whole network's count in [−2, 2]², as the kernel counts it here.
  await expect(page.getByTestId('region-count')).toHaveText(String(linearRegionsPacked(s.net, { min: [-2, -2], max: [2, 2] }).count), { timeout: 30_000 });
}

