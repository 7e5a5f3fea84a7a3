/**
 * The window's size and position between runs (userData/window-state.json). What is read back is
 * validated and then fitted onto a display that exists now, so a window saved on a monitor that
 * has since been unplugged opens where it can be seen.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE } from './window.js';

const MAX_STATE_BYTES = 4096;
// Far beyond any real desktop, small enough that arithmetic on it stays exact.
const coordinate = z.number().int().min(-1_000_000).max(1_000_000);
const length = z.number().int().min(1).max(100_000);

export const windowState = z
  .object({ x: coordinate, y: coordinate, width: length, height: length, maximized: z.boolean(), fullScreen: z.boolean() })
  .strict();
export type WindowState = z.infer<typeof windowState>;

/** Where a window goes: bounds on a visible display, and whether to maximize or go full screen. */
export interface WindowPlacement {
  readonly bounds: Partial<Rectangle> & { width: number; height: number };
  readonly maximized: boolean;
  readonly fullScreen: boolean;
}

/** The part of Electron's `screen` that placement needs. */
export interface ScreenLike {
  getDisplayMatching(rect: Rectangle): { workArea: Rectangle };
  getPrimaryDisplay(): { workArea: Rectangle };
}

/** Reads the saved state; null when there is none or it is too large, not JSON, or not a state. */
export function readWindowState(file: string): WindowState | null {
  try {
    if (statSync(file).size > MAX_STATE_BYTES) return null;
    const parsed = windowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Fits `state` onto the display it overlaps most (`screen.getDisplayMatching`), shrinking it to that
 * display's work area and moving it fully inside. Without a state: the default size on the primary
 * display, centred by the platform.
 */
export function placeWindow(state: WindowState | null, screen: ScreenLike): WindowPlacement {
  if (!state) {
    const area = screen.getPrimaryDisplay().workArea;
    return {
      bounds: { width: Math.min(DEFAULT_WINDOW_SIZE.width, area.width), height: Math.min(DEFAULT_WINDOW_SIZE.height, area.height) },
      maximized: false,
      fullScreen: false,
    };
  }
  const area = screen.getDisplayMatching({ x: state.x, y: state.y, width: state.width, height: state.height }).workArea;
  // Not below the window's minimum size, unless the display itself is smaller.
  const width = Math.min(Math.max(state.width, MIN_WINDOW_SIZE.width), area.width);
  const height = Math.min(Math.max(state.height, MIN_WINDOW_SIZE.height), area.height);
  return {
    bounds: {
      x: clamp(state.x, area.x, area.x + area.width - width),
      y: clamp(state.y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: state.maximized,
    fullScreen: state.fullScreen,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** The state of `win` now; the normal (restored) bounds when it is maximized or full screen. */
export function currentWindowState(win: BrowserWindow): WindowState {
  const { x, y, width, height } = win.getNormalBounds();
  return { x, y, width, height, maximized: win.isMaximized(), fullScreen: win.isFullScreen() };
}

/**
 * Writes the state synchronously and atomically (temp file, rename). Synchronous because it runs
 * as the window closes, when the app may quit before an asynchronous write would finish; the file
 * is a hundred bytes. Failure is ignored: a lost window position is not worth a dialog.
 */
export function writeWindowState(file: string, state: WindowState): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, JSON.stringify(state), { flag: 'wx', mode: 0o644 });
    renameSync(temp, file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the folder itself is unusable; there is no temp file to clean up
    }
  }
}

/** Saves the window's state when it closes, and after it stops moving or resizing for a moment. */
export function rememberWindowState(win: BrowserWindow, file: string, debounceMs = 1000): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (!win.isDestroyed()) writeWindowState(file, currentWindowState(win));
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) {
    win.on(event as 'resize', later);
  }
  win.on('close', save);
}
