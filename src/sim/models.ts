/**
 * The registry of model runners, indexed by model name: the worker entry, the in-thread runner and
 * the CLI all dispatch through it, so a model is added in one place.
 */
import type { ModelName, ModelRunner } from './contract';
import { curtailableQueueRunner } from './curtailment/runner';
import { buyVsBuildRunner } from './buy-vs-build/runner';
import { absorptionRunner } from './absorption/runner';
import { economicsRunner } from './economics/runner';
import { backtestRunner } from './queue/backtest';
import { backtestRowsRunner } from './backtest-rows';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const runners: Partial<Record<ModelName, ModelRunner<any, any, any>>> = {};
// The queue model, with firm and curtailable MW when a request asks for them (curtailment/runner.ts).
runners.queue = curtailableQueueRunner;
runners['buy-vs-build'] = buyVsBuildRunner;
runners.absorption = absorptionRunner;
runners.economics = economicsRunner;
runners.backtest = backtestRunner;
runners['backtest-rows'] = backtestRowsRunner;
