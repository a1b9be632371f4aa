/**
 * The one contract between the pure simulation core, the worker pool, the CLI and the UI.
 *
 * Every model runs trials in chunks: `runChunk(request, start, end)` computes trials
 * [start, end) and returns a plain-data, structured-cloneable partial result; `merge` folds chunk
 * results together **in chunk order**; `summarize` turns the merged result into what users see.
 * Because a trial's draws depend only on (seed, trialIndex, stream) and partials are integer
 * histograms or trial-ordered arrays, the summary is bit-identical for any number of workers.
 */

/** Names of the models the engine runs (the typed map is in models.ts). */
export type ModelName = 'queue' | 'buy-vs-build' | 'absorption' | 'economics' | 'tornado' | 'backtest' | 'backtest-rows' | 'portfolio';

/** Settings every run carries. */
export interface RunSettings {
  /** number of Monte Carlo trials (1 … MAX_TRIALS) */
  trials: number;
  /** master seed, unsigned 32-bit integer */
  seed: number;
}

/** Hard limits, enforced by validation before a run starts: bad input is refused with a reason (docs/method.md, "Limits on a run"). */
export const MAX_TRIALS = 2_000_000;
export const MAX_HORIZON_MONTHS = 1200;
/** Trials per chunk: fixed, so chunk boundaries never depend on the worker count. */
export const CHUNK_TRIALS = 250;
/** Raw per-trial arrays are kept only up to this many trials (memory stays bounded). */
export const MAX_PER_TRIAL_ROWS = 100_000;

/**
 * A model runner: pure functions over plain data. `Req` is the validated request, `Part` the
 * mergeable partial result of a chunk, `Sum` the summary.
 */
export interface ModelRunner<Req extends RunSettings, Part, Sum> {
  runChunk(req: Req, start: number, end: number): Part;
  /** Fold `next` into `acc`; called in ascending chunk order. May mutate and return `acc`. */
  merge(acc: Part, next: Part): Part;
  summarize(req: Req, merged: Part): Sum;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRunner = ModelRunner<any, any, any>;
/** Runners by model name. Looked up with Object.hasOwn only, so a name such as "constructor" finds nothing. */
export type Registry = Readonly<Record<string, AnyRunner>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RequestOfRunner<R> = R extends ModelRunner<infer Q, any, any> ? Q : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SummaryOfRunner<R> = R extends ModelRunner<any, any, infer S> ? S : never;

/** The runner registered under `model`, or undefined (never a member of Object.prototype). */
export function runnerFor(registry: Registry, model: string): AnyRunner | undefined {
  return Object.hasOwn(registry, model) ? registry[model] : undefined;
}

/** Progress as trials done out of trials requested. */
export interface Progress {
  done: number;
  total: number;
}

/** A validation problem: where (a dotted field path) and what. */
export interface FieldError {
  field: string;
  message: string;
}

/** Errors as values at boundaries: a caller gets every problem by field instead of an exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function formatErrors(errors: readonly FieldError[]): string {
  return errorLines(errors).join('; ');
}

/** `field: message` lines for display (a message alone when it has no field). */
export function errorLines(errors: readonly FieldError[]): string[] {
  return errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
}
