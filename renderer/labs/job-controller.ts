import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CancelledError } from '../../src/linalg/errors.js';
import type { WorkerJob } from '../workers/worker-job.js';

export type JobStatus = 'idle' | 'running' | 'done' | 'failed';

/** What a lab shows of its job: state, progress in [0, 1], the phase's name, an error's message. */
export interface JobView<T> {
  readonly status: JobStatus;
  readonly progress: number;
  readonly phase: string;
  /** The error's message when `failed`; empty otherwise. */
  readonly message: string;
  /** The last result (kept while a newer job runs, so the view does not blank out). */
  readonly result: T | undefined;
}

/** Reports a running job's progress: a fraction in [0, 1] and the phase's name. */
export type ReportProgress = (progress: number, phase?: string) => void;

const IDLE: JobView<never> = { status: 'idle', progress: 0, phase: '', message: '', result: undefined };

/**
 * One kind of background computation of a lab (the spectrum of a big matrix, the regions of a
 * network …), as a Lit ReactiveController. It runs one job at a time: starting a job cancels the
 * one still running, and a result that arrives after a newer job started is dropped — so the view
 * never shows a stale answer. Progress, failure and success land in `view` and re-render the
 * host; a failure's message is shown at the lab (never swallowed); cancelling is not a failure.
 * Everything still running stops when the host leaves the page.
 */
export class JobController<T> implements ReactiveController {
  #view: JobView<T> = IDLE;
  #job: WorkerJob<T> | undefined;
  #generation = 0;
  #idle: (() => void)[] = [];
  /** Jobs started so far (tests and benchmarks count them). */
  started = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get view(): JobView<T> {
    return this.#view;
  }

  get running(): boolean {
    return this.#view.status === 'running';
  }

  /**
   * Starts a job — `start` gets a progress reporter and returns the worker job — cancelling the
   * one before. Resolves with the result, or `undefined` when the job was cancelled, superseded
   * by a newer one, or failed (its message is then in `view.message`).
   */
  async run(start: (report: ReportProgress) => WorkerJob<T>): Promise<T | undefined> {
    this.#job?.cancel();
    const generation = ++this.#generation;
    this.started++;
    const current = () => generation === this.#generation;
    this.#set({ status: 'running', progress: 0, phase: '', message: '', result: this.#view.result });
    let job: WorkerJob<T>;
    try {
      job = start((progress, phase = '') => {
        if (current()) this.#set({ ...this.#view, progress, phase });
      });
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
    this.#job = job;
    try {
      const result = await job.result;
      if (!current()) return undefined;
      this.#job = undefined;
      this.#set({ status: 'done', progress: 1, phase: '', message: '', result });
      return result;
    } catch (error) {
      if (!current()) return undefined;
      this.#job = undefined;
      if (error instanceof CancelledError) this.#set({ ...IDLE, result: this.#view.result });
      else this.#fail(error);
      return undefined;
    }
  }

  /** Stops the running job, if any; the last result stays. */
  cancel(): void {
    if (!this.#job) return;
    this.#generation++;
    this.#job.cancel();
    this.#job = undefined;
    this.#set({ ...IDLE, result: this.#view.result });
  }

  /** Forgets the last result and any failure (e.g. when the input it answered is gone). */
  clear(): void {
    this.cancel();
    this.#set(IDLE);
  }

  /** Resolves once no job is running. */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.cancel();
  }

  #fail(error: unknown): void {
    this.#job = undefined;
    const message = error instanceof Error ? error.message : String(error);
    this.#set({ status: 'failed', progress: 0, phase: '', message, result: this.#view.result });
  }

  #set(view: JobView<T>): void {
    this.#view = view;
    this.host.requestUpdate();
    if (view.status !== 'running') {
      const waiting = this.#idle;
      this.#idle = [];
      for (const resolve of waiting) resolve();
    }
  }
}
