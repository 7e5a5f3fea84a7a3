/**
 * Which page is "ours": the only URL the window may show and the only sender IPC handlers trust.
 * Builds load the renderer from `app://hinge/index.html` (electron/protocol.ts); the electron-vite
 * dev server URL is honoured only in unpackaged runs and only on a loopback host, so an
 * environment variable can never point a shipped Hinge at a remote site.
 */

/** The scheme and host that serve the built renderer (electron/protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hinge';
/** The page the window loads in builds. */
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export type OwnPage =
  | { readonly kind: 'app'; readonly url: string; readonly root: string }
  | { readonly kind: 'dev'; readonly url: string; readonly origin: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface OwnPageOptions {
  /** Absolute path of the built renderer folder (`out/renderer`), served on app://hinge/. */
  readonly rendererRoot: string;
  /** `process.env.ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  readonly devServerUrl?: string | undefined;
  /** `app.isPackaged`. */
  readonly isPackaged: boolean;
}

/** Decides which page the window loads. */
export function resolveOwnPage({ rendererRoot, devServerUrl, isPackaged }: OwnPageOptions): OwnPage {
  if (!isPackaged && devServerUrl) {
    const url = parseUrl(devServerUrl);
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) {
      return { kind: 'dev', url: url.href, origin: url.origin };
    }
  }
  return { kind: 'app', url: APP_INDEX_URL, root: rendererRoot };
}

/**
 * True when `candidate` is our page. Query and fragment are ignored (the renderer routes with the
 * fragment); for the app page scheme, host and path must match exactly, for the dev server the origin.
 */
export function isOwnPageUrl(page: OwnPage, candidate: string): boolean {
  const url = parseUrl(candidate);
  if (!url) return false;
  if (page.kind === 'dev') return url.origin === page.origin;
  // Node gives non-special schemes an opaque origin ('null'), so compare the parts instead.
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === new URL(page.url).pathname
  );
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
