import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { LAB_IDS, menuCommand, type MenuCommand } from '../../src/ipc/contract.js';
import { installMenu, menuTemplate, recentLabels } from '../../electron/menu.js';
import { fake } from './fake-electron.js';

type Item = MenuItemConstructorOptions;

function flatten(items: readonly Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const roles = (items: readonly Item[]): string[] => flatten(items).flatMap((item) => (item.role ? [item.role] : []));

function build(platform: NodeJS.Platform = 'linux', withDevTools = false, recent: readonly string[] = []) {
  const actions = {
    open: vi.fn(),
    openRecent: vi.fn((_path: string) => undefined),
    clearRecent: vi.fn(),
    command: vi.fn((_command: MenuCommand) => undefined),
  };
  const template = menuTemplate(platform, withDevTools, actions, recent);
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
      expect(roles(build(platform).template)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'windowMenu']));
    }
  });

  it('View → Reload goes to the page (which asks about unsaved work), not straight to the reload role', () => {
    const { actions, items, template } = build();
    expect(roles(template)).not.toContain('reload');
    const reload = byLabel(items, 'Reload');
    expect(reload.accelerator).toBe('CmdOrCtrl+R');
    click(reload);
    expect(actions.command.mock.calls).toEqual([['reload']]);
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
      expect(byLabel(items, 'Save As…')?.accelerator).toBe('CmdOrCtrl+Shift+S');
      expect(byLabel(items, 'Export PNG…')?.accelerator).toBe('CmdOrCtrl+E');
      expect(byLabel(items, 'Export All…')?.accelerator).toBe('CmdOrCtrl+Shift+E');
      expect(byLabel(items, 'Undo')?.accelerator).toBe('CmdOrCtrl+Z');
      expect(byLabel(items, 'Redo')?.accelerator).toBe(platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z');
    }
  });

  it('has the File menu in order: Open…, Open Recent, Save, Save As…, Export PNG…, Export All…, then quit or close', () => {
    for (const [platform, last] of [['linux', 'quit'], ['win32', 'quit'], ['darwin', 'close']] as const) {
      const file = build(platform).template.find((item) => item.label === 'File')?.submenu as Item[];
      expect(file.map((item) => item.label ?? item.role ?? item.type)).toEqual([
        'Open…',
        'Open Recent',
        'separator',
        'Save',
        'Save As…',
        'separator',
        'Export PNG…',
        'Export All…',
        'separator',
        last,
      ]);
    }
  });

  it('Save As… and Export All… go to the page', () => {
    const { actions, items } = build();
    click(byLabel(items, 'Save As…'));
    click(byLabel(items, 'Export All…'));
    expect(actions.command.mock.calls).toEqual([['saveAs'], ['exportAll']]);
  });

  it('Open Recent lists the recent projects newest first; clicking one opens it in the main process', () => {
    const recent = ['/home/me/b.hinge', '/home/me/a.hinge'];
    const { actions, items } = build('linux', false, recent);
    const submenu = byLabel(items, 'Open Recent')?.submenu as Item[];
    expect(submenu.map((item) => item.label ?? item.type)).toEqual(['b.hinge', 'a.hinge', 'separator', 'Clear Recent']);
    click(submenu[1]);
    expect(actions.openRecent.mock.calls).toEqual([['/home/me/a.hinge']]);
    expect(actions.command).not.toHaveBeenCalled();
    expect(submenu[3]?.enabled).toBe(true);
    click(submenu[3]);
    expect(actions.clearRecent).toHaveBeenCalledTimes(1);
  });

  it('Open Recent says when there is nothing, with Clear Recent disabled', () => {
    const submenu = byLabel(build().items, 'Open Recent')?.submenu as Item[];
    expect(submenu.map((item) => [item.label ?? item.type, item.enabled])).toEqual([
      ['No Recent Projects', false],
      ['separator', undefined],
      ['Clear Recent', false],
    ]);
  });

  it('names a recent project by its file, adds the folder where two share a name, and escapes &', () => {
    expect(recentLabels(['/a/model.hinge', '/b/model.hinge', '/c/R&D.hinge'])).toEqual(['model.hinge — /a', 'model.hinge — /b', 'R&&D.hinge']);
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

  it('puts the given recent projects under Open Recent', () => {
    installMenu(false, build().actions, ['/p/x.hinge']);
    const items = flatten(fake.Menu.buildFromTemplate.mock.calls[0]?.[0] as Item[]);
    expect(byLabel(items, 'x.hinge')).toBeDefined();
  });
});
