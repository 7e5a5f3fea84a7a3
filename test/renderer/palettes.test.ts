// Every scene palette, seen with protanopia, deuteranopia and tritanopia (Machado, Oliveira &
// Fernandes 2009, severity 1.0, applied in linear sRGB), keeps apart the colours that must differ:
// the basis vectors î, ĵ, k̂ from each other, input from output, and each from the background.
//
// Distance is CIEDE2000 (ΔE00) in CIELAB (D65). One ΔE00 is about a just-noticeable difference
// for large patches side by side; marks a few pixels wide need far more (Stone, Szafir & Setlur,
// "An engineering model for color difference as a function of size", 2014: around 10 for thin
// lines). So the standard palette, whose vectors also differ by dash pattern, needs 15 between
// basis vectors; the colour-blind-safe palette, meant to work on colour alone, needs 20; the
// input/output pair (large grids) 30; every colour 20 from its background.
import { describe, expect, it } from 'vitest';
import { COLOR_VISIONS, PALETTES, type ScenePalette } from '../../renderer/theme.js';

type Vec3 = readonly [number, number, number];
type Mat3 = readonly [Vec3, Vec3, Vec3];

/** Machado et al. 2009, Table 1 at severity 1.0 (linear RGB in, linear RGB out). */
const MACHADO: Record<'protanopia' | 'deuteranopia' | 'tritanopia', Mat3> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};
const NORMAL: Mat3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];

const mul = (m: Mat3, v: Vec3): Vec3 => [0, 1, 2].map((r) => m[r]![0] * v[0] + m[r]![1] * v[1] + m[r]![2] * v[2]) as unknown as Vec3;

function linearRgb(hex: string): Vec3 {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return [channel(0), channel(1), channel(2)];
}

/** CIELAB (D65 white) of a linear sRGB colour, clipped to the gamut first as a screen would. */
function lab(rgb: Vec3): Vec3 {
  const c = rgb.map((v) => Math.min(1, Math.max(0, v))) as unknown as Vec3;
  const xyz = mul([[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.072175], [0.0193339, 0.119192, 0.9503041]], c);
  const white = [0.95047, 1, 1.08883];
  const f = xyz.map((v, i) => {
    const t = v / white[i]!;
    return t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116;
  });
  return [116 * f[1]! - 16, 500 * (f[0]! - f[1]!), 200 * (f[1]! - f[2]!)];
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), kL = kC = kH = 1. */
export function deltaE2000([L1, a1, b1]: Vec3, [L2, a2, b2]: Vec3): number {
  const Cbar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
  const h1 = C1p === 0 ? 0 : hue(b1, a1p);
  const h2 = C2p === 0 ? 0 : hue(b2, a2p);
  const dL = L2 - L1;
  const dC = C2p - C1p;
  let dh = 0;
  if (C1p * C2p !== 0) {
    dh = h2 - h1;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dH = 2 * Math.sqrt(C1p * C2p) * Math.sin(rad(dh / 2));
  const Lbar = (L1 + L2) / 2;
  const Cbarp = (C1p + C2p) / 2;
  let hbar = h1 + h2;
  if (C1p * C2p !== 0) hbar = Math.abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  const T = 1 - 0.17 * Math.cos(rad(hbar - 30)) + 0.24 * Math.cos(rad(2 * hbar)) + 0.32 * Math.cos(rad(3 * hbar + 6)) - 0.2 * Math.cos(rad(4 * hbar - 63));
  const dTheta = 30 * Math.exp(-(((hbar - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cbarp ** 7 / (Cbarp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lbar - 50) ** 2) / Math.sqrt(20 + (Lbar - 50) ** 2);
  const Sc = 1 + 0.045 * Cbarp;
  const Sh = 1 + 0.015 * Cbarp * T;
  const Rt = -Math.sin(rad(2 * dTheta)) * Rc;
  return Math.sqrt((dL / Sl) ** 2 + (dC / Sc) ** 2 + (dH / Sh) ** 2 + Rt * (dC / Sc) * (dH / Sh));
}

describe('CIEDE2000', () => {
  it('matches the test data of Sharma, Wu & Dalal (2005) to 4 decimals', () => {
    const cases: [Vec3, Vec3, number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
      [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
    ];
    for (const [x, y, expected] of cases) {
      expect(deltaE2000(x, y)).toBeCloseTo(expected, 4);
      expect(deltaE2000(y, x)).toBeCloseTo(expected, 4);
    }
  });

  it('sees red and green merge under deuteranopia (the simulation does something)', () => {
    const seen = (hex: string, m: Mat3) => lab(mul(m, linearRgb(hex)));
    expect(deltaE2000(seen('#d7263d', NORMAL), seen('#2e9e3e', NORMAL))).toBeGreaterThan(60);
    expect(deltaE2000(seen('#d7263d', MACHADO.deuteranopia), seen('#2e9e3e', MACHADO.deuteranopia))).toBeLessThan(8);
  });
});

const BASIS_MIN = { standard: 15, colorblind: 20 } as const;
const IN_OUT_MIN = 30;
const BACKGROUND_MIN = 20;

describe('every palette under every simulated colour-vision deficiency', () => {
  for (const vision of COLOR_VISIONS) {
    for (const [look, palette] of Object.entries(PALETTES[vision]) as [string, ScenePalette][]) {
      it(`${vision} / ${look}`, () => {
        const failures: string[] = [];
        for (const [deficiency, matrix] of [['normal', NORMAL] as const, ...Object.entries(MACHADO)]) {
          const seen = (hex: string) => lab(mul(matrix as Mat3, linearRgb(hex)));
          const need = (a: [string, string], b: [string, string], min: number) => {
            const d = deltaE2000(seen(a[1]), seen(b[1]));
            if (d < min) failures.push(`${deficiency}: ${a[0]} ${a[1]} vs ${b[0]} ${b[1]} ΔE00 ${d.toFixed(1)} < ${min}`);
          };
          const basis = palette.basis.map((c, i) => [['î', 'ĵ', 'k̂'][i]!, c] as [string, string]);
          const background: [string, string] = ['background', palette.background];
          for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) need(basis[i]!, basis[j]!, BASIS_MIN[vision]);
          need(['input', palette.input], ['output', palette.output], IN_OUT_MIN);
          for (const c of [...basis, ['input', palette.input], ['output', palette.output]] as [string, string][]) need(c, background, BACKGROUND_MIN);
        }
        expect(failures).toEqual([]);
      });
    }
  }
});
