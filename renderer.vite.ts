// The renderer's Vite options, shared by the Electron build (electron.vite.config.ts)
// and the browser build (vite.web.config.ts), so both hosts run the same bundle.
import { resolve } from 'node:path';
import type { UserConfig } from 'vite';

const root = resolve(import.meta.dirname, 'renderer');

/**
 * Cross-origin isolation (crossOriginIsolated, hence SharedArrayBuffer for the kernels' worker
 * pool): every response of the dev and preview servers carries these, as app:// responses do
 * (electron/protocol.ts). The page only loads its own origin, which require-corp allows as is.
 */
export const CROSS_ORIGIN_ISOLATION: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

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
    server: { headers: { ...CROSS_ORIGIN_ISOLATION } },
    preview: { headers: { ...CROSS_ORIGIN_ISOLATION } },
  };
}
