/**
 * One run lifecycle, shared by every tab (queue, run-all, buy vs build, leasing): status, progress,
 * preview, result, error, the site it is for, and a per-run token.
 *
 * Why a token: the pool rejects a superseded or cancelled run with an AbortError some time after a
 * newer run has started. A handler that read the lifecycle's *current* status would mark the newer
 * run "Cancelled" while it is still running (and disable its Cancel button). Each `start()` returns
 * a token; every later update goes through it and is dropped once another run has started or this
 * one was cancelled, so a run can only ever change its own status.
 */
import { isAbortError } from '../../workers/pool';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface Progress {
  done: number;
  total: number;
}

/** The handle of one started run. All methods are no-ops once the run is no longer the latest. */
export interface RunToken<Preview, Result> {
  readonly id: number;
  /** the signal the pool listens to: cancelling this run aborts it, and only it */
  readonly signal: AbortSignal;
  live(): boolean;
  step(name: string, total: number): void;
  progress(p: Progress): void;
  preview(s: Preview): void;
  /** the run's result so far (a step finished), status stays running */
  partial(r: Result): void;
  finish(r: Result): void;
  /** ends the run: an AbortError is a cancel (not reported), anything else an error */
  fail(e: unknown): void;
}

export class RunLifecycle<Preview, Result> {
  status = $state<RunStatus>('idle');
  /** the current step's name ('' for one-step runs) */
  step = $state('');
  progress = $state<Progress>({ done: 0, total: 0 });
  /** site (or other subject) the current or last run is for */
  siteId = $state<string | null>(null);
  preview = $state.raw<Preview | null>(null);
  result = $state.raw<Result | null>(null);
  error = $state<string | null>(null);
  /** wall time of the last finished run, ms */
  elapsedMs = $state<number | null>(null);
  /** the time left of a running run, ms, from the pace so far (null before the first step is done) */
  remainingMs = $state<number | null>(null);

  #id = 0;
  #abort: AbortController | null = null;
  #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  get running(): boolean {
    return this.status === 'running';
  }

  /** Whether a run for `siteId` is under way. */
  runningFor(siteId: string): boolean {
    return this.status === 'running' && this.siteId === siteId;
  }

  /**
   * Starts a run for `siteId`, superseding any run of this lifecycle. `keepResult`: the previous
   * result stays on screen until this run finishes (buy vs build keeps its tornado-less result).
   */
  start(siteId: string | null, total: number, keepResult = false): RunToken<Preview, Result> {
    this.#abort?.abort();
    const id = ++this.#id;
    const abort = new AbortController();
    this.#abort = abort;
    const t0 = this.#now();
    this.siteId = siteId;
    this.status = 'running';
    this.step = '';
    this.error = null;
    this.preview = null;
    if (!keepResult) this.result = null;
    this.elapsedMs = null;
    this.remainingMs = null;
    this.progress = { done: 0, total };
    const live = () => id === this.#id && this.status === 'running';
    // Time left from the pace of the current step (steps restart the count).
    let stepT0 = t0;
    return {
      id,
      signal: abort.signal,
      live,
      step: (name, t) => {
        if (!live()) return;
        this.step = name;
        this.progress = { done: 0, total: t };
        stepT0 = this.#now();
        this.remainingMs = null;
      },
      progress: (p) => {
        if (!live()) return;
        this.progress = { done: p.done, total: p.total };
        this.remainingMs = p.done > 0 && p.total >= p.done ? ((this.#now() - stepT0) / p.done) * (p.total - p.done) : null;
      },
      preview: (s) => {
        if (live()) this.preview = s;
      },
      partial: (r) => {
        if (!live()) return;
        this.result = r;
        this.preview = null;
      },
      finish: (r) => {
        if (!live()) return;
        this.result = r;
        this.preview = null;
        this.status = 'done';
        this.elapsedMs = this.#now() - t0;
        this.#abort = null;
      },
      fail: (e) => {
        if (!live()) return;
        this.#abort = null;
        if (isAbortError(e)) this.status = 'cancelled';
        else {
          this.status = 'error';
          this.error = e instanceof Error ? e.message : String(e);
        }
      },
    };
  }

  /** Cancels this lifecycle's run, if one is running; a finished run and its result are left alone. */
  cancel(): void {
    if (this.status !== 'running') return;
    this.#id++;
    this.status = 'cancelled';
    this.preview = null;
    const a = this.#abort;
    this.#abort = null;
    a?.abort();
  }

  /** A run refused before it started (invalid inputs): says why, keeps what is on screen. */
  refuse(message: string): void {
    this.error = message;
  }

  /** Back to nothing run (a scenario was opened): cancels a running run first. */
  reset(): void {
    this.cancel();
    this.#id++;
    this.status = 'idle';
    this.step = '';
    this.progress = { done: 0, total: 0 };
    this.siteId = null;
    this.preview = null;
    this.result = null;
    this.error = null;
    this.elapsedMs = null;
  }
}
