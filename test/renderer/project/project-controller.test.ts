// The project controller with a fake Host and a fake shell, in Node: autosave scheduling (one write
// a second after the last change), restoring an autosave (whole, closed, unreadable, one bad lab),
// save and save-as on the desktop and in the browser, opening over unsaved work, closing, undo
// that shows the lab, and Export all.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host, IncomingFile, SaveFileOptions, SaveFileResult } from '../../../renderer/host/host.js';
import type { ProjectShell } from '../../../renderer/project/project-controller.js';
import type { ViewId } from '../../../src/project/index.js';

const HANDLE = 'a'.repeat(32);
const FOLDER = 'b'.repeat(32);
/** A 1×1 PNG (not from Hinge). */
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

/** A host that keeps files and the autosave in memory and records every call. */
function fakeHost(kind: 'desktop' | 'browser', autosave: string | null = null) {
  const saves: { name: string; text: string; options: SaveFileOptions }[] = [];
  const recent: string[] = [];
  const state = { autosave, kept: [] as string[], closed: 0, document: [] as [string | null, boolean][], saveResult: undefined as SaveFileResult | undefined };
  const host: Host = {
    kind,
    savePng: async () => ({ status: 'canceled' }),
    copyPng: async () => ({ status: 'copied' }),
    saveFile: async (bytes, name, options = {}) => {
      if (state.saveResult) return state.saveResult;
      saves.push({ name, text: new TextDecoder().decode(bytes), options });
      return { status: 'saved', name, ...(kind === 'desktop' ? { handle: HANDLE } : {}) } as SaveFileResult;
    },
    chooseFolder: async () => ({ status: 'chosen', name: 'figures', handle: FOLDER }),
    openFiles: async () => [],
    onIncomingFiles: () => () => undefined,
    onMenuCommand: () => () => undefined,
    autosaveWrite: async (json) => {
      state.autosave = json;
      return true;
    },
    autosaveRead: async () => state.autosave,
    autosaveKeepRejected: async (json) => {
      state.kept.push(json);
      return 'the key hinge.autosave.rejected';
    },
    setDocumentState: (name, dirty) => void state.document.push([name, dirty]),
    onCloseRequested: () => () => undefined,
    closeWindow: async () => void state.closed++,
    recentFiles: async () => [],
    openRecent: async () => undefined,
    rememberRecent: (name) => void recent.push(name),
  };
  return { host, saves, recent, state };
}

/** A shell that records what it was told and answers questions from a script. */
function fakeShell(answers: { unsaved?: 'save' | 'discard' | 'cancel'; fileName?: string } = {}) {
  const notes: { message: string; kind: string }[] = [];
  const shown: ViewId[] = [];
  const shell: ProjectShell & { view: ViewId; theme: 'dark' | 'light' } = {
    view: 'layer',
    theme: 'dark',
    setTheme: (theme) => void (shell.theme = theme),
    navigate: (view) => void (shell.view = view),
    notify: (message, kind) => void notes.push({ message, kind }),
    askFileName: async () => answers.fileName,
    askUnsaved: async () => answers.unsaved ?? 'cancel',
    importWeights: async () => undefined,
    renderCurrentPng: async () => (shell.view === 'lora' ? undefined : PNG),
    showLab: async (view) => {
      shell.view = view;
      shown.push(view);
    },
    exportProgress: () => undefined,
    labRoot: () => undefined,
    autosaveStatus: () => undefined,
  };
  return { shell, notes, shown };
}

// The controller talks to the session singleton: fresh modules (and session) for every test.
async function setup(kind: 'desktop' | 'browser' = 'desktop', options: { autosave?: string | null; answers?: Parameters<typeof fakeShell>[0] } = {}) {
  vi.resetModules();
  const { session } = await import('../../../renderer/project/session.js');
  const { ProjectController } = await import('../../../renderer/project/project-controller.js');
  const { LayerStore } = await import('../../../renderer/labs/layer/layer-store.js');
  const { SvdStore } = await import('../../../renderer/labs/svd/svd-store.js');
  const { parseProject } = await import('../../../src/project/index.js');
  const fake = fakeHost(kind, options.autosave ?? null);
  const ui = fakeShell(options.answers);
  const controller = new ProjectController(fake.host, ui.shell);
  const layer = () => session.storeFor('layer', (initial?: never) => new LayerStore(initial));
  const svd = () => session.storeFor('svd', (initial?: never) => new SvdStore(initial));
  return { session, controller, layer, svd, parseProject, ...fake, ...ui };
}

/** An autosave record as the controller writes it, for a project made in another session. */
async function autosaveOf(edit: (s: Awaited<ReturnType<typeof setup>>) => void, record: Record<string, unknown> = {}): Promise<string> {
  const s = await setup();
  edit(s);
  const project = JSON.parse(s.controller.projectText());
  return JSON.stringify({ kind: 'hinge-autosave', project, name: 'lesson.hinge', dirty: true, closed: false, at: '2026-12-05T10:00:00.000Z', ...record });
}

beforeEach(() => {
  vi.stubGlobal('window', new EventTarget());
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('ProjectController autosave', () => {
  it('writes once, a second after the last of a burst of edits, with the latest state', async () => {
    const { controller, layer, state } = await setup();
    await controller.start();
    const store = layer();
    store.setActivation('relu');
    await vi.advanceTimersByTimeAsync(600);
    store.setSeed(7);
    await vi.advanceTimersByTimeAsync(999);
    expect(state.autosave).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    const record = JSON.parse(state.autosave!);
    expect(record).toMatchObject({ kind: 'hinge-autosave', dirty: true, closed: false, name: null });
    expect(record.project.labs.layer.state).toEqual(store.state);
    expect(record.project.view).toBe('layer');
    controller.stop();
  });

  it('typing that is not applied yet schedules the autosave too', async () => {
    const { controller, state } = await setup();
    await controller.start();
    window.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(JSON.parse(state.autosave!).kind).toBe('hinge-autosave');
  });

  it('stops writing once stopped', async () => {
    const { controller, layer, state } = await setup();
    await controller.start();
    layer().setActivation('relu');
    controller.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(state.autosave).toBeNull();
  });

  it('restores an autosave: the states (also of labs not opened yet), the view, the name, unsaved', async () => {
    const text = await autosaveOf((s) => {
      s.layer().setActivation('gelu');
      s.svd().setMatrix([[3, 0], [0, 0.5]]);
      s.shell.view = 'svd';
    });
    const { controller, session, layer, svd, shell, notes } = await setup('desktop', { autosave: text });
    await controller.start();
    expect(shell.view).toBe('svd');
    expect(session.name).toBe('lesson.hinge');
    expect(session.dirty).toBe(true);
    expect(layer().state.activation).toBe('gelu');
    expect(svd().state.W).toEqual([[3, 0], [0, 0.5]]);
    expect(notes).toEqual([expect.objectContaining({ kind: 'info', message: expect.stringContaining('Restored your work') })]);
  });

  it('a record closed on purpose starts afresh', async () => {
    const text = await autosaveOf((s) => s.layer().setActivation('gelu'), { closed: true });
    const { controller, layer, notes, session } = await setup('desktop', { autosave: text });
    await controller.start();
    expect(layer().state.activation).toBe('none');
    expect(session.dirty).toBe(false);
    expect(notes).toEqual([]);
  });

  it('an unreadable record is kept aside, said so, and not overwritten by the restore', async () => {
    const { controller, state, notes, layer } = await setup('desktop', { autosave: '{"kind": "hinge-autosave", broken' });
    await controller.start();
    expect(state.kept).toEqual(['{"kind": "hinge-autosave", broken']);
    expect(notes[0]).toMatchObject({ kind: 'error', message: expect.stringContaining('could not be restored (it is not readable)') });
    expect(layer().state.activation).toBe('none');
  });

  it('one bad lab: the others come back, the whole record is kept aside, the bad lab is named', async () => {
    const good = JSON.parse(await autosaveOf((s) => {
      s.layer().setActivation('tanh');
      s.svd().setMatrix([[2, 1], [0, 1]]);
    }));
    good.project.labs.svd.state.W[0][0] = 'oops';
    const { controller, layer, svd, state, notes, session } = await setup('desktop', { autosave: JSON.stringify(good) });
    await controller.start();
    expect(layer().state.activation).toBe('tanh');
    expect(svd().state.W).not.toEqual([[2, 1], [0, 1]]);
    expect(state.kept).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'error', message: expect.stringContaining('except the lab SVD') });
    expect(session.dirty).toBe(true);
  });
});

describe('ProjectController save', () => {
  it('desktop: Save asks for a place once, then writes back to the same file; Save as asks again', async () => {
    const { controller, layer, saves, session, recent } = await setup('desktop');
    layer().setActivation('relu');
    expect(await controller.save()).toBe(true);
    expect(saves[0]).toMatchObject({ name: 'Untitled.hinge', options: {} });
    expect(JSON.parse(saves[0]!.text).labs.layer.state.activation).toBe('relu');
    expect(session.dirty).toBe(false);
    expect(session.handle).toBe(HANDLE);
    expect(recent).toEqual(['Untitled.hinge']);
    layer().setActivation('tanh');
    await controller.save();
    expect(saves[1]!.options).toEqual({ handle: HANDLE });
    await controller.save(true);
    expect(saves[2]!.options).toEqual({});
  });

  it('browser: Save as asks for the name (cancel saves nothing); Save downloads under the name', async () => {
    const canceled = await setup('browser', { answers: { fileName: undefined } });
    canceled.layer().setActivation('relu');
    expect(await canceled.controller.save(true)).toBe(false);
    expect(canceled.saves).toEqual([]);
    expect(canceled.session.dirty).toBe(true);

    const { controller, layer, saves, session } = await setup('browser', { answers: { fileName: 'Week 3.hinge' } });
    layer().setActivation('relu');
    await controller.save(true);
    expect(saves.map((s) => s.name)).toEqual(['Week 3.hinge']);
    expect(session.name).toBe('Week 3.hinge');
    await controller.save();
    expect(saves.map((s) => [s.name, s.options])).toEqual([['Week 3.hinge', {}], ['Week 3.hinge', {}]]);
  });

  it('a failed save says why and leaves the work unsaved', async () => {
    const { controller, layer, state, notes, session } = await setup('desktop');
    layer().setActivation('relu');
    state.saveResult = { status: 'failed', reason: 'The disk is full.' };
    expect(await controller.save()).toBe(false);
    expect(notes).toEqual([{ kind: 'error', message: 'Could not save Untitled.hinge: The disk is full.' }]);
    expect(session.dirty).toBe(true);
  });
});

describe('ProjectController open, close, undo and Export all', () => {
  const file = (name: string, text: string): IncomingFile => ({ name, bytes: new TextEncoder().encode(text) });

  it('a malformed project is refused with the bad field, and the work stays', async () => {
    const { controller, layer, notes } = await setup();
    layer().setActivation('relu');
    const project = JSON.parse(controller.projectText());
    project.labs.layer.state.W[1][0] = 'oops';
    const before = layer().state;
    await controller.openFiles([file('broken.hinge', JSON.stringify(project))]);
    expect(layer().state).toBe(before);
    expect(notes[0]!.message).toContain('labs.layer.state.W[1][0]');
    expect(notes[0]!.message).toContain('unchanged');
  });

  it('opening over unsaved work asks: cancel keeps it, discard replaces it', async () => {
    const other = await setup();
    other.layer().setActivation('gelu');
    const text = other.controller.projectText();
    const keep = await setup('desktop', { answers: { unsaved: 'cancel' } });
    keep.layer().setActivation('swish');
    await keep.controller.openFiles([file('other.hinge', text)]);
    expect(keep.layer().state.activation).toBe('swish');
    const replace = await setup('desktop', { answers: { unsaved: 'discard' } });
    replace.layer().setActivation('swish');
    await replace.controller.openFiles([file('other.hinge', text)]);
    expect(replace.layer().state.activation).toBe('gelu');
    expect(replace.session.name).toBe('other.hinge');
    expect(replace.session.dirty).toBe(false);
  });

  it('closing with unsaved work: cancel keeps the window; discard writes a closed autosave and closes', async () => {
    const keep = await setup('desktop', { answers: { unsaved: 'cancel' } });
    keep.layer().setActivation('relu');
    await keep.controller.requestClose();
    expect(keep.state.closed).toBe(0);
    const close = await setup('desktop', { answers: { unsaved: 'discard' } });
    close.layer().setActivation('relu');
    await close.controller.requestClose();
    expect(close.state.closed).toBe(1);
    expect(JSON.parse(close.state.autosave!).closed).toBe(true);
  });

  it('undo and redo show the lab the edit was made in', async () => {
    const { controller, layer, shell, session } = await setup();
    layer().setActivation('relu');
    shell.view = 'gradients';
    controller.undo();
    expect(shell.view).toBe('layer');
    expect(layer().state.activation).toBe('none');
    shell.view = 'svd';
    controller.redo();
    expect(shell.view).toBe('layer');
    expect(session.canRedo).toBe(false);
  });

  it('Export all saves one PNG per lab into the chosen folder, names what failed, and returns to the start', async () => {
    const { controller, saves, shown, shell, notes } = await setup();
    shell.view = 'svd';
    await controller.exportAll(2);
    expect(shown).toEqual(['layer', 'svd', 'regions', 'attention', 'lora', 'gradients', 'training']);
    expect(saves.map((s) => [s.name, s.options.folder])).toEqual(
      ['layer', 'svd', 'regions', 'attention', 'gradients', 'training'].map((v) => [`hinge-${v}-2x.png`, FOLDER]),
    );
    expect(shell.view).toBe('svd');
    expect(notes).toEqual([{ kind: 'error', message: 'Exported 6 views to figures; could not export lora.' }]);
  });
});
