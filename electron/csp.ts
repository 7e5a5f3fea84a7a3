/**
 * Hinge's Content-Security-Policy. The main process sends it as a response header on every app://
 * response (electron/protocol.ts) and on the dev server's (electron/security.ts), and the
 * renderer's index.html carries the same policy in a meta tag, which is what the browser build
 * (`npm run web`) gets; a test keeps the two identical.
 *
 * No 'unsafe-eval' anywhere and no 'unsafe-inline' for scripts: Lit and Three.js need neither.
 * 'wasm-unsafe-eval' lets the page and its workers compile WebAssembly (the dense kernels of
 * src/linalg/wasm, bundled in our own scripts) and nothing else: no eval, no new Function, no
 * inline script. Without it the kernels fall back to JavaScript, 2–5× slower.
 * Styles allow 'unsafe-inline' because Lit may fall back to <style> elements and KaTeX sets inline
 * style attributes. Workers may come from blob: URLs (Vite's worker bundling).
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** Directives a <meta> policy cannot carry: browsers ignore them there and warn in the console. */
export const HEADER_ONLY_DIRECTIVES: readonly string[] = ['frame-ancestors'];

function serialize(directives: readonly (readonly [string, readonly string[]])[]): string {
  return directives.map(([directive, sources]) => `${directive} ${sources.join(' ')}`).join('; ');
}

/** The policy as one header value: `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; …`. */
export const CONTENT_SECURITY_POLICY: string = serialize(Object.entries(CSP_DIRECTIVES));

/** The same policy as it belongs in the renderer's index.html meta tag. */
export const META_CONTENT_SECURITY_POLICY: string = serialize(
  Object.entries(CSP_DIRECTIVES).filter(([directive]) => !HEADER_ONLY_DIRECTIVES.includes(directive)),
);
