// The browser build of the renderer (`npm run web`): the same UI, with the browser host.
import { defineConfig, type Plugin } from 'vite';
import { CROSS_ORIGIN_ISOLATION, rendererConfig } from './renderer.vite.ts';

/**
 * `vite preview` gzips every response as it sends it. It serves the build on 127.0.0.1 only
 * (the end-to-end tests' server), where compressing saves no time and costs CPU on both ends:
 * each page load sends ~4 MB of scripts, compressed anew for every fresh browser context. The
 * request's Accept-Encoding is dropped before the compression middleware reads it.
 */
const previewUncompressed: Plugin = {
  name: 'hinge:preview-uncompressed',
  configurePreviewServer(server) {
    server.middlewares.use((request, _response, next) => {
      delete request.headers['accept-encoding'];
      next();
    });
  },
};

export default defineConfig({
  ...rendererConfig('out/web'),
  plugins: [previewUncompressed],
  server: { host: '127.0.0.1', port: 5173, headers: { ...CROSS_ORIGIN_ISOLATION } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { ...CROSS_ORIGIN_ISOLATION } },
});
