import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import {
  placeWindow,
  readWindowState,
  rememberWindowState,
  writeWindowState,
  type ScreenLike,
  type WindowState,
} from '../../electron/window-state.js';
import { fake, FakeBrowserWindow } from './fake-electron.js';

type Rect = { x: number; y: number; width: number; height: number };

/** Two side-by-side displays, 1920×1080 and 1280×1024 (its taskbar takes 40 px), like a desk. */
const LEFT: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const RIGHT: Rect = { x: 1920, y: 0, width: 1280, height: 984 };

function screenOf(displays: Rect[]): ScreenLike & { getDisplayMatching: ReturnType<typeof vi.fn> } {
  const overlap = (a: Rect, b: Rect) =>
    Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  return {
    getPrimaryDisplay: () => ({ workArea: displays[0]! }),
    // Electron's rule: the display the rectangle overlaps most, else the primary one.
    getDisplayMatching: vi.fn((rect: Rect) => ({
      workArea: displays.reduce((best, d) => (overlap(rect, d) > overlap(rect, best) ? d : best), displays[0]!),
    })),
  };
}

const state = (overrides: Partial<WindowState> = {}): WindowState => ({
  x: 100, y: 80, width: 1200, height: 800, maximized: false, fullScreen: false, ...overrides,
});

let dir: string;
beforeEach(() => {
  fake.reset();
  dir = mkdtempSync(join(tmpdir(), 'hinge-window-state-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('placeWindow', () => {
  const screen = screenOf([LEFT, RIGHT]);

  it('keeps a window that fits where it was', () => {
    expect(placeWindow(state(), screen)).toEqual({ bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: false, fullScreen: false });
    expect(placeWindow(state({ x: 2000, y: 10, width: 1000, height: 700 }), screen).bounds).toEqual({ x: 2000, y: 10, width: 1000, height: 700 });
  });

  it('asks the screen which display the saved rectangle matches', () => {
    placeWindow(state(), screen);
    expect(screen.getDisplayMatching).toHaveBeenCalledWith({ x: 100, y: 80, width: 1200, height: 800 });
  });

  it('pulls a window hanging off the edge of a display back inside it', () => {
    expect(placeWindow(state({ x: 1500, y: -300, width: 1000, height: 700 }), screenOf([LEFT])).bounds).toEqual({ x: 920, y: 0, width: 1000, height: 700 });
    expect(placeWindow(state({ x: 2900, y: 600 }), screen).bounds).toEqual({ x: 2000, y: 184, width: 1200, height: 800 });
  });

  it('brings back a window from a display that is gone', () => {
    // Saved on the right display, which is unplugged now: it lands on the remaining one.
    expect(placeWindow(state({ x: 2200, y: 100 }), screenOf([LEFT])).bounds).toEqual({ x: 720, y: 100, width: 1200, height: 800 });
    expect(placeWindow(state({ x: -50_000, y: 90_000 }), screenOf([LEFT])).bounds).toEqual({ x: 0, y: 280, width: 1200, height: 800 });
  });

  it('shrinks a window larger than its display, never below the minimum unless the display is smaller', () => {
    expect(placeWindow(state({ x: 1920, width: 3000, height: 2000 }), screen).bounds).toEqual({ x: 1920, y: 0, width: 1280, height: 984 });
    expect(placeWindow(state({ width: 200, height: 100 }), screen).bounds).toMatchObject({ width: 900, height: 600 });
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 560 };
    expect(placeWindow(state({ width: 1200, height: 800 }), screenOf([tiny])).bounds).toEqual({ x: 0, y: 0, width: 800, height: 560 });
  });

  it('keeps maximized and full screen', () => {
    expect(placeWindow(state({ maximized: true, fullScreen: true }), screen)).toMatchObject({ maximized: true, fullScreen: true });
  });

  it('without a saved state: the default size on the primary display, centred by the platform', () => {
    expect(placeWindow(null, screen)).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false, fullScreen: false });
    expect(placeWindow(null, screenOf([{ x: 0, y: 0, width: 1024, height: 728 }])).bounds).toEqual({ width: 1024, height: 728 });
  });
});

describe('readWindowState', () => {
  const file = () => join(dir, 'window-state.json');

  it('reads back what writeWindowState wrote, leaving no temp file', () => {
    writeWindowState(file(), state({ maximized: true }));
    expect(readWindowState(file())).toEqual(state({ maximized: true }));
    expect(readdirSync(dir)).toEqual(['window-state.json']);
  });

  it.each([
    ['no file', null],
    ['not JSON', '{"x": 1'],
    ['JSON of the wrong shape', '[1, 2, 3]'],
    ['a missing field', JSON.stringify({ x: 1, y: 2, width: 1000, height: 700, maximized: false })],
    ['an extra field', JSON.stringify({ ...state(), display: 2 })],
    ['a fractional size', JSON.stringify(state({ width: 1000.5 }))],
    ['a zero size', JSON.stringify(state({ width: 0 }))],
    ['an absurd position', JSON.stringify(state({ x: 1e12 }))],
    ['a string where a number goes', JSON.stringify({ ...state(), x: '100' })],
    ['an oversized file', ' '.repeat(5000) + JSON.stringify(state())],
  ])('returns null for %s', (_label, content) => {
    if (content !== null) writeFileSync(file(), content);
    expect(readWindowState(file())).toBeNull();
  });

  it('a write that cannot happen changes nothing and throws nothing', () => {
    writeFileSync(join(dir, 'blocker'), 'a file where the folder should be');
    expect(() => writeWindowState(join(dir, 'blocker', 'window-state.json'), state())).not.toThrow();
  });
});

describe('rememberWindowState', () => {
  it('saves the normal bounds once moving stops, and at once on close', () => {
    vi.useFakeTimers();
    const file = join(dir, 'window-state.json');
    const win = new FakeBrowserWindow({});
    rememberWindowState(win as never, file, 500);
    win.normalBounds = { x: 10, y: 20, width: 1000, height: 700 };
    win.emit('move');
    win.emit('resize');
    vi.advanceTimersByTime(499);
    expect(readWindowState(file)).toBeNull();
    vi.advanceTimersByTime(1);
    expect(readWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false, fullScreen: false });
    win.maximized = true;
    win.emit('close');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ maximized: true, width: 1000 });
  });
});
