import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { StatefulLabId } from '../../src/project/lab-catalog.js';
import { LabSessionLink } from '../project/lab-session-link.js';
import { STATE_REPLACED, type LabStore } from '../project/lab-store.js';
import { session } from '../project/session.js';
import { SceneController } from '../scene/scene-controller.js';
import type { SceneView } from '../scene/scene-view.js';
import type { ExportLook, ThemeName } from '../theme.js';
import { JobController } from './job-controller.js';

/** What a lab hears when its store changes: the store's named change, or a whole new state. */
export type LabChange<C extends string> = C | typeof STATE_REPLACED;

/**
 * The shell every lab stands on: what each lab used to wire by hand, written once.
 *
 * - **State.** The lab's store comes from the project session (kept across visits, so leaving
 *   loses nothing; undo reaches it). Each change re-renders the element and reaches
 *   `stateChanged(change)` with *what* changed, so a lab updates only what that change touches.
 *   A change made while the element was away (undo, an import, an opened project) arrives as
 *   `stateReplaced` when it comes back.
 * - **Scenes.** `addScene` gives a WebGL view (SceneController) that builds itself from the lab's
 *   state when the element is on the page and frees everything when it leaves. A theme switch
 *   rebuilds the views in the new look; the camera the user set is carried through every rebuild
 *   and the session saves it with the project. `exportPng` renders another look without touching
 *   the view on screen.
 * - **Jobs.** `addJob` gives a JobController: background work with progress, one cancel error,
 *   stale results dropped and failures shown at the lab. `settled()` waits for all of them.
 */
export abstract class LabView<S extends object, C extends string, St extends LabStore<S, C> = LabStore<S, C>> extends LitElement {
  /** The look on screen; the app sets it. */
  @property() theme: ThemeName = 'dark';

  /** The lab's store, kept by the session across visits. */
  readonly store: St;
  readonly #scenes: SceneController[] = [];
  readonly #jobs: JobController<unknown>[] = [];
  /** The state the element last saw, to catch up with changes made while it was away. */
  #seen: S;

  constructor(
    readonly lab: StatefulLabId,
    createStore: (initial?: S) => St,
  ) {
    super();
    this.store = session.storeFor(lab, createStore as (initial?: never) => St);
    this.#seen = this.store.state;
    new LabSessionLink<C>(
      this,
      lab,
      this.store,
      (change) => this.#onChange(change),
      () => this.#scenes,
    );
  }

  /** The lab's current state. */
  get state(): S {
    return this.store.state;
  }

  /** Frames drawn by the first scene (tests and start-up measurements read it); 1 for a lab without scenes. */
  get framesDrawn(): number {
    return this.#scenes[0]?.framesDrawn ?? 1;
  }

  /** Counts for tests and benchmarks: views built and shader programs compiled by each scene, jobs started of each kind. */
  shellStats(): { viewsBuilt: number[]; programsCompiled: number[]; jobsStarted: number[] } {
    return {
      viewsBuilt: this.#scenes.map((scene) => scene.viewsBuilt),
      programsCompiled: this.#scenes.map((scene) => scene.programsCompiled),
      jobsStarted: this.#jobs.map((job) => job.started),
    };
  }

  /** What the lab does about one store change (the element re-renders anyway). */
  protected abstract stateChanged(change: LabChange<C>): void;

  /**
   * A WebGL view in the element `container` (a selector in the shadow root), built by `build` from
   * the lab's state in a look. The first view is the one "Export PNG" draws and projects save the
   * camera of first.
   */
  protected addScene<V extends SceneView>(container: string, build: (look: ExportLook) => V): SceneController<V> {
    const scene = new SceneController<V>(this, { container, build, look: () => this.theme });
    this.#scenes.push(scene as unknown as SceneController);
    return scene;
  }

  /** A kind of background job of this lab. */
  protected addJob<T>(): JobController<T> {
    const job = new JobController<T>(this);
    this.#jobs.push(job as JobController<unknown>);
    return job;
  }

  /** Resolves when the element has rendered, no job is running and every scene has drawn a frame. */
  async settled(): Promise<void> {
    for (;;) {
      await this.updateComplete;
      await Promise.all(this.#jobs.map((job) => job.whenIdle()));
      if (!this.#jobs.some((job) => job.running) && !this.isUpdatePending) break;
    }
    await Promise.all(this.#scenes.map((scene) => scene.nextFrame()));
  }

  /** The first scene as a PNG at `scale`× its pixels, in `look` (the theme on screen by default). */
  exportPng(scale: number, look: ExportLook | 'theme' = 'theme', maxTile?: number): Promise<{ bytes: Uint8Array; width: number; height: number; tiles: number }> {
    const scene = this.#scenes[0];
    if (!scene) return Promise.reject(new Error('This lab has no view to export.'));
    return scene.exportPng(scale, maxTile, look === 'theme' ? this.theme : look);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('theme') && changed.get('theme') !== undefined) this.themeChanged();
  }

  /** The theme switched: by default every view is rebuilt in the new look (cameras kept). */
  protected themeChanged(): void {
    for (const scene of this.#scenes) scene.rebuild();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.store.state !== this.#seen) this.#onChange(STATE_REPLACED);
  }

  #onChange(change: LabChange<C>): void {
    this.#seen = this.store.state;
    this.requestUpdate();
    this.stateChanged(change);
  }
}
