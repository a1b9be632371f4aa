/**
 * The Portfolio tab (docs/portfolio.md): which sites, the IT MW target, the date, firm or first MW,
 * the cross-region rho, the delay cost, a best-set budget, and its run. Each site's queue request is
 * the Grid queue tab's own (QueueState.request), and its IT MW the Buy vs build tab's (BvbState.itMWFor),
 * read through their methods. Writes `portfolio` of a scenario.
 */
import { MAX_TRIALS, type FieldError, type Result } from '../sim/contract';
import { parseWhole, wholeIn } from '../sim/number-text';
import type { PortfolioRequest, PortfolioSite } from '../sim/portfolio/params';
import { setCount, validatePortfolioRequest } from '../sim/portfolio/params';
import { EXACT_SET_LIMIT } from '../sim/portfolio/sets';
import type { PortfolioSummary } from '../sim/portfolio/runner';
import { itMWForSite } from '../sim/requests';
import type { Scenario } from '../snapshot';
import type { BvbState } from './bvb-state.svelte';
import type { QueueState } from './queue-state.svelte';
import { RunLifecycle } from './run.svelte';
import type { SettingsState } from './settings-state.svelte';
import type { PoolHolder } from './sim-pool';
import type { SiteRef } from './site-state.svelte';
import { formatProblems } from '../sim/param-words';

export const DEFAULT_PORTFOLIO_TRIALS = 1000;
export const DEFAULT_PORTFOLIO = { siteIds: [] as string[], targetMW: 500, by: '2028-06', basis: 'firm' as const, rho: 0, delayCostUSDPerMonth: 0, best: null as number | null, trials: DEFAULT_PORTFOLIO_TRIALS };
export type PortfolioScenario = NonNullable<Scenario['portfolio']>;

/**
 * Set-trials the page ranks at most: the ranking runs where the summary is made (the page's thread),
 * at about 70 ns per set-trial on the benchmark machine, so this keeps it near 35 ms (no long task).
 * Larger searches belong to `npm run portfolio -- --best k` or a sweep (docs/portfolio.md).
 */
export const PAGE_RANK_BUDGET = 500_000;
/**
 * Trials the page summarises at most: the MW fan sorts every trial at each of its months on the
 * page's thread (~30 ms at 1,000 trials under load), so more trials go to the command line.
 */
export const PAGE_MAX_TRIALS = 2000;

/** Why a run is too large to summarise or rank on the page, or null. */
export function rankingTooLargeForPage(req: PortfolioRequest): FieldError | null {
  if (req.trials > PAGE_MAX_TRIALS) {
    return { field: 'Trials', message: `the page runs at most ${PAGE_MAX_TRIALS.toLocaleString('en-US')} trials of a portfolio, got ${req.trials.toLocaleString('en-US')}; run more with "npm run portfolio -- --trials ${req.trials}" on the command line` };
  }
  if (!req.search) return null;
  const n = req.sites.length;
  const exact = setCount(n, req.search.minSites, req.search.maxSites);
  const sets = exact <= EXACT_SET_LIMIT ? exact : n * req.search.maxSites * 4;
  if (sets * req.trials <= PAGE_RANK_BUDGET) return null;
  return {
    field: 'Best set of',
    message: `ranking about ${sets.toLocaleString('en-US')} sets over ${req.trials.toLocaleString('en-US')} trials is too much for the page; use fewer trials or sites, or run "npm run portfolio -- --best ${req.search.maxSites}" (or a sweep) on the command line`,
  };
}

const num = (text: string): number => (text.trim() === '' ? NaN : Number(text.trim()));

export class PortfolioState {
  siteIds = $state<string[]>([]);
  targetText = $state(String(DEFAULT_PORTFOLIO.targetMW));
  byText = $state(DEFAULT_PORTFOLIO.by);
  basis = $state<'firm' | 'first'>('firm');
  rhoText = $state('0');
  delayCostText = $state('0');
  /** best-set budget k ('' = no search) */
  bestText = $state('');
  trialsText = $state(String(DEFAULT_PORTFOLIO_TRIALS));

  readonly run = new RunLifecycle<PortfolioSummary, PortfolioSummary>();

  #settings: SettingsState;
  #queue: QueueState;
  #bvb: BvbState;
  #pools: PoolHolder;
  #refOf: (id: string) => SiteRef | null;

  constructor(settings: SettingsState, queue: QueueState, bvb: BvbState, refOf: (id: string) => SiteRef | null, pools: PoolHolder) {
    this.#settings = settings;
    this.#queue = queue;
    this.#bvb = bvb;
    this.#refOf = refOf;
    this.#pools = pools;
  }

  toggle(id: string, on: boolean): void {
    this.siteIds = on ? (this.siteIds.includes(id) ? this.siteIds : [...this.siteIds, id]) : this.siteIds.filter((x) => x !== id);
  }

  /** The request as the fields stand, or every problem by field (display names, never ids). */
  request(): Result<PortfolioRequest> {
    const errors: FieldError[] = [];
    const trials = wholeIn(this.trialsText, 1, MAX_TRIALS);
    if (trials === null) errors.push({ field: 'Trials', message: `must be a whole number from 1 to ${MAX_TRIALS.toLocaleString('en-US')}, got "${this.trialsText}"` });
    const best = this.bestText.trim() === '' ? null : parseWhole(this.bestText);
    if (this.bestText.trim() !== '' && best === null) errors.push({ field: 'Best set of', message: `must be a whole number of sites, got "${this.bestText}"` });
    const sites: PortfolioSite[] = [];
    for (const id of this.siteIds) {
      const ref = this.#refOf(id);
      if (!ref) continue;
      const q = this.#queue.request(ref, trials ?? 1, this.basis === 'first');
      if (!q.ok) {
        errors.push({ field: '', message: `${ref.name}: ${formatProblems(q.errors)}` });
        continue;
      }
      const it = this.#bvb.itMWFor(ref) ?? itMWForSite(ref);
      sites.push({ id, name: ref.name, queueKey: q.value.presetId, itMW: it, queue: { presetId: q.value.presetId, params: q.value.params, projectMW: q.value.projectMW, gridAccess: q.value.gridAccess ?? null, ...(q.value.curtailment ? { curtailment: q.value.curtailment } : {}) } });
    }
    if (this.basis === 'first' && sites.some((x) => !x.queue.curtailment)) {
      errors.push({ field: 'Count', message: 'first (curtailable) MW need "Accept curtailment" ticked in the Grid queue tab' });
    }
    if (errors.length) return { ok: false, errors };
    const req: PortfolioRequest = {
      model: 'portfolio',
      trials: trials as number,
      seed: this.#settings.settings().seed,
      sites,
      portfolio: sites.map((s) => s.id),
      targetMW: num(this.targetText),
      by: this.byText.trim(),
      basis: this.basis,
      rho: num(this.rhoText),
      delayCostUSDPerMonth: num(this.delayCostText),
      search: best === null ? null : { minSites: 1, maxSites: best, maxRequestMW: null, top: 10 },
    };
    const v = validatePortfolioRequest(req);
    if (v.ok) {
      const tooMuch = rankingTooLargeForPage(req);
      return tooMuch ? { ok: false, errors: [tooMuch] } : v;
    }
    // Field paths become the labels the user sees.
    const label: Record<string, string> = { targetMW: 'Target', by: 'By', rho: 'Cross-region correlation', delayCostUSDPerMonth: 'Delay cost', 'search.maxSites': 'Best set of', sites: 'Sites', portfolio: 'Sites', trials: 'Trials' };
    return { ok: false, errors: v.errors.map((e) => ({ field: label[e.field] ?? (/^sites\[\d+\]/.test(e.field) ? 'Sites' : e.field), message: e.message })) };
  }

  async start(): Promise<void> {
    const r = this.request();
    if (!r.ok) {
      this.run.refuse(`Not run: ${formatProblems(r.errors)}`);
      return;
    }
    const token = this.run.start(null, r.value.trials);
    try {
      const summary = await this.#pools.pool.run('portfolio', r.value, { onProgress: token.progress, signal: token.signal });
      token.finish(summary);
    } catch (e) {
      token.fail(e);
    }
  }

  cancel(): void {
    this.run.cancel();
  }

  toScenario(): Pick<Scenario, 'portfolio'> {
    const best = this.bestText.trim() === '' ? null : parseWhole(this.bestText);
    const n = (text: string, fallback: number) => (Number.isFinite(num(text)) ? num(text) : fallback);
    return {
      portfolio: {
        siteIds: $state.snapshot(this.siteIds),
        targetMW: n(this.targetText, DEFAULT_PORTFOLIO.targetMW),
        by: /^\d{4}-\d{2}(-\d{2})?$/.test(this.byText.trim()) ? this.byText.trim() : DEFAULT_PORTFOLIO.by,
        basis: this.basis,
        rho: Math.min(1, Math.max(0, n(this.rhoText, 0))),
        delayCostUSDPerMonth: Math.max(0, n(this.delayCostText, 0)),
        best: best !== null && best >= 1 ? best : null,
        trials: wholeIn(this.trialsText, 1, MAX_TRIALS) ?? DEFAULT_PORTFOLIO_TRIALS,
      },
    };
  }

  fromScenario(p: Scenario['portfolio']): void {
    this.run.reset();
    const s = p ?? DEFAULT_PORTFOLIO;
    this.siteIds = [...s.siteIds];
    this.targetText = String(s.targetMW);
    this.byText = s.by;
    this.basis = s.basis;
    this.rhoText = String(s.rho);
    this.delayCostText = String(s.delayCostUSDPerMonth);
    this.bestText = s.best === null ? '' : String(s.best);
    this.trialsText = String(s.trials);
  }

  reset(): void {
    this.fromScenario(undefined);
  }
}
