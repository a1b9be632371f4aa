/**
 * The Economics tab (issue 13): is the pivot worth it for the selected site? One small class with
 * toScenario() / fromScenario() / reset(), like the other tabs' states; the panel only displays and
 * dispatches. A run is two steps on the shared worker pool: the region's queue model (the same
 * request and seed as the buy-vs-build tab, cached), then the economics trials with their tornado.
 * Time to power uses the buy-vs-build tab's parameters as edited, so both tabs describe one world.
 * Edits are kept as the user's raw text: an invalid entry is shown back, never lost, and nothing
 * runs while any field is invalid.
 */
import economicsJson from '../../data/economics.json';
import type { FieldError, Result } from '../sim/contract';
import { leaseRentUSDPerKWMonth, loadEconomicsDefaults, type EconomicsDefaults, type LeasePreset } from '../sim/economics/defaults';
import type { EconomicsParams, EconomicsRequest } from '../sim/economics/params';
import { prepareEconomicsRequest, siteEconomicsParams, type EconomicsSiteInput, type SiteNotes } from '../sim/economics/prepare';
import type { EconomicsSummary } from '../sim/economics/runner';
import { draftsToOverrides, nestOverrides, withOwn } from '../sim/param-paths';
import { queueBasis, type QueueBasis } from '../sim/buy-vs-build/queue-basis';
import type { BvbSite, BvbState } from './bvb-state.svelte';
import { readNumber, uniqueByField } from '../sim/number-text';
import type { QueueState } from './queue-state.svelte';
import { RunLifecycle } from './run.svelte';
import type { SettingsState } from './settings-state.svelte';
import type { PoolHolder } from './sim-pool';
import { defaultsOrErrors } from './bundled-defaults';
import type { SiteRef, SiteState } from './site-state.svelte';
import { formatProblems } from '../sim/param-words';

/** What an Economics scenario records: the user's edits that parse, and the lease preset chosen. */
export interface EconomicsScenario {
  overrides: Record<string, number | string>;
  leasePresetId?: string;
}

export interface EconomicsResult {
  siteId: string;
  key: string;
  request: EconomicsRequest;
  summary: EconomicsSummary;
  elapsedMs: number;
}

const errorMap = (errors: FieldError[]) => Object.fromEntries(errors.map((e) => [e.field, e.message]));

export class EconomicsState {
  readonly defaults: EconomicsDefaults | null;
  readonly dataErrors: string[] = [];

  /** raw text by dotted parameter path */
  drafts = $state<Record<string, string>>({});
  /** a lease deal whose rent replaces the default ('' = the rent as typed or defaulted) */
  leasePresetId = $state('');

  /** The shared run lifecycle: status, step ('queue', then 'trials'), progress, preview, result, per-run token. */
  readonly run = new RunLifecycle<EconomicsSummary, EconomicsResult>();

  #settings: SettingsState;
  #queue: QueueState;
  #pools: PoolHolder;
  #bvb: BvbState;
  #app: SiteState;
  #queueCache = new Map<string, QueueBasis>();

  /** The trials and seed a run reads: the shared run settings of the Grid queue tab. */
  runSettings(): { trials: number; seed: number } {
    const { trials, seed } = this.#settings.settings();
    return { trials, seed };
  }

  constructor(settings: SettingsState, queue: QueueState, bvb: BvbState, app: SiteState, pools: PoolHolder) {
    this.#settings = settings;
    this.#queue = queue;
    this.#pools = pools;
    this.#bvb = bvb;
    this.#app = app;
    this.defaults = defaultsOrErrors(loadEconomicsDefaults(economicsJson as unknown), 'data/economics.json', this.dataErrors);
  }

  get leasePresets(): LeasePreset[] {
    return this.defaults?.leasePresets ?? [];
  }

  /** The site as the model reads it: the buy-vs-build facts plus its power price (none for a custom site). */
  #site(ref: SiteRef): BvbSite & EconomicsSiteInput {
    return { ...this.#bvb.siteFor(ref), powerPrice: this.#app.sites.find((x) => x.id === ref.id)?.powerPrice ?? null };
  }

  /** The site's defaults before the user's edits, and where the site-specific ones came from. */
  base(ref: SiteRef): { params: EconomicsParams; notes: SiteNotes } | null {
    const site = this.#site(ref);
    const bvbBase = this.#bvb.baseParams(site);
    if (!this.defaults || !bvbBase) return null;
    return siteEconomicsParams(this.defaults, site, bvbBase.params.site.gridMW, site.pue !== null && site.pue >= 1 ? site.pue : null);
  }

  edit(path: string, raw: string): void {
    this.drafts = withOwn(this.drafts, path, raw);
    if (path === 'lease.rentUSDPerKWMonth') this.leasePresetId = '';
  }

  /** Picks a lease deal: its rent (contract value ÷ (MW × term)) goes into the rent field. */
  pickLease(id: string): void {
    this.leasePresetId = id;
    const d = this.leasePresets.find((x) => x.id === id);
    if (d) this.drafts = withOwn(this.drafts, 'lease.rentUSDPerKWMonth', String(Math.round(leaseRentUSDPerKWMonth(d) * 100) / 100));
  }

  reset(): void {
    this.drafts = {};
    this.leasePresetId = '';
    this.run.reset();
  }

  /** A month typed as text (a start date such as 2027-06), which the scenario keeps as typed. */
  static #isMonth = (text: string) => /^\d{4}-\d{2}$/.test(text.trim());

  /** The scenario's part: edits that parse (month texts as typed), and the lease deal; problems() names the rest. */
  toScenario(): EconomicsScenario | undefined {
    const overrides: Record<string, number | string> = {};
    for (const [path, raw] of Object.entries($state.snapshot(this.drafts))) {
      const v = readNumber(raw);
      if (v.ok) Object.defineProperty(overrides, path, { value: v.value, enumerable: true });
      else if (EconomicsState.#isMonth(raw)) Object.defineProperty(overrides, path, { value: raw.trim(), enumerable: true });
    }
    if (!Object.keys(overrides).length && !this.leasePresetId) return undefined;
    return this.leasePresetId ? { overrides, leasePresetId: this.leasePresetId } : { overrides };
  }

  fromScenario(s: EconomicsScenario | undefined): void {
    this.drafts = Object.fromEntries(Object.entries(s?.overrides ?? {}).map(([p, v]) => [p, String(v)]));
    this.leasePresetId = s?.leasePresetId && this.leasePresets.some((d) => d.id === s.leasePresetId) ? s.leasePresetId : '';
    this.run.reset();
  }

  /** Edits that are neither a number (the one parser's rules: "1,2" is refused) nor a month: a scenario cannot record them yet. */
  problems(): FieldError[] {
    const out: FieldError[] = [];
    for (const [path, raw] of Object.entries(this.drafts)) {
      const v = readNumber(raw);
      if (!v.ok && !EconomicsState.#isMonth(raw)) out.push({ field: `economics.${path}`, message: v.message });
    }
    return out;
  }

  /** The validated request without the queue table (a stand-in), or every problem by field path. */
  #request(ref: SiteRef): Result<EconomicsRequest> {
    const site = this.#site(ref);
    const base = this.base(ref);
    const bvbBase = this.#bvb.baseParams(site);
    if (!base || !bvbBase || !this.defaults || !this.#bvb.defaults) return { ok: false, errors: [{ field: 'data/economics.json', message: 'the model defaults failed validation' }] };
    const settings = this.#settings.settings();
    const { overrides, errors } = nestedOverrides(base.params, $state.snapshot(this.drafts));
    const ttp = nestedOverrides(bvbBase.params, this.#bvb.draftsFor(site.id));
    const prepared = prepareEconomicsRequest({
      defaults: this.defaults,
      bvbDefaults: this.#bvb.defaults,
      site,
      queueTable: [0, 1],
      trials: settings.trials,
      seed: settings.seed,
      overrides,
      timeToPowerOverrides: ttp.overrides,
    });
    const ttpErrors = ttp.errors.length ? [{ field: 'timeToPower', message: 'fix the Buy vs build tab’s fields first' }] : [];
    const all = [...settings.errors, ...errors, ...ttpErrors, ...(prepared.ok ? [] : prepared.errors.map((e) => ({ ...e, field: e.field.replace(/^params\./, '') })))];
    const unique = uniqueByField(all);
    if (unique.length || !prepared.ok) return { ok: false, errors: unique };
    return prepared;
  }

  /** Field errors of the inputs as they stand (shown live beside the fields). */
  validate(ref: SiteRef): Record<string, string> {
    const r = this.#request(ref);
    return r.ok ? {} : errorMap(r.errors);
  }

  #queueRequest(ref: SiteRef, req: EconomicsRequest) {
    // The same queue run as the Buy vs build tab's (grid-access phase of a new build included).
    return this.#queue.basisRequest(this.#bvb.siteFor(ref), req.timeToPower.params.site, req.seed);
  }

  #key(req: EconomicsRequest, queueKey: string): string {
    return JSON.stringify([queueKey, req.siteId, req.params, req.timeToPower.arm, req.timeToPower.params, req.trials, req.seed]);
  }

  /** Whether the result on screen for this site was computed from the inputs as they stand. */
  isCurrent(ref: SiteRef): boolean {
    const res = this.result;
    if (!res || res.siteId !== ref.id) return false;
    const r = this.#request(ref);
    if (!r.ok) return false;
    const q = this.#queueRequest(ref, r.value);
    return q.ok && this.#key(r.value, JSON.stringify(q.value)) === res.key;
  }

  /** The last finished run's result (for exports and the scenario's results). */
  get result(): EconomicsResult | null {
    return this.run.result;
  }

  async start(ref: SiteRef): Promise<void> {
    const grid = this.#queue.gridReady();
    if (grid) await grid;
    const prepared = this.#request(ref);
    const queueReq = prepared.ok ? this.#queueRequest(ref, prepared.value) : null;
    const problems = [...(prepared.ok ? [] : prepared.errors), ...(queueReq && !queueReq.ok ? queueReq.errors : [])];
    if (problems.length || !prepared.ok || !queueReq?.ok) {
      this.run.refuse(`Not run: ${formatProblems(problems)}`);
      return;
    }
    const pool = this.#pools.pool;
    const queueKey = JSON.stringify(queueReq.value);
    const t0 = performance.now();
    const token = this.run.start(ref.id, queueReq.value.trials);
    try {
      let queue = this.#queueCache.get(queueKey);
      if (!queue) {
        token.step('queue', queueReq.value.trials);
        const qs = await pool.run('queue', queueReq.value, { onProgress: token.progress, signal: token.signal });
        const doc = this.#queue.presets[this.#bvb.siteFor(ref).queuePreset];
        queue = queueBasis(doc, queueReq.value, qs);
        this.#queueCache.set(queueKey, queue);
      }
      if (!token.live()) return;
      const req: EconomicsRequest = { ...prepared.value, timeToPower: { ...prepared.value.timeToPower, queueTable: queue.table } };
      token.step('trials', req.trials);
      const summary = await pool.run('economics', req, { onProgress: token.progress, onPreview: token.preview, signal: token.signal });
      token.finish({ siteId: ref.id, key: this.#key(req, queueKey), request: req, summary, elapsedMs: performance.now() - t0 });
    } catch (e) {
      token.fail(e);
    }
  }

  cancel(): void {
    this.run.cancel();
  }
}

/** The user's raw text by dotted path → the nested partial parameter object the models' mergeOverrides take, with an error per text that is not a number. */
function nestedOverrides(params: object, drafts: Record<string, string>): { overrides: Record<string, unknown>; errors: FieldError[] } {
  const { overrides, errors } = draftsToOverrides(params, drafts);
  return { overrides: nestOverrides(overrides), errors };
}
