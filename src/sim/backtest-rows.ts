/**
 * Backtest rows that share one run, as the worker pool runs them: the app's "How well does this
 * reproduce the past?" view. Rows with the same plan (same start, horizon and changes) read different
 * measures of the same trials, so the pool runs the plan once and every row is summarised from the
 * merged trials, exactly as `runBacktestRows` does on one thread (the CLI), whatever the worker count.
 */
import {
  mergeBacktestPartials,
  planBacktest,
  planKey,
  runBacktestChunk,
  summarizeBacktest,
  defaultBacktestTrials,
  type BacktestPartial,
  type BacktestPlan,
  type BacktestResult,
  type BacktestRowSpec,
} from './queue/backtest';
import type { FieldError } from './contract';
import type { QueuePresetDoc } from './queue/presets';

export interface BacktestRowsRequest {
  model: 'backtest-rows';
  rows: BacktestRowSpec[];
  plan: BacktestPlan;
  trials: number;
  seed: number;
}

export const backtestRowsRunner = {
  runChunk: (req: BacktestRowsRequest, start: number, end: number): BacktestPartial => runBacktestChunk(req.plan, req.seed, start, end),
  merge: mergeBacktestPartials,
  summarize: (req: BacktestRowsRequest, merged: BacktestPartial): BacktestResult[] => req.rows.map((row) => summarizeBacktest(row, req.plan, merged)),
};

/** The runs a region's rows need: rows grouped by plan (in first-row order), or the rows that cannot be planned. */
export function groupBacktestRuns(rows: BacktestRowSpec[], doc: QueuePresetDoc, seed: number): { runs: BacktestRowsRequest[]; errors: FieldError[] } {
  const runs = new Map<string, BacktestRowsRequest>();
  const errors: FieldError[] = [];
  for (const row of rows) {
    const plan = planBacktest(row, doc);
    if (!plan.ok) {
      errors.push(...plan.errors);
      continue;
    }
    const trials = defaultBacktestTrials(row);
    const key = planKey(plan.value, seed, trials);
    const run = runs.get(key);
    if (run) run.rows.push(row);
    else runs.set(key, { model: 'backtest-rows', rows: [row], plan: plan.value, trials, seed });
  }
  return { runs: [...runs.values()], errors };
}
