/**
 * The Buy vs build tab: the user's parameter edits (raw text by dotted path: shared ones, and each
 * site's own facts), the lead N and tornado arm, and the run: the one pipeline (sim/buy-vs-build/
 * pipeline.ts) of the region's queue model, the buy-vs-build trials and the tornado, on the shared
 * pool. Writes buyVsBuildOverrides (rent included: the rent lives here only),
 * buyVsBuildSiteOverrides, view.leadMonthsN and view.tornadoArm of a scenario.
 */
import { unknownSiteOverrides } from '../snapshot/scenario-refs';
import bvbJson from '../../data/buy-vs-build.json';
import { loadBuyVsBuildDefaults, paramsForRegion, type BuyVsBuildDefaults } from '../sim/buy-vs-build/defaults';
import { itMW, type BuyVsBuildParams, type BuyVsBuildRequest, type SiteFacts } from '../sim/buy-vs-build/params';
import { runBuyVsBuildPipeline, TORNADO_TRIALS, type PipelineResult, type PipelineStep } from '../sim/buy-vs-build/pipeline';
import { prepareBuyVsBuildRequest, siteFactsFor, type SiteInput } from '../sim/buy-vs-build/prepare';
import type { QueueBasis } from '../sim/buy-vs-build/queue-basis';
import { defaultLeadMonths } from '../sim/buy-vs-build/reading';
import { MAX_LEAD_MONTHS, type BuyVsBuildSummary } from '../sim/buy-vs-build/runner';
import { type FieldError, type Result } from '../sim/contract';
import { parseWhole, readNumber, uniqueByField } from '../sim/number-text';
import { applyOverrides, draftsToOverrides, nestOverrides, own, withOwn, withoutOwn, type Overrides } from '../sim/param-paths';
import { FALLBACK_LEAD_MONTHS } from '../sim/run-defaults';
import type { Scenario } from '../snapshot';
import type { QueueState } from './queue-state.svelte';
import type { CurtailmentState } from './curtailment-state.svelte';
import type { QueuePresetDoc } from '../sim/queue/presets';
import { defaultsOrErrors } from './bundled-defaults';
import { RunLifecycle } from './run.svelte';
import type { SettingsState } from './settings-state.svelte';
import type { PoolHolder } from './sim-pool';
import type { SiteRef, SiteState } from './site-state.svelte';
import { formatProblems } from '../sim/param-words';

export type BvbStep = PipelineStep;

/** A site as the buy-vs-build model reads it, plus what the UI needs to pick defaults. */
export interface BvbSite extends SiteInput {
  name: string;
  kind: 'power-shell' | 'greenfield';
  /** UI region (texas, nordics, singapore, samara), or null for a custom site outside them */
  uiRegion: string | null;
}

export interface BvbResult extends PipelineResult {
  siteId: string;
  /** the request's identity without the rent (the rent only scales the delay cost) */
  key: string;
}

type BvbPart = Pick<Scenario, 'buyVsBuildOverrides' | 'buyVsBuildSiteOverrides'> & { view: Pick<Scenario['view'], 'leadMonthsN' | 'tornadoArm'> };

/** Paths whose drafts belong to one site (its facts); every other draft applies to all sites. */
const isSitePath = (path: string) => path.startsWith('site.');
const errorMap = (errors: FieldError[]) => Object.fromEntries(errors.map((e) => [e.field, e.message]));

export class BvbState {
  readonly defaults: BuyVsBuildDefaults | null;
  /** problems in the bundled data file (shown, never thrown) */
  readonly dataErrors: string[] = [];

  /** raw text by dotted parameter path, for every site (rent included) */
  drafts = $state<Record<string, string>>({});
  /** raw text of site facts, by site id then path */
  siteDrafts = $state<Record<string, Record<string, string>>>({});
  /** N of P(buy earlier by ≥ N months); '' = the engine's suggestion for the result shown */
  leadText = $state('');
  /** tornado: which arm's P50 the bars show */
  tornadoArm = $state<'buy' | 'build'>('build');

  readonly run = new RunLifecycle<BuyVsBuildSummary, BvbResult>();

  #settings: SettingsState;
  #queue: QueueState;
  #sites: SiteState;
  #pools: PoolHolder;
  /** queue tables by queue request, so changing rho or a phase does not rerun the queue model */
  #queueCache = new Map<string, QueueBasis>();

  constructor(settings: SettingsState, queue: QueueState, sites: SiteState, pools: PoolHolder) {
    this.#settings = settings;
    this.#queue = queue;
    this.#sites = sites;
    this.#pools = pools;
    this.defaults = defaultsOrErrors(loadBuyVsBuildDefaults(bvbJson as unknown), 'data/buy-vs-build.json', this.dataErrors);
  }

  get step(): BvbStep {
    return (this.run.step || 'queue') as BvbStep;
  }

  /** The site's facts as the model reads them (bundled or the user's own site). */
  siteFor(ref: SiteRef): BvbSite {
    const s = this.#sites.find(ref.id);
    const uiRegion = s ? ('region' in s ? s.region : s.uiRegion) : null;
    return {
      id: ref.id,
      name: ref.name,
      queuePreset: ref.queuePreset ?? '',
      gridMW: ref.gridMW,
      aiItMW: ref.aiItMW,
      pue: s?.pue ?? null,
      kind: s?.kind ?? 'greenfield',
      uiRegion,
    };
  }

  /** Parameters before the user's edits: region defaults with the site's own facts. */
  baseParams(site: BvbSite): { params: BuyVsBuildParams; assumed: Array<keyof SiteFacts> } | null {
    if (!this.defaults) return null;
    const regional = paramsForRegion(this.defaults, site.queuePreset);
    const { facts, assumed } = siteFactsFor(site, regional.site);
    return { params: { ...regional, site: facts }, assumed };
  }

  draftsFor(siteId: string): Record<string, string> {
    return { ...this.drafts, ...(own(this.siteDrafts, siteId) ?? {}) };
  }

  edit(siteId: string, path: string, raw: string): void {
    if (isSitePath(path)) this.siteDrafts = withOwn(this.siteDrafts, siteId, withOwn(own(this.siteDrafts, siteId) ?? {}, path, raw));
    else this.drafts = withOwn(this.drafts, path, raw);
  }

  /** Back to the data's values for this site (the shared edits and this site's facts). */
  resetSite(siteId: string): void {
    this.drafts = {};
    this.siteDrafts = withoutOwn(this.siteDrafts, siteId);
  }

  /**
   * The validated request for this site without the queue table (a placeholder stands in), or
   * every problem, each naming its field: parameter paths as in the editor ("rho",
   * "site.gridMW"), settings as "trials" / "seed".
   */
  request(site: BvbSite): Result<BuyVsBuildRequest> {
    const base = this.baseParams(site);
    if (!base || !this.defaults) return { ok: false, errors: [{ field: 'data/buy-vs-build.json', message: 'the model defaults failed validation' }] };
    const settings = this.#settings.settings();
    const { overrides, errors } = draftsToOverrides(base.params, this.draftsFor(site.id));
    const prepared = prepareBuyVsBuildRequest({ defaults: this.defaults, site, queueTable: [0, 1], trials: settings.trials, seed: settings.seed, overrides: nestOverrides(overrides) });
    const all = [...settings.errors, ...errors, ...(prepared.ok ? [] : prepared.errors.map((e) => ({ ...e, field: e.field.replace(/^params\./, '') })))];
    const unique = uniqueByField(all);
    if (unique.length || !prepared.ok) return { ok: false, errors: unique };
    return prepared;
  }

  /** IT MW of the site's building with the user's edits, or null while they do not validate (the Leasing tab reads it). */
  itMWFor(ref: SiteRef): number | null {
    const r = this.request(this.siteFor(ref));
    return r.ok ? itMW(r.value.params.site) : null;
  }

  /** The finished result for this site, if any (the Leasing tab delivers the building by it). */
  resultFor(siteId: string): BvbResult | null {
    const r = this.run.result;
    return r && r.siteId === siteId ? r : null;
  }

  /** "Accept curtailment", shared with the Grid queue tab: the greenfield arm's queue run uses it. */
  get curtailment(): CurtailmentState {
    return this.#queue.curtailment;
  }

  /** The site's queue preset (the curtailment rule reads its as-of date). */
  queuePreset(id: string): QueuePresetDoc | undefined {
    return this.#queue.preset(id);
  }

  /** Field errors of the inputs as they stand (shown live beside the fields). */
  validate(ref: SiteRef): Record<string, string> {
    const site = this.siteFor(ref);
    const r = this.request(site);
    const out = r.ok ? {} : errorMap(r.errors);
    // Curtailment problems (a floor above the greenfield request among them) show here too; other queue problems on the Grid queue tab.
    if (r.ok && this.curtailment.accept) {
      const q = this.#queue.basisRequest(site, r.value.params.site, r.value.seed, true);
      if (!q.ok) Object.assign(out, errorMap(q.errors.filter((e) => e.field.startsWith('curtailment'))));
    }
    const lead = this.#leadError();
    if (lead) out.leadMonths = lead;
    return out;
  }

  #leadError(): string | null {
    if (this.leadText.trim() === '') return null;
    const n = parseWhole(this.leadText);
    return n === null || n > MAX_LEAD_MONTHS ? `must be a whole number of months from 0 to ${MAX_LEAD_MONTHS}, got "${this.leadText}"` : null;
  }

  /** N of "P(buy earlier by ≥ N months)": the user's, else the engine's suggestion for `s`. */
  leadMonths(s: BuyVsBuildSummary | null): number {
    const n = parseWhole(this.leadText);
    if (n !== null && n <= MAX_LEAD_MONTHS) return n;
    const suggested = s ? defaultLeadMonths(s) : 0;
    return suggested > 0 ? suggested : FALLBACK_LEAD_MONTHS;
  }

  /**
   * Rent in USD per kW-month as typed, or NaN while it is invalid (the field shows why). Read on its
   * own, so a bad entry elsewhere does not blank the delay cost of the result on screen.
   */
  rent(ref: SiteRef): number {
    const typed = own(this.draftsFor(ref.id), 'rentUSDPerKWMonth');
    if (typed === undefined) return this.baseParams(this.siteFor(ref))?.params.rentUSDPerKWMonth ?? NaN;
    const v = readNumber(typed);
    return v.ok && v.value >= 0 && !this.validate(ref).rentUSDPerKWMonth ? v.value : NaN;
  }

  /** Identity of a request for "are the results on screen still these inputs?"; the rent is left out. */
  #key(req: BuyVsBuildRequest, queueKey: string): string {
    return JSON.stringify([queueKey, req.siteId, { ...req.params, rentUSDPerKWMonth: 0 }, req.trials, req.seed]);
  }

  /** Whether the result on screen for this site was computed from the inputs as they stand. */
  isCurrent(ref: SiteRef): boolean {
    const res = this.resultFor(ref.id);
    if (!res) return false;
    const site = this.siteFor(ref);
    const r = this.request(site);
    if (!r.ok) return false;
    const q = this.#queue.basisRequest(site, r.value.params.site, r.value.seed, true);
    return q.ok && this.#key(r.value, JSON.stringify(q.value)) === res.key;
  }

  /** Run the pipeline for the selected site; refuses with field errors while inputs are invalid. */
  async start(ref: SiteRef, now: () => number = () => performance.now()): Promise<void> {
    // The greenfield arm's grid-access phase needs the grid layer; without one nothing is awaited.
    const grid = this.#queue.gridReady();
    if (grid) await grid;
    const site = this.siteFor(ref);
    const prepared = this.request(site);
    const lead = this.#leadError();
    const queueReq = prepared.ok ? this.#queue.basisRequest(site, prepared.value.params.site, prepared.value.seed, true) : null;
    const preset = this.#queue.preset(site.queuePreset);
    const problems = [...(prepared.ok ? [] : prepared.errors), ...(queueReq && !queueReq.ok ? queueReq.errors : []), ...(lead ? [{ field: 'leadMonths', message: lead }] : [])];
    if (problems.length || !prepared.ok || !queueReq?.ok || !preset) {
      this.run.refuse(`Not run: ${formatProblems(problems)}`);
      return;
    }
    const token = this.run.start(site.id, queueReq.value.trials, true);
    const queueKey = JSON.stringify(queueReq.value);
    const pool = this.#pools.pool;
    const result = (r: PipelineResult): BvbResult => ({ ...r, siteId: site.id, key: this.#key(r.request, queueKey) });
    try {
      const r = await runBuyVsBuildPipeline(
        (model, request, opts) => pool.run(model, request, opts),
        { preset, queueRequest: queueReq.value, request: prepared.value, tornadoTrials: TORNADO_TRIALS },
        { onStep: token.step, onProgress: token.progress, onPreview: token.preview, onTrialsDone: (x) => token.partial(result(x)), signal: token.signal, queueCache: this.#queueCache, now },
      );
      token.finish(result(r));
    } catch (e) {
      token.fail(e);
    }
  }

  cancel(): void {
    this.run.cancel();
  }

  /** Edits that parse are recorded; ones being typed wait (problems() names them). */
  toScenario(): BvbPart {
    const numbers = (drafts: Record<string, string>): Overrides => {
      const out: Overrides = {};
      for (const [path, raw] of Object.entries(drafts)) {
        const v = readNumber(raw);
        if (v.ok) Object.defineProperty(out, path, { value: v.value, enumerable: true });
      }
      return { ...out };
    };
    const perSite: Record<string, Overrides> = {};
    for (const [id, drafts] of Object.entries($state.snapshot(this.siteDrafts))) {
      const o = numbers(drafts);
      if (Object.keys(o).length) Object.defineProperty(perSite, id, { value: o, enumerable: true });
    }
    const view: BvbPart['view'] = {};
    const lead = parseWhole(this.leadText);
    if (lead !== null && lead <= MAX_LEAD_MONTHS) view.leadMonthsN = lead;
    if (this.tornadoArm !== 'build') view.tornadoArm = this.tornadoArm;
    return { buyVsBuildOverrides: numbers($state.snapshot(this.drafts)), buyVsBuildSiteOverrides: { ...perSite }, view };
  }

  problems(): FieldError[] {
    const out: FieldError[] = [];
    const check = (where: string, drafts: Record<string, string>) => {
      for (const [path, raw] of Object.entries(drafts)) {
        const v = readNumber(raw);
        if (!v.ok) out.push({ field: `${where}${path}`, message: v.message });
      }
    };
    check('buyVsBuild.', this.drafts);
    for (const [id, d] of Object.entries(this.siteDrafts)) check(`buyVsBuild.${id}.`, d);
    const lead = this.#leadError();
    if (lead) out.push({ field: 'leadMonths', message: lead });
    return out;
  }

  /** Parameters depend on the site (its region's defaults and facts): each site's edits are checked against its own. */
  check(s: BvbPart & Pick<Scenario, 'selectedSiteIds'>, where: string, refOf: (id: string) => SiteRef | null): FieldError[] {
    const errors: FieldError[] = [];
    const ids = new Set([...s.selectedSiteIds, ...Object.keys(s.buyVsBuildSiteOverrides)]);
    if (ids.size === 0 && Object.keys(s.buyVsBuildOverrides).length && this.defaults) {
      const applied = applyOverrides(this.defaults.params, s.buyVsBuildOverrides, undefined, `${where}.buyVsBuildOverrides`);
      if (!applied.ok) errors.push(...applied.errors);
    }
    errors.push(...unknownSiteOverrides(s, (id) => refOf(id) !== null, where));
    for (const id of ids) {
      const ref = refOf(id);
      if (!ref) continue;
      const base = this.baseParams(this.siteFor(ref));
      if (!base) continue;
      const mine = own(s.buyVsBuildSiteOverrides, id) ?? {};
      const shared = applyOverrides(base.params, s.buyVsBuildOverrides, undefined, `${where}.buyVsBuildOverrides`);
      if (!shared.ok) errors.push(...shared.errors);
      const facts = applyOverrides(base.params, mine, undefined, `${where}.buyVsBuildSiteOverrides.${id}`);
      if (!facts.ok) errors.push(...facts.errors);
      for (const path of Object.keys(mine)) if (!isSitePath(path)) errors.push({ field: `${where}.buyVsBuildSiteOverrides.${id}["${path}"]`, message: 'only site facts (site.…) are kept per site' });
    }
    return uniqueByField(errors);
  }

  fromScenario(s: BvbPart): void {
    this.run.reset();
    const text = (o: Overrides) => Object.fromEntries(Object.entries(o).map(([p, v]) => [p, String(v)]));
    this.drafts = text(s.buyVsBuildOverrides);
    const perSite: Record<string, Record<string, string>> = {};
    for (const [id, o] of Object.entries(s.buyVsBuildSiteOverrides)) Object.defineProperty(perSite, id, { value: text(o), enumerable: true });
    this.siteDrafts = { ...perSite };
    this.leadText = s.view.leadMonthsN === undefined ? '' : String(s.view.leadMonthsN);
    this.tornadoArm = s.view.tornadoArm ?? 'build';
  }

  reset(): void {
    this.fromScenario({ buyVsBuildOverrides: {}, buyVsBuildSiteOverrides: {}, view: {} });
  }
}
