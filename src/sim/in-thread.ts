/**
 * Running a model on the calling thread, chunk by chunk, exactly as the worker pool does.
 *
 * The ordered merge lives here so the pool (`workers/pool.ts`) and this runner fold chunks the same
 * way: fixed `CHUNK_TRIALS` chunks by trial index, merged in ascending chunk order, so a summary
 * is bit-identical whether one thread or eight computed it (docs/method.md §0 "Worker-count invariance").
 */
import { CHUNK_TRIALS, MAX_TRIALS, runnerFor, type AnyRunner, type Progress, type Registry, type RequestOfRunner, type RunSettings, type SummaryOfRunner } from './contract';
import { runners, type DefaultRegistry } from './models';

export type { AnyRunner };
/** Runners by model name: the global registry by default, a test's own models in tests. */
export type RunnerRegistry = Registry;

/** Number of fixed-size chunks covering [0, trials). */
export function chunkCount(trials: number): number {
  return Math.ceil(trials / CHUNK_TRIALS);
}

/** Trial range [start, end) of chunk `index`. */
export function chunkRange(index: number, trials: number): [start: number, end: number] {
  const start = index * CHUNK_TRIALS;
  return [start, Math.min(trials, start + CHUNK_TRIALS)];
}

/**
 * The runner for `model`, or an error naming the problem: the pool and the in-thread runner refuse
 * a run before any chunk starts rather than failing inside a worker.
 */
export function lookUpRun(registry: RunnerRegistry, model: string, request: RunSettings): AnyRunner {
  const runner = runnerFor(registry, model);
  if (!runner) throw new Error(`Unknown simulation model "${String(model).slice(0, 80)}"`);
  const t = request?.trials;
  if (!Number.isInteger(t) || t < 1 || t > MAX_TRIALS) {
    throw new Error(`trials: must be a whole number from 1 to ${MAX_TRIALS}, got ${String(t)}`);
  }
  return runner;
}

/**
 * Folds chunk results in ascending chunk order whatever order they arrive in, buffering early ones.
 * Also produces the one preview: the summary of exactly the first `previewChunks` chunks.
 *
 * A part may cover several consecutive chunks already folded in order (`span`): a sweep shard's
 * block of chunks. Folding blocks in order gives the same totals as folding their chunks, since
 * partials are integer counts and trial-ordered rows. A merge may also cover only chunks
 * [first, chunks) of the run (`range`): what one shard computes.
 */
export class OrderedMerge<Sum = unknown> {
  /** one past the last chunk this merge folds (the run's chunk count unless a range is given) */
  readonly chunks: number;
  /** the first chunk this merge folds */
  readonly first: number;
  /** trials folded so far (a prefix of [first chunk's start, trials)) */
  mergedTrials = 0;
  private next: number;
  private acc: unknown = undefined;
  private readonly early = new Map<number, { part: unknown; span: number }>();
  private readonly previewChunks: number;
  private preview: { merged: unknown; trials: number } | null = null;

  /**
   * @param previewTrials trials in the preview, rounded up to whole chunks; no preview when it is
   *   not below the run's trial count (the final summary would be the same).
   * @param range chunks [first, end) to fold; default every chunk of the run
   */
  constructor(
    private readonly runner: AnyRunner,
    private readonly request: RunSettings,
    previewTrials = 0,
    range?: readonly [first: number, end: number],
  ) {
    const all = chunkCount(request.trials);
    this.first = range?.[0] ?? 0;
    this.chunks = range?.[1] ?? all;
    if (!(Number.isInteger(this.first) && Number.isInteger(this.chunks) && this.first >= 0 && this.first <= this.chunks && this.chunks <= all)) {
      throw new Error(`chunk range [${this.first}, ${this.chunks}) is not within the run's ${all} chunks`);
    }
    this.next = this.first;
    const p = previewTrials > 0 && this.first === 0 ? chunkCount(previewTrials) : 0;
    this.previewChunks = p > 0 && p < this.chunks ? p : 0;
  }

  get complete(): boolean {
    return this.next === this.chunks;
  }

  /** Chunks merged so far; chunk `merged` is the next one the merge waits for. */
  get merged(): number {
    return this.next;
  }

  /** Adds the partial result of chunks [index, index + span); folds every part now in sequence. */
  add(index: number, part: unknown, span = 1): void {
    if (index < this.next || this.early.has(index) || span < 1 || index + span > this.chunks) {
      throw new Error(`chunks ${index}–${index + span - 1} overlap chunks already merged or lie outside [${this.first}, ${this.chunks})`);
    }
    if (index !== this.next) {
      this.early.set(index, { part, span });
      return;
    }
    this.fold(part, span);
    while (this.early.has(this.next)) {
      const e = this.early.get(this.next) as { part: unknown; span: number };
      this.early.delete(this.next);
      this.fold(e.part, e.span);
    }
  }

  /**
   * The preview summary, once, after its chunks were merged; otherwise undefined. It is computed
   * from a copy taken when the last preview chunk was folded: chunks that arrived early may have
   * been folded since in the same `add`, and later merges mutate the merged value in place.
   */
  takePreview(): { summary: Sum; trials: number } | undefined {
    const p = this.preview;
    if (!p) return undefined;
    this.preview = null;
    const summary = this.runner.summarize({ ...this.request, trials: p.trials }, p.merged) as Sum;
    return { summary, trials: p.trials };
  }

  summarize(): Sum {
    if (!this.complete || this.first !== 0) throw new Error(`summary asked for after chunks ${this.first}–${this.next - 1} of ${this.chunks}`);
    return this.runner.summarize(this.request, this.acc) as Sum;
  }

  /** The merged partial of every chunk folded so far (undefined before the first): a shard's block. */
  partial(): unknown {
    return this.acc;
  }

  private fold(part: unknown, span: number): void {
    this.acc = this.next === this.first ? part : this.runner.merge(this.acc, part);
    this.next += span;
    this.mergedTrials = chunkRange(this.next - 1, this.request.trials)[1];
    if (this.next === this.previewChunks) this.preview = { merged: structuredClone(this.acc), trials: this.mergedTrials };
  }
}

/** Runs every chunk in order on this thread and returns the summary (tests, CLI with one worker). */
export function runInThread<R extends Registry = DefaultRegistry, K extends keyof R & string = keyof R & string>(
  model: K,
  request: RequestOfRunner<R[K]>,
  registry: R = runners as unknown as R,
): SummaryOfRunner<R[K]> {
  type Sum = SummaryOfRunner<R[K]>;
  const runner = lookUpRun(registry, model, request as RunSettings);
  const merge = new OrderedMerge<Sum>(runner, request as RunSettings);
  for (let i = 0; i < merge.chunks; i++) {
    const [start, end] = chunkRange(i, (request as RunSettings).trials);
    merge.add(i, runner.runChunk(request, start, end));
  }
  return merge.summarize();
}

/** Options of a run; the worker pool takes the same ones. */
export interface InThreadRunOptions<Sum> {
  /** trials done out of trials requested; here after every chunk */
  onProgress?: (progress: Progress) => void;
  /** once, with the summary of the first `previewTrials` trials (rounded up to whole chunks) */
  onPreview?: (summary: Sum, trials: number) => void;
  /** default 1000 */
  previewTrials?: number;
  /**
   * Pool only: split the first chunk across the workers, so a one-chunk preview arrives after a
   * fraction of a chunk's time; with `previewTrials` below a chunk, those first trials are split
   * and previewed first (workers/first-chunk-split.ts). The parts are folded in trial order before
   * the chunk joins the merge. Only for models whose partials are integer counts and trial-ordered
   * rows (the queue model): then the summary is bit-identical; a float sum would change in its last bits.
   */
  splitFirstChunk?: boolean;
  /**
   * A run nobody waits for (the app's warm-up): it never supersedes another run (it is refused with
   * an AbortError while one is going), and when a newer run supersedes it, the pool lets its workers
   * finish their piece instead of terminating them.
   */
  background?: boolean;
  signal?: AbortSignal;
}

/** The rejection of a cancelled or superseded run: an Error named 'AbortError', as fetch uses. */
export function abortError(message: string): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

/**
 * The worker pool's interface on one thread, for tests and as the CLI's fallback. It yields to the
 * event loop between chunks, so an abort signal or `cancel()` stops it at the next chunk boundary
 * (a chunk itself cannot be interrupted on the thread that runs it).
 */
export function createInThreadRunner<R extends Registry = DefaultRegistry>(registry: R = runners as unknown as R) {
  let current: { cancelled: boolean; reason: string; background: boolean } | null = null;
  const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

  async function run<K extends keyof R & string>(
    model: K,
    req: RequestOfRunner<R[K]>,
    opts: InThreadRunOptions<SummaryOfRunner<R[K]>> = {},
  ): Promise<SummaryOfRunner<R[K]>> {
    type Sum = SummaryOfRunner<R[K]>;
    const request = req as RunSettings;
    const runner = lookUpRun(registry, model, request);
    if (opts.background && current && !current.background) throw abortError('Another run is going');
    if (current) current.cancelled = true;
    const token = { cancelled: false, reason: 'Simulation cancelled', background: opts.background === true };
    current = token;
    const merge = new OrderedMerge<Sum>(runner, request, opts.previewTrials ?? 1000);
    const stop = () => {
      if (opts.signal?.aborted || token.cancelled) throw abortError(current === token ? token.reason : 'Superseded by a newer run');
    };
    try {
      for (let i = 0; i < merge.chunks; i++) {
        stop();
        const [start, end] = chunkRange(i, request.trials);
        merge.add(i, runner.runChunk(request, start, end));
        opts.onProgress?.({ done: end, total: request.trials });
        const preview = merge.takePreview();
        if (preview) opts.onPreview?.(preview.summary, preview.trials);
        await yieldToEventLoop();
      }
      stop();
      return merge.summarize();
    } finally {
      if (current === token) current = null;
    }
  }

  return {
    size: 1,
    run,
    /** Nothing to start on this thread. */
    warm: async (): Promise<void> => {},
    cancel(): void {
      if (current) current.cancelled = true;
    },
    destroy(): void {
      if (current) current.cancelled = true;
    },
  };
}
