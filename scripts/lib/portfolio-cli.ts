/**
 * `npm run --silent portfolio -- --sites a,b,c --target-mw 500 --by 2028-06 [--json]`: which sites
 * together reach an IT MW target by a date (docs/portfolio.md). Each site's queue request is the one
 * `simulate --model queue --site <id>` runs (queue-cli.ts queueRequestFromDisk); the portfolio model
 * runs them jointly through the same pool.
 *
 *   --sites a,b,c            the portfolio (bundled site ids)
 *   --candidates a,b,…|all   what --best searches (default: the portfolio's sites)
 *   --target-mw MW           IT MW the portfolio must reach
 *   --by YYYY-MM[-DD]        by the end of that month (or that day)
 *   --basis firm|first       firm MW, or the first (curtailable) MW under the region's rule
 *   --rho R                  rank correlation between different queues, 0–1 (default 0)
 *   --delay-cost USD         USD per month the target is late (default 0)
 *   --best K [--min-sites J] [--max-request-mw MW] [--top N]   rank sets of J…K candidates
 *   --trials N --seed S --workers W --json
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Result } from '../../src/sim/contract';
import type { PortfolioRequest, PortfolioSite } from '../../src/sim/portfolio/params';
import { validatePortfolioRequest } from '../../src/sim/portfolio/params';
import type { PortfolioSummary } from '../../src/sim/portfolio/runner';
import { DEFAULT_SEED } from '../../src/sim/run-defaults';
import { CliArgs, CliError, workersFlag } from './cli-args';
import { thisMonth } from './curtail-cli';
import { queueRequestFromDisk } from './queue-cli';
import { runModel } from './run-model';

/** Fewer trials than a single-site run by default: every candidate runs its queue in every trial. */
export const PORTFOLIO_DEFAULT_TRIALS = 2000;

/** Flags to field names, so a refused request names what the user typed. */
const FLAG_OF: Record<string, string> = {
  targetMW: '--target-mw',
  by: '--by',
  rho: '--rho',
  delayCostUSDPerMonth: '--delay-cost',
  trials: '--trials',
  seed: '--seed',
  portfolio: '--sites',
  'search.maxSites': '--best',
  'search.minSites': '--min-sites',
  'search.maxRequestMW': '--max-request-mw',
  'search.top': '--top',
  basis: '--basis',
};

export interface PortfolioCliArgs {
  sites: string[];
  candidates: string[] | 'all' | null;
  targetMW: number;
  by: string;
  basis: 'firm' | 'first';
  rho: number;
  delayCost: number;
  best: number | null;
  minSites: number;
  maxRequestMW: number | null;
  top: number;
  trials: number;
  seed: number;
  workers: number;
  root: string;
}

function list(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Every bundled site id that has a queue (for --candidates all). */
export function allSiteIds(root: string): string[] {
  const json = JSON.parse(readFileSync(resolve(root, 'data/sites.geojson'), 'utf8')) as { features: Array<{ properties?: { id?: unknown; queuePreset?: unknown } }> };
  return json.features.map((f) => f.properties ?? {}).filter((p) => typeof p.id === 'string' && typeof p.queuePreset === 'string' && p.queuePreset).map((p) => p.id as string);
}

/** A bundled site as a portfolio candidate (its queue request as the queue command builds it). */
export function portfolioSiteFromDisk(root: string, id: string, basis: 'firm' | 'first'): PortfolioSite {
  let built: ReturnType<typeof queueRequestFromDisk>;
  try {
    built = queueRequestFromDisk({ site: id, trials: 1, seed: 0, validation: false, root, curtail: basis === 'first' ? { floorMW: 0, asOf: thisMonth(), assumePath: true } : undefined });
  } catch (e) {
    if (e instanceof CliError && e.flag === '--site') throw new CliError('--sites', e.message.replace(/^--site: /, ''));
    throw e;
  }
  const { request, site } = built;
  if (!site) throw new CliError('--sites', `no site "${id}"`);
  return {
    id: site.id,
    name: site.name,
    queueKey: request.presetId,
    itMW: site.itMW,
    queue: { presetId: request.presetId, params: request.params, projectMW: request.projectMW, gridAccess: request.gridAccess ?? null, ...(request.curtailment ? { curtailment: request.curtailment } : {}) },
  };
}

/** The request the flags describe, checked; every problem names its flag. */
export function portfolioRequestFromArgs(a: PortfolioCliArgs): Result<PortfolioRequest> {
  if (a.sites.length === 0 && a.best === null) return { ok: false, errors: [{ field: '--sites', message: 'list at least one site id, e.g. --sites riot-rockdale,iren-childress (or ask for --best K)' }] };
  const candidates = a.candidates === 'all' ? allSiteIds(a.root) : a.candidates ?? a.sites;
  const missing = a.sites.find((id) => !candidates.includes(id));
  if (missing) return { ok: false, errors: [{ field: '--sites', message: `"${missing}" is not among --candidates` }] };
  const req: PortfolioRequest = {
    model: 'portfolio',
    trials: a.trials,
    seed: a.seed,
    sites: candidates.map((id) => portfolioSiteFromDisk(a.root, id, a.basis)),
    portfolio: a.sites,
    targetMW: a.targetMW,
    by: a.by,
    basis: a.basis,
    rho: a.rho,
    delayCostUSDPerMonth: a.delayCost,
    search: a.best === null ? null : { minSites: a.minSites, maxSites: a.best, maxRequestMW: a.maxRequestMW, top: a.top },
  };
  const v = validatePortfolioRequest(req);
  if (v.ok) return v;
  return { ok: false, errors: v.errors.map((e) => ({ field: FLAG_OF[e.field] ?? (e.field.startsWith('sites') ? '--sites' : e.field), message: e.message })) };
}

/** Reads the flags (bad ones throw CliError naming the flag). */
export function readPortfolioArgs(args: CliArgs, root: string): PortfolioCliArgs {
  const cand = args.string('--candidates');
  const basis = args.string('--basis', 'firm');
  if (basis !== 'firm' && basis !== 'first') throw new CliError('--basis', `must be firm or first, got "${basis}"`);
  const target = args.number('--target-mw', { min: -Infinity, max: Infinity, what: 'a number of IT MW' });
  if (target === undefined) throw new CliError('--target-mw', 'is required: the IT MW the portfolio must reach');
  const by = args.string('--by');
  if (by === undefined) throw new CliError('--by', 'is required: a date YYYY-MM (by the end of that month) or YYYY-MM-DD');
  const out: PortfolioCliArgs = {
    sites: list(args.string('--sites')),
    candidates: cand === undefined ? null : cand === 'all' ? 'all' : list(cand),
    targetMW: target,
    by,
    basis,
    rho: args.number('--rho', { min: -Infinity, max: Infinity, what: 'a correlation from 0 to 1', fallback: 0 }),
    delayCost: args.number('--delay-cost', { min: -Infinity, max: Infinity, what: 'USD per month', fallback: 0 }),
    best: args.number('--best', { min: -Infinity, max: Infinity, whole: true, what: 'a number of sites' }) ?? null,
    minSites: args.number('--min-sites', { min: -Infinity, max: Infinity, whole: true, what: 'a number of sites', fallback: 1 }),
    maxRequestMW: args.number('--max-request-mw', { min: -Infinity, max: Infinity, what: 'a number of MW' }) ?? null,
    top: args.number('--top', { min: -Infinity, max: Infinity, whole: true, what: 'a number of sets', fallback: 10 }),
    trials: args.number('--trials', { min: -Infinity, max: Infinity, whole: true, what: 'a whole number of trials', fallback: PORTFOLIO_DEFAULT_TRIALS }),
    seed: args.number('--seed', { min: 0, max: 0xffffffff, whole: true, fallback: DEFAULT_SEED }),
    workers: workersFlag(args),
    root,
  };
  return out;
}

/** Runs it; a refused request throws CliError naming the first flag at fault (nothing runs). */
export async function runPortfolioCli(a: PortfolioCliArgs): Promise<PortfolioSummary & { workers: number; units: string }> {
  const req = portfolioRequestFromArgs(a);
  if (!req.ok) {
    const e = req.errors[0];
    throw new CliError(e.field, req.errors.map((x) => (x.field === e.field ? x.message : `${x.field}: ${x.message}`)).join('; '));
  }
  const s = await runModel('portfolio', req.value, a.workers);
  return { ...s, workers: a.workers, units: 'IT MW; months from asOf (null = beyond the horizon); dates YYYY-MM; USD' };
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const mo = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '> horizon');
const usd = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;

/** The readable text printed without --json. */
export function formatPortfolioCli(o: PortfolioSummary & { workers: number }): string {
  const lines = [
    `Portfolio: ${o.targetMW} IT MW (${o.basis === 'firm' ? 'firm' : 'first, curtailable'}) by ${o.by} (${o.byDate}); clock from ${o.asOf}, horizon ${o.horizonMonths.toFixed(0)} months`,
    `${o.trials.toLocaleString('en-US')} trials, seed ${o.seed}, ${o.workers} worker(s), cross-region rho ${o.rho}`,
    '',
    '  site                                       IT MW   P(by date)   P10 / P50 / P90 months',
    ...o.sites.map((s) => `  ${s.name.slice(0, 40).padEnd(40)} ${s.itMW.toFixed(0).padStart(7)}   ${pct(s.pEnergizedBy).padStart(9)}   ${mo(s.months.p10)} / ${mo(s.months.p50)} / ${mo(s.months.p90)}`),
  ];
  const p = o.portfolio;
  if (p) {
    lines.push(
      '',
      `  P(portfolio ≥ ${o.targetMW} MW by ${o.by}) = ${pct(p.pTarget)}   (${p.itMW.toFixed(0)} IT MW in the set)`,
      `  target reached P10 / P50 / P90: ${p.reachedDates.p10 ?? '> horizon'} / ${p.reachedDates.p50 ?? '> horizon'} / ${p.reachedDates.p90 ?? '> horizon'}`,
      `  expected delay ${p.expectedDelayMonths.toFixed(1)} months, cost ${usd(p.expectedDelayCostUSD)}`,
      ...p.contributions.map((c) => `  without ${c.name}: ${pct(c.pWithout)} (drop ${pct(c.drop)})`),
    );
  }
  const s = o.search;
  if (s) {
    lines.push('', `  Best sets of ${s.minSites}–${s.maxSites} sites${s.maxRequestMW === null ? '' : ` within ${s.maxRequestMW} MW requested`}: ${s.method === 'exact' ? `exact, all ${s.evaluated.toLocaleString('en-US')} sets` : `heuristic (greedy with swaps), ${s.evaluated.toLocaleString('en-US')} of ${s.exactCount.toLocaleString('en-US')} sets scored`}`);
    s.ranked.forEach((r, i) => lines.push(`  ${String(i + 1).padStart(3)}. ${pct(r.pTarget).padStart(6)}  delay ${r.expectedDelayMonths.toFixed(1)} mo  ${usd(r.expectedDelayCostUSD)}  ${r.names.join(' + ')}`));
  }
  return lines.join('\n');
}
