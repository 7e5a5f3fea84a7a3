// The end-to-end tests' `test`: Playwright's, with every browser context a returning user's, whose
// first-run tour is done (help.spec and regions-shell.spec open contexts of their own to see it).
//
// An init script sets the tour's key when it is missing, before the page's own scripts run. The
// config's `storageState` did the same by opening an extra page per context (a renderer process)
// to write localStorage: 1.45 CPU-s per fresh context and first page load against 1.11 here.
import { test as base, type Browser, type BrowserContext, type BrowserContextOptions } from '@playwright/test';

export * from '@playwright/test';

/** Marks the first-run tour done in every page the context opens (unless the page set it already). */
export async function skipTour(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    // A document without storage of its own (about:blank, data:) throws on reading it; it has no tour.
    let storage: Storage | undefined;
    try {
      storage = localStorage;
    } catch {
      return;
    }
    if (storage.getItem('hinge.tour') === null) storage.setItem('hinge.tour', 'done');
  });
}

/** A fresh window of a returning user: its own storage, no autosave, the tour done. */
export async function returningUserContext(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await skipTour(context);
  return context;
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await skipTour(context);
    await use(context);
  },
});
