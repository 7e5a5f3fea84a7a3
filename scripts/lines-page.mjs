// A page for measuring and testing renderer/scene/dynamic-lines.ts next to three's own
// LineSegments2 in a real Chromium: served by Playwright's router at `origin`, with three from
// node_modules and dynamic-lines.ts transpiled on the fly (not the app's bundle). Used by
// test/e2e/lines.spec.ts and bench/lines.mjs. The page has one <canvas id="c"> and an import map
// for 'three' and 'three/examples/jsm/'; '/dynamic-lines.js' is DynamicLines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');

/** Opens `page` on the lines page at `origin` (e.g. http://lines.test). */
export async function openLinesPage(page, origin) {
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') {
      const imports = { three: '/node_modules/three/build/three.module.js', 'three/examples/jsm/': '/node_modules/three/examples/jsm/' };
      return route.fulfill({ contentType: 'text/html', body: `<!doctype html><script type="importmap">${JSON.stringify({ imports })}</script><canvas id="c"></canvas>` });
    }
    if (path === '/dynamic-lines.js') {
      const source = readFileSync(join(root, 'renderer/scene/dynamic-lines.ts'), 'utf8');
      const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
      return route.fulfill({ contentType: 'text/javascript', body: js });
    }
    if (path.startsWith('/node_modules/three/')) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(root, path)) });
    return route.fulfill({ status: 404, body: 'not here' });
  });
  await page.goto(`${origin}/`);
}
