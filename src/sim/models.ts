/**
 * The registry of model runners and the typed model map of the worker boundary (maplibre's
 * actor_messages.ts habit): one table from model name to its runner, from which each model's
 * request, partial and summary types are read. `pool.run('queue', req)` therefore returns a
 * `Promise<QueueSummary>` without a cast, and a request of the wrong shape does not compile.
 * The worker entry, the in-thread runner and the CLI all dispatch through it.
 */
import type { ModelRunner, RequestOfRunner, SummaryOfRunner } from './contract';
import { curtailableQueueRunner } from './curtailment/runner';
import { buyVsBuildRunner } from './buy-vs-build/runner';
import { absorptionRunner } from './absorption/runner';
import { tornadoRunner } from './buy-vs-build/tornado-runner';
import { economicsRunner } from './economics/runner';
import { backtestRunner } from './queue/backtest';
import { backtestRowsRunner } from './backtest-rows';
import { portfolioRunner } from './portfolio/runner';

export const MODEL_RUNNERS = {
  // The queue model, with firm and curtailable MW when a request asks for them (curtailment/runner.ts).
  queue: curtailableQueueRunner,
  'buy-vs-build': buyVsBuildRunner,
  absorption: absorptionRunner,
  economics: economicsRunner,
  tornado: tornadoRunner,
  backtest: backtestRunner,
  'backtest-rows': backtestRowsRunner,
  // Several sites jointly: P(IT MW target by a date) and the best set (portfolio/runner.ts).
  portfolio: portfolioRunner,
} as const;

type Models = typeof MODEL_RUNNERS;
/** `{ queue: [QueueRequest, QueuePartial, QueueSummary], … }` */
export type ModelMap = { [K in keyof Models]: Models[K] extends ModelRunner<infer Req, infer Part, infer Sum> ? [Req, Part, Sum] : never };
export type ModelId = keyof ModelMap;
export type RequestOf<K extends ModelId> = RequestOfRunner<Models[K]>;
export type SummaryOf<K extends ModelId> = SummaryOfRunner<Models[K]>;

/** Runners by name: the registry the pool, the workers and the in-thread runner use by default. */
export const runners: typeof MODEL_RUNNERS = MODEL_RUNNERS;
export type DefaultRegistry = typeof MODEL_RUNNERS;

/** Whether `name` is a model this engine runs (an own key: "constructor" or "valueOf" is not). */
export function isModelId(name: string): name is ModelId {
  return Object.hasOwn(MODEL_RUNNERS, name);
}
