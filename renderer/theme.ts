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
  basis: ['#5ec26a', '#f2545b', '#6c8cff'],
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
  basis: ['#2e9e3e', '#d7263d', '#3d5ce0'],
  area: '#d9a21b',
  areaFlipped: '#9b4dd6',
  collapsed: '#1d2130',
  bias: '#4a4f5c',
};

const paper: ScenePalette = { ...light, background: '#ffffff', gridFaint: '#e4e4e4', gridAxis: '#9a9a9a' };

export function scenePalette(look: ExportLook): ScenePalette {
  return look === 'dark' ? dark : look === 'light' ? light : paper;
}

export function currentTheme(): ThemeName {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}
