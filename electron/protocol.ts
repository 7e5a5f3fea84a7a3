/**
 * The `app://hinge/` protocol that serves the built renderer. A privileged standard scheme gives
 * the page a real origin (`app://hinge`), a secure context (WebCodecs, clipboard) and relative URLs,
 * without file://, whose extra privileges the GrantFileProtocolExtraPrivileges fuse turns off in
 * packaged builds. Only files inside the renderer folder are served; everything else is a 404.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { APP_HOST, APP_SCHEME } from './page.js';

/**
 * Declares `app:` a standard, secure scheme that fetch() may use. Must run before the app is ready.
 * Deliberately not `corsEnabled` (other origins may not read it) and not `bypassCSP`.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Content types by extension: everything the renderer build emits. Unknown types are served as bytes. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type for a file name. */
export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function baseHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    // Cross-origin isolation (crossOriginIsolated, SharedArrayBuffer for the kernels' worker pool);
    // renderer.vite.ts sends the same from the dev and preview servers.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  });
}

function refusal(status: 404 | 405, text: string): Response {
  return new Response(text, { status, headers: baseHeaders('text/plain; charset=utf-8') });
}

/** True when `path` is `root` itself or lies inside it. */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Maps an `app://hinge/…` URL to a file inside `rendererRoot`, or null. Percent-decoding happens
 * before the check, so `%2e%2e%2f` cannot climb out; NUL bytes and malformed escapes are refused.
 */
export function resolveAppPath(rendererRoot: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const root = resolve(rendererRoot);
  const target = resolve(root, `.${sep}${path === '/' || path === '' ? 'index.html' : path}`);
  return target !== root && isInside(root, target) ? target : null;
}

/**
 * The handler for `protocol.handle('app', …)`: GET and HEAD of files inside `rendererRoot`, with
 * their content type and our CSP on every response, refusals included. A symbolic link that leads
 * out of the folder is refused like `..` is.
 */
export function createAppProtocolHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererRoot);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Method not allowed');
    const target = resolveAppPath(root, request.url);
    if (!target) return refusal(404, 'Not found');
    try {
      const real = await realpath(target);
      if (!isInside(await realpath(root), real) || !(await stat(real)).isFile()) return refusal(404, 'Not found');
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(real));
      return new Response(body, { status: 200, headers: baseHeaders(mimeTypeOf(real)) });
    } catch {
      return refusal(404, 'Not found'); // missing, unreadable, or a broken link
    }
  };
}

/** Serves `rendererRoot` on `app://hinge/` for the default session. Call once the app is ready. */
export function handleAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
}
