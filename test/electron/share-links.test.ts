// hinge:// share links in the main process: the scheme registered, links told apart from files on
// the command line, held until the page has loaded, handed to our page only (as a JSON string,
// never as code), and malformed links dropped. Electron is the fake; main.ts runs as at launch.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule);

import { deliverLink, isLinkArgument, LinkInbox, linkArgumentsOf, linkFragment, registerLinkScheme } from '../../electron/share-links.js';
import { fake, FakeBrowserWindow, navigationEvent } from './fake-electron.js';

const LINK = 'hinge://open/#/layer?link=1.2.AbC-_09';
const OTHER = 'hinge://open/#/svd?link=1.2.xyz';
const page = { kind: 'app', url: 'app://hinge/index.html', root: '/r' } as const;
const argv = process.argv;

describe('link shapes', () => {
  it('accepts hinge://open/#/<view>?link=… and nothing else', () => {
    expect(linkFragment(LINK)).toBe('#/layer?link=1.2.AbC-_09');
    expect(linkFragment('HINGE://open/#/layer?link=1.2.A')).toBe('#/layer?link=1.2.A');
    for (const bad of [
      'https://open/#/layer?link=1.2.A',
      'hinge://evil/#/layer?link=1.2.A',
      'hinge://open/x#/layer?link=1.2.A',
      'hinge://open/#/layer?link=1.2.A";alert(1)//',
      'hinge://open/#/layer?link=1.2.A B',
      'hinge://open/#/layer?other=1',
      'hinge://open/#/Layer?link=1.2.A',
      `hinge://open/#/layer?link=1.2.${'A'.repeat(1_500_001)}`,
    ]) expect(linkFragment(bad), bad).toBeUndefined();
  });

  it('tells links from files on a command line', () => {
    expect(linkArgumentsOf(['/usr/bin/hinge', 'a.hinge', LINK, '--flag'])).toEqual([LINK]);
    expect(isLinkArgument('Hinge:whatever')).toBe(true);
    expect(isLinkArgument('./hinge.npy')).toBe(false);
  });

  it('registers the scheme: the packaged app by itself, an unpackaged run through Electron with the app path', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    registerLinkScheme(app, { defaultApp: false, execPath: '/opt/Hinge/hinge' });
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('hinge');
    registerLinkScheme(app, { defaultApp: true, execPath: '/x/electron', appPath: '/src/out/main/main.js' });
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('hinge', '/x/electron', ['/src/out/main/main.js']);
  });

  it('delivers to our own page only, as a string literal', () => {
    const win = new FakeBrowserWindow({});
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect(deliverLink(win as never, page, LINK)).toBe(false);
    win.webContents.mainFrame.url = 'app://hinge/index.html#/map';
    expect(deliverLink(win as never, page, 'hinge://open/#/layer?link=1.2.A";x')).toBe(false);
    expect(win.webContents.executeJavaScript).not.toHaveBeenCalled();
    expect(deliverLink(win as never, page, LINK)).toBe(true);
    expect(win.webContents.executeJavaScript).toHaveBeenCalledWith('location.hash = "#/layer?link=1.2.AbC-_09";');
    expect(deliverLink(null, page, LINK)).toBe(false);
  });

  it('holds links until the page has loaded, then hands them over in order', () => {
    const delivered: string[] = [];
    const inbox = new LinkInbox((url) => (delivered.push(url), true));
    inbox.receive(LINK);
    inbox.receive('not a link');
    expect(delivered).toEqual([]);
    inbox.flush();
    expect(delivered).toEqual([LINK]);
    inbox.receive(OTHER);
    expect(delivered).toEqual([LINK, OTHER]);
    inbox.close();
    inbox.receive(LINK);
    expect(inbox.waiting).toEqual([LINK]);
  });
});

describe('main.ts with a link on its command line', () => {
  beforeAll(async () => {
    fake.reset();
    process.argv = [process.execPath, '/tmp/weights.npy', LINK];
    try {
      await import('../../electron/main.js');
    } finally {
      process.argv = argv;
    }
    fake.app.becomeReady();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 60_000 });
  });
  afterAll(() => {
    process.argv = argv;
  });

  const win = () => FakeBrowserWindow.instances.at(-1)!;

  it('registers hinge:// and does not take the link for a file', () => {
    expect(fake.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('hinge');
    expect(fake.app.requestSingleInstanceLock.mock.calls[0]?.[0]).toMatchObject({ files: ['/tmp/weights.npy'] });
  });

  it('opens the launch link once the page has loaded', () => {
    expect(win().webContents.executeJavaScript).not.toHaveBeenCalled();
    win().webContents.mainFrame.url = 'app://hinge/index.html';
    win().webContents.emit('did-finish-load');
    expect(win().webContents.executeJavaScript).toHaveBeenCalledWith('location.hash = "#/layer?link=1.2.AbC-_09";');
  });

  it('opens a link a second launch hands over (Windows, Linux) and one from open-url (macOS)', () => {
    const calls = () => win().webContents.executeJavaScript.mock.calls.map((c) => c[0]);
    fake.app.emit('second-instance', {}, ['/usr/bin/hinge', OTHER], '/home', { files: [OTHER], cwd: '/home' });
    expect(calls().at(-1)).toContain('#/svd?link=1.2.xyz');
    expect(win().focused).toBe(true);
    const event = navigationEvent(LINK);
    fake.app.emit('open-url', event, LINK);
    expect(event.defaultPrevented()).toBe(true);
    expect(calls().at(-1)).toContain('#/layer?link=1.2.AbC-_09');
    const before = calls().length;
    fake.app.emit('open-url', navigationEvent('x'), 'hinge://open/#/layer?link=bad"');
    expect(calls().length).toBe(before);
  });
});
