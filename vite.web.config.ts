// The browser build of the renderer (`npm run web`): the same UI, with the browser host.
import { defineConfig } from 'vite';
import { CROSS_ORIGIN_ISOLATION, rendererConfig } from './renderer.vite.ts';

export default defineConfig({
  ...rendererConfig('out/web'),
  server: { host: '127.0.0.1', port: 5173, headers: { ...CROSS_ORIGIN_ISOLATION } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { ...CROSS_ORIGIN_ISOLATION } },
});
