/**
 * The Training lab's 3D cells, mounted on the lab by a few lines: the view's own settings (3D
 * cells or the 2D slice picture, colouring, explode, opacity, the slicing plane), the lab's scene
 * (LabView.addScene, so the camera is the user's across snapshots, theme switches and projects),
 * and the slicing plane's partition from a worker of its own. Each snapshot the page shows hands
 * its partition (computed in the training worker) to the scene, which swaps buffers in place.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { PackedRegions, ReluNet } from '../../../src/regions/index.js';
import type { Dataset, TrainingActivation } from '../../../src/training/index.js';
import { scenePalette, type ExportLook } from '../../theme.js';
import type { SceneController } from '../../scene/scene-controller.js';
import { SliceWorker } from '../../workers/regions-client.js';
import { CancelledError } from '../../workers/worker-job.js';
import type { RunSnapshot } from '../../workers/training-client.js';
import { TrainingCellsScene, type CellsLook } from './training-scene3d.js';

/** What the cells are drawn from: the lab's current data, activation and latest snapshot. */
export interface CellsInput {
  readonly data: Dataset;
  readonly activation: TrainingActivation;
  readonly snapshot: RunSnapshot | undefined;
  readonly radius: number;
}

/** The slicing plane as the user set it. */
export interface SliceSetting {
  readonly on: boolean;
  readonly at: number;
}

/** A slicing plane's partition and the network it was computed for. */
interface SliceShown {
  readonly at: number;
  readonly packed: PackedRegions;
  readonly cellLayers: Uint8Array | undefined;
  readonly net: ReluNet;
}

export const DEFAULT_CELLS_LOOK: CellsLook = { coloring: 'region', explode: 0, opacity: 0.35 };

const isRelu = (a: TrainingActivation) => a === 'relu' || a === 'leaky-relu';

/** The slicing plane's partition of `net` at x₃ = at, from `worker` (sliceNetwork + the exact 2D partition). */
export async function sliceOf(worker: SliceWorker, net: ReluNet, radius: number, at: number): Promise<SliceShown> {
  const result = await worker.start(net, radius, at).result;
  return { at, packed: result.packed, cellLayers: result.cellLayers, net };
}

export class TrainingCells {
  /** 'cells': the 3D partition; 'slice': the 2D picture of the slice x₃ = 0 (as before). */
  view: 'cells' | 'slice' = 'cells';
  look: CellsLook = DEFAULT_CELLS_LOOK;
  slice: SliceSetting = { on: false, at: 0 };
  /** The slicing plane's partition shown, and a failure to compute it. */
  #slice: SliceShown | undefined;
  sliceError = '';
  readonly #sliceWorker = new SliceWorker();
  #slicing = false;
  #nextAt = 0;
  #busy = false;
  #later: ReturnType<typeof setTimeout> | undefined;
  /**
   * Whether the cells have been on screen during this visit: until then the stage has no container,
   * so the scene controller builds no WebGL view for 2D data (or for 3D data shown as a slice).
   */
  #wanted = false;
  readonly scene: SceneController<TrainingCellsScene>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    addScene: (container: string, build: (look: ExportLook) => TrainingCellsScene) => SceneController<TrainingCellsScene>,
    private readonly input: () => CellsInput,
  ) {
    this.scene = addScene('.cells3d', (look) => this.build(look, this.scene.canvas!));
    host.addController({
      hostDisconnected: () => {
        this.#sliceWorker.dispose();
        this.#wanted = false;
        clearTimeout(this.#later);
        this.#later = undefined;
      },
    });
  }

  /** Whether the 3D cells are on screen (3-input data, a ReLU-family network, the cells view). */
  get active(): boolean {
    const { data, activation } = this.input();
    return data.inputs === 3 && isRelu(activation) && this.view === 'cells';
  }

  /** The partition of a snapshot, when it is a 3D one. */
  static cellsOf(snapshot: RunSnapshot | undefined): PackedRegions | undefined {
    const r = snapshot?.regions as PackedRegions | undefined;
    return r?.dim === 3 ? r : undefined;
  }

  /** A view of the current snapshot in `look` (the lab's builder; also the video's). */
  build(look: ExportLook, canvas: HTMLCanvasElement): TrainingCellsScene {
    const { data, snapshot, radius } = this.input();
    const packed = TrainingCells.cellsOf(snapshot);
    const scene = new TrainingCellsScene(undefined, data, radius, this.look, scenePalette(look), look === 'dark', canvas, () => this.scene.requestRender());
    if (packed) scene.showPartition(packed, snapshot!.cells);
    if (this.#slice && this.slice.on && packed && this.#slice.net === snapshot?.net) scene.setSlice(this.#slice);
    return scene;
  }

  /** Brings the scene to the snapshot shown (at most once per snapshot; the page only uploads buffers). */
  show(snapshot: RunSnapshot | undefined): void {
    const view = this.scene.view;
    const packed = TrainingCells.cellsOf(snapshot);
    if (!view || !packed || !this.active || view.partition === packed) return;
    // One partition at a time: the next waits until this one is drawn (its buffers uploaded and
    // the GPU caught up, as the next animation frame shows), then as long again, so a big
    // partition on a slow GPU takes at most half the page's time and clicks still get through.
    const start = performance.now();
    if (this.#busy) return;
    if (start < this.#nextAt) {
      this.#later ??= setTimeout(() => {
        this.#later = undefined;
        this.show(this.input().snapshot);
      }, this.#nextAt - start);
      return;
    }
    this.#busy = true;
    view.showPartition(packed, snapshot!.cells);
    // For benchmarks and tests: the page's time to take one snapshot's cells, and to have them on screen.
    performance.measure('hinge:training-cells-applied', { start });
    this.scene.requestRender();
    this.host.requestUpdate();
    void this.scene.nextFrame().then(() => requestAnimationFrame(() => {
      const now = performance.now();
      performance.measure('hinge:training-cells-shown', { start });
      this.#nextAt = now + (now - start);
      this.#busy = false;
      if (this.host.isConnected) this.show(this.input().snapshot);
    }));
    this.#requestSlice();
  }

  /** The data or the network's shape changed: a new view (the points move; the camera stays). */
  rebuild(): void {
    this.#slice = undefined;
    this.scene.rebuild();
  }

  setLook(patch: Partial<CellsLook>): void {
    this.look = { ...this.look, ...patch };
    this.scene.view?.setLook(this.look);
    this.scene.requestRender();
    this.host.requestUpdate();
  }

  setView(view: 'cells' | 'slice'): void {
    this.view = view;
    this.host.requestUpdate();
    // The cells may have missed snapshots while the slice picture was shown.
    void this.host.updateComplete.then(() => this.show(this.input().snapshot));
  }

  setSlice(patch: Partial<SliceSetting>): void {
    this.slice = { ...this.slice, ...patch };
    this.host.requestUpdate();
    if (!this.slice.on) {
      this.#slice = undefined;
      this.scene.view?.setSlice(undefined);
      this.scene.requestRender();
    } else this.#requestSlice();
  }

  /** Number of regions on the slicing plane shown, if any. */
  get sliceCount(): number | undefined {
    return this.slice.on ? this.scene.view?.slice?.count : undefined;
  }

  /**
   * Asks the slice worker for the slicing plane of the snapshot shown; one at a time, and when it
   * answers for a network no longer shown, asks again for the newest.
   */
  #requestSlice(): void {
    if (!this.slice.on || this.#slicing || !this.active) return;
    const snapshot = this.input().snapshot;
    const { radius } = this.input();
    if (!snapshot || !TrainingCells.cellsOf(snapshot)) return;
    const at = this.slice.at;
    if (this.#slice && this.#slice.net === snapshot.net && this.#slice.at === at && this.scene.view?.slice) return;
    this.#slicing = true;
    sliceOf(this.#sliceWorker, snapshot.net as ReluNet, radius, at)
      .then((slice) => {
        this.sliceError = '';
        this.#slice = slice;
        const view = this.scene.view;
        if (view && this.slice.on && this.input().snapshot === snapshot && view.partition === TrainingCells.cellsOf(snapshot)) {
          view.setSlice(slice);
          this.scene.requestRender();
        }
      })
      .catch((error: Error) => {
        if (!(error instanceof CancelledError)) this.sliceError = error.message;
      })
      .finally(() => {
        this.#slicing = false;
        this.host.requestUpdate();
        const now = this.input().snapshot;
        if (this.slice.on && (now !== snapshot || this.slice.at !== at)) this.#requestSlice();
      });
  }

  /**
   * The canvas's place: rendered the first time the cells are shown in a visit (the scene
   * controller then attaches its canvas and builds the view), and kept from then on, hidden while
   * the cells are not shown, since the scene keeps its canvas until the lab is left.
   */
  stage() {
    if (this.active) this.#wanted = true;
    if (!this.#wanted) return nothing;
    return html`<div class="cells3d" data-testid="training-cells" ?hidden=${!this.active}></div>`;
  }

  /** The view's controls (3-input data only). */
  controls() {
    const { data, activation } = this.input();
    if (data.inputs !== 3) return nothing;
    if (!isRelu(activation)) {
      return html`<span class="note" data-testid="cells-unavailable">Exact linear regions exist only for ReLU and leaky ReLU: the picture is the slice x₃ = 0.</span>`;
    }
    const cells = this.view === 'cells';
    const packed = TrainingCells.cellsOf(this.input().snapshot);
    return html`<span class="cells-controls">
      <select aria-label="What the picture shows" data-testid="cells-view" style="width:auto" @change=${(e: Event) => this.setView((e.target as HTMLSelectElement).value as 'cells' | 'slice')}>
        <option value="cells" ?selected=${cells}>3D cells</option>
        <option value="slice" ?selected=${!cells}>slice x₃ = 0</option>
      </select>
      ${cells ? html`
        <span data-testid="cells-count" data-value=${String(this.scene.view?.partition?.count ?? '')}>${packed ? `${this.scene.view?.partition?.count ?? packed.count} cells` : ''}</span>
        <select aria-label="Cell colour" data-testid="cells-coloring" style="width:auto" @change=${(e: Event) => this.setLook({ coloring: (e.target as HTMLSelectElement).value as CellsLook['coloring'] })}>
          <option value="region" ?selected=${this.look.coloring === 'region'}>colour: region</option>
          <option value="output" ?selected=${this.look.coloring === 'output'}>colour: output f</option>
        </select>
        <label title="Move the cells apart to see inside">explode <input type="range" min="0" max="1.5" step="0.05" aria-label="Explode" data-testid="cells-explode" .value=${String(this.look.explode)}
          @input=${(e: Event) => this.setLook({ explode: Number((e.target as HTMLInputElement).value) })} /></label>
        <label title="See-through cells">opacity <input type="range" min="0.1" max="1" step="0.05" aria-label="Opacity" data-testid="cells-opacity" .value=${String(this.look.opacity)}
          @input=${(e: Event) => this.setLook({ opacity: Number((e.target as HTMLInputElement).value) })} /></label>
        <label><input type="checkbox" data-testid="cells-slice-on" .checked=${this.slice.on} @change=${(e: Event) => this.setSlice({ on: (e.target as HTMLInputElement).checked })} /> slicing plane x₃ =</label>
        <input type="range" min=${-this.input().radius} max=${this.input().radius} step="0.01" aria-label="Slicing plane height" data-testid="cells-slice-at" .value=${String(this.slice.at)}
          @input=${(e: Event) => this.setSlice({ at: Number((e.target as HTMLInputElement).value), on: true })} />
        <span>${this.slice.at.toFixed(2)}${this.sliceCount === undefined ? '' : html` · <span data-testid="cells-slice-count">${this.sliceCount}</span> regions on it`}</span>
        ${this.sliceError ? html`<span class="error" role="alert">${this.sliceError}</span>` : nothing}` : nothing}
    </span>`;
  }
}
