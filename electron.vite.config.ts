import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer.vite.ts';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { main: resolve(import.meta.dirname, 'electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle zod and the contract into it.
      externalizeDeps: false,
      // A sandboxed preload cannot be an ES module: Electron loads it as CommonJS.
      rolldownOptions: {
        input: { preload: resolve(import.meta.dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // `npm run security` builds and scans only the main process and preload (HINGE_BUILD=desktop-only).
  ...(process.env.HINGE_BUILD === 'desktop-only' ? {} : { renderer: rendererConfig('out/renderer') }),
});
