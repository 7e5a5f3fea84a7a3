/**
 * The native questions around saving: where to save a file (the save dialog), and what to do when
 * the file a project saved to before is no longer there. The main process asks them; the page
 * never learns a path.
 */
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { SAVE_EXTENSIONS } from '../src/ipc/contract.js';

export type SaveExtension = (typeof SAVE_EXTENSIONS)[number];

/** Labels for the save dialog's filter, by the extension of the file being saved. */
export const SAVE_FILTER_NAMES: Readonly<Record<SaveExtension, string>> = {
  '.hinge': 'Hinge project',
  '.png': 'PNG image',
  '.svg': 'SVG image',
  '.csv': 'CSV table',
  '.json': 'JSON',
  '.webm': 'WebM video',
  '.mp4': 'MP4 video',
  '.gif': 'GIF animation',
};

/** The buttons of the question asked when a file saved to before is gone, in order. */
export const SAVE_ELSEWHERE_BUTTONS = ['Save As…', 'Cancel'] as const;

/**
 * The save dialog for `suggestedName`, opening in `folder`. A chosen name without the file's
 * extension gets it, and if that names an existing file, the user is asked first, since the
 * dialog's own overwrite question was about the other name. Undefined: cancelled.
 */
export async function askWhereToSave(window: BrowserWindow, suggestedName: string, extension: SaveExtension, folder: string): Promise<string | undefined> {
  const { canceled, filePath } = await dialog.showSaveDialog(window, {
    title: extension === '.hinge' ? 'Save project' : `Export ${SAVE_FILTER_NAMES[extension]}`,
    defaultPath: join(folder, suggestedName),
    filters: [{ name: SAVE_FILTER_NAMES[extension], extensions: [extension.slice(1)] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (canceled || !filePath || !isAbsolute(filePath)) return undefined;
  if (filePath.toLowerCase().endsWith(extension)) return filePath;
  const completed = `${filePath}${extension}`;
  if (!(await exists(completed))) return completed;
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    title: 'Hinge',
    message: `“${basename(completed)}” already exists. Replace it?`,
    detail: 'Replacing it overwrites its contents.',
    buttons: ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  return response === 0 ? completed : undefined;
}

/**
 * Save found no file to write back to: `path`, the file the project saved to before, is gone —
 * moved, renamed or deleted, perhaps while Hinge was closed. Says so, and on "Save As…" shows the
 * save dialog under the old name, in the old folder when that is still there, else in
 * `fallbackFolder`. Undefined: cancelled.
 */
export async function askToSaveElsewhere(window: BrowserWindow, extension: SaveExtension, path: string, fallbackFolder: string): Promise<string | undefined> {
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    title: 'Hinge',
    message: `“${basename(path)}” is no longer where Hinge saved it.`,
    detail: `It was moved, renamed or deleted since (it was in ${dirname(path)}). Choose where to save it now.`,
    buttons: [...SAVE_ELSEWHERE_BUTTONS],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (SAVE_ELSEWHERE_BUTTONS[response] !== 'Save As…') return undefined;
  const folder = (await isFolder(dirname(path))) ? dirname(path) : fallbackFolder;
  return askWhereToSave(window, basename(path), extension, folder);
}

/** Whether `path` leads to something (a link only when what it points at is there). */
export async function leadsSomewhere(path: string): Promise<boolean> {
  try {
    await fsPromises.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether anything (a file, a folder, a link) has this name. */
export async function exists(path: string): Promise<boolean> {
  try {
    await fsPromises.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await fsPromises.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** The first of these folders this platform has; empty when it has none (the dialog then picks). */
export function defaultFolder(names: readonly ('pictures' | 'documents' | 'home')[]): string {
  for (const name of names) {
    try {
      return app.getPath(name);
    } catch {
      // this platform has no such folder; try the next
    }
  }
  return '';
}
