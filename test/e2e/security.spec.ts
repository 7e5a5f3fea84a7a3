import { expect, test } from './fixtures.ts';

// eval cannot be probed from here: DevTools' Runtime.evaluate runs with CSP's eval check lifted.
// test/electron/csp.test.ts checks the policy text has no 'unsafe-eval'.
test('the page has no Node and its CSP refuses injected inline scripts', async ({ page }) => {
  await page.goto('/#/layer');
  await expect(page.locator('hinge-app')).toBeAttached();
  const result = await page.evaluate(async () => {
    const violations: string[] = [];
    const reported = new Promise<void>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => {
        violations.push(e.violatedDirective);
        resolve();
      }),
    );
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    // An inline script that is allowed runs during append; one that is refused is reported
    // (asynchronously) as a violation — wait for that report, not for a fixed time.
    if (!(window as unknown as { __injected?: boolean }).__injected) await reported;
    return {
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      injected: (window as unknown as { __injected?: boolean }).__injected ?? false,
      violations,
    };
  });
  expect(result.require).toBe('undefined');
  expect(result.process).toBe('undefined');
  expect(result.injected).toBe(false);
  expect(result.violations.some((d) => d.startsWith('script-src'))).toBe(true);
});
