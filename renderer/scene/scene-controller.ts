import { SRGBColorSpace, WebGLRenderer } from 'three';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { encodePng, renderImage } from './export-image.js';
import { exportOptions } from './export-options.js';
import { cameraMoveFor, movePose } from './camera-keys.js';
import { recordSceneRelease } from './scene-memory.js';
import { releaseSpriteGeometry } from './text-label.js';
import type { ExportLook, ThemeName } from '../theme.js';
import type { SceneView } from './scene-view.js';
import type { CameraPose } from '../../src/project/index.js';

/** How a lab's scene controller builds its view (the lab shell's way; see lab-view.ts). */
export interface SceneSource<V extends SceneView> {
  /** Where the canvas goes: a selector in the host's shadow root. */
  readonly container: string;
  /** A view of the lab's current state in `look` (the theme on screen, or an export's look). */
  readonly build: (look: ExportLook) => V;
  /** The look on screen (the host's theme). */
  readonly look: () => ThemeName;
}

/**
 * Owns a lab's WebGL canvas for the life of its element (Lit's ReactiveController): the renderer,
 * the resize observer and the render loop start when the host is on the page and everything is
 * freed in hostDisconnected — and set up again if the element comes back. Like the three.js
 * editor, it renders only when asked (`requestRender`), so an idle lab uses no CPU.
 *
 * The camera is the user's: a new view (a rebuild after an edit that changed the topology, a
 * theme switch) starts where the last one's movable camera was, and an export in another look
 * renders a separate view with the same pose, leaving the one on screen untouched.
 */
export class SceneController<V extends SceneView = SceneView> implements ReactiveController {
  #renderer: WebGLRenderer | undefined;
  #observer: ResizeObserver | undefined;
  #view: V | undefined;
  /** Views built since the controller was made (tests count rebuilds). */
  viewsBuilt = 0;
  #frame = 0;
  #container: HTMLElement | undefined;
  #cssWidth = 1;
  #cssHeight = 1;
  /** Whether the canvas's drawing buffer has been given the container's size yet. */
  #sized = false;
  /** Called after every on-screen frame (e.g. to advance an animation). */
  onFrame: ((now: number) => void) | undefined;
  /** Number of frames drawn; tests and the start-up benchmark read it. */
  framesDrawn = 0;
  /** Ids of the shader programs three.js has compiled for this canvas (tests check edits add none). */
  readonly #programIds = new Set<number>();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source?: SceneSource<V>,
  ) {
    host.addController(this);
  }

  /** Shader programs compiled for this canvas so far. */
  get programsCompiled(): number {
    return this.#programIds.size;
  }

  get canvas(): HTMLCanvasElement | undefined {
    return this.#renderer?.domElement;
  }

  /** The view on screen. */
  get view(): V | undefined {
    return this.#view;
  }

  /** Builds a new view of the lab's state in the screen's look (after a change of topology or theme). */
  rebuild(): void {
    if (!this.source || !this.#renderer) return;
    this.setView(this.source.build(this.source.look()));
  }

  /** Puts the canvas into `container` (once the host has rendered it). */
  attach(container: HTMLElement): void {
    if (this.#container === container) return;
    this.#container = container;
    const renderer = new WebGLRenderer({ antialias: true, powerPreference: 'high-performance' });
    renderer.outputColorSpace = SRGBColorSpace;
    renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
    renderer.domElement.style.display = 'block';
    renderer.domElement.style.width = '100%';
    renderer.domElement.style.height = '100%';
    container.append(renderer.domElement);
    container.addEventListener('keydown', this.#onKey);
    this.#renderer = renderer;
    // Sized at the first frame, not now: the lab's panels (the timeline below the stage) have not
    // rendered yet, and every size the drawing buffer takes allocates it again (in a software GL,
    // tens of ms and megabytes for each). The observer follows the container from then on.
    this.#observer = new ResizeObserver(() => this.#resize());
    this.#observer.observe(container);
  }

  /**
   * The camera as the project session sees it: the current view's pose, and a pose to apply now
   * (or to the next view that has a movable camera, when there is none yet).
   */
  cameraBinding(): { pose(): CameraPose | undefined; apply(pose: CameraPose): void } {
    return {
      // After the element has left, the pose it had when it left.
      pose: () => this.#view?.cameraPose?.() ?? this.#lastPose,
      apply: (pose) => {
        if (this.#view?.cameraPose?.()) {
          this.#view.applyCameraPose?.(pose);
          this.requestRender();
        } else this.#pendingPose = pose;
      },
    };
  }

  #pendingPose: CameraPose | undefined;
  #lastPose: CameraPose | undefined;
  /** Where the view's camera started, for the keyboard's reset (0). */
  #initialPose: CameraPose | undefined;

  /**
   * The keyboard camera of every 3D view (camera-keys.ts): W A S D or free arrow keys orbit,
   * Shift + W A S D pan, + and − zoom, 0 resets. Keys the lab handled first (defaultPrevented) stay
   * the lab's, so the Layer lab's arrow keys still move x.
   */
  readonly #onKey = (event: KeyboardEvent): void => {
    const pose = this.#view?.cameraPose?.();
    if (!pose || event.defaultPrevented) return;
    const move = cameraMoveFor(event);
    if (!move) return;
    event.preventDefault();
    this.#view!.applyCameraPose?.(movePose(pose, move, this.#initialPose ?? pose));
    this.requestRender();
  };

  /**
   * Views replaced since the last frame, disposed right after the next frame is drawn: three.js
   * frees a shader program when no material uses it any more, so disposing the old view before the
   * new one is drawn would compile every program again (hundreds of ms per edit in a software GL).
   */
  #retired: V[] = [];

  /**
   * Replaces the view drawn (the old one is disposed after the next frame). A movable camera keeps
   * its pose: the new view takes a pose waiting to be applied (a project's, or the one the element
   * left with), else the old view's.
   */
  setView(view: V): void {
    const carried = this.#pendingPose ?? this.#view?.cameraPose?.();
    if (this.#view && this.#view !== view) this.#retired.push(this.#view);
    if (!this.#renderer) this.#disposeRetired();
    this.#view = view;
    this.viewsBuilt++;
    if (!this.#initialPose) this.#initialPose = view.cameraPose?.();
    if (carried && view.cameraPose?.()) {
      view.applyCameraPose?.(carried);
      this.#pendingPose = undefined;
    }
    this.#applyViewport();
    this.requestRender();
  }

  requestRender(): void {
    if (this.#frame || !this.#renderer) return;
    this.#frame = requestAnimationFrame((now) => {
      this.#frame = 0;
      this.onFrame?.(now);
      this.renderNow();
    });
  }

  /** Resolves once the frame asked for is drawn (at once when none is waiting). */
  nextFrame(): Promise<void> {
    if (!this.#renderer || !this.#view || (!this.#frame && this.framesDrawn > 0)) return Promise.resolve();
    return new Promise((resolve) => this.#drawn.push(resolve));
  }

  #drawn: (() => void)[] = [];

  #disposeRetired(): void {
    for (const old of this.#retired.splice(0)) old.dispose();
  }

  renderNow(): void {
    if (!this.#renderer || !this.#view) return;
    if (!this.#sized) this.#measure();
    this.#renderer.render(this.#view.scene, this.#view.camera);
    for (const program of this.#renderer.info.programs ?? []) this.#programIds.add(program.id);
    this.#disposeRetired();
    this.framesDrawn++;
    const drawn = this.#drawn;
    this.#drawn = [];
    for (const resolve of drawn) resolve();
    if (this.framesDrawn === 1 && !performance.getEntriesByName('hinge:first-frame').length) performance.mark('hinge:first-frame');
    if (this.framesDrawn === 1) this.host.dispatchEvent(new CustomEvent('first-frame', { bubbles: true, composed: true }));
  }

  /**
   * The current view as a PNG at `scale` times the canvas's pixels, rendered off screen in tiles
   * no larger than the GPU allows; without its background when the export asks for transparency.
   */
  async exportPng(scale: number, maxTile?: number, look?: ExportLook): Promise<{ bytes: Uint8Array; width: number; height: number; tiles: number }> {
    const renderer = this.#renderer;
    const onScreen = this.#view;
    if (!renderer || !onScreen) throw new Error('The scene is not ready yet.');
    if (!this.#sized) this.#measure();
    // Another look: a separate view with the same camera; the one on screen is not touched.
    const other = look !== undefined && this.source && look !== this.source.look() ? this.source.build(look) : undefined;
    const pose = onScreen.cameraPose?.();
    if (other && pose) other.applyCameraPose?.(pose);
    const view = other ?? onScreen;
    const ratio = renderer.getPixelRatio();
    const width = Math.round(this.#cssWidth * ratio * scale);
    const height = Math.round(this.#cssHeight * ratio * scale);
    let image;
    try {
      image = renderImage(renderer, view, this.#cssWidth, this.#cssHeight, width, height, maxTile, exportOptions().transparent);
    } finally {
      other?.dispose();
      // Restore the screen in the same task, so the tiles never reach the display.
      this.#applyViewport();
      this.renderNow();
    }
    return { bytes: await encodePng(image), width, height, tiles: image.tiles };
  }

  /**
   * The view as a PNG in `look`, for labs not yet on the shell: when it is not the current `theme`,
   * `rebuild(look)` redraws the scene in that look for the export and `rebuild(theme)` restores it
   * afterwards (the camera is carried across both; see setView).
   */
  async exportPngInLook(
    scale: number,
    look: ExportLook | 'theme',
    theme: ThemeName,
    rebuild: (look: ExportLook) => void,
    maxTile?: number,
  ): Promise<{ bytes: Uint8Array; width: number; height: number; tiles: number }> {
    const other = look !== 'theme' && look !== theme;
    if (other) rebuild(look);
    try {
      return await this.exportPng(scale, maxTile);
    } finally {
      if (other) rebuild(theme);
    }
  }

  #resize(): void {
    if (this.#measure()) this.requestRender();
  }

  /** Gives the drawing buffer the container's size when it differs; whether it did. */
  #measure(): boolean {
    const container = this.#container;
    const renderer = this.#renderer;
    if (!container || !renderer) return false;
    const width = Math.max(1, container.clientWidth);
    const height = Math.max(1, container.clientHeight);
    if (this.#sized && width === this.#cssWidth && height === this.#cssHeight) return false;
    this.#sized = true;
    this.#cssWidth = width;
    this.#cssHeight = height;
    renderer.setSize(width, height, false);
    this.#applyViewport();
    return true;
  }

  #applyViewport(): void {
    const renderer = this.#renderer;
    if (!renderer || !this.#view) return;
    const ratio = renderer.getPixelRatio();
    this.#view.setViewport(this.#cssWidth, this.#cssHeight, this.#cssWidth * ratio, this.#cssHeight * ratio, ratio);
  }

  hostConnected(): void {
    // The canvas is attached after the host renders (hostUpdated; or the lab calls attach).
    if (this.source) this.host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.source || this.#renderer) return;
    const container = (this.host.shadowRoot ?? this.host).querySelector<HTMLElement>(this.source.container);
    if (!container) return;
    // Coming back: the pose the element left with waits for the first view.
    this.#pendingPose ??= this.#lastPose;
    this.attach(container);
    this.rebuild();
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    for (const resolve of this.#drawn.splice(0)) resolve();
    this.#observer?.disconnect();
    this.#container?.removeEventListener('keydown', this.#onKey);
    this.#lastPose = this.#view?.cameraPose?.();
    this.#disposeRetired();
    this.#view?.dispose();
    this.#view = undefined;
    if (this.#renderer) {
      releaseSpriteGeometry();
      recordSceneRelease(this.host, this.#renderer.info.memory); // for test/e2e/scene-memory.spec.ts
      this.#renderer.dispose();
      this.#renderer.forceContextLoss();
      this.#renderer.domElement.remove();
    }
    this.#renderer = undefined;
    this.#container = undefined;
    this.#sized = false;
  }
}
