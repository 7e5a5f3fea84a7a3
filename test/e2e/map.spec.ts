import { expect, test } from './fixtures.ts';

test('the app opens on the concept map, and every row with a lab opens it', async ({ page }) => {
  test.setTimeout(120_000); // nine rows, eight labs opened in turn on a shared two-core machine
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const table = page.getByRole('table', { name: 'Concept map' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(10); // the header and nine ideas
  await expect(table).toContainText('Gram matrix');
  const links = table.getByRole('link');
  const count = await links.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const href = (await link.getAttribute('href'))!;
    const id = href.replace('#/', '');
    await link.click();
    await expect(page).toHaveURL(new RegExp(`#/${id}$`));
    // The lab's element is the one shown in the main area.
    await expect.poll(() => page.evaluate(() => document.querySelector('hinge-app')!.shadowRoot!.querySelector('main')!.firstElementChild?.tagName.toLowerCase())).toMatch(new RegExp(`hinge-${id}-lab`));
    await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: /Concept map/ }).click();
    await expect(table).toBeVisible();
  }
  expect(errors).toEqual([]);
});
