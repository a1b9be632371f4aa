/**
 * Summary rows (site · option · P10/P50/P90 ± SE, months) from the models' summaries: what the
 * summary CSV, the JSON file, saved scenarios and the compare view carry.
 */
import type { PortfolioSummary } from '../sim/portfolio/runner';
import type { BuyVsBuildSummary } from '../sim/buy-vs-build/runner';
import type { QueueSummary } from '../sim/queue/summary';
import type { CurtailmentSummary } from '../sim/curtailment/partial';
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
export function queueSummaryRows(site: string, s: QueueSummary & { curtailment?: CurtailmentSummary }, forward?: string): SummaryRow[] {
  const rows = [summaryRow(site, `queue · time to power (${s.projectMW} MW)`, s.timeToPower), summaryRow(site, 'queue · time to IA', s.timeToIA)];
  if (s.curtailment) rows.push(...curtailmentRows(site, 'queue', s.curtailment));
  return forward === undefined ? rows : rows.map((r) => ({ ...r, forward }));
}

/**
 * With "Accept curtailment": months to first (curtailable) MW and to full firm MW, and the share of
 * energy curtailed until firm (of the trials where curtailable MW come first). The option names the
 * floor and the rule, so a row read alone says which choice it came from.
 */
export function curtailmentRows(site: string, prefix: string, c: CurtailmentSummary): SummaryRow[] {
  const rule = `${c.ruleName}${c.assumed ? ', ESTIMATE' : ''}`;
  const e = c.curtailedEnergyShare;
  return [
    summaryRow(site, `${prefix} · first MW, curtailable (floor ${c.floorMW} MW firm; ${rule})`, c.curtailable),
    summaryRow(site, `${prefix} · full firm MW (curtailment accepted)`, c.firm),
    { site, option: `${prefix} · share of energy curtailed until firm (${rule})`, p10: e.p10, p50: e.p50, p90: e.p90, se50: NaN, se90: NaN, neverShare: NaN, n: e.n, units: 'share of energy' },
  ];
}

/** Summary rows of one buy-vs-build run: first and full MW for each option, months from the decision. */
export function bvbSummaryRows(site: string, s: BuyVsBuildSummary, queueCurtailment?: CurtailmentSummary): SummaryRow[] {
  const rows = [
    summaryRow(site, 'buy · first MW', s.buy.firstMW),
    summaryRow(site, 'buy · full MW', s.buy.fullMW),
    summaryRow(site, s.curtailment ? 'build · first MW (curtailable)' : 'build · first MW', s.build.firstMW),
    summaryRow(site, 'build · full MW', s.build.fullMW),
  ];
  // Curtailment accepted: the build arm's first firm MW, and the greenfield request's queue run (firm, curtailable, energy share).
  if (s.curtailment) rows.push(summaryRow(site, 'build · first firm MW', s.curtailment.buildFirmFirstMW));
  if (s.curtailment && queueCurtailment) rows.push(...curtailmentRows(site, 'build · queue', queueCurtailment));
  return rows;
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

/**
 * A portfolio run (docs/portfolio.md): months to the IT MW target (on the portfolio's clock), P(target
 * by the date) and each site's contribution, as rows of the scenario's results CSV.
 */
export function portfolioSummaryRows(s: PortfolioSummary): SummaryRow[] {
  const p = s.portfolio;
  if (!p) return [];
  const names = new Map(s.sites.map((x) => [x.id, x.name]));
  const site = `Portfolio: ${p.sites.map((id) => names.get(id) ?? id).join(' + ')}`;
  const one = (option: string, v: number, units: string): SummaryRow => ({ site, option, p10: NaN, p50: v, p90: NaN, se50: NaN, se90: NaN, neverShare: 0, n: s.trials, units });
  return [
    { site, option: `portfolio · months to ${s.targetMW} IT MW from ${s.asOf}`, ...p.reached, se50: NaN, se90: NaN, neverShare: NaN, n: s.trials, units: 'months' },
    one(`portfolio · P(≥ ${s.targetMW} IT MW by ${s.by})`, p.pTarget, 'share of trials'),
    one('portfolio · expected delay', p.expectedDelayMonths, 'months'),
    one('portfolio · expected delay cost', p.expectedDelayCostUSD, 'USD'),
    ...p.contributions.map((c) => ({ ...one('portfolio · drop in P(target) without this site', c.drop, 'share of trials'), site: c.name })),
  ];
}
