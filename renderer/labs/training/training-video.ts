/**
 * A video of training: the regions evolving over N steps at a chosen number of steps per frame,
 * from step 0 or from the current step. The frames come from a replay in a training worker of
 * its own (the same setup and seeds, so the same settings give the same frames, and the live run
 * is not touched); each frame is drawn off screen — the 2D picture, or the 3D cells through a
 * WebGL renderer of the export's own with the user's camera — and encoded by the app's video
 * export (WebM/MP4, or GIF when asked), with progress and cancel.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { SRGBColorSpace, WebGLRenderer } from 'three';
import type { PackedRegions, ReluNet } from '../../../src/regions/index.js';
import type { SnapshotOptions, TrainingSetup } from '../../../src/training/index.js';
import type { VideoFile } from '../../components/export-panel.js';
import { exportOptions } from '../../scene/export-options.js';
import { GIF_MAX_FPS } from '../../scene/gif-export.js';
import { scenePalette, type ThemeName } from '../../theme.js';
import { SliceWorker } from '../../workers/regions-client.js';
import { startTrainingWorker, type RunSnapshot, type TrainingWorkerClient } from '../../workers/training-client.js';
import { sliceOf, TrainingCells } from './training-cells.js';
import { drawPicture, type PictureInput } from './training-picture.js';

/** Frames per second of the video (and of the GIF: GIF_MAX_FPS). */
export const TRAINING_VIDEO_FPS = GIF_MAX_FPS;

/** What the user chose: where the video starts, how many steps it covers, and steps per frame. */
export interface TrainingVideoSettings {
  readonly from: 'start' | 'current';
  readonly steps: number;
  readonly stepsPerFrame: number;
}

/**
 * What each snapshot of a run computes besides the losses: the exact partition (2D polygons or
 * 3D cells) of a ReLU-family network in the cube [−radius, radius]^d, nothing for the others.
 */
export function snapshotOptionsFor(activation: TrainingSetup['activation'], inputs: 2 | 3, radius: number): SnapshotOptions {
  const relu = activation === 'relu' || activation === 'leaky-relu';
  return { regions: relu ? 'packed' : 'none', box: { min: Array(inputs).fill(-radius), max: Array(inputs).fill(radius) } };
}

/** Frames of a video of `steps` steps at `stepsPerFrame`: the start, then one per stride (the last may be shorter). */
export function trainingVideoFrames(settings: Pick<TrainingVideoSettings, 'steps' | 'stepsPerFrame'>): number {
  return 1 + Math.ceil(settings.steps / settings.stepsPerFrame);
}

/** The steps taken before frame k (k ≥ 1): a full stride, or what is left of the N steps. */
export function strideBefore(k: number, settings: Pick<TrainingVideoSettings, 'steps' | 'stepsPerFrame'>): number {
  return Math.min(settings.stepsPerFrame, settings.steps - (k - 1) * settings.stepsPerFrame);
}

/** Checks the settings field by field; returns the message of the first bad one, keyed by field. */
export function checkVideoSettings(s: TrainingVideoSettings): Partial<Record<'steps' | 'stepsPerFrame', string>> {
  const errors: Partial<Record<'steps' | 'stepsPerFrame', string>> = {};
  if (!Number.isInteger(s.steps) || s.steps < 1 || s.steps > 100_000) errors.steps = `Steps must be a whole number from 1 to 100000, not “${s.steps}”.`;
  if (!Number.isInteger(s.stepsPerFrame) || s.stepsPerFrame < 1 || s.stepsPerFrame > 10_000) errors.stepsPerFrame = `Steps per frame must be a whole number from 1 to 10000, not “${s.stepsPerFrame}”.`;
  else if (!errors.steps && trainingVideoFrames(s) > 3000) errors.stepsPerFrame = `That is ${trainingVideoFrames(s)} frames; at most 3000 (raise the steps per frame).`;
  return errors;
}

/** What the lab tells the video about itself when an export starts. */
export interface TrainingVideoSource {
  readonly setup: TrainingSetup;
  /** The run shown now: its step and weights (a replay from the seeds reaches them bit for bit). */
  readonly current: { readonly step: number; readonly net: ReluNet };
  readonly snapshotOptions: SnapshotOptions;
  readonly theme: ThemeName;
  /** The picture's settings (2D frames); net and regions are each frame's. */
  readonly picture: Omit<PictureInput, 'net' | 'regions'>;
  /** The picture's box on screen, for the size of the frames. */
  readonly box: HTMLElement;
}

/**
 * Replays a run in a worker of its own, one snapshot per call: `next(count)` takes `count` steps
 * (0 for the start) and resolves with the snapshot the worker posts for them.
 */
class Replay {
  readonly #client: TrainingWorkerClient;
  readonly #waiting: ((s: RunSnapshot) => void)[] = [];
  readonly #arrived: RunSnapshot[] = [];

  constructor() {
    this.#client = startTrainingWorker((snapshot) => {
      const resolve = this.#waiting.shift();
      if (resolve) resolve(snapshot);
      else this.#arrived.push(snapshot);
    });
  }

  #snapshot(): Promise<RunSnapshot> {
    const ready = this.#arrived.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => this.#waiting.push(resolve));
  }

  async start(source: TrainingVideoSource, from: 'start' | 'current'): Promise<RunSnapshot> {
    await this.#client.setSnapshotOptions(source.snapshotOptions);
    const start = from === 'start' ? 0 : source.current.step;
    // restore(setup, 0, net) begins at the seeded network when net is it; from the current step it replays.
    const snapshot = this.#snapshot();
    if (start === 0 && from === 'start') await this.#client.configure(source.setup);
    else await this.#client.restore(source.setup, start, source.current.net);
    return snapshot;
  }

  async next(count: number): Promise<RunSnapshot> {
    const snapshot = this.#snapshot();
    await this.#client.step(count);
    return snapshot;
  }

  dispose(): void {
    this.#client.dispose();
  }
}

/** Draws "step N" in the frame's corner (CSS pixels; ctx scaled). */
function drawStep(ctx: CanvasRenderingContext2D, snapshot: RunSnapshot, theme: ThemeName, width: number): void {
  const palette = scenePalette(theme);
  ctx.font = '600 13px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillStyle = palette.text;
  ctx.fillText(`step ${snapshot.step}`, width - 10, 8);
}

/**
 * Renders the video: the replay's snapshots frame by frame into an off-screen canvas the size
 * of the picture on screen. With `cells`, the 3D cells (and the slicing plane, if on) are drawn
 * from a view built like the lab's and the user's camera; otherwise the 2D picture.
 */
export async function exportTrainingVideo(
  source: TrainingVideoSource,
  settings: TrainingVideoSettings,
  cells: TrainingCells | undefined,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<VideoFile> {
  const gif = exportOptions().animation === 'gif';
  const { exportVideo } = gif ? await import('../../scene/gif-capture.js') : await import('../../scene/video-export.js');
  const { width: cssWidth, height: cssHeight } = source.box.getBoundingClientRect();
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const frame = document.createElement('canvas');
  frame.width = Math.max(2, Math.round(cssWidth * ratio));
  frame.height = Math.max(2, Math.round(cssHeight * ratio));
  const ctx = frame.getContext('2d', { alpha: false })!;
  const frames = trainingVideoFrames(settings);
  const replay = new Replay();
  let gl: { renderer: WebGLRenderer; scene: ReturnType<TrainingCells['build']>; slices: SliceWorker } | undefined;
  try {
    let snapshot = await replay.start(source, settings.from);
    if (cells) {
      const canvas = document.createElement('canvas');
      const renderer = new WebGLRenderer({ canvas, antialias: true });
      renderer.outputColorSpace = SRGBColorSpace;
      renderer.setPixelRatio(ratio);
      renderer.setSize(cssWidth, cssHeight, false);
      const scene = cells.build(source.theme, canvas);
      const pose = cells.scene.view?.cameraPose();
      if (pose) scene.applyCameraPose(pose);
      scene.setViewport(cssWidth, cssHeight, frame.width, frame.height, ratio);
      gl = { renderer, scene, slices: new SliceWorker() };
    }
    let shown = -1;
    const prepare = async (k: number) => {
      if (k === shown) return;
      if (k > 0) snapshot = await replay.next(strideBefore(k, settings));
      shown = k;
      if (gl) {
        const packed = TrainingCells.cellsOf(snapshot);
        if (packed) gl.scene.showPartition(packed, snapshot.cells);
        if (cells!.slice.on && packed) gl.scene.setSlice(await sliceOf(gl.slices, snapshot.net as ReluNet, source.picture.radius, cells!.slice.at));
      }
    };
    return await exportVideo({
      canvas: frame,
      duration: frames / TRAINING_VIDEO_FPS,
      fps: TRAINING_VIDEO_FPS,
      prepareFrame: (t) => prepare(Math.min(frames - 1, Math.round(t * TRAINING_VIDEO_FPS))),
      renderFrame: () => {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        if (gl) {
          gl.renderer.render(gl.scene.scene, gl.scene.camera);
          ctx.drawImage(gl.renderer.domElement, 0, 0, frame.width, frame.height);
          ctx.scale(ratio, ratio);
        } else {
          ctx.scale(ratio, ratio);
          drawPicture(ctx, cssWidth, cssHeight, { ...source.picture, net: snapshot.net as ReluNet, regions: snapshot.regions as PackedRegions | undefined }, source.theme);
        }
        drawStep(ctx, snapshot, source.theme, cssWidth);
      },
      onProgress,
      signal,
    });
  } finally {
    replay.dispose();
    if (gl) {
      gl.slices.dispose();
      gl.scene.dispose();
      gl.renderer.dispose();
      gl.renderer.forceContextLoss();
    }
  }
}

/** The video's settings and their fields, mounted in the lab's export section. */
export class TrainingVideo {
  settings: TrainingVideoSettings = { from: 'start', steps: 200, stepsPerFrame: 10 };
  errors: Partial<Record<'steps' | 'stepsPerFrame', string>> = {};

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => TrainingVideoSource,
    private readonly cells: TrainingCells,
  ) {}

  /** The export panel's video exporter. */
  readonly exporter = (onProgress: (fraction: number) => void, signal: AbortSignal): Promise<VideoFile> => {
    const errors = checkVideoSettings(this.settings);
    if (errors.steps || errors.stepsPerFrame) return Promise.reject(new Error(errors.steps ?? errors.stepsPerFrame));
    return exportTrainingVideo(this.source(), this.settings, this.cells.active ? this.cells : undefined, onProgress, signal);
  };

  #set(field: 'steps' | 'stepsPerFrame', value: string): void {
    const next = { ...this.settings, [field]: Number(value) };
    const errors = checkVideoSettings(next);
    this.errors = errors;
    if (!errors.steps && !errors.stepsPerFrame) this.settings = next;
    this.host.requestUpdate();
  }

  controls() {
    const frames = trainingVideoFrames(this.settings);
    return html`<div class="grid" data-testid="video-settings">
      <label for="video-from">video from</label>
      <select id="video-from" data-testid="video-from" @change=${(e: Event) => { this.settings = { ...this.settings, from: (e.target as HTMLSelectElement).value as 'start' | 'current' }; this.host.requestUpdate(); }}>
        <option value="start" ?selected=${this.settings.from === 'start'}>step 0</option>
        <option value="current" ?selected=${this.settings.from === 'current'}>the current step</option>
      </select>
      <label for="video-steps">steps</label>
      <input id="video-steps" type="number" min="1" max="100000" step="1" data-testid="video-steps" .value=${String(this.settings.steps)} aria-invalid=${this.errors.steps ? 'true' : 'false'}
        @change=${(e: Event) => this.#set('steps', (e.target as HTMLInputElement).value)} />
      <label for="video-stride">steps per frame</label>
      <input id="video-stride" type="number" min="1" max="10000" step="1" data-testid="video-stride" .value=${String(this.settings.stepsPerFrame)} aria-invalid=${this.errors.stepsPerFrame ? 'true' : 'false'}
        @change=${(e: Event) => this.#set('stepsPerFrame', (e.target as HTMLInputElement).value)} />
      ${this.errors.steps || this.errors.stepsPerFrame ? html`<span class="error" role="alert">${this.errors.steps ?? this.errors.stepsPerFrame}</span>` : nothing}
      <span class="note" style="grid-column: 1 / -1" data-testid="video-summary">${frames} frames at ${TRAINING_VIDEO_FPS} per second (${(frames / TRAINING_VIDEO_FPS).toFixed(1)} s), replayed in a worker of its own: the run on screen goes on.</span>
    </div>`;
  }
}
