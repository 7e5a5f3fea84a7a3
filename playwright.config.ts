import { existsSync, statfsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's chromium-headless-shell when installed (.ci/run installs it): the same Chromium, WebGL
// and SwiftShader without the full browser's display compositor: svd, layer and regions.spec took
// 286 CPU-s in chromium and 165 in the headless shell on two cores. Else the full chromium.
const chromium = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';
// Several people (or agents) can run the suite at once on one machine, each against its own build:
// HINGE_E2E_PORT picks the preview port, HINGE_WEB_OUT the folder `vite build` wrote.
const port = Number(process.env.HINGE_E2E_PORT ?? 4173);
// Relative to the vite root (renderer/), like `vite build --outDir`; unset, the config's own out/web.
const outDir = process.env.HINGE_WEB_OUT;

/** True when /dev/shm is a file system with a GiB or more free. */
function roomyDevShm(): boolean {
  try {
    const fs = statfsSync('/dev/shm');
    return fs.bavail * fs.bsize >= 2 ** 30;
  } catch {
    return false; // no /dev/shm: Chromium's files go to /tmp, as Playwright's default has it
  }
}

export default defineConfig({
  testDir: 'test/e2e',
  // Every test has its own browser context (storage, downloads) and nothing on disk is shared, so
  // tests of one file may run side by side. Two workers on two cores: the page's WebGL and the
  // workers' compute leave room while a test waits. HINGE_E2E_WORKERS=1 runs one at a time.
  // A fresh context and its first app load cost ≈ 2 CPU-s (Blink and V8 ≈ 1; SwiftShader compiling
  // the lab's WebGL programs again, as nothing is cached across contexts, ≈ 0.6–0.8): short checks
  // that share one setup are steps of one test (test.step, each with its own title, each asserting
  // the state it starts from). That took the suite from 150 tests to 109, with every check kept.
  fullyParallel: true,
  workers: Number(process.env.HINGE_E2E_WORKERS ?? 2),
  retries: 0,
  // A limit for a test that hangs, not a speed check: on a busy two-core machine the longest
  // tests (every lab in both themes under axe) can take over a minute.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  // Its own folder: Playwright empties it at the start, and `npm run security` (which npm test
  // runs at the same time) writes test-results/electronegativity.json.
  outputDir: process.env.HINGE_E2E_RESULTS ?? 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Near the smallest window the desktop app allows (900×600, electron/window.ts), where the
    // panels leave the stage least room and text wraps most. WebGL draws in software here, so a
    // frame costs in proportion to its pixels: run back to back, the suite took 833 CPU-s and 431 s
    // at 960×600 against 873 CPU-s and 452 s at 1280×800. Tests about a larger window set their own
    // size (keyboard-a11y.spec's light theme runs at 1280×800).
    viewport: { width: 960, height: 600 },
    // Hinge follows the system's light or dark theme until the user picks one; the suite's
    // system is dark (the app's own default look). theme.spec.ts emulates both.
    colorScheme: 'dark',
    // The first-run tour is done in every context of the suite's `test` (test/e2e/fixtures.ts);
    // help.spec and regions-shell.spec open first-run contexts of their own to see it.
    launchOptions: {
      executablePath: chromium,
      // Playwright has Chromium keep its shared memory (each frame the page composites, among
      // others) in files under /tmp, for containers whose /dev/shm holds 64 MB. Where /dev/shm
      // has room (a GiB or more), Chromium uses it: on video, export and regions.spec, 79–84
      // CPU-s against 83–86 with files in /tmp on ext4, two runs each.
      ignoreDefaultArgs: roomyDevShm() ? ['--disable-dev-shm-usage'] : [],
      args: [
        '--no-sandbox',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // The page's layers are composited in software; WebGL still draws in SwiftShader. On two
        // cores npm test took 1420 CPU-s with it and 1701 without, and every test passes the same.
        '--disable-gpu-compositing',
        // More flags to measure with, e.g. HINGE_CHROMIUM_ARGS=--disable-gpu-rasterization.
        ...(process.env.HINGE_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean),
      ],
    },
  },
  webServer: {
    command: `npx vite preview --config vite.web.config.ts --port ${port}${outDir ? ` --outDir ${outDir}` : ''}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    // How long `vite preview` may take to answer its URL before the run gives up (it takes about
    // a second; a busy two-core machine can make that many).
    timeout: 120_000,
  },
});
