/**
 * Which page is "ours": the only URL the window may show and the only sender IPC handlers trust.
 * Packaged builds always load the bundled index.html; the electron-vite dev server URL is honoured
 * only in unpackaged runs and only on a loopback host, so an environment variable can never point
 * a shipped Hinge at a remote site.
 */
import { pathToFileURL } from 'node:url';

export type OwnPage =
  | { readonly kind: 'file'; readonly url: string; readonly path: string }
  | { readonly kind: 'dev'; readonly url: string; readonly origin: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface OwnPageOptions {
  /** Absolute path of the built renderer's index.html. */
  readonly indexHtmlPath: string;
  /** `process.env.ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  readonly devServerUrl?: string | undefined;
  /** `app.isPackaged`. */
  readonly isPackaged: boolean;
}

/** Decides which page the window loads. */
export function resolveOwnPage({ indexHtmlPath, devServerUrl, isPackaged }: OwnPageOptions): OwnPage {
  if (!isPackaged && devServerUrl) {
    const url = parseUrl(devServerUrl);
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)) {
      return { kind: 'dev', url: url.href, origin: url.origin };
    }
  }
  return { kind: 'file', url: pathToFileURL(indexHtmlPath).href, path: indexHtmlPath };
}

/**
 * True when `candidate` is our page. Query and fragment are ignored (the renderer may route with
 * them); for a file page the path must match exactly, for the dev server the origin must.
 */
export function isOwnPageUrl(page: OwnPage, candidate: string): boolean {
  const url = parseUrl(candidate);
  if (!url) return false;
  if (page.kind === 'dev') return url.origin === page.origin;
  const own = new URL(page.url);
  if (url.protocol !== 'file:' || url.host !== own.host) return false;
  // Windows paths are case-insensitive and Chromium may spell the drive letter differently.
  return process.platform === 'win32'
    ? url.pathname.toLowerCase() === own.pathname.toLowerCase()
    : url.pathname === own.pathname;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
