import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { CONTENT_SECURITY_POLICY } from '../../electron/csp.js';
import { resolveOwnPage } from '../../electron/page.js';
import { hardenAllWebContents, hardenSession, withContentSecurityPolicy } from '../../electron/security.js';
import { createMainWindow } from '../../electron/window.js';
import { fake, FakeBrowserWindow, FakeWebContents, navigationEvent } from './fake-electron.js';

const page = resolveOwnPage({ rendererRoot: '/opt/hinge/out/renderer', isPackaged: true });

beforeEach(() => fake.reset());

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const ses = fake.session.defaultSession;
    hardenSession(ses as never);
    const request = ses.setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, cb: (ok: boolean) => void) => void;
    const check = ses.setPermissionCheckHandler.mock.calls[0]?.[0] as (wc: unknown, p: string) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback.mock.calls).toEqual([[false]]);
      expect(check({}, permission)).toBe(false);
    }
  });

  it('adds the CSP header to every response', () => {
    const ses = fake.session.defaultSession;
    hardenSession(ses as never);
    const listener = ses.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { responseHeaders?: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const callback = vi.fn();
    listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback.mock.calls[0]?.[0]).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('keeps a policy the server sent beside ours, so the page can only get stricter', () => {
    expect(withContentSecurityPolicy({ 'content-security-policy': ["default-src 'none'"] })).toEqual({
      'content-security-policy': ["default-src 'none'", CONTENT_SECURITY_POLICY],
    });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('hardenAllWebContents', () => {
  it('guards web contents the app did not create itself', () => {
    hardenAllWebContents(page);
    const stray = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, stray);
    const navigation = navigationEvent('https://example.com/');
    stray.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented()).toBe(true);
    expect(stray.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const attach = navigationEvent('');
    stray.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented()).toBe(true);
  });

  it('hardens the main window once although both the global hook and createMainWindow do it', () => {
    hardenAllWebContents(page);
    createMainWindow({ page, preloadPath: '/p/preload.cjs' });
    const win = FakeBrowserWindow.instances[0];
    expect(win?.webContents.listenerCount('will-navigate')).toBe(1);
    expect(win?.webContents.listenerCount('will-redirect')).toBe(1);
  });
});
