/**
 * The working scenario (issue 5): read from and written back to SiteState and SimState, shared as a
 * link, autosaved and saved by name in IndexedDB. `apply` validates everything against the loaded
 * data first and changes nothing on error, so a bad link, file or saved record never half-applies.
 * Over 400 lines because it is the one place that maps a scenario to the three UI states and back
 * (site, queue, buy vs build); splitting the mapping would split each round trip across files.
 */
import { untrack } from 'svelte';
import type { FieldError, Result } from '../sim/contract';
import { MAX_TRIALS } from '../sim/contract';
import { docWithForward, overridesFromDrafts } from '../sim/requests';
import {
  applyOverrides,
  dataHash,
  decodeLink,
  defaultScenario,
  encodeLink,
  ENGINE_VERSION,
  openScenarioStore,
  parseScenario,
  type EncodedLink,
  type Overrides,
  type SavedScenario,
  type SavedScenarioInfo,
  type Scenario,
  type ScenarioResults,
  type ScenarioStore,
  type SummaryRow,
} from '../snapshot';
import { MAX_NAME_CHARS } from '../snapshot/scenario-schema';
import { BUNDLED_TEXTS } from '../data/bundled';
import { wholeIn } from './parse-input';
import type { SiteState } from './site-state.svelte';
import type { SimState, SiteRef } from './sim-state.svelte';
import type { BvbState } from './bvb-state.svelte';
import type { EconomicsState } from './economics-state.svelte';
import { validateEconomicsParams } from '../sim/economics/params';
import { economicsSummaryRows } from '../snapshot/summary-rows';
import type { BuyVsBuildSummary } from '../sim/buy-vs-build/runner';
import type { QueueSummary } from '../sim/queue/summary';
import { bvbSummaryRows, queueSummaryRows } from '../snapshot/summary-rows';
import { PARAM_PATH_PATTERN } from '../snapshot/scenario-schema';
import { siteRefOf } from './site-ref';

/** A message for the user. `details` are `field: message` lines. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  details: string[];
}

/** A share link as shown to the user. */
export interface ShareLink extends EncodedLink {
  /** the whole address, page + hash */
  url: string;
}

/** Wait this long after the last change before autosaving (ms): typing must not write on every key. */
export const AUTOSAVE_DELAY_MS = 800;

const lines = (errors: readonly FieldError[]) => errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));


export class ScenarioState {
  name = $state('Untitled scenario');
  dataHash = $state('');
  notice = $state<Notice | null>(null);
  link = $state<ShareLink | null>(null);
  saved = $state.raw<SavedScenarioInfo[]>([]);
  /** why saved scenarios are unavailable (no IndexedDB), or null */
  storeError = $state<string | null>(null);
  readonly engineVersion = ENGINE_VERSION;
  /** The Economics tab's state: its edits and finished run join the scenario (set once by the page). */
  economics: EconomicsState | null = null;

  #site: SiteState;
  #sim: SimState;
  #bvb: BvbState | null;
  #store: ScenarioStore | null = null;
  // Parts of a scenario the UI does not edit yet: kept so a link or file round-trips them intact.
  #kept: Pick<Scenario, 'absorption' | 'view'>;
  #ready: Promise<void>;
  /** the scenario (as JSON, name left out) the queue run on screen was started with */
  #queueRanFor = $state<string | null>(null);

  /** `bvb`: the buy-vs-build tab's state, whose parameter edits and results join the scenario. */
  /** The grid-access phase edits travel with the scenario as an optional field (set by the page). */
  gridAccess: { overrides(): Record<string, number>; setOverrides(o: Record<string, number> | undefined): void } | null = null;

  constructor(site: SiteState, sim: SimState, bvb: BvbState | null = null) {
    this.#site = site;
    this.#sim = sim;
    this.#bvb = bvb;
    const d = defaultScenario(ENGINE_VERSION, '');
    this.#kept = { absorption: d.absorption, view: d.view };
    this.#ready = Promise.all([
      dataHash(Object.values(BUNDLED_TEXTS)).then((h) => void (this.dataHash = h)),
      openScenarioStore().then((r) => {
        if (r.ok) this.#store = r.value;
        else this.storeError = lines(r.errors).join('; ');
      }),
    ]).then(() => this.refreshSaved());
    // Results travel with a scenario only when they were computed from it: remember what each run started from.
    $effect.root(() => {
      $effect(() => {
        if (sim.status === 'running') this.#queueRanFor = untrack(() => this.#inputsKey());
      });
    });
  }

  /** The scenario's inputs without its name, for "were these results computed from this scenario?". */
  #inputsKey(): string {
    const { name: _name, ...inputs } = this.current();
    return JSON.stringify(inputs);
  }

  /** Resolves once the data hash is known and the store is open (or known to be unavailable). */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** The scenario on screen. Inputs that do not parse (a trials field being typed) fall back to the defaults. */
  current(): Scenario {
    const site = this.#site;
    const sim = this.#sim;
    const base = defaultScenario(ENGINE_VERSION, this.dataHash);
    const queueOverrides: Record<string, Overrides> = {};
    for (const [presetId, drafts] of Object.entries($state.snapshot(sim.drafts))) {
      const doc = sim.presets[presetId];
      if (!doc) continue;
      const numeric: Overrides = {};
      for (const [path, v] of Object.entries(overridesFromDrafts(doc, drafts).overrides)) if (typeof v === 'number') numeric[path] = v;
      if (Object.keys(numeric).length) queueOverrides[presetId] = numeric;
    }
    const name = this.name.trim().slice(0, MAX_NAME_CHARS) || base.name;
    const queueForward = sim.forward.toScenario(sim.presets);
    return {
      ...base,
      name,
      settings: {
        trials: wholeIn(sim.trialsText, 1, MAX_TRIALS) ?? base.settings.trials,
        seed: wholeIn(sim.seedText, 0, 0xffff_ffff) ?? base.settings.seed,
      },
      selectedSiteIds: site.selectedId ? [site.selectedId] : [],
      regionFilter: [...site.regionFilter],
      customSites: $state.snapshot(site.customSites).map((c) => ({ ...c, name: c.name.slice(0, MAX_NAME_CHARS) })),
      queueOverrides,
      buyVsBuildOverrides: this.#bvbOverrides(),
      projectMWBySite: this.#projectMW(),
      ...structuredClone(this.#kept),
      ...(this.economics?.toScenario() ? { economics: this.economics.toScenario() } : {}),
      ...(site.layers.layers.length ? { userLayers: site.layers.records() } : {}),
      // Only when a path differs from a preset's default, so scenarios without one read as before.
      ...(Object.keys(queueForward).length ? { queueForward } : {}),
      ...this.#gridAccessOverrides(),
    };
  }

  /** Present only when the user changed the grid-access phase, so other scenarios stay as they were. */
  #gridAccessOverrides(): { gridAccessOverrides?: Record<string, number> } {
    const o = this.gridAccess?.overrides() ?? {};
    return Object.keys(o).length ? { gridAccessOverrides: o } : {};
  }

  /** Request sizes the user typed that parse as MW > 0 (others are being typed, and wait). */
  #projectMW(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, raw] of Object.entries($state.snapshot(this.#sim.mwText))) {
      const v = Number(String(raw).trim());
      if (Number.isFinite(v) && v > 0 && v <= 1_000_000) out[id] = v;
    }
    return out;
  }

  /** Trials or seed fields that do not parse: current() would record the defaults instead, so sharing waits for a fix. */
  inputProblems(): FieldError[] {
    const sim = this.#sim;
    const errors: FieldError[] = [];
    if (wholeIn(sim.trialsText, 1, MAX_TRIALS) === null) errors.push({ field: 'trials', message: `must be a whole number from 1 to ${MAX_TRIALS.toLocaleString('en-US')}, got "${sim.trialsText}"` });
    if (wholeIn(sim.seedText, 0, 0xffff_ffff) === null) errors.push({ field: 'seed', message: `must be a whole number from 0 to 4294967295, got "${sim.seedText}"` });
    errors.push(...sim.forward.problems(sim.presets).map((e) => ({ ...e, field: `queueForward.${e.field.replace('.forward', '')}` })));
    return errors;
  }

  /**
   * Buy-vs-build edits that parse as numbers: the shared ones and the selected site's facts
   * (`site.*`). Whether each names a parameter is checked on apply, against that site's defaults.
   */
  #bvbOverrides(): Overrides {
    const bvb = this.#bvb;
    const out: Overrides = {};
    if (!bvb) return out;
    const id = this.#site.selectedId;
    const drafts = { ...$state.snapshot(bvb.drafts), ...(id ? $state.snapshot(bvb.siteDrafts[id] ?? {}) : {}) };
    for (const [path, raw] of Object.entries(drafts)) {
      const text = raw.trim().replace(/,/g, '');
      const v = text === '' ? NaN : Number(text);
      if (Number.isFinite(v) && PARAM_PATH_PATTERN.test(path)) out[path] = v;
    }
    return out;
  }

  /** Problems that stop `scenario` from being shown with this app's data; empty when it can be applied. */
  check(scenario: Scenario, where = 'scenario'): FieldError[] {
    const errors: FieldError[] = [];
    const known = new Set([...this.#site.sites.map((s) => s.id), ...scenario.customSites.map((c) => c.id)]);
    scenario.selectedSiteIds.forEach((id, i) => {
      if (!known.has(id)) errors.push({ field: `${where}.selectedSiteIds[${i}]`, message: `no site has id "${id}" in this app's data` });
    });
    for (const [presetId, overrides] of Object.entries(scenario.queueOverrides)) {
      const doc = this.#sim.presets[presetId];
      if (!doc) {
        errors.push({ field: `${where}.queueOverrides.${presetId}`, message: `no queue preset is called "${presetId}" in this app's data` });
        continue;
      }
      const applied = applyOverrides(doc.params, overrides, undefined, `${where}.queueOverrides.${presetId}`);
      if (!applied.ok) errors.push(...applied.errors);
    }
    for (const [presetId, choice] of Object.entries(scenario.queueForward ?? {})) {
      const doc = this.#sim.presets[presetId];
      const field = `${where}.queueForward.${presetId}`;
      if (!doc) errors.push({ field, message: `no queue preset is called "${presetId}" in this app's data` });
      else {
        const r = docWithForward(doc, choice);
        if (!r.ok) errors.push(...r.errors.map((e) => ({ ...e, field: e.field.replace(/^forward/, field) })));
      }
    }
    // Buy-vs-build parameters depend on the site (its region's defaults and its facts).
    const ref = this.siteRef(scenario.selectedSiteIds[0] ?? null) ?? this.#customRef(scenario, scenario.selectedSiteIds[0]);
    const base = ref && this.#bvb?.baseParams(this.#bvb.siteFor(ref));
    if (base && Object.keys(scenario.buyVsBuildOverrides).length) {
      const applied = applyOverrides(base.params, scenario.buyVsBuildOverrides, undefined, `${where}.buyVsBuildOverrides`);
      if (!applied.ok) errors.push(...applied.errors);
    }
    const econBase = ref && scenario.economics ? this.economics?.base(ref) : null;
    if (econBase && scenario.economics) {
      const applied = applyOverrides(econBase.params, scenario.economics.overrides, (p) => { const r = validateEconomicsParams(p); return r.ok ? [] : r.errors; }, `${where}.economics.overrides`);
      if (!applied.ok) errors.push(...applied.errors);
    }
    return errors;
  }

  #customRef(scenario: Scenario, id: string | undefined): SiteRef | null {
    const c = scenario.customSites.find((x) => x.id === id);
    return c ? siteRefOf(c) : null;
  }

  /** Shows `scenario`, or returns why not and changes nothing. Clears results from before. */
  apply(scenario: Scenario, where = 'scenario'): Result<Scenario> {
    const errors = this.check(scenario, where);
    if (errors.length) return { ok: false, errors };
    const site = this.#site;
    const sim = this.#sim;
    if (sim.status === 'running' || sim.allStatus === 'running') sim.cancel();
    site.customSites = structuredClone(scenario.customSites);
    void site.layers.restore(scenario.userLayers ?? []);
    site.regionFilter = [...scenario.regionFilter];
    site.selectedId = scenario.selectedSiteIds[0] ?? null;
    site.pendingPoint = null;
    site.addMode = false;
    sim.drafts = Object.fromEntries(
      Object.entries(scenario.queueOverrides).map(([id, o]) => [id, Object.fromEntries(Object.entries(o).map(([p, v]) => [p, String(v)]))]),
    );
    sim.trialsText = String(scenario.settings.trials);
    sim.seedText = String(scenario.settings.seed);
    sim.mwText = Object.fromEntries(Object.entries(scenario.projectMWBySite).map(([id, mw]) => [id, String(mw)]));
    sim.forward.fromScenario(scenario.queueForward);
    this.gridAccess?.setOverrides(scenario.gridAccessOverrides as Record<string, number> | undefined);
    sim.summary = null;
    sim.preview = null;
    sim.runSiteId = null;
    sim.status = 'idle';
    sim.error = null;
    sim.inputErrors = {};
    sim.p50BySite = {};
    const bvb = this.#bvb;
    if (bvb) {
      if (bvb.status === 'running' || bvb.absStatus === 'running') bvb.cancel();
      const entries = Object.entries(scenario.buyVsBuildOverrides).map(([p, v]) => [p, String(v)] as const);
      bvb.drafts = Object.fromEntries(entries.filter(([p]) => !p.startsWith('site.')));
      const facts = Object.fromEntries(entries.filter(([p]) => p.startsWith('site.')));
      bvb.siteDrafts = site.selectedId && Object.keys(facts).length ? { [site.selectedId]: facts } : {};
      bvb.result = null;
      bvb.preview = null;
      bvb.status = 'idle';
      bvb.error = null;
      bvb.absResult = null;
      bvb.absPreview = null;
      bvb.absStatus = 'idle';
      bvb.absError = null;
    }
    this.economics?.fromScenario(scenario.economics);
    this.name = scenario.name;
    this.#kept = structuredClone({ absorption: scenario.absorption, view: scenario.view });
    this.link = null;
    return { ok: true, value: scenario };
  }

  /** A note when a scenario was made with another engine or other data (its numbers may differ). */
  provenanceNote(scenario: Scenario): string | null {
    const notes: string[] = [];
    if (scenario.engineVersion !== ENGINE_VERSION) notes.push(`it was made with app version ${scenario.engineVersion}, this is ${ENGINE_VERSION}`);
    if (scenario.dataHash && this.dataHash && scenario.dataHash !== this.dataHash) notes.push('it was made with other data files');
    return notes.length ? `Numbers may differ from when this scenario was made: ${notes.join('; ')}.` : null;
  }

  siteRef(id: string | null): SiteRef | null {
    const s = this.#site.sites.find((x) => x.id === id) ?? this.#site.customSites.find((x) => x.id === id);
    return s ? siteRefOf(s) : null;
  }

  /** Runs the queue model for the selected site with the scenario's seed and trials; false when no site can run. */
  rerun(): boolean {
    const ref = this.siteRef(this.#site.selectedId);
    if (!ref?.queuePreset || !this.#sim.presets[ref.queuePreset]) return false;
    void this.#sim.run(ref);
    return true;
  }

  /**
   * The results summary of the scenario on screen: its finished queue and buy-vs-build runs. A run
   * made before the inputs were changed is left out: it would not be what the scenario re-runs to.
   */
  results(): ScenarioResults | undefined {
    const sim = this.#sim;
    const rows: SummaryRow[] = [];
    if (sim.summary && sim.status === 'done' && this.#queueRanFor === this.#inputsKey()) {
      const doc = sim.presets[sim.summary.presetId];
      rows.push(...queueSummaryRows(this.siteRef(sim.runSiteId)?.name ?? sim.runSiteId ?? '', sim.summary, doc ? sim.forward.describe(doc) : undefined));
    }
    const b = this.bvbResult();
    if (b) rows.push(...bvbSummaryRows(this.siteRef(b.siteId)?.name ?? b.siteId, b));
    const econ = this.economics;
    const er = econ?.result && econ.status === 'done' && this.siteRef(econ.result.siteId) && econ.isCurrent(this.siteRef(econ.result.siteId)!) ? econ.result : null;
    if (er) rows.push(...economicsSummaryRows(this.siteRef(er.siteId)?.name ?? er.siteId, er.summary));
    return rows.length ? { summary: rows } : undefined;
  }

  /** The finished queue run, if it was computed from the inputs on screen (its per-trial rows feed the CSV). */
  queueResult(): QueueSummary | null {
    const sim = this.#sim;
    return sim.summary && sim.status === 'done' && this.#queueRanFor === this.#inputsKey() ? sim.summary : null;
  }

  /** The finished buy-vs-build run, if any (its per-trial rows feed the CSV). */
  bvbResult(): BuyVsBuildSummary | null {
    const bvb = this.#bvb;
    const ref = bvb?.result ? this.siteRef(bvb.result.siteId) : null;
    return bvb?.result && bvb.status === 'done' && ref && bvb.isCurrent(ref) ? bvb.result.summary : null;
  }

  /** Puts the scenario in the address bar and returns the link. */
  makeLink(): ShareLink {
    const base = location.href.split('#')[0];
    const enc = encodeLink(this.current(), base.length);
    history.replaceState(history.state, '', base + enc.hash);
    this.link = { ...enc, url: base + enc.hash };
    return this.link;
  }

  /**
   * Restores the scenario at page load: the link in `hash` if there is one (a broken link leaves
   * the default scenario and says why), else the autosaved one. True when a link was applied, so
   * the caller re-runs it.
   */
  async restore(hash: string): Promise<boolean> {
    await this.#ready;
    if (/(^|&)s=/.test(hash.replace(/^#/, ''))) {
      const decoded = decodeLink(hash);
      const applied = decoded.ok ? this.apply(decoded.value, 'link') : decoded;
      if (!applied.ok) {
        this.notice = { kind: 'error', text: 'This link could not be opened; the default scenario is shown instead.', details: lines(applied.errors) };
        return false;
      }
      const note = this.provenanceNote(applied.value);
      this.notice = { kind: 'info', text: `Opened “${applied.value.name}” from the link.${note ? ` ${note}` : ''}`, details: [] };
      return true;
    }
    const auto = this.#store ? await this.#store.loadAutosave() : null;
    if (auto && !auto.ok) this.notice = { kind: 'info', text: 'Your autosaved work could not be restored.', details: lines(auto.errors) };
    else if (auto?.ok) {
      const applied = this.apply(auto.value.scenario, 'autosaved scenario');
      if (!applied.ok) this.notice = { kind: 'info', text: 'Your autosaved work could not be restored.', details: lines(applied.errors) };
    }
    return false;
  }

  /**
   * Autosaves the working scenario AUTOSAVE_DELAY_MS after it last changed (not at start, so a page
   * opened on a broken link cannot overwrite yesterday's work), and drops a share link from the
   * address bar once the scenario no longer matches it. Returns the cleanup.
   */
  startAutosave(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: string | null = null;
    const stop = $effect.root(() => {
      $effect(() => {
        const scenario = this.current();
        const text = JSON.stringify(scenario);
        if (last === null || text === last) {
          last = text;
          return;
        }
        last = text;
        clearTimeout(timer);
        timer = setTimeout(() => {
          void this.#store?.autosave(scenario);
          if (location.hash.includes('s=') && encodeLink(scenario).hash !== location.hash) {
            history.replaceState(history.state, '', location.href.split('#')[0]);
            this.link = null;
          }
        }, AUTOSAVE_DELAY_MS);
      });
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }

  async refreshSaved(): Promise<void> {
    if (this.#store) this.saved = await this.#store.list();
  }

  async saveAs(name: string): Promise<Result<number>> {
    if (!this.#store) return { ok: false, errors: [{ field: 'storage', message: this.storeError ?? 'saved scenarios are not available' }] };
    const problems = this.inputProblems();
    if (problems.length) return { ok: false, errors: problems };
    const scenario = parseScenario(this.current());
    if (!scenario.ok) return scenario;
    const saved = await this.#store.save(name, scenario.value, this.results());
    if (saved.ok) {
      this.name = name.trim();
      await this.refreshSaved();
    }
    return saved;
  }

  async get(id: number): Promise<Result<SavedScenario>> {
    if (!this.#store) return { ok: false, errors: [{ field: 'storage', message: this.storeError ?? 'saved scenarios are not available' }] };
    return this.#store.get(id);
  }

  /** Opens a saved scenario and re-runs it; on error nothing changes. */
  async open(id: number): Promise<Result<SavedScenario>> {
    const got = await this.get(id);
    if (!got.ok) return got;
    const applied = this.apply(got.value.scenario, `saved scenario "${got.value.name}"`);
    if (!applied.ok) return applied;
    this.rerun();
    return got;
  }

  async rename(id: number, name: string): Promise<Result<SavedScenarioInfo>> {
    if (!this.#store) return { ok: false, errors: [{ field: 'storage', message: this.storeError ?? 'saved scenarios are not available' }] };
    const r = await this.#store.rename(id, name);
    await this.refreshSaved();
    return r;
  }

  async remove(id: number): Promise<void> {
    await this.#store?.remove(id);
    await this.refreshSaved();
  }
}

/** `field: message` lines for display. */
export { lines as errorLines };
