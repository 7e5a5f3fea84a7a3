// The renderer's Vite options, shared by the Electron build (electron.vite.config.ts)
// and the browser build (vite.web.config.ts), so both hosts run the same bundle.
import { resolve } from 'node:path';
import type { UserConfig } from 'vite';

const root = resolve(import.meta.dirname, 'renderer');

export function rendererConfig(outDir: string): UserConfig {
  return {
    root,
    base: './',
    publicDir: resolve(import.meta.dirname, 'assets/public'),
    build: {
      outDir: resolve(import.meta.dirname, outDir),
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        input: resolve(root, 'index.html'),
      },
    },
    worker: { format: 'es' },
  };
}
