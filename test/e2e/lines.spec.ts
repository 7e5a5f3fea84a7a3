// DynamicLines draws every segment's strip written out in one ordinary draw instead of three's
// LineSegments2 (one instance per segment). Same shader, same strip: the pixels must be the same,
// bit for bit, in the real Chromium and WebGL the app runs in. The page here is built from the
// sources (dynamic-lines.ts transpiled, three from node_modules), not from the app's bundle, so
// the reference can be three's own LineSegments2 drawn next to it.
import { expect, test, type Page } from './fixtures.ts';
import { openLinesPage as openLines } from '../../scripts/lines-page.mjs';

const ORIGIN = 'http://lines.test';

const openLinesPage = (page: Page) => openLines(page, ORIGIN);

interface Case {
  name: string;
  dim: 2 | 3;
  width: number;
  opacity?: number;
  dashed?: boolean;
  /** Draw into this part of the canvas only (x, y, width, height), as an export's tile does. */
  viewport?: [number, number, number, number];
}

const cases: Case[] = [
  { name: '3D, opaque', dim: 3, width: 1.8 },
  { name: '3D, translucent (the Regions lab)', dim: 3, width: 0.8, opacity: 0.85 },
  { name: '2D, dashed (an arrow shaft)', dim: 2, width: 2, dashed: true },
  { name: '3D, wide, in a viewport (a tile of an export)', dim: 3, width: 4.4, opacity: 0.9, viewport: [40, 30, 300, 200] },
];

for (const c of cases) {
  test(`lines drawn written out equal LineSegments2's pixels: ${c.name}`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openLinesPage(page);
    const result = await page.evaluate(async (c) => {
      const THREE = await import('three');
      const { LineMaterial } = await import('three/examples/jsm/lines/LineMaterial.js');
      const { LineSegments2 } = await import('three/examples/jsm/lines/LineSegments2.js');
      const { LineSegmentsGeometry } = await import('three/examples/jsm/lines/LineSegmentsGeometry.js');
      const { DynamicLines } = await import('/dynamic-lines.js' as string);
      const W = 480, H = 360;
      const canvas = document.getElementById('c') as HTMLCanvasElement;
      const renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
      renderer.setPixelRatio(1);
      renderer.setSize(W, H, false);
      renderer.setClearColor(0x101418, 1);
      const camera = new THREE.PerspectiveCamera(45, W / H, 0.1, 100);
      camera.position.set(2.2, 1.6, 3.1);
      camera.lookAt(0, 0, 0);
      // Polylines from a seeded generator: a few hundred segments crossing each other.
      let seed = 7;
      const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
      const polylines: Float64Array[] = [];
      for (let l = 0; l < 60; l++) {
        const points = 2 + (l % 9);
        const line = new Float64Array(points * c.dim);
        for (let i = 0; i < line.length; i++) line[i] = random();
        polylines.push(line);
      }
      // Scaled, as the labs' maps do every frame.
      const map = (from: Float64Array, to: Float64Array) => { for (let i = 0; i < from.length; i++) to[i] = from[i]! * 1.25; };
      const style = { color: '#e8a33d', width: c.width, opacity: c.opacity, dashed: c.dashed, dashSize: 0.07, gapSize: 0.05 };
      const ours = new DynamicLines(polylines, c.dim, style);
      ours.update(map);
      ours.setResolution(W, H);
      // The reference: the same lines as three's LineSegments2 (what DynamicLines drew before).
      const ends: number[] = [];
      for (const line of polylines) {
        for (let i = 0; i + 1 < line.length / c.dim; i++) {
          for (const k of [i, i + 1]) ends.push(line[k * c.dim]! * 1.25, line[k * c.dim + 1]! * 1.25, c.dim === 3 ? line[k * c.dim + 2]! * 1.25 : 0);
        }
      }
      const geometry = new LineSegmentsGeometry();
      geometry.setPositions(new Float32Array(ends.length));
      (geometry.attributes.instanceStart as unknown as { data: { array: Float32Array } }).data.array.set(ends);
      const material = new LineMaterial({
        color: new THREE.Color(style.color).getHex(), linewidth: c.width, transparent: (c.opacity ?? 1) < 1, opacity: c.opacity ?? 1,
        dashed: c.dashed ?? false, dashSize: 0.07, gapSize: 0.05, worldUnits: false,
      });
      material.resolution.set(W, H);
      const reference = new LineSegments2(geometry, material);
      reference.frustumCulled = false;
      if (c.dashed) reference.computeLineDistances();
      const gl = renderer.getContext();
      const draw = (object: InstanceType<typeof THREE.Object3D>) => {
        const scene = new THREE.Scene();
        scene.add(object);
        renderer.setViewport(0, 0, W, H);
        renderer.clear();
        if (c.viewport) renderer.setViewport(...c.viewport);
        renderer.render(scene, camera);
        const pixels = new Uint8Array(W * H * 4);
        gl.readPixels(0, 0, W, H, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
        scene.remove(object);
        return pixels;
      };
      renderer.autoClear = false;
      const a = draw(reference), b = draw(ours.object);
      let differing = 0, lit = 0;
      for (let i = 0; i < a.length; i += 4) {
        if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3]) differing++;
        if (a[i] !== 0x10 || a[i + 1] !== 0x14 || a[i + 2] !== 0x18) lit++;
      }
      return { segments: ends.length / 6, differing, lit, pixels: W * H };
    }, c);
    // The picture is not empty (the lines were drawn), and not one pixel differs.
    expect(result.segments).toBeGreaterThan(200);
    expect(result.lit).toBeGreaterThan(2000);
    expect(result.differing).toBe(0);
    expect(errors).toEqual([]);
  });
}
