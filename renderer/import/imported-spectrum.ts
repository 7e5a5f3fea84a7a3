import { CancelledError } from '../../src/linalg/errors.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { importedData, importedSpectrum, onImportedChanged, rememberSpectrum, type ImportedMatrixRef, type ImportedSpectrum } from './imported-matrices.js';
import { DEFAULT_TOP_K, fullSpectrumAtOnce, startFullSpectrum, startTopSpectrum } from './spectrum-jobs.js';
import type { WorkerJob } from '../workers/worker-job.js';

/** The randomized SVD's seed: fixed, so the same matrix gives the same estimates every time. */
const SEED = 1;

const PHASES: Readonly<Record<string, string>> = {
  bidiagonalize: 'reducing to bidiagonal form',
  iterate: 'iterating towards σ',
  vectors: 'building vectors',
  sketch: 'sketching the range',
  power: 'power iterations',
  project: 'projecting and factoring',
  check: 'checking the error',
  parse: 'preparing',
};

/**
 * The singular values of the imported matrix a panel shows, computed once per matrix and shared
 * through the registry: the full spectrum at once when it is affordable (see fullSpectrumAtOnce),
 * else the top k first, and the full one on request. Progress and cancel; the worker ends with
 * the panel.
 */
export class ImportedSpectrumController implements ReactiveController {
  status: 'idle' | 'running' | 'failed' = 'idle';
  /** Which computation is running. */
  running: 'full' | 'top' | undefined;
  progress = 0;
  phase = '';
  message = '';
  readonly #host: ReactiveControllerHost;
  #ref: ImportedMatrixRef | null = null;
  #job: WorkerJob<ImportedSpectrum> | undefined;
  #stop: (() => void) | undefined;
  /** The user canceled the first computation: do not start it again by itself. */
  #declined = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#stop = onImportedChanged(() => {
      this.#host.requestUpdate();
      this.ensure();
    });
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.cancel(false);
  }

  /** Follows the panel's matrix: a new one cancels work on the old one and starts its own. */
  setRef(ref: ImportedMatrixRef | null): void {
    if (ref?.id === this.#ref?.id) return;
    this.cancel(false);
    this.#ref = ref;
    this.#declined = false;
    this.status = 'idle';
    this.message = '';
    this.ensure();
  }

  /** The values of the current matrix, if they are here. */
  get data(): Float64Array | undefined {
    return this.#ref ? importedData(this.#ref.id) : undefined;
  }

  get full(): ImportedSpectrum | undefined {
    return this.#ref ? importedSpectrum(this.#ref.id, 'full') : undefined;
  }

  get top(): ImportedSpectrum | undefined {
    return this.#ref ? importedSpectrum(this.#ref.id, 'top') : undefined;
  }

  /** The best spectrum known: the full one, else the top k. */
  get best(): ImportedSpectrum | undefined {
    return this.full ?? this.top;
  }

  /** Starts the first computation for the current matrix unless it has a spectrum or one is running. */
  ensure(): void {
    const ref = this.#ref;
    if (!ref || this.#job || this.#declined || this.status === 'failed' || !this.data || this.best) return;
    if (fullSpectrumAtOnce(ref.rows, ref.cols)) this.computeFull();
    else this.computeTop(DEFAULT_TOP_K);
  }

  computeFull(): void {
    this.#start('full', (data, ref, progress) => startFullSpectrum(data, ref.rows, ref.cols, progress));
  }

  computeTop(k: number): void {
    this.#start('top', (data, ref, progress) => startTopSpectrum(data, ref.rows, ref.cols, Math.min(k, ref.rows, ref.cols), SEED, progress));
  }

  /** Stops the running computation; what was computed before stays. */
  cancel(show = true): void {
    const job = this.#job;
    this.#job = undefined;
    this.running = undefined;
    job?.cancel();
    if (show && job) {
      this.#declined = true;
      this.status = 'idle';
      this.message = 'Canceled.';
      this.#host.requestUpdate();
    }
  }

  #start(kind: 'full' | 'top', begin: (data: Float64Array, ref: ImportedMatrixRef, progress: (f: number, phase: string) => void) => WorkerJob<ImportedSpectrum>): void {
    const ref = this.#ref;
    const data = this.data;
    if (!ref || !data) return;
    this.cancel(false);
    this.status = 'running';
    this.running = kind;
    this.progress = 0;
    this.phase = '';
    this.message = '';
    const job = begin(data, ref, (fraction, phase) => {
      if (this.#job !== job) return;
      this.progress = fraction;
      this.phase = PHASES[phase] ?? phase;
      this.#host.requestUpdate();
    });
    this.#job = job;
    this.#host.requestUpdate();
    job.result.then(
      (spectrum) => {
        if (this.#job !== job) return;
        this.#job = undefined;
        this.running = undefined;
        this.status = 'idle';
        rememberSpectrum(ref.id, spectrum);
        this.#host.requestUpdate();
      },
      (error: Error) => {
        if (this.#job !== job) return;
        this.#job = undefined;
        this.running = undefined;
        this.status = error instanceof CancelledError ? 'idle' : 'failed';
        this.message = error instanceof CancelledError ? 'Canceled.' : error.message;
        this.#host.requestUpdate();
      },
    );
  }
}
