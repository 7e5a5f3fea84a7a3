// The job controller every lab's background work goes through: one job at a time, stale results
// dropped, failures kept for the lab to show, cancelling is not a failure, everything stopped when
// the element leaves.
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/linalg/errors.js';
import { JobController, type ReportProgress } from '../../renderer/labs/job-controller.js';
import type { WorkerJob } from '../../renderer/workers/worker-job.js';

/** A Lit host as the controller sees it: it registers controllers and counts update requests. */
function fakeHost() {
  const controllers: { hostConnected?(): void; hostDisconnected?(): void }[] = [];
  return {
    updates: 0,
    controllers,
    addController(c: (typeof controllers)[number]) {
      controllers.push(c);
    },
    removeController() {},
    requestUpdate() {
      this.updates++;
    },
    get updateComplete() {
      return Promise.resolve(true);
    },
  };
}

/** A job settled by hand; `cancel` rejects with CancelledError as runInWorker does. */
function manualJob<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const result = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  let cancelled = false;
  const job: WorkerJob<T> = {
    result,
    cancel() {
      cancelled = true;
      reject(new CancelledError());
    },
  };
  return { job, resolve, reject, cancelled: () => cancelled };
}

describe('JobController', () => {
  it('reports progress and keeps the result', async () => {
    const host = fakeHost();
    const jobs = new JobController<number>(host);
    const m = manualJob<number>();
    let report!: ReportProgress;
    const done = jobs.run((r) => {
      report = r;
      return m.job;
    });
    expect(jobs.view.status).toBe('running');
    report(0.5, 'bidiagonalize');
    expect(jobs.view).toMatchObject({ status: 'running', progress: 0.5, phase: 'bidiagonalize' });
    m.resolve(42);
    expect(await done).toBe(42);
    expect(jobs.view).toMatchObject({ status: 'done', progress: 1, result: 42, message: '' });
    expect(host.updates).toBeGreaterThanOrEqual(3);
    expect(jobs.started).toBe(1);
  });

  it('cancels the job before when a new one starts, and drops its late result and progress', async () => {
    const jobs = new JobController<string>(fakeHost());
    const first = manualJob<string>();
    const second = manualJob<string>();
    let reportFirst!: ReportProgress;
    const a = jobs.run((r) => {
      reportFirst = r;
      return first.job;
    });
    const b = jobs.run(() => second.job);
    expect(first.cancelled()).toBe(true);
    reportFirst(0.9, 'stale');
    expect(jobs.view.phase).toBe('');
    second.resolve('new');
    expect(await a).toBeUndefined();
    expect(await b).toBe('new');
    expect(jobs.view.result).toBe('new');
  });

  it('drops a superseded result even when its job ignores cancel', async () => {
    const jobs = new JobController<string>(fakeHost());
    let resolveOld!: (v: string) => void;
    const stubborn: WorkerJob<string> = { result: new Promise((r) => (resolveOld = r)), cancel() {} };
    const newer = manualJob<string>();
    const a = jobs.run(() => stubborn);
    const b = jobs.run(() => newer.job);
    resolveOld('old');
    expect(await a).toBeUndefined();
    expect(jobs.view.status).toBe('running');
    newer.resolve('new');
    expect(await b).toBe('new');
  });

  it('keeps a failure message for the lab, and the last good result', async () => {
    const jobs = new JobController<number>(fakeHost());
    const ok = manualJob<number>();
    const okRun = jobs.run(() => ok.job);
    ok.resolve(1);
    await okRun;
    const bad = manualJob<number>();
    const badRun = jobs.run(() => bad.job);
    bad.reject(new Error('The matrix has a NaN at row 3, column 2.'));
    expect(await badRun).toBeUndefined();
    expect(jobs.view).toMatchObject({ status: 'failed', message: 'The matrix has a NaN at row 3, column 2.', result: 1 });
  });

  it('a job that throws while starting fails with its message', async () => {
    const jobs = new JobController<number>(fakeHost());
    expect(
      await jobs.run(() => {
        throw new Error('Workers are not available.');
      }),
    ).toBeUndefined();
    expect(jobs.view).toMatchObject({ status: 'failed', message: 'Workers are not available.' });
  });

  it('cancel is not a failure; the element leaving cancels', async () => {
    const host = fakeHost();
    const jobs = new JobController<number>(host);
    const m = manualJob<number>();
    const run = jobs.run(() => m.job);
    const idle = jobs.whenIdle();
    host.controllers[0]!.hostDisconnected!();
    expect(m.cancelled()).toBe(true);
    expect(await run).toBeUndefined();
    await idle;
    expect(jobs.view.status).toBe('idle');
    expect(jobs.view.message).toBe('');
  });

  it('clear forgets the last result', async () => {
    const jobs = new JobController<number>(fakeHost());
    const m = manualJob<number>();
    const run = jobs.run(() => m.job);
    m.resolve(7);
    await run;
    jobs.clear();
    expect(jobs.view).toMatchObject({ status: 'idle', result: undefined });
  });
});
