/**
 * `hinge://` share links on the desktop. Hinge registers itself as the handler of the scheme; the
 * platform then starts it (or hands a running Hinge the link: `second-instance` on Windows and
 * Linux, `open-url` on macOS). A link is `hinge://open/#/<view>?link=<format>.<schema>.<data>`;
 * the main process checks only its shape here and passes the fragment to the page, which decodes
 * and validates the project inside exactly as the browser build does (src/project/link.ts).
 */
import type { App, BrowserWindow } from 'electron';
import { isOwnPageUrl, type OwnPage } from './page.js';

export const LINK_SCHEME = 'hinge';
/** The longest link accepted (characters), as the page's own cap plus room for the view. */
export const MAX_LINK_URL_CHARS = 1_500_100;
const FRAGMENT = /^#\/[a-z]{1,20}\?link=\d{1,6}\.\d{1,6}\.[A-Za-z0-9_-]{1,1500000}$/;

/**
 * The fragment a share link opens (`#/layer?link=1.2.…`), or undefined when `url` is not a
 * well-formed `hinge://open/#…` link: another scheme or host, credentials, a path, a query
 * outside the fragment, characters outside base64url.
 */
export function linkFragment(url: string): string | undefined {
  if (typeof url !== 'string' || url.length > MAX_LINK_URL_CHARS) return undefined;
  const prefix = `${LINK_SCHEME}://open/`;
  if (!url.toLowerCase().startsWith(prefix)) return undefined;
  const fragment = url.slice(prefix.length);
  return FRAGMENT.test(fragment) ? fragment : undefined;
}

/** True when a command-line argument is a share link (so it is not taken for a file). */
export function isLinkArgument(arg: string): boolean {
  return arg.toLowerCase().startsWith(`${LINK_SCHEME}:`);
}

/** The share links in a command line (Windows and Linux start Hinge with the link as an argument). */
export function linkArgumentsOf(argv: readonly string[]): string[] {
  return argv.slice(1).filter(isLinkArgument);
}

/**
 * Makes Hinge the handler of `hinge://` links. An unpackaged run (`electron out/main/main.js`)
 * registers the Electron binary with the app's path, as Electron's docs describe; returns what
 * the platform said.
 */
export function registerLinkScheme(app: Pick<App, 'setAsDefaultProtocolClient'>, options: { defaultApp: boolean; execPath: string; appPath?: string | undefined }): boolean {
  if (options.defaultApp && options.appPath) return app.setAsDefaultProtocolClient(LINK_SCHEME, options.execPath, [options.appPath]);
  return app.setAsDefaultProtocolClient(LINK_SCHEME);
}

/**
 * Hands a link's fragment to the page in `window`: the page listens for `hashchange` and opens it
 * (asking first about unsaved work). Only our own page, only a fragment that passed linkFragment,
 * and the value goes in as a JSON string literal, never as code. Returns whether it was handed over.
 */
export function deliverLink(window: BrowserWindow | null, page: OwnPage, url: string): boolean {
  const fragment = linkFragment(url);
  if (!fragment || !window || window.isDestroyed()) return false;
  try {
    if (!isOwnPageUrl(page, window.webContents.mainFrame.url)) return false;
  } catch {
    return false;
  }
  void window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(fragment)};`).catch(() => undefined);
  return true;
}

/**
 * Links that arrive before the page can take them (at launch, while the window loads) wait here;
 * `flush` hands them over once the page has loaded.
 */
export class LinkInbox {
  private waitingLinks: string[] = [];
  private pageOpen = false;

  constructor(private readonly deliver: (url: string) => boolean) {}

  /** A link from the command line, a second launch or the platform; malformed ones are dropped. */
  receive(url: string): void {
    if (!linkFragment(url)) return;
    if (this.pageOpen && this.deliver(url)) return;
    this.waitingLinks = [...this.waitingLinks.slice(-4), url];
  }

  /** The page has (re)loaded: hand over what waited, oldest first, and deliver later ones at once. */
  flush(): void {
    this.pageOpen = true;
    const waiting = this.waitingLinks;
    this.waitingLinks = [];
    for (const url of waiting) if (!this.deliver(url)) this.waitingLinks.push(url);
  }

  /** The window went away (macOS keeps running): hold links until the next page loads. */
  close(): void {
    this.pageOpen = false;
  }

  get waiting(): readonly string[] {
    return this.waitingLinks;
  }
}
