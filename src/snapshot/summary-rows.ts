/**
 * Summary rows (site · option · P10/P50/P90 ± SE, months) from the models' summaries: what the
 * summary CSV, the JSON file, saved scenarios and the compare view carry.
 */
import type { BuyVsBuildSummary } from '../sim/buy-vs-build/runner';
import type { QueueSummary } from '../sim/queue/summary';
import type { EconomicsSummary } from '../sim/economics/runner';
import type { SummaryRow } from './results';

/** One summary row from a model's percentiles (months). */
function summaryRow(site: string, option: string, p: QueueSummary['timeToPower']): SummaryRow {
  const { p10, p50, p90, se50, se90, neverShare, n } = p;
  return { site, option, p10, p50, p90, se50, se90, neverShare, n, units: 'months' };
}

/**
 * Summary rows of one queue run: time to power and time to IA, months. `forward` says what the run's
 * forward path assumed (describeForward), so a CSV row says which path it came from.
 */
export function queueSummaryRows(site: string, s: QueueSummary, forward?: string): SummaryRow[] {
  const rows = [summaryRow(site, `queue · time to power (${s.projectMW} MW)`, s.timeToPower), summaryRow(site, 'queue · time to IA', s.timeToIA)];
  return forward === undefined ? rows : rows.map((r) => ({ ...r, forward }));
}

/** Summary rows of one buy-vs-build run: first and full MW for each option, months from the decision. */
export function bvbSummaryRows(site: string, s: BuyVsBuildSummary): SummaryRow[] {
  return [
    summaryRow(site, 'buy · first MW', s.buy.firstMW),
    summaryRow(site, 'buy · full MW', s.buy.fullMW),
    summaryRow(site, 'build · first MW', s.build.firstMW),
    summaryRow(site, 'build · full MW', s.build.fullMW),
  ];
}

/** Summary rows of one economics run: NPV of each option (USD) and payback (months). */
export function economicsSummaryRows(site: string, s: EconomicsSummary): SummaryRow[] {
  const npv = (option: string, p: { p10: number; p50: number; p90: number }): SummaryRow => ({ site, option, p10: p.p10, p50: p.p50, p90: p.p90, se50: NaN, se90: NaN, neverShare: 0, n: s.trials, units: 'USD' });
  const payback = (option: string, p: EconomicsSummary['lease']['paybackMonths']): SummaryRow => ({ site, option, ...p, se50: NaN, se90: NaN, n: s.trials, units: 'months' });
  return [
    npv(`economics · keep mining NPV (${s.horizonMonths} months)`, s.mine.npvUSD),
    npv(`economics · lease NPV (${s.horizonMonths} months)`, s.lease.npvUSD),
    npv(`economics · GPUs NPV (${s.horizonMonths} months)`, s.gpu.npvUSD),
    payback('economics · lease payback', s.lease.paybackMonths),
    payback('economics · GPUs payback', s.gpu.paybackMonths),
  ];
}
