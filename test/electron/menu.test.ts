import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { LAB_IDS, menuCommand, type MenuCommand } from '../../src/ipc/contract.js';
import { installMenu, menuTemplate } from '../../electron/menu.js';
import { fake } from './fake-electron.js';

type Item = MenuItemConstructorOptions;

function flatten(items: readonly Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const roles = (items: readonly Item[]): string[] => flatten(items).flatMap((item) => (item.role ? [item.role] : []));

function build(platform: NodeJS.Platform = 'linux', withDevTools = false) {
  const actions = { open: vi.fn(), command: vi.fn((_command: MenuCommand) => undefined) };
  const template = menuTemplate(platform, withDevTools, actions);
  return { actions, template, items: flatten(template) };
}

function click(item: Item | undefined): void {
  if (!item?.click) throw new Error(`no click handler on ${item?.label}`);
  (item.click as () => void)();
}

const byLabel = (items: Item[], label: string) => items.find((item) => item.label === label);

beforeEach(() => fake.reset());

describe('menuTemplate', () => {
  it('offers developer tools only when asked', () => {
    expect(roles(menuTemplate('linux', false, build().actions))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate('linux', true, build().actions))).toContain('toggleDevTools');
  });

  it('adds the app menu on macOS only, and closes there instead of quitting', () => {
    expect(build('darwin').template[0]?.role).toBe('appMenu');
    expect(roles(build('darwin').template)).toContain('close');
    expect(roles(build('linux').template)).not.toContain('appMenu');
    expect(roles(build('linux').template)).toContain('quit');
    expect(roles(build('win32').template)).toContain('quit');
  });

  it('keeps the standard editing roles for text fields', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(roles(build(platform).template)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'windowMenu', 'reload']));
    }
  });

  it('sends every menu command of the contract exactly once, and nothing else', () => {
    const { actions, items } = build();
    for (const item of items) if (item.click) click(item);
    const sent = actions.command.mock.calls.map(([command]) => command).sort();
    expect(sent).toEqual([...menuCommand.options].sort());
    expect(actions.open).toHaveBeenCalledTimes(1);
  });

  it('Open… stays in the main process; Save, Export, Undo and Redo go to the page', () => {
    const { actions, items } = build();
    click(byLabel(items, 'Open…'));
    expect(actions.open).toHaveBeenCalledTimes(1);
    expect(actions.command).not.toHaveBeenCalled();
    click(byLabel(items, 'Save'));
    click(byLabel(items, 'Export PNG…'));
    click(byLabel(items, 'Undo'));
    click(byLabel(items, 'Redo'));
    expect(actions.command.mock.calls).toEqual([['save'], ['exportPng'], ['undo'], ['redo']]);
  });

  it('has a Labs menu with each lab on Ctrl/Cmd+1…7', () => {
    const { actions, template } = build();
    const labs = template.find((item) => item.label === 'Labs')?.submenu as Item[];
    expect(labs.map((item) => item.accelerator)).toEqual(LAB_IDS.map((_id, i) => `CmdOrCtrl+${i + 1}`));
    for (const item of labs) click(item);
    expect(actions.command.mock.calls).toEqual(LAB_IDS.map((id) => [`lab.${id}`]));
  });

  it('gives the Hinge commands the usual shortcuts, none twice', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { items } = build(platform, true);
      const accelerators = items.flatMap((item) => (item.accelerator ? [String(item.accelerator)] : []));
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
      expect(byLabel(items, 'Open…')?.accelerator).toBe('CmdOrCtrl+O');
      expect(byLabel(items, 'Save')?.accelerator).toBe('CmdOrCtrl+S');
      expect(byLabel(items, 'Export PNG…')?.accelerator).toBe('CmdOrCtrl+E');
      expect(byLabel(items, 'Undo')?.accelerator).toBe('CmdOrCtrl+Z');
      expect(byLabel(items, 'Redo')?.accelerator).toBe(platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z');
    }
  });

  it('replaces the undo and redo roles with Hinge commands', () => {
    expect(roles(build().template)).not.toContain('undo');
    expect(roles(build().template)).not.toContain('redo');
  });
});

describe('installMenu', () => {
  it('builds and installs the template for this platform', () => {
    installMenu(false, build().actions);
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(fake.Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
  });
});
