// npm run bench — wide lines: DynamicLines (every segment's strip written out, one ordinary draw)
// against its peer, three's LineSegments2 (one instance per segment), the same lines through the
// same LineMaterial shader, side by side in one headless Chromium whose WebGL is SwiftShader (what
// Chromium and Electron use where there is no usable GPU). Measurements, never assertions.
//
// For each count of segments, each object is drawn 7 times into a 700×800 multisampled canvas
// (the Regions lab's size); a frame's time is from render() to a 1-pixel readPixels, which waits
// for the GPU to finish it. The median is printed, with the ratio and whether the pixels agree.
// Usage: node bench/lines.mjs   (BENCH_LINES=2000,14000 for other counts)
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { openLinesPage } from '../scripts/lines-page.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';
const COUNTS = (process.env.BENCH_LINES ?? '500,2000,14000').split(',').map(Number);
const ORIGIN = 'http://lines.bench';

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
await openLinesPage(page, ORIGIN);

console.log(`wide lines at 700×800, multisampled, in ${CHROMIUM.split('/').pop()} (SwiftShader): median of 7 frames`);
console.log('segments   LineSegments2 (peer)   DynamicLines (written out)   ratio   pixels');
for (const count of COUNTS) {
  const r = await page.evaluate(async (N) => {
    const THREE = await import('three');
    const { LineMaterial } = await import('three/examples/jsm/lines/LineMaterial.js');
    const { LineSegments2 } = await import('three/examples/jsm/lines/LineSegments2.js');
    const { LineSegmentsGeometry } = await import('three/examples/jsm/lines/LineSegmentsGeometry.js');
    const { DynamicLines } = await import('/dynamic-lines.js');
    const W = 700, H = 800;
    const canvas = document.getElementById('c');
    const renderer = new THREE.WebGLRenderer({ canvas, antialias: true });
    renderer.setPixelRatio(1);
    renderer.setSize(W, H, false);
    const camera = new THREE.PerspectiveCamera(45, W / H, 0.1, 100);
    camera.position.set(3, 2, 4);
    camera.lookAt(0, 0, 0);
    // N short segments in a cube, as a 3D partition's edges are.
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const ends = new Float64Array(N * 6);
    for (let i = 0; i < N; i++) {
      const x = random(), y = random(), z = random();
      ends.set([x, y, z, x + random() * 0.2, y + random() * 0.2, z + random() * 0.2], i * 6);
    }
    const style = { color: '#e8a33d', width: 1.5, opacity: 0.85 };
    const ours = new DynamicLines(ends, 3, style);
    ours.setResolution(W, H);
    const geometry = new LineSegmentsGeometry();
    geometry.setPositions(new Float32Array(N * 6));
    geometry.attributes.instanceStart.data.array.set(ends);
    const material = new LineMaterial({ color: 0xe8a33d, linewidth: 1.5, transparent: true, opacity: 0.85, worldUnits: false });
    material.resolution.set(W, H);
    const peer = new LineSegments2(geometry, material);
    peer.frustumCulled = false;
    const gl = renderer.getContext();
    const pixel = new Uint8Array(4);
    const time = (object) => {
      const scene = new THREE.Scene();
      scene.add(object);
      const frames = [];
      for (let k = 0; k < 8; k++) {
        const t = performance.now();
        renderer.render(scene, camera);
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        if (k > 0) frames.push(performance.now() - t); // the first compiles the program
      }
      const all = new Uint8Array(W * H * 4);
      gl.readPixels(0, 0, W, H, gl.RGBA, gl.UNSIGNED_BYTE, all);
      scene.remove(object);
      return { ms: frames.sort((a, b) => a - b)[Math.floor(frames.length / 2)], all };
    };
    const a = time(peer), b = time(ours.object);
    let differing = 0;
    for (let i = 0; i < a.all.length; i++) if (a.all[i] !== b.all[i]) differing++;
    ours.dispose();
    geometry.dispose();
    material.dispose();
    renderer.dispose();
    return { peer: a.ms, ours: b.ms, differing };
  }, count);
  console.log(`${String(count).padStart(8)}   ${r.peer.toFixed(1).padStart(17)} ms   ${r.ours.toFixed(1).padStart(23)} ms   ${(r.peer / r.ours).toFixed(2).padStart(5)}×   ${r.differing === 0 ? 'identical' : `${r.differing} bytes differ`}`);
}
await browser.close();
