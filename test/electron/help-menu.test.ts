// The Help menu: shortcuts and samples go to the page; Check for Updates… appears only when an
// update feed is set (it is absent otherwise, and in the browser build there is no menu at all);
// Copy Diagnostics and the log folder are the main process's own.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { menuTemplate, type MenuActions } from '../../electron/menu.js';

function helpMenu(actions: Partial<MenuActions>): MenuItemConstructorOptions[] {
  const all: MenuActions = { open: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), command: vi.fn(), ...actions };
  const help = menuTemplate('linux', false, all).find((item) => item.role === 'help');
  return (help?.submenu ?? []) as MenuItemConstructorOptions[];
}

describe('Help menu', () => {
  it('sends the shortcuts and the samples to the page', () => {
    const command = vi.fn();
    const items = helpMenu({ command });
    const click = (label: string) => (items.find((i) => i.label === label)?.click as () => void)();
    click('Keyboard Shortcuts and Labs');
    click('Open a Sample…');
    expect(command.mock.calls).toEqual([['help'], ['samples']]);
    expect(items.find((i) => i.label === 'Keyboard Shortcuts and Labs')?.accelerator).toBe('F1');
  });

  it('has Check for Updates… only when updates are on', () => {
    expect(helpMenu({}).map((i) => i.label)).not.toContain('Check for Updates…');
    expect(helpMenu({}).at(-1)?.type).not.toBe('separator');
    const check = vi.fn();
    const items = helpMenu({ checkForUpdates: check, copyDiagnostics: vi.fn(), showLogs: vi.fn() });
    expect(items.map((i) => i.label)).toEqual(['Keyboard Shortcuts and Labs', 'Open a Sample…', undefined, 'Check for Updates…', 'Copy Diagnostics', 'Show Log Folder']);
    (items.find((i) => i.label === 'Check for Updates…')?.click as () => void)();
    expect(check).toHaveBeenCalledTimes(1);
  });
});
