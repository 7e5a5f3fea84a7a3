/** Following the system's light or dark theme until the user picks one (the app shell uses these). */
import type { Host } from '../host/host.js';
import type { ThemeName } from '../theme.js';

export type ThemePreference = 'system' | ThemeName;
/** The system's theme now (prefers-color-scheme; Electron maps nativeTheme onto it). */
export const systemTheme = (): ThemeName => (matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark');

/**
 * The host as the project controller sees it: while the theme follows the system, a restored
 * autosave takes today's system theme instead of the one it was written in.
 */
export function followingSystemTheme(host: Host, following: () => boolean): Host {
  const autosaveRead = async () => {
    const text = await host.autosaveRead();
    if (!text || !following()) return text;
    try {
      const record = JSON.parse(text) as { project?: { theme?: unknown } };
      if (record.project && typeof record.project === 'object') record.project.theme = systemTheme();
      return JSON.stringify(record);
    } catch {
      return text;
    }
  };
  return new Proxy(host, {
    get: (target, key) => {
      if (key === 'autosaveRead') return autosaveRead;
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
