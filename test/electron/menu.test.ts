import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { menuTemplate } from '../../electron/menu.js';

const roles = (items: unknown): string[] =>
  JSON.stringify(items).match(/"role":"[A-Za-z]+"/g)?.map((r) => r.slice(8, -1)) ?? [];

describe('menuTemplate', () => {
  it('offers developer tools only when asked', () => {
    expect(roles(menuTemplate('linux', false))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate('linux', true))).toContain('toggleDevTools');
  });

  it('keeps the edit menu everywhere and adds the app menu on macOS', () => {
    expect(roles(menuTemplate('win32', false))).toContain('editMenu');
    expect(roles(menuTemplate('darwin', false))[0]).toBe('appMenu');
    expect(roles(menuTemplate('linux', false))).not.toContain('appMenu');
  });
});
