/**
 * The Training lab's worker: holds one training session and runs it frame by frame while playing
 * (createTrainingLoop), posting a snapshot per frame to the page's callback — weights, losses,
 * accuracy, spectra, gradient norms and, when asked, the exact regions in transferable arrays.
 * Between frames it returns to its event loop, so pause, step, reset and a new speed are handled
 * at once and the page never waits on training.
 */
import { expose, transfer } from 'comlink';
import {
  TrainingSettingsError, createTrainingLoop, fineTuneComparison,
  type FineTuneComparison, type FineTuneComparisonOptions, type FineTuneProgress, type LoopSnapshot, type SnapshotOptions, type TrainingSetup,
} from '../../src/training/index.js';
import type { ReluNet } from '../../src/regions/index.js';
import { cellMesh, cellMeshBuffers, type CellMesh } from '../labs/regions/cell-mesh.js';

/** A frame: at most this often a tick runs `speed` steps and posts a snapshot (about 60 per second). */
export const FRAME_MS = 16;

/** A refused setting as it crosses to the page (comlink keeps only name and message of errors). */
export interface SettingsRefusal {
  readonly field: string;
  readonly message: string;
}

/** Every control answers undefined, or the refusal naming the bad field. */
export type ControlResult = SettingsRefusal | undefined;

/** A snapshot tagged with the run it belongs to (the number the page gave configure or restore). */
export interface RunSnapshot extends LoopSnapshot {
  readonly run: number;
  /** A 3D partition's triangles and edges, built here so the page only uploads them. */
  readonly cells?: CellMesh;
}

export type SnapshotListener = (snapshot: RunSnapshot) => void;

let listener: SnapshotListener | undefined;
/** The page's number for the current run: snapshots of an older run are told apart by it. */
let run = 0;

function post(snapshot: LoopSnapshot): void {
  const r = snapshot.regions;
  const buffers = r
    ? [r.patterns.buffer, r.measures.buffer, r.gradients.buffer, r.constants.buffer, r.interiors.buffer, r.coords.buffer, r.cornerStart.buffer, r.faceWords.buffer, r.faceStart.buffer]
    : [];
  const cells = r?.dim === 3 ? cellMesh(r) : undefined;
  if (cells) buffers.push(...cellMeshBuffers(cells));
  listener?.(transfer({ ...snapshot, run, ...(cells ? { cells } : {}) }, buffers as ArrayBuffer[]));
}

const loop = createTrainingLoop({
  schedule: (tick) => setTimeout(tick, FRAME_MS),
  now: () => performance.now(),
  post,
});

/** Runs a control, turning a refused setting into a value the page can show at its field. */
function control(f: () => void): ControlResult {
  try {
    f();
    return undefined;
  } catch (error) {
    if (error instanceof TrainingSettingsError) return { field: error.field, message: error.message };
    throw error;
  }
}

const api = {
  /** Where snapshots go (a comlink proxy of the page's callback). */
  subscribe(callback: SnapshotListener): void {
    listener = callback;
  },
  configure: (setup: TrainingSetup, id = 0): ControlResult => control(() => {
    run = id;
    loop.configure(setup);
  }),
  /** Reopens a saved run; answers whether the replay gave the saved weights bit for bit. */
  restore(setup: TrainingSetup, step: number, net: ReluNet, id = 0): ControlResult | { exact: boolean } {
    let exact = false;
    return control(() => {
      run = id;
      exact = loop.restore(setup, step, net);
    }) ?? { exact };
  },
  play: (): ControlResult => control(() => loop.play()),
  pause: (): ControlResult => control(() => loop.pause()),
  step: (count: number): ControlResult => control(() => loop.step(count)),
  reset: (): ControlResult => control(() => loop.reset()),
  setSpeed: (stepsPerFrame: number): ControlResult => control(() => loop.setSpeed(stepsPerFrame)),
  setSnapshotOptions: (options: SnapshotOptions): ControlResult => control(() => loop.setSnapshotOptions(options)),
  /**
   * The fine-tuning experiment (full against LoRA of each rank), run to the end in one call; the
   * play loop waits meanwhile (pause it first, or use a second worker to keep both going).
   */
  fineTune(options: FineTuneComparisonOptions, onProgress?: FineTuneProgress): FineTuneComparison | SettingsRefusal {
    let result: FineTuneComparison | undefined;
    return control(() => (result = fineTuneComparison(options, onProgress))) ?? result!;
  },
};

export type TrainingWorkerApi = typeof api;

expose(api);
