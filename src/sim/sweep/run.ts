/**
 * Running a planned sweep cell by cell through any queue runner (the Node pool, the browser pool,
 * one thread), and the sweep's printable result: one row per cell plus the ranking. No worker API
 * here: the caller hands in how one request runs.
 */
import type { Progress } from '../contract';
import type { PortfolioRequest } from '../portfolio/params';
import type { PortfolioSummary } from '../portfolio/runner';
import { portfolioRow, type PortfolioRow } from '../portfolio/sweep-cells';
import type { QueueRequest } from '../queue/params';
import type { QueueSummary } from '../queue/summary';
import { rankRows, ranking, sweepRow, type SweepRow } from './rows';
import type { SweepPlan } from './spec';

export interface SweepOutput {
  model: 'sweep';
  seed: number;
  trials: number;
  byMonths: number;
  rankBy: SweepPlan['spec']['rankBy'];
  cells: number;
  rows: SweepRow[];
  /** cell keys, best first */
  ranking: string[];
  /** one row per portfolio cell, in spec order */
  portfolios: PortfolioRow[];
  units: string;
}

export const SWEEP_UNITS = 'months from today; MW; probEnergizedBy = P(energized within byMonths months); null = beyond the horizon (neverShare = share of trials not energized within it)';

/** The output of a sweep from one summary per cell, in plan order. */
export function sweepOutput(plan: SweepPlan, summaries: readonly QueueSummary[], portfolioSummaries: readonly PortfolioSummary[] = []): SweepOutput {
  const { spec } = plan;
  const rows = rankRows(
    plan.cells.map((c, i) => sweepRow(c, summaries[i], spec.byMonths)),
    spec.rankBy,
  );
  const portfolios = plan.portfolioCells.map((c, i) => portfolioRow(c, portfolioSummaries[i]));
  return { model: 'sweep', seed: spec.seed, trials: spec.trials, byMonths: spec.byMonths, rankBy: spec.rankBy, cells: rows.length, rows, ranking: ranking(rows), portfolios, units: SWEEP_UNITS };
}

export type RunQueue = (request: QueueRequest, onProgress: (p: Progress) => void) => Promise<QueueSummary>;
export type RunPortfolio = (request: PortfolioRequest) => Promise<PortfolioSummary>;

/** Sweep progress: cells done, and trials done over the whole grid. */
export interface SweepProgress {
  cellsDone: number;
  cells: number;
  trialsDone: number;
  trials: number;
}

/**
 * Runs every cell in plan order (one at a time: each run already uses every worker). `onCell`
 * gets each finished row-to-be as it comes, so a table can fill in while the rest run.
 */
export async function runSweep(
  plan: SweepPlan,
  run: RunQueue,
  opts: { onProgress?: (p: SweepProgress) => void; onCell?: (index: number, summary: QueueSummary) => void; signal?: AbortSignal; runPortfolio?: RunPortfolio } = {},
): Promise<SweepOutput> {
  const summaries: QueueSummary[] = [];
  const total = plan.cells.reduce((n, c) => n + c.request.trials, 0);
  let before = 0;
  for (let i = 0; i < plan.cells.length; i++) {
    if (opts.signal?.aborted) throw Object.assign(new Error('Sweep cancelled'), { name: 'AbortError' });
    const req = plan.cells[i].request;
    const s = await run(req, (p) => opts.onProgress?.({ cellsDone: i, cells: plan.cells.length, trialsDone: before + p.done, trials: total }));
    summaries.push(s);
    before += req.trials;
    opts.onCell?.(i, s);
    opts.onProgress?.({ cellsDone: i + 1, cells: plan.cells.length, trialsDone: before, trials: total });
  }
  const portfolios: PortfolioSummary[] = [];
  if (plan.portfolioCells.length && !opts.runPortfolio) throw new Error('this sweep holds portfolio cells, and no portfolio runner was given');
  for (const c of plan.portfolioCells) {
    if (opts.signal?.aborted) throw Object.assign(new Error('Sweep cancelled'), { name: 'AbortError' });
    portfolios.push(await (opts.runPortfolio as RunPortfolio)(c.request));
  }
  return sweepOutput(plan, summaries, portfolios);
}
