// Draws Hinge's icon from one description into assets/icon.svg and a 512×512 assets/icon.png.
// The mark: a unit grid sheared by the matrix [[1, 0.5], [0, 1]] (blue) and a ReLU-shaped line
// bent at a pin (orange) — a linear map and the hinge that makes a network non-linear.
// Run: node assets/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

const SIZE = 512;
const DARK = '#101218';
const BLUE = '#4c9be8';
const ORANGE = '#f28e2b';

// Grid point (u, v) after the shear: x grows with v by half a cell.
const CELL = 72;
const gridPoint = (u, v) => [94 + CELL * u + (CELL / 2) * v, 364 - CELL * v];
const segment = (a, b) => ({ a, b });

const innerGrid = [1, 2].flatMap((i) => [
  segment(gridPoint(i, 0), gridPoint(i, 3)),
  segment(gridPoint(0, i), gridPoint(3, i)),
]);
const outerGrid = [
  segment(gridPoint(0, 0), gridPoint(3, 0)),
  segment(gridPoint(3, 0), gridPoint(3, 3)),
  segment(gridPoint(3, 3), gridPoint(0, 3)),
  segment(gridPoint(0, 3), gridPoint(0, 0)),
];
// The pin sits on grid point (1, 1): the flat arm runs out along the grid line v = 1, the rising
// arm along the grid's diagonal and past its far corner.
const PIN = gridPoint(1, 1);
const far = gridPoint(3.35, 3.35);
const hinge = [segment([60, PIN[1]], PIN), segment(PIN, far)];

/** Layers from back to front; each is one colour and opacity over the union of its shapes. */
const layers = [
  { color: DARK, opacity: 1, shapes: [{ kind: 'roundRect', x: 0, y: 0, w: SIZE, h: SIZE, r: 112 }] },
  { color: BLUE, opacity: 0.5, shapes: innerGrid.map((s) => ({ kind: 'line', ...s, width: 7 })) },
  { color: BLUE, opacity: 1, shapes: outerGrid.map((s) => ({ kind: 'line', ...s, width: 11 })) },
  { color: DARK, opacity: 1, shapes: hinge.map((s) => ({ kind: 'line', ...s, width: 46 })) },
  { color: ORANGE, opacity: 1, shapes: hinge.map((s) => ({ kind: 'line', ...s, width: 24 })) },
  { color: ORANGE, opacity: 1, shapes: [{ kind: 'circle', c: PIN, r: 25 }] },
  { color: DARK, opacity: 1, shapes: [{ kind: 'circle', c: PIN, r: 9 }] },
];

// ---- SVG -------------------------------------------------------------------------------------

function svgShape(shape) {
  switch (shape.kind) {
    case 'roundRect':
      return `<rect x="${shape.x}" y="${shape.y}" width="${shape.w}" height="${shape.h}" rx="${shape.r}"/>`;
    case 'circle':
      return `<circle cx="${shape.c[0]}" cy="${shape.c[1]}" r="${shape.r}"/>`;
    case 'line':
      return `<line x1="${shape.a[0]}" y1="${shape.a[1]}" x2="${shape.b[0]}" y2="${shape.b[1]}" stroke-width="${shape.width}"/>`;
  }
}

function svgLayer({ color, opacity, shapes }) {
  const isStroke = shapes[0].kind === 'line';
  const paint = isStroke ? `stroke="${color}" stroke-linecap="round" fill="none"` : `fill="${color}"`;
  const alpha = opacity === 1 ? '' : ` opacity="${opacity}"`;
  return `  <g ${paint}${alpha}>\n${shapes.map((s) => `    ${svgShape(s)}`).join('\n')}\n  </g>`;
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <title>Hinge</title>
${layers.map(svgLayer).join('\n')}
</svg>
`;

// ---- PNG: signed distance per pixel, one-pixel anti-aliased edges ---------------------------

function distance(shape, x, y) {
  switch (shape.kind) {
    case 'roundRect': {
      const hx = shape.w / 2, hy = shape.h / 2;
      const qx = Math.abs(x - (shape.x + hx)) - (hx - shape.r);
      const qy = Math.abs(y - (shape.y + hy)) - (hy - shape.r);
      return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - shape.r;
    }
    case 'circle':
      return Math.hypot(x - shape.c[0], y - shape.c[1]) - shape.r;
    case 'line': {
      const [ax, ay] = shape.a, [bx, by] = shape.b;
      const dx = bx - ax, dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      return Math.hypot(x - ax - t * dx, y - ay - t * dy) - shape.width / 2;
    }
  }
}

const hexToRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);

function renderPng() {
  const rgba = new Float64Array(SIZE * SIZE * 4); // premultiplied
  for (const { color, opacity, shapes } of layers) {
    const [r, g, b] = hexToRgb(color);
    for (let py = 0; py < SIZE; py++) {
      for (let px = 0; px < SIZE; px++) {
        const x = px + 0.5, y = py + 0.5;
        const coverage = Math.max(...shapes.map((s) => Math.min(1, Math.max(0, 0.5 - distance(s, x, y)))));
        const a = coverage * opacity;
        if (a === 0) continue;
        const i = (py * SIZE + px) * 4;
        rgba[i] = r * a + rgba[i] * (1 - a);
        rgba[i + 1] = g * a + rgba[i + 1] * (1 - a);
        rgba[i + 2] = b * a + rgba[i + 2] * (1 - a);
        rgba[i + 3] = a + rgba[i + 3] * (1 - a);
      }
    }
  }
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3];
    for (let c = 0; c < 3; c++) png.data[i + c] = a > 0 ? Math.round((rgba[i + c] / a) * 255) : 0;
    png.data[i + 3] = Math.round(a * 255);
  }
  return PNG.sync.write(png);
}

const here = import.meta.dirname;
writeFileSync(join(here, 'icon.svg'), svg);
writeFileSync(join(here, 'icon.png'), renderPng());
console.log('wrote assets/icon.svg and assets/icon.png');
