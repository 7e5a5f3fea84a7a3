import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { CONTENT_SECURITY_POLICY } from '../../electron/csp.js';
import { APP_INDEX_URL } from '../../electron/page.js';
import {
  createAppProtocolHandler,
  handleAppProtocol,
  mimeTypeOf,
  registerAppScheme,
  resolveAppPath,
} from '../../electron/protocol.js';
import { fake } from './fake-electron.js';

let dir: string;
let root: string;
let serve: (request: Request) => Promise<Response>;

// A renderer folder as the build leaves it, beside a secret the page must never reach.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinge-protocol-'));
  root = join(dir, 'out', 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Hinge</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'font.woff2'), new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(join(root, 'assets', 'data.bin'), new Uint8Array([1, 2, 3]));
  writeFileSync(join(root, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  writeFileSync(join(dir, 'out', 'main.js'), 'SECRET');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'link-out.txt'));
  serve = createAppProtocolHandler(root);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => fake.reset());

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('registerAppScheme', () => {
  it('declares app: standard and secure with fetch, never CSP-bypassing or open to other origins', () => {
    registerAppScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('handleAppProtocol installs the handler for app:', () => {
    handleAppProtocol(root);
    expect(fake.protocol.handle.mock.calls[0]?.[0]).toBe('app');
  });
});

describe('app:// protocol handler', () => {
  it('serves index.html with its type and our CSP', async () => {
    const response = await get(APP_INDEX_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html><title>Hinge</title>');
  });

  it('serves / as index.html, and ignores query and fragment', async () => {
    expect(await (await get('app://hinge/')).text()).toContain('<title>Hinge</title>');
    expect((await get('app://hinge/index.html?x=1#/svd')).status).toBe(200);
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
    ['icon.svg', 'image/svg+xml'],
    ['assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const response = await get(`app://hinge/${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('isolates the page: COOP same-origin and COEP require-corp on pages, assets and refusals alike', async () => {
    for (const url of [APP_INDEX_URL, 'app://hinge/assets/index-abc.js', 'app://hinge/missing.js']) {
      const response = await get(url);
      expect(response.headers.get('cross-origin-opener-policy'), url).toBe('same-origin');
      expect(response.headers.get('cross-origin-embedder-policy'), url).toBe('require-corp');
    }
    expect((await get('app://hinge/missing.js')).status).toBe(404);
  });

  it('answers HEAD without a body', async () => {
    const response = await get(APP_INDEX_URL, 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['dot segments', 'app://hinge/../../secret.txt'],
    ['dot segments to a sibling folder', 'app://hinge/../main.js'],
    ['encoded dots', 'app://hinge/%2e%2e/%2e%2e/secret.txt'],
    ['encoded dots and slashes', 'app://hinge/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['encoded dots, upper case', 'app://hinge/%2E%2E%2F%2E%2E%2Fsecret.txt'],
    ['an encoded backslash', 'app://hinge/..%5c..%5csecret.txt'],
    ['a double-encoded traversal', 'app://hinge/%252e%252e%252fsecret.txt'],
    ['an absolute path', 'app://hinge//etc/passwd'],
    ['an encoded absolute path', 'app://hinge/%2fetc%2fpasswd'],
    ['/etc/passwd via traversal', 'app://hinge/../../etc/passwd'],
    ['a NUL byte', 'app://hinge/index.html%00.png'],
    ['a malformed escape', 'app://hinge/%E0%A4%A'],
    ['a symbolic link out of the folder', 'app://hinge/assets/link-out.txt'],
    ['a folder', 'app://hinge/assets'],
    ['a missing file', 'app://hinge/nothing.js'],
    ['an unknown host', 'app://evil/index.html'],
    ['an empty host', 'app:///index.html'],
    ['a port', 'app://hinge:1234/index.html'],
    ['another scheme', 'file:///etc/passwd'],
  ])('refuses %s with a 404 that still carries the CSP', async (_label, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('SECRET');
  });

  it.each(['POST', 'PUT', 'DELETE'])('refuses %s', async (method) => {
    const response = await get(APP_INDEX_URL, method);
    expect(response.status).toBe(405);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('resolveAppPath', () => {
  it('stays inside the root whatever the URL says', () => {
    expect(resolveAppPath(root, 'app://hinge/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://hinge/a/../index.html')).toBe(join(root, 'index.html'));
    for (const url of ['app://hinge/%2e%2e%2fsecret.txt', 'app://hinge/..%2f..%2f..%2fetc%2fpasswd', 'app://user:pw@hinge/index.html', 'not a url']) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
    // The URL parser itself treats %2e%2e as '..' and stops at the root.
    expect(resolveAppPath(root, 'app://hinge/%2e%2e')).toBe(join(root, 'index.html'));
  });

  it('keeps a name that merely starts with two dots', () => {
    expect(resolveAppPath(root, 'app://hinge/..hidden.js')).toBe(join(root, '..hidden.js'));
  });
});

describe('mimeTypeOf', () => {
  it('knows what the build emits, by extension, case-insensitively', () => {
    expect(mimeTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('a.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeOf('a.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('a.png')).toBe('image/png');
    expect(mimeTypeOf('a.woff')).toBe('font/woff');
    expect(mimeTypeOf('a.ttf')).toBe('font/ttf');
    expect(mimeTypeOf('noextension')).toBe('application/octet-stream');
  });
});
