/**
 * Session and web-contents hardening after Electron's security checklist: no permissions, no
 * navigation away from our page, no new windows, no <webview>, and a CSP header on every response.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { isOwnPageUrl, type OwnPage } from './page.js';

/**
 * Denies every permission request and check, and adds our CSP to every network response of `ses`
 * (the dev server's; app:// responses carry it from their own handler).
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

/**
 * Returns `headers` with our policy added. A policy the server already sent is kept beside ours:
 * browsers enforce every policy present, so adding can only make the page stricter.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> = {}): Record<string, string[]> {
  const result: Record<string, string[]> = { ...headers };
  const existingKey = Object.keys(result).find((key) => key.toLowerCase() === 'content-security-policy');
  const key = existingKey ?? 'Content-Security-Policy';
  result[key] = [...(result[key] ?? []), CONTENT_SECURITY_POLICY];
  return result;
}

const hardened = new WeakSet<WebContents>();

/**
 * Keeps `contents` on our page: navigations and redirects elsewhere are cancelled, window.open is
 * denied (https links go to the system browser instead), and <webview> tags are refused.
 * Calling it twice for the same contents is harmless.
 */
export function hardenWebContents(contents: WebContents, page: OwnPage): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event) => {
    if (!isOwnPageUrl(page, event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOwnPageUrl(page, event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void shell.openExternal(url).catch(() => undefined);
    return { action: 'deny' };
  });
}

/** Only plain https links without credentials may leave the app, and only to the system browser. */
export function isExternalLinkAllowed(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Hardens every web contents the app ever creates, including ones we did not create on purpose. */
export function hardenAllWebContents(page: OwnPage): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, page));
}
