import { describe, expect, it } from 'vitest';
import { isOwnPageUrl, resolveOwnPage } from '../../electron/page.js';

const indexHtmlPath = '/opt/hinge/out/renderer/index.html';

describe('resolveOwnPage', () => {
  it('uses the bundled file when no dev server is given', () => {
    expect(resolveOwnPage({ indexHtmlPath, isPackaged: false })).toEqual({
      kind: 'file',
      url: 'file:///opt/hinge/out/renderer/index.html',
      path: indexHtmlPath,
    });
  });

  it('uses a loopback dev server only when unpackaged', () => {
    expect(resolveOwnPage({ indexHtmlPath, devServerUrl: 'http://localhost:5173', isPackaged: false })).toEqual({
      kind: 'dev',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
    expect(resolveOwnPage({ indexHtmlPath, devServerUrl: 'http://127.0.0.1:5173/', isPackaged: false }).kind).toBe('dev');
  });

  it.each([
    ['a packaged app', 'http://localhost:5173/', true],
    ['a remote host', 'https://evil.example/', false],
    ['a non-http scheme', 'file:///tmp/evil.html', false],
    ['garbage', 'not a url', false],
    ['an empty value', '', false],
  ])('ignores the dev server URL for %s', (_label, devServerUrl, isPackaged) => {
    expect(resolveOwnPage({ indexHtmlPath, devServerUrl, isPackaged }).kind).toBe('file');
  });
});

describe('isOwnPageUrl', () => {
  const filePage = resolveOwnPage({ indexHtmlPath: '/opt/hinge app/out/renderer/index.html', isPackaged: true });

  it('matches our file by path, ignoring query and fragment, percent-encoding included', () => {
    expect(isOwnPageUrl(filePage, 'file:///opt/hinge%20app/out/renderer/index.html')).toBe(true);
    expect(isOwnPageUrl(filePage, 'file:///opt/hinge%20app/out/renderer/index.html?x=1#/svd')).toBe(true);
    expect(isOwnPageUrl(filePage, 'file:///opt/hinge%20app/out/renderer/index.htm')).toBe(false);
    expect(isOwnPageUrl(filePage, 'file://otherhost/opt/hinge%20app/out/renderer/index.html')).toBe(false);
    expect(isOwnPageUrl(filePage, 'http://localhost/opt/hinge%20app/out/renderer/index.html')).toBe(false);
    expect(isOwnPageUrl(filePage, '')).toBe(false);
  });
});
