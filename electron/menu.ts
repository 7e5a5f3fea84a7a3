/**
 * A minimal application menu. Electron's default menu would do, but it always offers the developer
 * tools; packaged builds leave them out. The Edit menu keeps copy and paste working in text fields
 * on macOS, where shortcuts only exist through menu items.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

/** The menu template for `platform`; developer tools only when `withDevTools`. */
export function menuTemplate(platform: NodeJS.Platform, withDevTools: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(withDevTools ? ([{ role: 'toggleDevTools' }] as const) : []),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(platform === 'darwin' ? ([{ role: 'appMenu' }] as const) : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

/** Installs the menu for this platform. */
export function installMenu(withDevTools: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, withDevTools)));
}
