/**
 * The portfolio model behind the run contract (contract.ts; method in docs/portfolio.md).
 *
 * A chunk runs each candidate's own queue run (queue/runner.ts runEngineChunk: request in,
 * per-trial months out) for its trials and keeps every candidate's months, trial by trial. Merging
 * appends chunk blocks in chunk order, so the merged matrix — and everything the summary reads off
 * it: P(target by the date), the date percentiles, the MW fan, each site's contribution and the
 * best-set ranking — is the same whatever the number of workers or shards.
 */
import { formatErrors, type ModelRunner } from '../contract';
import { validateCurtailmentRequest } from '../curtailment/params';
import { CurtailmentModel } from '../curtailment/trial';
import { compileGridAccess, gridAccessMonths } from '../grid-access/phase';
import type { QueueRequest } from '../queue/params';
import { engineFor, runEngineChunk } from '../queue/runner';
import { addMonths, monthsBetween } from '../queue/schedule';
import { Rng } from '../rng';
import { induceRankCorrelation, queueWorldSeed, siteOwnSeed } from './dependence';
import { byDate, portfolioAsOf, setCount, siteAsOf, validatePortfolioRequest, type PortfolioRequest, type PortfolioSite } from './params';
import { scoreSet, searchBestSets, timesToTarget, type PortfolioMatrix, type SetScore } from './sets';

export type { PortfolioRequest } from './params';

/** Months of every candidate for a run of consecutive chunks: blocks in chunk order, each site-major (sites × its trials). */
export interface PortfolioPartial {
  sites: number;
  trials: number;
  blocks: Float64Array[];
}

/** P10/P50/P90 months on the portfolio's clock (Infinity = not within the horizon). */
export interface MonthPercentiles {
  p10: number;
  p50: number;
  p90: number;
}

export interface PortfolioSiteResult {
  id: string;
  name: string;
  queueKey: string;
  itMW: number;
  requestMW: number;
  /** the seed its queue world ran with (shared by every site in the same queue), and its own grid-access seed */
  queueSeed: number;
  ownSeed: number;
  /** months from the portfolio's as-of date to the site's own as-of date (≤ 0) */
  offsetMonths: number;
  pEnergizedBy: number;
  months: MonthPercentiles;
}

export interface PortfolioSetResult {
  sites: string[];
  names: string[];
  pTarget: number;
  expectedDelayMonths: number;
  expectedDelayCostUSD: number;
  requestMW: number;
}

export interface PortfolioSummary {
  model: 'portfolio';
  trials: number;
  seed: number;
  /** the portfolio's clock starts here: the latest as-of date of the candidates */
  asOf: string;
  by: string;
  /** the date "by" stands for */
  byDate: string;
  byMonths: number;
  horizonMonths: number;
  basis: PortfolioRequest['basis'];
  targetMW: number;
  rho: number;
  delayCostUSDPerMonth: number;
  sites: PortfolioSiteResult[];
  portfolio: null | {
    sites: string[];
    itMW: number;
    pTarget: number;
    /** months (and dates) at which the target is reached */
    reached: MonthPercentiles;
    reachedDates: { p10: string | null; p50: string | null; p90: string | null };
    expectedDelayMonths: number;
    expectedDelayCostUSD: number;
    /** how much P(target) drops without each site */
    contributions: Array<{ id: string; name: string; pWithout: number; drop: number }>;
    /** IT MW energized over time: quantiles across trials at each month */
    fan: { months: number[]; p10: number[]; p25: number[]; p50: number[]; p75: number[]; p90: number[] };
  };
  search: null | { method: 'exact' | 'greedy-swaps'; evaluated: number; exactCount: number; minSites: number; maxSites: number; maxRequestMW: number | null; ranked: PortfolioSetResult[] };
}

/** Where a candidate sits on the portfolio's clock and the seeds it draws from. */
interface Placed {
  site: PortfolioSite;
  queueSeed: number;
  ownSeed: number;
  offset: number;
  horizon: number;
}

function place(req: PortfolioRequest): { asOf: string; placed: Placed[]; horizon: number; byMonths: number; date: string } {
  const v = validatePortfolioRequest(req);
  if (!v.ok) throw new Error(`Invalid portfolio request: ${formatErrors(v.errors)}`);
  const asOf = portfolioAsOf(req.sites) as string;
  const placed = req.sites.map((site) => {
    const offset = monthsBetween(asOf, siteAsOf(site) as string);
    return { site, queueSeed: queueWorldSeed(req.seed, site.queueKey), ownSeed: siteOwnSeed(req.seed, site.id), offset, horizon: site.queue.params.horizonMonths + offset };
  });
  const date = byDate(req.by) as string;
  return { asOf, placed, horizon: Math.min(...placed.map((p) => p.horizon)), byMonths: monthsBetween(asOf, date), date };
}

function queueRequestOf(req: PortfolioRequest, p: Placed): QueueRequest {
  const q = p.site.queue;
  return { model: 'queue', presetId: q.presetId, params: q.params, projectMW: q.projectMW, trials: req.trials, seed: p.queueSeed };
}

/**
 * One candidate's months for trials [start, end) into `out` (portfolio clock). The queue world is the
 * runner's own run at the world's seed; the grid-access phase, when the site has one, draws from the
 * site's own seed and must finish before power, as in the queue runner (max of the two).
 */
function siteMonths(req: PortfolioRequest, p: Placed, start: number, end: number, out: Float64Array, at: number): void {
  const qreq = queueRequestOf(req, p);
  const engine = engineFor(qreq);
  const horizon = engine.cfg.horizon;
  const access = p.site.queue.gridAccess ? compileGridAccess(p.site.queue.gridAccess) : null;
  const rng = new Rng();
  let curtail: CurtailmentModel | null = null;
  if (req.basis === 'first') {
    const c = validateCurtailmentRequest(p.site.queue.curtailment, p.site.queue.projectMW, `sites.${p.site.id}.curtailment`);
    if (!c.ok) throw new Error(`Invalid portfolio request: ${formatErrors(c.errors)}`);
    curtail = new CurtailmentModel(c.value, p.site.queue.projectMW, engine.cfg);
  }
  const seed = p.queueSeed;
  runEngineChunk(engine, seed, start, end, (trial, o) => {
    if (access) o.userMonths = Math.max(o.userMonths, gridAccessMonths(access, p.ownSeed, trial, rng));
    const months = curtail ? curtail.run(seed, trial, o).first : o.userMonths < horizon ? o.userMonths : Infinity;
    const shifted = months + p.offset;
    out[at + trial - start] = shifted < p.horizon ? shifted : Infinity;
  });
}

function runChunk(req: PortfolioRequest, start: number, end: number): PortfolioPartial {
  const { placed } = place(req);
  const len = end - start;
  const block = new Float64Array(placed.length * len);
  placed.forEach((p, i) => siteMonths(req, p, start, end, block, i * len));
  return { sites: placed.length, trials: len, blocks: [block] };
}

function merge(acc: PortfolioPartial, next: PortfolioPartial): PortfolioPartial {
  acc.blocks.push(...next.blocks);
  acc.trials += next.trials;
  return acc;
}

/** The merged blocks as one column per candidate. */
function columns(part: PortfolioPartial): Float64Array[] {
  const cols = Array.from({ length: part.sites }, () => new Float64Array(part.trials));
  let at = 0;
  for (const b of part.blocks) {
    const len = b.length / part.sites;
    for (let i = 0; i < part.sites; i++) cols[i].set(b.subarray(i * len, (i + 1) * len), at);
    at += len;
  }
  return cols;
}

/** Nearest-rank quantile of sorted values (Infinity stays Infinity: "beyond the horizon"). */
function sortedQuantile(sorted: Float64Array, p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i];
}

function percentilesOf(values: Float64Array): MonthPercentiles {
  const s = values.slice().sort();
  return { p10: sortedQuantile(s, 0.1), p50: sortedQuantile(s, 0.5), p90: sortedQuantile(s, 0.9) };
}

/** IT MW energized at each month of the fan, quantiles across trials. */
function mwFan(m: PortfolioMatrix, set: readonly number[], horizon: number) {
  const step = Math.max(1, Math.ceil(horizon / 80));
  const months: number[] = [];
  for (let t = 0; t <= horizon; t += step) months.push(t);
  const qs = [0.1, 0.25, 0.5, 0.75, 0.9] as const;
  const rows: number[][] = qs.map(() => []);
  const mw = new Float64Array(m.trials);
  for (const t of months) {
    mw.fill(0);
    for (const i of set) {
      const col = m.months[i];
      const w = m.itMW[i];
      for (let k = 0; k < m.trials; k++) if (col[k] <= t) mw[k] += w;
    }
    const sorted = mw.slice().sort();
    qs.forEach((p, j) => rows[j].push(sortedQuantile(sorted, p)));
  }
  return { months, p10: rows[0], p25: rows[1], p50: rows[2], p75: rows[3], p90: rows[4] };
}

function summarize(req: PortfolioRequest, merged: PortfolioPartial): PortfolioSummary {
  const { asOf, placed, horizon, byMonths, date } = place(req);
  const cols = columns(merged);
  const groups = new Map<string, number[]>();
  placed.forEach((p, i) => groups.set(p.site.queueKey, [...(groups.get(p.site.queueKey) ?? []), i]));
  induceRankCorrelation(
    cols,
    [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, sites]) => ({ key, sites })),
    req.rho,
    req.seed,
    horizon,
  );
  const m: PortfolioMatrix = {
    trials: merged.trials,
    months: cols,
    itMW: Float64Array.from(placed, (p) => p.site.itMW),
    requestMW: Float64Array.from(placed, (p) => p.site.queue.projectMW),
  };
  const scratch = new Float64Array(m.trials);
  const score = (set: readonly number[]) => scoreSet(m, set, req.targetMW, byMonths, horizon, scratch);
  const cost = (s: SetScore) => s.expectedDelayMonths * req.delayCostUSDPerMonth;
  const setResult = (s: SetScore): PortfolioSetResult => ({
    sites: s.sites.map((i) => placed[i].site.id),
    names: s.sites.map((i) => placed[i].site.name),
    pTarget: s.p,
    expectedDelayMonths: s.expectedDelayMonths,
    expectedDelayCostUSD: cost(s),
    requestMW: s.requestMW,
  });
  const index = new Map(placed.map((p, i) => [p.site.id, i]));
  const dateAt = (t: number) => (Number.isFinite(t) ? addMonths(asOf, t) : null);

  let portfolio: PortfolioSummary['portfolio'] = null;
  if (req.portfolio.length > 0) {
    const set = req.portfolio.map((id) => index.get(id) as number).sort((a, b) => a - b);
    const whole = score(set);
    const reached = percentilesOf(timesToTarget(m, set, req.targetMW, new Float64Array(m.trials)));
    portfolio = {
      sites: set.map((i) => placed[i].site.id),
      itMW: set.reduce((a, i) => a + m.itMW[i], 0),
      pTarget: whole.p,
      reached,
      reachedDates: { p10: dateAt(reached.p10), p50: dateAt(reached.p50), p90: dateAt(reached.p90) },
      expectedDelayMonths: whole.expectedDelayMonths,
      expectedDelayCostUSD: cost(whole),
      contributions: set.map((i) => {
        const without = score(set.filter((x) => x !== i));
        return { id: placed[i].site.id, name: placed[i].site.name, pWithout: without.p, drop: whole.p - without.p };
      }),
      fan: mwFan(m, set, horizon),
    };
  }

  let search: PortfolioSummary['search'] = null;
  if (req.search) {
    const s = req.search;
    const found = searchBestSets(m, { ...s, targetMW: req.targetMW, byMonths, horizon }, setCount(placed.length, s.minSites, s.maxSites));
    search = { method: found.method, evaluated: found.evaluated, exactCount: found.exactCount, minSites: s.minSites, maxSites: s.maxSites, maxRequestMW: s.maxRequestMW, ranked: found.ranked.map(setResult) };
  }

  return {
    model: 'portfolio',
    trials: merged.trials,
    seed: req.seed,
    asOf,
    by: req.by,
    byDate: date,
    byMonths,
    horizonMonths: horizon,
    basis: req.basis,
    targetMW: req.targetMW,
    rho: req.rho,
    delayCostUSDPerMonth: req.delayCostUSDPerMonth,
    sites: placed.map((p, i) => {
      let hits = 0;
      for (const v of cols[i]) if (v < byMonths) hits++;
      return {
        id: p.site.id,
        name: p.site.name,
        queueKey: p.site.queueKey,
        itMW: p.site.itMW,
        requestMW: p.site.queue.projectMW,
        queueSeed: p.queueSeed,
        ownSeed: p.ownSeed,
        offsetMonths: p.offset,
        pEnergizedBy: hits / merged.trials,
        months: percentilesOf(cols[i]),
      };
    }),
    portfolio,
    search,
  };
}

export const portfolioRunner: ModelRunner<PortfolioRequest, PortfolioPartial, PortfolioSummary> = { runChunk, merge, summarize };
