/**
 * A stand-in for the 'electron' module in node tests (the real binary is never started).
 * Use it as `vi.mock('electron', async () => (await import('./fake-electron.js')).electronModule)`
 * and import `fake` in the test to drive and inspect it; call `fake.reset()` in beforeEach.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

let nextFrameId = 1;

export class FakeFrame {
  readonly frameTreeNodeId = nextFrameId++;
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export interface FakeNavigationEvent {
  readonly url: string;
  readonly preventDefault: ReturnType<typeof vi.fn>;
  readonly defaultPrevented: () => boolean;
}

export function navigationEvent(url: string): FakeNavigationEvent {
  const preventDefault = vi.fn();
  return { url, preventDefault, defaultPrevented: () => preventDefault.mock.calls.length > 0 };
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly send = vi.fn((_channel: string, ..._args: unknown[]) => undefined);
  readonly reload = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  readonly executeJavaScript = vi.fn(async (_code: string) => undefined as unknown);
  crashed = false;
  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
  isCrashed(): boolean {
    return this.crashed;
  }
}

export interface FakeRectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loads: { method: 'loadURL' | 'loadFile'; target: string }[] = [];
  shown = false;
  focused = false;
  destroyed = false;
  maximized = false;
  minimized = false;
  fullScreen = false;
  title: string;
  documentEdited = false;
  normalBounds: FakeRectangle = { x: 0, y: 0, width: 1280, height: 820 };
  loadResult: Promise<void> = Promise.resolve();
  constructor(readonly options: Record<string, unknown>) {
    super();
    this.title = typeof options.title === 'string' ? options.title : '';
    FakeBrowserWindow.instances.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loads.push({ method: 'loadURL', target: url });
    return this.loadResult;
  }
  loadFile(path: string): Promise<void> {
    this.loads.push({ method: 'loadFile', target: path });
    return this.loadResult;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
  /** As Electron: 'close' first, which a listener may prevent; otherwise the window goes. */
  close(): void {
    if (this.destroyed) return;
    const event = navigationEvent('');
    this.emit('close', event);
    if (!event.defaultPrevented()) this.destroy();
  }
  setTitle(title: string): void {
    this.title = title;
  }
  getTitle(): string {
    return this.title;
  }
  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited;
  }
  getNormalBounds(): FakeRectangle {
    return { ...this.normalBounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
    this.shown = true; // as Electron does: maximizing shows the window
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  setFullScreen(flag: boolean): void {
    this.fullScreen = flag;
  }
}

export class FakeClipboardItem {
  constructor(readonly items: Record<string, unknown>) {}
  get types(): string[] {
    return Object.keys(this.items);
  }
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly enableSandbox = vi.fn();
  readonly quit = vi.fn();
  readonly exit = vi.fn((_code?: number) => undefined);
  readonly getVersion = vi.fn(() => '0.1.0');
  readonly getPath = vi.fn((name: string) => `/home/user/${name}`);
  readonly setPath = vi.fn();
  readonly addRecentDocument = vi.fn((_path: string) => undefined);
  readonly clearRecentDocuments = vi.fn();
  readonly requestSingleInstanceLock = vi.fn((_additionalData?: unknown) => true);
  readonly setAsDefaultProtocolClient = vi.fn((_scheme: string, _path?: string, _args?: string[]) => true);
  private readonly readyPromise: Promise<void>;
  /** Resolves whenReady(), as Electron does once it has initialised. */
  readonly becomeReady: () => void;
  constructor() {
    super();
    let resolve!: () => void;
    this.readyPromise = new Promise<void>((r) => (resolve = r));
    this.becomeReady = resolve;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
}

function makeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
}

function makeFake() {
  const ipcHandlers = new Map<string, IpcHandler>();
  return {
    app: new FakeApp(),
    ipcHandlers,
    ipcMain: {
      handle: vi.fn((channel: string, handler: IpcHandler) => {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        ipcHandlers.set(channel, handler);
      }),
    },
    dialog: {
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
      showErrorBox: vi.fn(),
    },
    clipboard: { write: vi.fn(async (_items: FakeClipboardItem[]) => undefined) },
    nativeImage: { createFromBuffer: vi.fn((_buffer: Buffer): { isEmpty(): boolean } => ({ isEmpty: () => false })) },
    session: { defaultSession: makeSession() },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown) => ({ template })) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    nativeTheme: { shouldUseDarkColors: true, themeSource: 'system' as 'system' | 'dark' | 'light' },
    screen: {
      getPrimaryDisplay: vi.fn(() => ({ workArea: { x: 0, y: 0, width: 1920, height: 1050 } })),
      getDisplayMatching: vi.fn((_rect: FakeRectangle) => ({ workArea: { x: 0, y: 0, width: 1920, height: 1050 } })),
    },
  };
}

/** The fake's current state; replaced wholesale by reset(). */
export const fake = {
  ...makeFake(),
  reset(): void {
    Object.assign(fake, makeFake());
    FakeBrowserWindow.instances = [];
  },
  /** Calls the registered handler for `channel` the way ipcMain would. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = fake.ipcHandlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  },
};

// Getters, so a module that imported 'electron' once still sees the objects reset() installs.
export const electronModule = {
  get app() {
    return fake.app;
  },
  get ipcMain() {
    return fake.ipcMain;
  },
  get dialog() {
    return fake.dialog;
  },
  get clipboard() {
    return fake.clipboard;
  },
  get nativeImage() {
    return fake.nativeImage;
  },
  get session() {
    return fake.session;
  },
  get shell() {
    return fake.shell;
  },
  get Menu() {
    return fake.Menu;
  },
  get protocol() {
    return fake.protocol;
  },
  get screen() {
    return fake.screen;
  },
  get nativeTheme() {
    return fake.nativeTheme;
  },
  BrowserWindow: FakeBrowserWindow,
  ClipboardItem: FakeClipboardItem,
};
