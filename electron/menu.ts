/**
 * The application menu: the platform's standard roles plus Hinge's commands with their shortcuts.
 * Open… and Open Recent are handled here in the main process (its dialog, its paths); every other
 * Hinge command goes to the page as a `menuCommand` event. Packaged builds leave the developer tools out. On macOS,
 * shortcuts exist only through menu items, hence the full Edit menu.
 */
import { basename, dirname } from 'node:path';
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { LabId, MenuCommand } from '../src/ipc/contract.js';
import { LAB_CATALOG } from '../src/project/lab-catalog.js';

export interface MenuActions {
  /** Open…: the main process shows the dialog and queues the chosen files. */
  open(): void;
  /** Open Recent ▸ a project: the main process queues that file for the page. */
  openRecent(path: string): void;
  /** Open Recent ▸ Clear Recent. */
  clearRecent(): void;
  /** Any other Hinge command, for the page. */
  command(command: MenuCommand): void;
  /** Help ▸ Check for Updates…; the item is left out when updates are turned off. */
  checkForUpdates?: (() => void) | undefined;
  /** Help ▸ Copy Diagnostics: versions, OS, GPU and the last errors, to the clipboard. */
  copyDiagnostics?: (() => void) | undefined;
  /** Help ▸ Show Log Folder. */
  showLogs?: (() => void) | undefined;
}

/** Menu labels of the labs, in the order of their shortcuts (Ctrl/Cmd+1 …): the lab catalogue's. */
export const LAB_MENU_LABELS: Readonly<Record<LabId, string>> = Object.fromEntries(LAB_CATALOG.map((lab) => [lab.id, lab.menuLabel])) as Record<LabId, string>;

/**
 * Menu labels for the recent projects: the file's name, and its folder too where two share a name.
 * `&` is doubled, since a single one marks a keyboard mnemonic on Windows and Linux.
 */
export function recentLabels(paths: readonly string[]): string[] {
  const names = paths.map((path) => basename(path));
  return paths.map((path, i) => {
    const name = names[i] ?? path;
    const label = names.filter((other) => other === name).length > 1 ? `${name} — ${dirname(path)}` : name;
    return label.replaceAll('&', '&&');
  });
}

/**
 * The menu template for `platform`, with `recent` (absolute paths, newest first) under Open Recent;
 * developer tools only when `withDevTools`.
 */
export function menuTemplate(
  platform: NodeJS.Platform,
  withDevTools: boolean,
  actions: MenuActions,
  recent: readonly string[] = [],
): MenuItemConstructorOptions[] {
  const send = (command: MenuCommand) => () => actions.command(command);
  const isMac = platform === 'darwin';
  const labels = recentLabels(recent);
  const openRecent: MenuItemConstructorOptions[] = [
    ...(recent.length === 0
      ? [{ label: 'No Recent Projects', enabled: false }]
      : recent.map((path, i) => ({ label: labels[i] ?? basename(path), click: () => actions.openRecent(path) }))),
    { type: 'separator' },
    { label: 'Clear Recent', enabled: recent.length > 0, click: () => actions.clearRecent() },
  ];
  const file: MenuItemConstructorOptions[] = [
    { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
    { label: 'Open Recent', submenu: openRecent },
    { type: 'separator' },
    { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
    { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: send('saveAs') },
    { type: 'separator' },
    { label: 'Export PNG…', accelerator: 'CmdOrCtrl+E', click: send('exportPng') },
    { label: 'Export All…', accelerator: 'CmdOrCtrl+Shift+E', click: send('exportAll') },
    { type: 'separator' },
    isMac ? { role: 'close' } : { role: 'quit' },
  ];
  // Hinge's undo/redo replace the roles: the page undoes in a focused text field itself.
  const edit: MenuItemConstructorOptions[] = [
    { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
    { label: 'Redo', accelerator: platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z', click: send('redo') },
    { type: 'separator' },
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    ...(isMac ? ([{ role: 'pasteAndMatchStyle' }] as const) : []),
    { role: 'delete' },
    { role: 'selectAll' },
  ];
  const labs: MenuItemConstructorOptions[] = (Object.entries(LAB_MENU_LABELS) as [LabId, string][]).map(([id, label], index) => ({
    label,
    accelerator: `CmdOrCtrl+${index + 1}`,
    click: send(`lab.${id}`),
  }));
  const view: MenuItemConstructorOptions[] = [
    // Not the reload role: the page asks about unsaved work first, as closing does.
    { label: 'Reload', accelerator: 'CmdOrCtrl+R', click: send('reload') },
    ...(withDevTools ? ([{ role: 'toggleDevTools' }] as const) : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const help: MenuItemConstructorOptions[] = [
    { label: 'Keyboard Shortcuts and Labs', accelerator: 'F1', click: send('help') },
    { label: 'Open a Sample…', click: send('samples') },
    { type: 'separator' },
    ...(actions.checkForUpdates ? [{ label: 'Check for Updates…', click: () => actions.checkForUpdates?.() }] : []),
    ...(actions.copyDiagnostics ? [{ label: 'Copy Diagnostics', click: () => actions.copyDiagnostics?.() }] : []),
    ...(actions.showLogs ? [{ label: 'Show Log Folder', click: () => actions.showLogs?.() }] : []),
  ];
  return [
    ...(isMac ? ([{ role: 'appMenu' }] as const) : []),
    { label: 'File', submenu: file },
    { label: 'Edit', submenu: edit },
    { label: 'Labs', submenu: labs },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', label: 'Help', submenu: help.at(-1)?.type === 'separator' ? help.slice(0, -1) : help },
  ];
}

/** Installs the menu for this platform; called again whenever the recent projects change. */
export function installMenu(withDevTools: boolean, actions: MenuActions, recent: readonly string[] = []): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, withDevTools, actions, recent)));
}
