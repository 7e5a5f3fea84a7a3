/**
 * The open project: every lab's store (kept across visits, so leaving a lab loses nothing), the
 * undo/redo history of every edit in every lab, the project's name, file handle and unsaved flag,
 * and the conversion to and from a `.hinge` file. One session per window.
 *
 * Labs create their store through `storeFor`, which hands back the existing store or builds one
 * from a state waiting in an opened project. A store change becomes one history entry (the state
 * before and after); quick successions of the same edit (a drag, a slider) merge into one.
 */
import type { CameraPose, LabStateId, LabStates, Project, ViewId } from '../../src/project/index.js';
import { LAB_STATE_IDS } from '../../src/project/index.js';
import { STATE_REPLACED, type LabStore } from './lab-store.js';

/**
 * Changes that are not edits: playback moving the time, play/pause, training moving the weights.
 * Saved, but not undone.
 */
const NOT_EDITS = new Set(['timeChanged', 'playingChanged', 'weightsTrained', STATE_REPLACED]);
/** Changes to one lab within this many ms of each other merge into one undo step (one gesture). */
const GESTURE_MS = 300;
/** The same kind of change in one lab within this many ms of the last merges too (a drag, a slider). */
const SAME_KIND_MS = 800;
const MAX_HISTORY = 500;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStore = LabStore<any, string>;

export interface HistoryEntry {
  readonly id: number;
  readonly lab: LabStateId;
  readonly change: string;
  readonly before: unknown;
  after: unknown;
  at: number;
}

/** A lab element's camera, when it has a 3D view (for project files). */
export interface CameraBinding {
  pose(): CameraPose | undefined;
  apply(pose: CameraPose): void;
}

export type SessionChange = 'history' | 'document' | 'project';

export class ProjectSession extends EventTarget {
  readonly #stores = new Map<LabStateId, AnyStore>();
  readonly #factories = new Map<LabStateId, (initial?: unknown) => AnyStore>();
  readonly #unsubscribe = new Map<LabStateId, () => void>();
  /** Each store's state as last seen, the `before` of its next history entry. */
  readonly #last = new Map<LabStateId, unknown>();
  /** Validated states from an opened project for labs whose store does not exist yet. */
  readonly #pending = new Map<LabStateId, unknown>();
  /** Each lab's camera poses by view, kept while the lab is not on screen. */
  readonly #cameras = new Map<LabStateId, (CameraPose | null)[]>();
  /** The cameras of the labs on screen, by view. */
  readonly #cameraBindings = new Map<LabStateId, (CameraBinding | undefined)[]>();
  readonly #waiting = new Map<LabStateId, ((store: AnyStore) => void)[]>();
  #undo: HistoryEntry[] = [];
  #redo: HistoryEntry[] = [];
  #nextId = 1;
  /** The id of the history entry on top when the project was last saved or opened (0: none). */
  #savedAt = 0;
  #applying = false;
  /** The project's file name (null while untitled) and the host's handle to save it again. */
  name: string | null = null;
  handle: string | undefined;
  /** The clock; tests replace it. */
  now: () => number = () => performance.now();

  /**
   * The store of lab `id`: the existing one, or a new one from `create` — given the state waiting
   * in an opened project, if any (else undefined, for the lab's initial state).
   */
  storeFor<S extends AnyStore>(id: LabStateId, create: (initial?: never) => S): S {
    const existing = this.#stores.get(id);
    if (existing) return existing as S;
    this.#factories.set(id, create as (initial?: unknown) => AnyStore);
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    const store = (create as (initial?: unknown) => S)(pending);
    this.#stores.set(id, store);
    this.#last.set(id, store.state);
    const stopChanges = store.subscribe((change) => this.#onStoreChanged(id, store, change));
    // A change a store refused (lab-store.ts) is announced here, for the shell to show.
    const stopRefused = store.onRefused((error) => this.dispatchEvent(new CustomEvent('refused', { detail: error })));
    this.#unsubscribe.set(id, () => {
      stopChanges();
      stopRefused();
    });
    for (const resolve of this.#waiting.get(id) ?? []) resolve(store);
    this.#waiting.delete(id);
    return store;
  }

  /** The store of lab `id` once its element has created it (navigate there first). */
  storeWhenReady(id: LabStateId): Promise<AnyStore> {
    const existing = this.#stores.get(id);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => this.#waiting.set(id, [...(this.#waiting.get(id) ?? []), resolve]));
  }

  /** The store of lab `id` if it exists. */
  storeOf(id: LabStateId): AnyStore | undefined {
    return this.#stores.get(id);
  }

  /**
   * A lab element lends the camera of its view number `view` while mounted (a saved pose is
   * applied at once); the pose is kept when the element leaves.
   */
  bindCamera(id: LabStateId, binding: CameraBinding, view = 0): () => void {
    const bindings = this.#cameraBindings.get(id) ?? [];
    bindings[view] = binding;
    this.#cameraBindings.set(id, bindings);
    const saved = this.#cameras.get(id)?.[view];
    if (saved) binding.apply(saved);
    return () => {
      const pose = binding.pose();
      if (pose) {
        const poses = this.#cameras.get(id) ?? [];
        poses[view] = pose;
        this.#cameras.set(id, Array.from(poses, (p) => p ?? null));
      }
      if (this.#cameraBindings.get(id)?.[view] === binding) this.#cameraBindings.get(id)![view] = undefined;
    };
  }

  /** The camera poses of lab `id`, live from its views when on screen, else as last seen. */
  #posesOf(id: LabStateId): (CameraPose | null)[] | undefined {
    const saved = this.#cameras.get(id) ?? [];
    const bindings = this.#cameraBindings.get(id) ?? [];
    const count = Math.max(saved.length, bindings.length);
    const poses = Array.from({ length: count }, (_, i) => bindings[i]?.pose() ?? saved[i] ?? null);
    return poses.some((p) => p) ? poses : undefined;
  }

  #onStoreChanged(id: LabStateId, store: AnyStore, change: string): void {
    const before = this.#last.get(id);
    this.#last.set(id, store.state);
    if (this.#applying || NOT_EDITS.has(change)) {
      this.#emit('project');
      return;
    }
    const now = this.now();
    const top = this.#undo.at(-1);
    const merge = top && top.lab === id && (now - top.at < GESTURE_MS || (top.change === change && now - top.at < SAME_KIND_MS));
    if (merge && top.id !== this.#savedAt) {
      top.after = store.state;
      top.at = now;
    } else {
      this.#undo.push({ id: this.#nextId++, lab: id, change, before, after: store.state, at: now });
      if (this.#undo.length > MAX_HISTORY) this.#undo.shift();
    }
    this.#redo = [];
    this.#emit('history');
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** What the next undo would undo (for the button's title): the lab and the change. */
  get undoLabel(): string | undefined {
    const top = this.#undo.at(-1);
    return top && `${top.lab}: ${top.change}`;
  }

  get redoLabel(): string | undefined {
    const top = this.#redo.at(-1);
    return top && `${top.lab}: ${top.change}`;
  }

  /** Undoes the last edit; returns the lab it happened in (to show it), or undefined. */
  undo(): LabStateId | undefined {
    const entry = this.#undo.pop();
    if (!entry) return undefined;
    this.#redo.push(entry);
    this.#apply(entry.lab, entry.before);
    this.#emit('history');
    return entry.lab;
  }

  redo(): LabStateId | undefined {
    const entry = this.#redo.pop();
    if (!entry) return undefined;
    this.#undo.push(entry);
    this.#apply(entry.lab, entry.after);
    this.#emit('history');
    return entry.lab;
  }

  #apply(id: LabStateId, state: unknown): void {
    const store = this.#stores.get(id);
    if (!store) return;
    this.#applying = true;
    try {
      store.replace(state);
    } finally {
      this.#applying = false;
    }
  }

  /** True when something changed since the project was opened or saved. */
  get dirty(): boolean {
    return (this.#undo.at(-1)?.id ?? 0) !== this.#savedAt;
  }

  /** Marks the current state as saved (under `name`, with the host's `handle`). */
  markSaved(name: string | null, handle: string | undefined): void {
    this.name = name;
    this.handle = handle;
    this.#savedAt = this.#undo.at(-1)?.id ?? 0;
    this.#emit('document');
  }

  /** Marks the project as having unsaved changes that no history entry holds (restored autosave). */
  markUnsaved(): void {
    this.#savedAt = -1;
    this.#emit('document');
  }

  /** The project as plain data: every lab that has a store or a waiting state, with cameras. */
  snapshot(view: ViewId, theme: 'dark' | 'light'): Omit<Project, 'format' | 'version'> {
    const labs: Record<string, { state: unknown; cameras?: (CameraPose | null)[] }> = {};
    for (const id of LAB_STATE_IDS) {
      const store = this.#stores.get(id);
      const state = store ? store.state : this.#pending.get(id);
      if (state === undefined) continue;
      const cameras = this.#posesOf(id);
      labs[id] = { state: pauseState(state), ...(cameras ? { cameras } : {}) };
    }
    return { view, theme, labs: labs as Project['labs'], savedAt: new Date().toISOString() };
  }

  /**
   * Replaces every lab's state with the project's (validated already): labs the file leaves out
   * go back to their initial state. History starts afresh.
   */
  applyProject(project: Project, name: string | null, handle: string | undefined): void {
    this.#applying = true;
    try {
      for (const id of LAB_STATE_IDS) {
        const entry = project.labs[id] as { state: LabStates[typeof id]; cameras?: (CameraPose | null)[] } | undefined;
        const store = this.#stores.get(id);
        if (entry?.cameras) this.#cameras.set(id, [...entry.cameras]);
        else this.#cameras.delete(id);
        if (store) {
          const state = entry?.state ?? this.#factories.get(id)!(undefined).state;
          store.replace(state);
          this.#last.set(id, store.state);
          entry?.cameras?.forEach((pose, view) => {
            if (pose) this.#cameraBindings.get(id)?.[view]?.apply(pose);
          });
        } else if (entry) {
          this.#pending.set(id, entry.state);
        } else {
          this.#pending.delete(id);
        }
      }
    } finally {
      this.#applying = false;
    }
    this.#undo = [];
    this.#redo = [];
    this.markSaved(name, handle);
    this.#emit('history');
  }

  #emit(change: SessionChange): void {
    this.dispatchEvent(new CustomEvent<SessionChange>('changed', { detail: change }));
  }
}

/** A saved state never plays: a project reopens paused at its time. */
function pauseState(state: unknown): unknown {
  if (state && typeof state === 'object' && (state as { playing?: unknown }).playing === true) return { ...state, playing: false };
  return state;
}

/** The window's one session. */
export const session = new ProjectSession();
