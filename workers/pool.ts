/**
 * A pool of simulation workers, independent of the platform: `browser-pool.ts` and `node-pool.ts`
 * only say how to start a worker.
 *
 * A run splits [0, trials) into fixed `CHUNK_TRIALS` chunks by trial index and hands them to idle
 * workers; results are folded in chunk order (early ones wait in a buffer), so the summary is
 * bit-identical for any number of workers (docs/method.md §0). A worker cannot read a cancel message in
 * the middle of a synchronous chunk (maplibre's actor.ts explains why), so cancelling terminates
 * the workers still busy for the run and later runs start new ones as they need them. The latest
 * run wins: starting one rejects the previous with an AbortError (svelte.dev's REPL workers), except
 * that a background run (the app's warm-up, in small pieces) never supersedes another, and the
 * workers of a superseded background run finish their piece rather than being terminated.
 */
import type { Remote } from 'comlink';
import type { Progress, Registry, RequestOfRunner, RunSettings, SummaryOfRunner } from '../src/sim/contract';
import { runners, type DefaultRegistry } from '../src/sim/models';
import {
  abortError,
  type AnyRunner,
  chunkRange,
  lookUpRun,
  OrderedMerge,
  type InThreadRunOptions,
} from '../src/sim/in-thread';
import { FirstChunkSplit, planFirstChunk } from './first-chunk-split';
import type { SimWorkerApi } from './sim-api';

/** One started worker, as the pool sees it. */
export interface WorkerHandle {
  api: Remote<SimWorkerApi>;
  /** Stops the worker at once, mid-chunk if need be. */
  terminate(): void;
  /**
   * Registers the listener for failures outside a call (an uncaught error, an unexpected exit, a
   * script that fails to load): Comlink never settles a call whose worker died, so the pool learns
   * of it here.
   */
  onCrash(listener: (error: Error) => void): void;
}

export interface PoolOptions<R extends Registry = DefaultRegistry> {
  /** most workers started at once; default `defaultPoolSize()` */
  size?: number;
  /** starts one worker; called lazily, again after a cancel or a crash */
  spawn: () => WorkerHandle;
  /** runners used on this thread for `merge` and `summarize`; default the global registry */
  registry?: R;
  /** clock in milliseconds, for throttling progress; default `performance.now` */
  now?: () => number;
  /** least time between two progress reports, ms; default 100 (at most ~10 a second) */
  progressIntervalMs?: number;
}

/** Options of one run; the in-thread runner takes the same. */
export type RunOptions<Sum> = InThreadRunOptions<Sum>;

/**
 * A pool over registry `R` (the app's models by default). `run` is typed by the model map:
 * `run('queue', req)` takes a QueueRequest and resolves with a QueueSummary.
 */
export interface SimPool<R extends Registry = DefaultRegistry> {
  /** the most workers this pool runs at once */
  readonly size: number;
  /**
   * Runs `request.trials` trials of `model` and resolves with the model's summary. Rejects with
   * `{ name: 'AbortError' }` when cancelled or superseded by a newer `run`, and with a
   * `SimWorkerError` when a worker throws or dies.
   */
  run<K extends keyof R & string>(model: K, request: RequestOfRunner<R[K]>, opts?: RunOptions<SummaryOfRunner<R[K]>>): Promise<SummaryOfRunner<R[K]>>;
  /**
   * Starts every worker and waits until each has loaded its modules, so a benchmark or the first
   * run does not pay for start-up. Rejects with the reason if a worker cannot start.
   */
  warm(): Promise<void>;
  /** Cancels the running run, if any (its promise rejects with an AbortError). */
  cancel(): void;
  /** Cancels and terminates every worker; later runs reject. Lets a Node process exit. */
  destroy(): void;
}

/** A worker failed during a run; says which chunk so the failure can be reproduced in one thread. */
export class SimWorkerError extends Error {
  override readonly name = 'SimWorkerError';
  constructor(
    readonly detail: string,
    /** chunk index and its trial range [start, end) */
    readonly chunk: number,
    readonly start: number,
    readonly end: number,
  ) {
    super(`Simulation worker failed: ${detail} (chunk ${chunk}, trials ${start}–${end - 1})`);
  }
}

/** Whether `e` is the rejection of a cancelled or superseded run (not a failure to report). */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string') {
    return (e as { message: string }).message;
  }
  return String(e);
}

/** min(cores, 8): more workers than cores only adds switching, and 8 is plenty for ~10^6 trials. */
export function defaultPoolSize(cores: number | undefined): number {
  return Math.max(1, Math.min(8, Math.floor(cores || 1)));
}

interface Slot {
  handle: WorkerHandle;
  /** the run and chunk this worker computes (part `part` of it when the chunk is split), or null when idle */
  job: { run: RunState; chunk: number; part: number } | null;
  /** rejects `warm()`'s wait for this worker if it dies first */
  onDeath: Array<(error: Error) => void>;
}

interface RunState {
  model: string;
  request: RunSettings;
  opts: RunOptions<unknown>;
  runner: AnyRunner;
  merge: OrderedMerge<unknown>;
  /** the first chunk's parts when it is split across workers (opts.splitFirstChunk) */
  split: FirstChunkSplit | null;
  nextChunk: number;
  doneTrials: number;
  lastProgressAt: number;
  settled: boolean;
  resolve(summary: unknown): void;
  reject(error: unknown): void;
  unlisten(): void;
}

export function createPool<R extends Registry = DefaultRegistry>(options: PoolOptions<R>): SimPool<R> {
  const size = options.size ?? defaultPoolSize(globalThis.navigator?.hardwareConcurrency);
  if (!Number.isInteger(size) || size < 1) throw new Error(`pool size must be a whole number ≥ 1, got ${size}`);
  const registry: Registry = options.registry ?? runners;
  const now = options.now ?? (() => performance.now());
  const interval = options.progressIntervalMs ?? 100;
  // Chunks may run this far ahead of the merge, so a slow worker cannot make early results pile up.
  const window = size * 4;
  const slots: Slot[] = [];
  let current: RunState | null = null;
  let destroyed = false;

  function retire(slot: Slot): void {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    slot.job = null;
    slot.handle.terminate();
  }

  function spawnSlot(): Slot {
    const slot: Slot = { handle: options.spawn(), job: null, onDeath: [] };
    slot.handle.onCrash((error) => {
      const job = slot.job;
      if (!slots.includes(slot)) return;
      retire(slot);
      for (const f of slot.onDeath.splice(0)) f(error);
      if (job && !job.run.settled) fail(job.run, job.chunk, describe(error));
      else if (current) pump(current); // a background run's worker died: the current run may start another
    });
    slots.push(slot);
    return slot;
  }

  function idleSlot(): Slot | null {
    for (const s of slots) if (!s.job) return s;
    return slots.length < size ? spawnSlot() : null;
  }

  /**
   * Ends a run: detaches it from the pool and terminates the workers still busy for it, except for a
   * background run's: they finish their small piece (its result is dropped) and keep their compiled code.
   */
  function settle(st: RunState): void {
    st.settled = true;
    st.unlisten();
    if (current === st) current = null;
    if (st.opts.background) return;
    for (const s of [...slots]) if (s.job?.run === st) retire(s);
  }

  function abort(st: RunState, message: string): void {
    if (st.settled) return;
    settle(st);
    st.reject(abortError(message));
  }

  function fail(st: RunState, chunk: number, detail: string): void {
    if (st.settled) return;
    settle(st);
    const [start, end] = chunkRange(chunk, st.request.trials);
    st.reject(new SimWorkerError(detail, chunk, start, end));
  }

  /** Failures on this thread (a merge, a summary or a callback that threw) end the run as they are. */
  function failHere(st: RunState, error: unknown): void {
    if (st.settled) return;
    settle(st);
    st.reject(error);
  }

  function pump(st: RunState): void {
    while (!st.settled && st.nextChunk < st.merge.chunks && st.nextChunk < st.merge.merged + window) {
      let slot: Slot | null;
      try {
        slot = idleSlot();
      } catch (e) {
        fail(st, st.nextChunk, `could not start a worker: ${describe(e)}`);
        return;
      }
      if (!slot) return;
      const split = st.nextChunk === 0 ? st.split : null;
      if (split) {
        const part = split.next++;
        if (split.handedOut) st.nextChunk++;
        dispatch(slot, st, 0, part, split.ranges[part]);
      } else {
        const chunk = st.nextChunk++;
        dispatch(slot, st, chunk, -1, chunkRange(chunk, st.request.trials));
      }
    }
  }

  /** Trials [start, end) of `chunk` (part `part` of it when split, else −1) on `slot`. */
  function dispatch(slot: Slot, st: RunState, chunk: number, part: number, [start, end]: [number, number]): void {
    const job = { run: st, chunk, part };
    slot.job = job;
    let call: Promise<unknown>;
    try {
      call = slot.handle.api.runChunk(st.model, st.request, start, end);
    } catch (e) {
      call = Promise.reject(e);
    }
    call.then(
      (result) => {
        if (slot.job !== job) return; // the run ended and this worker was retired
        slot.job = null;
        if (!st.settled) receivedPart(st, chunk, job.part, result, end - start);
        else if (current) pump(current); // a background run's piece: the worker is free for the run that superseded it
      },
      (error: unknown) => {
        if (slot.job !== job) return;
        // A worker that threw may hold half-updated scratch state: replace it rather than reuse it.
        retire(slot);
        fail(st, chunk, describe(error));
        if (st.settled && current && current !== st) pump(current);
      },
    );
  }

  /**
   * A part of a split first chunk is folded in trial order with those before it; the preview slice,
   * once complete, is previewed; the chunk joins the merge when every part is in.
   */
  function receivedPart(st: RunState, chunk: number, index: number, part: unknown, trials: number): void {
    const split = st.split;
    if (index < 0 || !split) {
      received(st, chunk, part, trials);
      return;
    }
    st.doneTrials += trials;
    try {
      const { preview, whole } = split.add(index, part);
      if (preview) {
        st.opts.onPreview?.(preview.summary, preview.trials);
        if (st.settled) return; // the callback cancelled or started another run
      }
      if (whole === undefined) {
        pump(st);
        return;
      }
      st.split = null;
      received(st, chunk, whole, 0);
    } catch (e) {
      failHere(st, e);
    }
  }

  function received(st: RunState, chunk: number, part: unknown, trials: number): void {
    const { opts, request } = st;
    try {
      st.merge.add(chunk, part);
      st.doneTrials += trials;
      const t = now();
      if (st.doneTrials === request.trials || t - st.lastProgressAt >= interval) {
        st.lastProgressAt = t;
        opts.onProgress?.({ done: st.doneTrials, total: request.trials } satisfies Progress);
        if (st.settled) return; // the callback cancelled or started another run
      }
      const preview = st.merge.takePreview();
      if (preview) {
        opts.onPreview?.(preview.summary, preview.trials);
        if (st.settled) return;
      }
      if (st.merge.complete) {
        const summary = st.merge.summarize();
        settle(st);
        st.resolve(summary);
        return;
      }
    } catch (e) {
      failHere(st, e);
      return;
    }
    pump(st);
  }

  function run<K extends keyof R & string>(model: K, req: RequestOfRunner<R[K]>, opts: RunOptions<SummaryOfRunner<R[K]>> = {}): Promise<SummaryOfRunner<R[K]>> {
    type Sum = SummaryOfRunner<R[K]>;
    const request = req as RunSettings;
    if (destroyed) return Promise.reject(new Error('the simulation pool was destroyed'));
    let runner;
    try {
      runner = lookUpRun(registry, model, request);
    } catch (e) {
      return Promise.reject(e);
    }
    // A background run (a warm-up) never supersedes a run someone asked for.
    if (opts.background && current && !current.opts.background) return Promise.reject(abortError('Another run is going'));
    if (current) abort(current, 'Superseded by a newer run');
    const signal = opts.signal;
    if (signal?.aborted) return Promise.reject(abortError('Simulation cancelled'));
    return new Promise<Sum>((resolve, reject) => {
      const onAbort = () => abort(st, 'Simulation cancelled');
      const previewTrials = opts.previewTrials ?? 1000;
      const plan = opts.splitFirstChunk ? planFirstChunk(...chunkRange(0, request.trials), size, previewTrials) : null;
      const split = plan && plan.ranges.length > 1 ? new FirstChunkSplit(runner, request, plan) : null;
      const st: RunState = {
        model,
        request,
        opts: opts as RunOptions<unknown>,
        runner,
        // A preview slice inside the split first chunk is the preview; the merge then makes none.
        merge: new OrderedMerge(runner, request, split?.previewParts ? 0 : previewTrials),
        split,
        nextChunk: 0,
        doneTrials: 0,
        lastProgressAt: -Infinity,
        settled: false,
        resolve: resolve as (s: unknown) => void,
        reject,
        unlisten: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      current = st;
      pump(st);
    });
  }

  async function warm(): Promise<void> {
    if (destroyed) throw new Error('the simulation pool was destroyed');
    try {
      while (slots.length < size) spawnSlot();
    } catch (e) {
      throw new Error(`Simulation worker failed to start: ${describe(e)}`);
    }
    await Promise.all(
      slots.map(
        (slot) =>
          new Promise<void>((resolve, reject) => {
            const died = (e: Error) => reject(new Error(`Simulation worker failed to start: ${describe(e)}`));
            slot.onDeath.push(died);
            slot.handle.api.ping().then(
              () => {
                slot.onDeath.splice(slot.onDeath.indexOf(died), 1);
                resolve();
              },
              (e: unknown) => reject(new Error(`Simulation worker failed to start: ${describe(e)}`)),
            );
          }),
      ),
    );
  }

  return {
    size,
    run,
    warm,
    cancel(): void {
      if (current) abort(current, 'Simulation cancelled');
    },
    destroy(): void {
      destroyed = true;
      if (current) abort(current, 'Simulation pool destroyed');
      for (const s of [...slots]) retire(s);
    },
  };
}
