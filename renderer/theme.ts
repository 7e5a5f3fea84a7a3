/**
 * Hinge's visual language in one place (shared/DESIGN.md): input space is cool blue, output
 * space warm orange, basis vectors î green, ĵ red, k̂ blue in every lab, both themes first class.
 */
export type ThemeName = 'dark' | 'light';
/** What an export is drawn with: the current theme, or white paper with dark lines. */
export type ExportLook = ThemeName | 'paper';

export interface ScenePalette {
  readonly background: string;
  readonly gridFaint: string;
  readonly gridAxis: string;
  readonly gridTransformed: string;
  readonly text: string;
  readonly textMuted: string;
  readonly input: string;
  readonly output: string;
  readonly basis: readonly [string, string, string];
  readonly area: string;
  readonly areaFlipped: string;
  readonly collapsed: string;
  readonly bias: string;
}

const dark: ScenePalette = {
  background: '#101218',
  gridFaint: '#2a2f3a',
  gridAxis: '#4a5160',
  gridTransformed: '#f28e2b',
  text: '#e8eaf0',
  textMuted: '#9aa3b2',
  input: '#4c9be8',
  output: '#f28e2b',
  basis: ['#7ddc85', '#e8434b', '#6c8cff'],
  area: '#f2c14e',
  areaFlipped: '#c77dff',
  collapsed: '#e8eaf0',
  bias: '#d6d9e0',
};

const light: ScenePalette = {
  background: '#f7f6f2',
  gridFaint: '#dcdad3',
  gridAxis: '#a9a69c',
  gridTransformed: '#d9700f',
  text: '#1d2130',
  textMuted: '#5c6373',
  input: '#2f7fd1',
  output: '#d9700f',
  basis: ['#3fae4c', '#b3122b', '#3d5ce0'],
  area: '#d9a21b',
  areaFlipped: '#9b4dd6',
  collapsed: '#1d2130',
  bias: '#4a4f5c',
};

/**
 * Which colours the scenes use: 'standard' keeps 3Blue1Brown's green, red and blue for î, ĵ, k̂
 * (lightness set apart so that the three stay apart under every common colour-vision deficiency,
 * and the vectors differ by dash pattern too); 'colorblind' is built on Okabe and Ito's palette
 * (bluish green, vermillion, a violet blue; sky blue and orange for input and output) for
 * readers who tell colours apart best by hue. test/renderer/palettes.test.ts simulates
 * protanopia, deuteranopia and tritanopia on every palette and checks the pairs that must differ.
 */
export type ColorVision = 'standard' | 'colorblind';
export const COLOR_VISIONS: readonly ColorVision[] = ['standard', 'colorblind'];

const darkSafe: ScenePalette = {
  ...dark,
  gridTransformed: '#e69f00',
  input: '#56b4e9',
  output: '#e69f00',
  basis: ['#2ec4a0', '#e86a1a', '#9d8cff'],
};
const lightSafe: ScenePalette = {
  ...light,
  gridTransformed: '#c98a00',
  input: '#0072b2',
  output: '#c98a00',
  basis: ['#00a67a', '#c44d00', '#5b3fc4'],
};
const paperOf = (palette: ScenePalette): ScenePalette => ({ ...palette, background: '#ffffff', gridFaint: '#e4e4e4', gridAxis: '#9a9a9a' });

/** Every palette by colour vision and look (for the simulation test and the scenes). */
export const PALETTES: Readonly<Record<ColorVision, Readonly<Record<ExportLook, ScenePalette>>>> = {
  standard: { dark, light, paper: paperOf(light) },
  colorblind: { dark: darkSafe, light: lightSafe, paper: paperOf(lightSafe) },
};

/** How the basis vectors î, ĵ, k̂ differ besides colour: a solid, a dashed and a dotted shaft. */
export const BASIS_PATTERNS = ['solid', 'dashed', 'dotted'] as const;
export type LinePattern = (typeof BASIS_PATTERNS)[number];

let vision: ColorVision = 'standard';

/** The palette the scenes draw with from now on (the app shell rebuilds the lab on a change). */
export function setColorVision(next: ColorVision): void {
  vision = next;
}

export function colorVision(): ColorVision {
  return vision;
}

export function scenePalette(look: ExportLook, palette: ColorVision = vision): ScenePalette {
  return PALETTES[palette][look];
}

export function currentTheme(): ThemeName {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}
