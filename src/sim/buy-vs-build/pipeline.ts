/**
 * The one buy-vs-build pipeline, used by the app, the CLI and the tests: the region's queue model
 * → its quantile table → the buy-vs-build trials (both arms in the same simulated worlds) → the
 * tornado. The runner is injected (the app's worker pool, the CLI's in-thread or Node pool), so the
 * same steps give the same numbers everywhere.
 */
import type { Progress } from '../contract';
import type { ModelId, RequestOf, SummaryOf } from '../models';
import { curtailForBuyVsBuild } from '../curtailment/buy-vs-build';
import type { QueuePresetDoc } from '../queue/presets';
import type { BuyVsBuildRequest } from './params';
import { queueBasis, type QueueBasis } from './queue-basis';
import type { BuyVsBuildSummary } from './runner';
import type { TornadoResult } from './tornado';
import { tornadoRequest } from './tornado-runner';

/** Trials behind each tornado bar: P50 of the buy arm to about ±0.3 months. */
export const TORNADO_TRIALS = 5000;

/** What runs a model: the pool's or the in-thread runner's `run`. */
export interface ModelRunFn {
  <K extends ModelId>(model: K, request: RequestOf<K>, opts?: { onProgress?: (p: Progress) => void; onPreview?: (s: SummaryOf<K>, trials: number) => void; signal?: AbortSignal }): Promise<SummaryOf<K>>;
}

export type PipelineStep = 'queue' | 'trials' | 'tornado';

export interface PipelineInput {
  preset: QueuePresetDoc;
  /** the region's queue run (queue-basis.ts: queueRequestFor) */
  queueRequest: RequestOf<'queue'>;
  /** the validated buy-vs-build request; its queueTable is replaced by the queue run's */
  request: BuyVsBuildRequest;
  /** trials per tornado bar; 0 = no tornado */
  tornadoTrials: number;
}

export interface PipelineHooks {
  onStep?: (step: PipelineStep, total: number) => void;
  onProgress?: (p: Progress) => void;
  onPreview?: (s: BuyVsBuildSummary) => void;
  /** the buy-vs-build result before the tornado step (shown while the tornado runs) */
  onTrialsDone?: (r: PipelineResult) => void;
  signal?: AbortSignal;
  /** queue runs already done, by JSON of their request (changing rho does not rerun the queue) */
  queueCache?: Map<string, QueueBasis>;
  /** clock for the elapsed times, ms (the core reads no clock itself) */
  now?: () => number;
}

export interface PipelineResult {
  queue: QueueBasis;
  request: BuyVsBuildRequest;
  summary: BuyVsBuildSummary;
  tornado: TornadoResult | null;
  /** wall time of each step, ms (queue 0 when cached) */
  elapsedMs: { queue: number; trials: number; tornado: number | null };
}

export async function runBuyVsBuildPipeline(run: ModelRunFn, input: PipelineInput, hooks: PipelineHooks = {}): Promise<PipelineResult> {
  const now = hooks.now ?? (() => 0);
  const { signal, onProgress } = hooks;
  const queueKey = JSON.stringify(input.queueRequest);
  let queue = hooks.queueCache?.get(queueKey);
  const t0 = now();
  if (!queue) {
    hooks.onStep?.('queue', input.queueRequest.trials);
    const qs = await run('queue', input.queueRequest, { onProgress, signal });
    queue = queueBasis(input.preset, input.queueRequest, qs);
    hooks.queueCache?.set(queueKey, queue);
  }
  const tQueue = now() - t0;

  // With curtailment the build arm's first MW reads the queue's first-curtailable-MW table (curtailment/buy-vs-build.ts).
  const request: BuyVsBuildRequest = { ...input.request, queueTable: queue.table, ...(queue.curtailment ? { curtail: curtailForBuyVsBuild(queue.curtailment) } : {}) };
  hooks.onStep?.('trials', request.trials);
  const t1 = now();
  const summary = await run('buy-vs-build', request, { onProgress, onPreview: hooks.onPreview ? (s) => hooks.onPreview?.(s) : undefined, signal });
  const result: PipelineResult = { queue, request, summary, tornado: null, elapsedMs: { queue: tQueue, trials: now() - t1, tornado: null } };
  if (input.tornadoTrials <= 0) return result;
  hooks.onTrialsDone?.(result);

  hooks.onStep?.('tornado', input.tornadoTrials);
  const t2 = now();
  const tornado = await run('tornado', tornadoRequest(request, input.tornadoTrials), { onProgress, signal });
  return { ...result, tornado, elapsedMs: { ...result.elapsedMs, tornado: now() - t2 } };
}
