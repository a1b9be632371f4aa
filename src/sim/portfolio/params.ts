/**
 * A portfolio run (docs/portfolio.md): several candidate sites, each with its own queue request, a
 * target of IT MW, a date, and optionally a best-set search. The checks here name the field and run
 * nothing: an unknown site, a target ≤ 0, a date before the as-of date, a budget above the
 * candidate count.
 */
import { MAX_TRIALS, type Result, type RunSettings } from '../contract';
import type { CurtailmentRequest } from '../curtailment/params';
import type { GridAccessDraw } from '../grid-access/params';
import type { QueueParams } from '../queue/params';
import { monthsBetween, parseDate } from '../queue/schedule';
import { Checker, showValue } from '../validate-common';

/** Months to power counted from the firm energization, or from the first (curtailable) MW. */
export type PortfolioBasis = 'firm' | 'first';

/** One candidate: what its queue run needs and how many IT MW it brings. */
export interface PortfolioSite {
  id: string;
  /** display name */
  name: string;
  /** the queue the site waits in (its preset id): sites with the same key share a queue world */
  queueKey: string;
  /** IT MW the site contributes once energized */
  itMW: number;
  /** the site's queue run, as the Grid queue panel builds it (without trials and seed) */
  queue: {
    presetId: string;
    params: QueueParams;
    /** grid MW requested */
    projectMW: number;
    gridAccess?: GridAccessDraw | null;
    /** needed for basis 'first' (the region's curtailable path) */
    curtailment?: CurtailmentRequest;
  };
}

/** Best-set search: sets of minSites … maxSites candidates, optionally under a cap on grid MW requested. */
export interface PortfolioSearch {
  minSites: number;
  maxSites: number;
  /** most grid MW the set may request in total, or null for no cap */
  maxRequestMW: number | null;
  /** how many ranked sets to report */
  top: number;
}

export interface PortfolioRequest extends RunSettings {
  model: 'portfolio';
  /** the candidates (every site the search may pick from; the portfolio's sites among them) */
  sites: PortfolioSite[];
  /** ids of the sites in the user's portfolio (may be empty when only a search is asked for) */
  portfolio: string[];
  /** IT MW the portfolio must reach */
  targetMW: number;
  /** the date: "YYYY-MM" (by the end of that month) or "YYYY-MM-DD" */
  by: string;
  basis: PortfolioBasis;
  /** rank correlation between the queue worlds of different regions, 0 … 1 (Buy vs build's rho) */
  rho: number;
  /** USD per month the target is late (the delay-cost column) */
  delayCostUSDPerMonth: number;
  search: PortfolioSearch | null;
}

/** Most candidates a run takes, and most trials × candidates kept (8 bytes each: 32 MB). */
export const MAX_PORTFOLIO_SITES = 64;
export const MAX_PORTFOLIO_CELLS = 4_000_000;

/** The date a "by" text stands for: "YYYY-MM" is the first day of the next month (by the end of it). */
export function byDate(by: string): string | null {
  const d = parseDate(by);
  if (!d) return null;
  if (/^\d{4}-\d{2}$/.test(by.trim())) {
    const next = d[0] * 12 + d[1];
    return `${Math.floor(next / 12)}-${String((next % 12) + 1).padStart(2, '0')}-01`;
  }
  return by.trim();
}

/** A site's as-of date: its queue stock's date (the day its request is filed). */
export function siteAsOf(s: PortfolioSite): string | null {
  return s.queue.params.stock?.asOf ?? null;
}

/**
 * The portfolio's clock starts at the latest as-of date of its candidates: each site's months are
 * shifted onto it (docs/portfolio.md "One calendar").
 */
export function portfolioAsOf(sites: readonly PortfolioSite[]): string | null {
  let best: string | null = null;
  for (const s of sites) {
    const a = siteAsOf(s);
    if (a === null) return null;
    if (best === null || monthsBetween(best, a) > 0) best = a;
  }
  return best;
}

/** The number of sets a search looks at when exact: Σ C(n, k) for k in [minSites, maxSites]. */
export function setCount(n: number, minSites: number, maxSites: number): number {
  let total = 0;
  let c = 1;
  for (let k = 0; k <= Math.min(n, maxSites); k++) {
    if (k > 0) c = (c * (n - k + 1)) / k;
    if (k >= minSites) total += c;
  }
  return total;
}

/**
 * Checks what the user chose; every problem names its field, and nothing runs until there is none.
 * The sites' queue parameters themselves are checked by the queue runner's own validation.
 */
export function validatePortfolioRequest(r: PortfolioRequest): Result<PortfolioRequest> {
  const c = new Checker();
  if (!Number.isInteger(r.trials) || r.trials < 1 || r.trials > MAX_TRIALS) c.add('trials', `must be a whole number from 1 to ${MAX_TRIALS}, got ${showValue(r.trials)}`);
  if (!Number.isInteger(r.seed) || r.seed < 0 || r.seed > 0xffffffff) c.add('seed', `must be a whole number from 0 to 4294967295, got ${showValue(r.seed)}`);
  const n = Array.isArray(r.sites) ? r.sites.length : 0;
  if (n === 0) c.add('sites', 'must list at least one candidate site');
  if (n > MAX_PORTFOLIO_SITES) c.add('sites', `at most ${MAX_PORTFOLIO_SITES} candidate sites, got ${n}`);
  const ids = new Set<string>();
  (r.sites ?? []).forEach((s, i) => {
    if (ids.has(s.id)) c.add(`sites[${i}]`, `"${s.id}" is listed twice`);
    ids.add(s.id);
    if (!(s.itMW > 0) || !Number.isFinite(s.itMW)) c.add(`sites[${i}].itMW`, `${s.name || s.id}: must be a positive number of IT MW, got ${showValue(s.itMW)}`);
    if (siteAsOf(s) === null) c.add(`sites[${i}]`, `${s.name || s.id}: its queue has no as-of date, so it cannot be put on a calendar`);
    if (r.basis === 'first' && !s.queue.curtailment) c.add(`sites[${i}]`, `${s.name || s.id}: counting first (curtailable) MW needs the region's curtailment rule`);
  });
  if (Number.isInteger(r.trials) && r.trials * n > MAX_PORTFOLIO_CELLS) {
    c.add('trials', `${r.trials.toLocaleString('en-US')} trials × ${n} sites keeps too many months in memory; at most ${MAX_PORTFOLIO_CELLS.toLocaleString('en-US')} (fewer trials or fewer candidates)`);
  }
  const portfolio = Array.isArray(r.portfolio) ? r.portfolio : [];
  portfolio.forEach((id, i) => {
    if (!ids.has(id)) c.add(`portfolio[${i}]`, `no candidate site "${id}"`);
    else if (portfolio.indexOf(id) !== i) c.add(`portfolio[${i}]`, `"${id}" is listed twice`);
  });
  if (portfolio.length === 0 && r.search === null) c.add('portfolio', 'pick at least one site, or ask for a best-set search');
  if (typeof r.targetMW !== 'number' || !Number.isFinite(r.targetMW) || r.targetMW <= 0) c.add('targetMW', `must be a positive number of IT MW, got ${showValue(r.targetMW)}`);
  if (r.basis !== 'firm' && r.basis !== 'first') c.add('basis', `must be "firm" or "first", got ${showValue(r.basis)}`);
  if (typeof r.rho !== 'number' || !(r.rho >= 0 && r.rho <= 1)) c.add('rho', `must be a correlation between 0 and 1, got ${showValue(r.rho)}`);
  if (typeof r.delayCostUSDPerMonth !== 'number' || !(r.delayCostUSDPerMonth >= 0) || !Number.isFinite(r.delayCostUSDPerMonth)) {
    c.add('delayCostUSDPerMonth', `must be zero or a positive number of USD per month, got ${showValue(r.delayCostUSDPerMonth)}`);
  }
  const date = typeof r.by === 'string' ? byDate(r.by) : null;
  if (date === null) c.add('by', `must be a date "YYYY-MM" or "YYYY-MM-DD", got ${showValue(r.by)}`);
  else if (c.errors.length === 0) {
    const asOf = portfolioAsOf(r.sites) as string;
    if (monthsBetween(asOf, date) <= 0) c.add('by', `${r.by} is not after the as-of date ${asOf} (the latest queue date of the candidates)`);
  }
  if (r.search !== null) checkSearch(c, r.search, n);
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, value: r };
}

function checkSearch(c: Checker, s: PortfolioSearch, n: number): void {
  const okMax = c.integer('search.maxSites', s.maxSites, 1, MAX_PORTFOLIO_SITES, 'sites');
  const okMin = c.integer('search.minSites', s.minSites, 1, MAX_PORTFOLIO_SITES, 'sites');
  if (okMax && s.maxSites > n) c.add('search.maxSites', `a budget of ${s.maxSites} sites is more than the ${n} candidates`);
  if (okMax && okMin && s.minSites > s.maxSites) c.add('search.minSites', `must not be above search.maxSites (${s.maxSites}), got ${s.minSites}`);
  if (s.maxRequestMW !== null) c.positive('search.maxRequestMW', s.maxRequestMW, 'MW', 1e7);
  c.integer('search.top', s.top, 1, 1000, 'sets');
}

