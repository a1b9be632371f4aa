/**
 * Buy-vs-build and lease-ahead absorption runs for the selected site (issue 4 item 3), on the same
 * worker pool as the queue tab. A buy-vs-build run is three steps: the region's queue model
 * (prepare.ts: QUEUE_TRIALS_FOR_BUY_VS_BUILD trials, seed queueSeedFor(seed)) for the quantile
 * table both arms read, the buy-vs-build trials, then the tornado in a worker of its own.
 * Parameter edits are kept as the user's raw text, so an invalid entry is shown back, never lost,
 * and nothing runs while any field is invalid.
 */
import bvbJson from '../../data/buy-vs-build.json';
import absorptionJson from '../../data/absorption.json';
import { isAbortError } from '../../workers/pool';
import { loadAbsorptionPresets, type AbsorptionPreset } from '../sim/absorption/presets';
import type { AbsorptionSummary } from '../sim/absorption/runner';
import { loadBuyVsBuildDefaults, paramsForRegion, type BuyVsBuildDefaults } from '../sim/buy-vs-build/defaults';
import { itMW, type BuyVsBuildParams, type BuyVsBuildRequest, type SiteFacts } from '../sim/buy-vs-build/params';
import { prepareBuyVsBuildRequest, siteFactsFor, type SiteInput } from '../sim/buy-vs-build/prepare';
import { defaultLeadMonths } from '../sim/buy-vs-build/reading';
import { MAX_LEAD_MONTHS, type BuyVsBuildSummary } from '../sim/buy-vs-build/runner';
import type { TornadoResult } from '../sim/buy-vs-build/tornado';
import type { FieldError, Result } from '../sim/contract';
import type { QueueSummary } from '../sim/queue/summary';
import { ABSORPTION_PRESET_BY_REGION } from '../ui/bvb-derive';
import { createTornadoRunner } from '../../workers/tornado-client';
import { parseWhole, uniqueByField } from './parse-input';
import { leasingRequest, queueBasis, queueRequestFor, type DeliveredBy, type QueueBasis } from '../ui/bvb-requests';
import { bvbOverridesFromDrafts } from '../ui/bvb-fields';
import type { RunStatus, SimState, SiteRef } from './sim-state.svelte';
import type { SiteState } from './site-state.svelte';

/** Which step of a buy-vs-build run is under way. */
export type BvbStep = 'queue' | 'trials' | 'tornado';

/** A site as the buy-vs-build model reads it, plus what the UI needs to pick defaults. */
export interface BvbSite extends SiteInput {
  name: string;
  kind: 'power-shell' | 'greenfield';
  /** UI region (texas, nordics, singapore, samara), or null for a custom site outside them */
  uiRegion: string | null;
}

export interface BvbResult {
  siteId: string;
  /** the request's identity without the rent (the rent only scales the delay cost) */
  key: string;
  request: BuyVsBuildRequest;
  queue: QueueBasis;
  summary: BuyVsBuildSummary;
  tornado: TornadoResult | null;
  elapsedMs: { queue: number; trials: number; tornado: number | null };
}

export interface AbsorptionResult {
  siteId: string;
  key: string;
  presetId: string;
  /** 'buy' / 'build': delivered at that arm's first-MW time to power; 'preset': the preset's own date */
  deliveredBy: DeliveredBy;
  summary: AbsorptionSummary;
  elapsedMs: number;
}

/** Paths whose drafts belong to one site (its facts); every other draft applies to all sites. */
const isSitePath = (path: string) => path.startsWith('site.');
const errorMap = (errors: FieldError[]) => Object.fromEntries(errors.map((e) => [e.field, e.message]));

/** How a run that threw ends: cancelled (an abort is not a failure to report) or failed with the reason. */
function ending(e: unknown): { status: RunStatus; error: string | null } {
  return isAbortError(e) ? { status: 'cancelled', error: null } : { status: 'error', error: e instanceof Error ? e.message : String(e) };
}

function firstProblem(errors: FieldError[]): string {
  return `Not run: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`;
}

export class BvbState {
  readonly defaults: BuyVsBuildDefaults | null;
  readonly absorptionPresets: Record<string, AbsorptionPreset>;
  /** problems in the bundled data files (shown, never thrown) */
  readonly dataErrors: string[] = [];

  /** raw text by dotted parameter path, for every site */
  drafts = $state<Record<string, string>>({});
  /** raw text of site facts, by site id then path */
  siteDrafts = $state<Record<string, Record<string, string>>>({});
  /** One trial count and seed per scenario: the queue tab's fields, shared (a link records one). */
  get trialsText(): string {
    return this.#sim.trialsText;
  }
  set trialsText(v: string) {
    this.#sim.trialsText = v;
  }
  get seedText(): string {
    return this.#sim.seedText;
  }
  set seedText(v: string) {
    this.#sim.seedText = v;
  }
  /** N of P(buy earlier by ≥ N months); '' = the engine's suggestion for the result shown */
  leadText = $state('');
  /** tornado: which arm's P50 the bars show */
  tornadoArm = $state<'buy' | 'build'>('build');

  status = $state<RunStatus>('idle');
  step = $state<BvbStep>('queue');
  progress = $state({ done: 0, total: 0 });
  runSiteId = $state<string | null>(null);
  preview = $state.raw<BuyVsBuildSummary | null>(null);
  result = $state.raw<BvbResult | null>(null);
  error = $state<string | null>(null);

  /** absorption preset chosen by site id (default by the site's region) */
  absPresetBySite = $state<Record<string, string>>({});
  absDeliveredBy = $state<Record<string, DeliveredBy>>({});
  absTrialsText = $state('1000');
  /** X of P(≥ X% pre-leased when powered) */
  atLeastText = $state('80');
  absStatus = $state<RunStatus>('idle');
  absProgress = $state({ done: 0, total: 0 });
  absRunSiteId = $state<string | null>(null);
  absPreview = $state.raw<AbsorptionSummary | null>(null);
  absResult = $state.raw<AbsorptionResult | null>(null);
  absError = $state<string | null>(null);

  #sim: SimState;
  #app: SiteState;
  /** bumped by every run start and cancel: a stale step sees it changed and stops */
  #runId = 0;
  /** queue tables by queue request, so changing rho or a phase does not rerun the queue model */
  #queueCache = new Map<string, QueueBasis>();
  #tornado = createTornadoRunner();

  constructor(sim: SimState, app: SiteState) {
    this.#sim = sim;
    this.#app = app;
    const d = loadBuyVsBuildDefaults(bvbJson as unknown);
    this.defaults = d.ok ? d.value : null;
    if (!d.ok) this.dataErrors.push(...d.errors.map((e) => `data/buy-vs-build.json › ${e.field}: ${e.message}`));
    const a = loadAbsorptionPresets(absorptionJson as unknown);
    this.absorptionPresets = a.ok ? a.value : {};
    if (!a.ok) this.dataErrors.push(...a.errors.map((e) => `data/absorption.json › ${e.field}: ${e.message}`));
  }

  /** The site's facts as the model reads them (bundled or the user's own site). */
  siteFor(ref: SiteRef): BvbSite {
    const s = this.#app.sites.find((x) => x.id === ref.id);
    const c = s ? undefined : this.#app.customSites.find((x) => x.id === ref.id);
    return {
      id: ref.id,
      name: ref.name,
      queuePreset: ref.queuePreset ?? '',
      gridMW: ref.gridMW,
      aiItMW: ref.aiItMW,
      pue: s?.pue ?? c?.pue ?? null,
      kind: s?.kind ?? c?.kind ?? 'greenfield',
      uiRegion: s?.region ?? c?.uiRegion ?? null,
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
    return { ...this.drafts, ...(this.siteDrafts[siteId] ?? {}) };
  }

  edit(siteId: string, path: string, raw: string): void {
    if (isSitePath(path)) this.siteDrafts[siteId] = { ...(this.siteDrafts[siteId] ?? {}), [path]: raw };
    else this.drafts[path] = raw;
  }

  /** Back to the data's values for this site (the shared edits and this site's facts). */
  reset(siteId: string): void {
    this.drafts = {};
    delete this.siteDrafts[siteId];
  }

  #settings(): { trials: number; seed: number; errors: FieldError[] } {
    return this.#sim.settings();
  }

  /**
   * The validated request for this site without the queue table (a placeholder stands in), or
   * every problem, each naming its field: parameter paths as in the editor ("rho",
   * "site.gridMW"), settings as "trials" / "seed".
   */
  #request(site: BvbSite): Result<BuyVsBuildRequest> {
    const base = this.baseParams(site);
    if (!base || !this.defaults) return { ok: false, errors: [{ field: 'data/buy-vs-build.json', message: 'the model defaults failed validation' }] };
    const settings = this.#settings();
    const { overrides, errors } = bvbOverridesFromDrafts(base.params, this.draftsFor(site.id));
    const prepared = prepareBuyVsBuildRequest({ defaults: this.defaults, site, queueTable: [0, 1], trials: settings.trials, seed: settings.seed, overrides });
    const all = [...settings.errors, ...errors, ...(prepared.ok ? [] : prepared.errors.map((e) => ({ ...e, field: e.field.replace(/^params\./, '') })))];
    const unique = uniqueByField(all);
    if (unique.length || !prepared.ok) return { ok: false, errors: unique };
    return prepared;
  }

  /** Field errors of the inputs as they stand (shown live beside the fields). */
  validate(ref: SiteRef): Record<string, string> {
    const r = this.#request(this.siteFor(ref));
    const out = r.ok ? {} : errorMap(r.errors);
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
    return suggested > 0 ? suggested : 6;
  }

  /**
   * Rent in USD per kW-month as typed, or NaN while it is invalid (the field shows why). Read on its
   * own, so a bad entry elsewhere does not blank the delay cost of the result on screen.
   */
  rent(ref: SiteRef): number {
    const typed = this.draftsFor(ref.id).rentUSDPerKWMonth;
    if (typed === undefined) return this.baseParams(this.siteFor(ref))?.params.rentUSDPerKWMonth ?? NaN;
    const v = Number(typed.trim().replace(/,/g, '') || NaN);
    return Number.isFinite(v) && v >= 0 && !this.validate(ref).rentUSDPerKWMonth ? v : NaN;
  }

  /** Identity of a request for "are the results on screen still these inputs?"; the rent is left out. */
  #key(req: BuyVsBuildRequest, queueKey: string): string {
    return JSON.stringify([queueKey, req.siteId, { ...req.params, rentUSDPerKWMonth: 0 }, req.trials, req.seed]);
  }

  #queueRequest(site: BvbSite, facts: SiteFacts, seed: number) {
    const doc = this.#sim.presets[site.queuePreset];
    const req = queueRequestFor(doc, doc ? this.#sim.draftsFor(doc.id) : {}, facts, seed);
    // The greenfield arm reaches the grid from this position too: the same grid-access phase, as
    // for a new site (no connection to skip it). The buy arm's optional new study reads the same
    // table (ESTIMATE: it overstates a study's wait by the phase where the phase binds).
    const gridAccess = req.ok ? (this.#sim.greenfieldAccessFor?.(site.id, req.value.projectMW) ?? null) : null;
    return gridAccess && req.ok ? { ok: true as const, value: { ...req.value, gridAccess } } : req;
  }

  /** Whether the result on screen for this site was computed from the inputs as they stand. */
  isCurrent(ref: SiteRef): boolean {
    const res = this.result;
    if (!res || res.siteId !== ref.id) return false;
    const site = this.siteFor(ref);
    const r = this.#request(site);
    if (!r.ok) return false;
    const q = this.#queueRequest(site, r.value.params.site, r.value.seed);
    return q.ok && this.#key(r.value, JSON.stringify(q.value)) === res.key;
  }

  /** Run the three steps for the selected site; refuses with field errors while inputs are invalid. */
  async run(ref: SiteRef): Promise<void> {
    await this.#sim.beforeRun?.();
    const site = this.siteFor(ref);
    const prepared = this.#request(site);
    const lead = this.#leadError();
    const queueReq = prepared.ok ? this.#queueRequest(site, prepared.value.params.site, prepared.value.seed) : null;
    const problems = [...(prepared.ok ? [] : prepared.errors), ...(queueReq && !queueReq.ok ? queueReq.errors : []), ...(lead ? [{ field: 'leadMonths', message: lead }] : [])];
    if (problems.length || !prepared.ok || !queueReq?.ok) {
      this.error = firstProblem(problems);
      return;
    }
    const id = ++this.#runId;
    const live = () => id === this.#runId;
    this.#tornado.cancel();
    this.error = null;
    this.preview = null;
    this.runSiteId = site.id;
    this.status = 'running';
    const pool = this.#sim.pool;
    const queueKey = JSON.stringify(queueReq.value);
    try {
      // Step 1: the region's queue model, unless this exact queue run is cached.
      let queue = this.#queueCache.get(queueKey);
      const t0 = performance.now();
      if (!queue) {
        this.step = 'queue';
        this.progress = { done: 0, total: queueReq.value.trials };
        const qs = await pool.run<QueueSummary>('queue', queueReq.value, { onProgress: (p) => live() && (this.progress = { ...p }) });
        queue = queueBasis(this.#sim.presets[site.queuePreset], queueReq.value, qs);
        this.#queueCache.set(queueKey, queue);
      }
      if (!live()) return;
      const tQueue = performance.now() - t0;

      // Step 2: both arms in the same trials (common random numbers).
      const req: BuyVsBuildRequest = { ...prepared.value, queueTable: queue.table };
      this.step = 'trials';
      this.progress = { done: 0, total: req.trials };
      const t1 = performance.now();
      const summary = await pool.run<BuyVsBuildSummary>('buy-vs-build', req, {
        onProgress: (p) => live() && (this.progress = { ...p }),
        onPreview: (s) => live() && (this.preview = s),
      });
      if (!live()) return;
      const result: BvbResult = {
        siteId: site.id,
        key: this.#key(req, queueKey),
        request: req,
        queue,
        summary,
        tornado: null,
        elapsedMs: { queue: tQueue, trials: performance.now() - t1, tornado: null },
      };
      this.result = result;
      this.preview = null;

      // Step 3: the tornado in its own worker (the engine offers it as a function, not a pool model).
      this.step = 'tornado';
      this.progress = { done: 0, total: 18 };
      const t2 = performance.now();
      const t = await this.#tornado.run(req, (done, total) => live() && (this.progress = { done, total }));
      if (!t || !live()) return;
      this.result = { ...result, tornado: t, elapsedMs: { ...result.elapsedMs, tornado: performance.now() - t2 } };
      this.status = 'done';
    } catch (e) {
      if (!live()) return;
      ({ status: this.status, error: this.error } = ending(e));
    }
  }

  cancel(): void {
    this.#runId++;
    this.#sim.pool.cancel();
    this.#tornado.cancel();
    if (this.status === 'running') this.status = 'cancelled';
    if (this.absStatus === 'running') this.absStatus = 'cancelled';
  }

  // ---- Leasing (absorption) ----

  absPresetId(ref: SiteRef): string {
    const chosen = this.absPresetBySite[ref.id];
    if (chosen && this.absorptionPresets[chosen]) return chosen;
    const byRegion = ABSORPTION_PRESET_BY_REGION[this.siteFor(ref).uiRegion ?? ''];
    return byRegion && this.absorptionPresets[byRegion] ? byRegion : 'north-america-2024';
  }

  /** Delivery of the user's building: a power shell at the buy arm's time to power, greenfield at the build arm's. */
  deliveredBy(ref: SiteRef): DeliveredBy {
    return this.absDeliveredBy[ref.id] ?? (this.siteFor(ref).kind === 'power-shell' ? 'buy' : 'build');
  }

  /** P(≥ X% pre-leased): X as typed, or NaN while invalid. */
  atLeastPct(): number {
    const x = parseWhole(this.atLeastText);
    return x !== null && x <= 100 ? x : NaN;
  }

  #absRequest(ref: SiteRef): ReturnType<typeof leasingRequest> {
    const preset = this.absorptionPresets[this.absPresetId(ref)];
    if (!preset) return { ok: false, errors: [{ field: 'preset', message: 'the absorption presets failed to load' }] };
    // The user's building: the site's IT MW (its facts as edited), delivered when the chosen arm powers it.
    const bvb = this.#request(this.siteFor(ref));
    const summary = this.result?.siteId === ref.id ? this.result.summary : null;
    const r = leasingRequest({ preset, userMW: bvb.ok ? itMW(bvb.value.params.site) : null, deliveredBy: this.deliveredBy(ref), summary, trialsText: this.absTrialsText, seedText: this.seedText });
    if (Number.isNaN(this.atLeastPct())) {
      const e = { field: 'atLeastPct', message: `must be a whole percent from 0 to 100, got "${this.atLeastText}"` };
      return { ok: false, errors: [...(r.ok ? [] : r.errors), e] };
    }
    return r;
  }

  validateAbsorption(ref: SiteRef): Record<string, string> {
    const r = this.#absRequest(ref);
    return r.ok ? {} : errorMap(r.errors);
  }

  async runAbsorption(ref: SiteRef): Promise<void> {
    const r = this.#absRequest(ref);
    if (!r.ok) {
      this.absError = firstProblem(r.errors);
      return;
    }
    const id = ++this.#runId;
    const live = () => id === this.#runId;
    // One run at a time on the pool: a buy-vs-build run still going is superseded.
    this.#tornado.cancel();
    if (this.status === 'running') this.status = 'cancelled';
    this.absError = null;
    this.absPreview = null;
    this.absRunSiteId = ref.id;
    this.absStatus = 'running';
    this.absProgress = { done: 0, total: r.value.trials };
    const t0 = performance.now();
    try {
      const summary = await this.#sim.pool.run<AbsorptionSummary>('absorption', r.value, {
        onProgress: (p) => live() && (this.absProgress = { ...p }),
        onPreview: (s) => live() && (this.absPreview = s),
        previewTrials: Math.min(250, r.value.trials),
      });
      if (!live()) return;
      this.absResult = { siteId: ref.id, key: JSON.stringify(r.value), presetId: r.value.presetId, deliveredBy: r.deliveredBy ?? 'preset', summary, elapsedMs: performance.now() - t0 };
      this.absPreview = null;
      this.absStatus = 'done';
    } catch (e) {
      if (!live()) return;
      ({ status: this.absStatus, error: this.absError } = ending(e));
    }
  }
}
