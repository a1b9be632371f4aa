/**
 * The working scenario: composed of the tabs' state classes (sites, settings, queue, buy vs
 * build, leasing), each writing its own part with toScenario() and reading it back with
 * fromScenario(). Shared as a link, autosaved per browser tab and saved by name in IndexedDB.
 * `apply` validates the whole scenario against the loaded data first and changes nothing on
 * error, so a bad link, file or saved record never half-applies.
 */
import { untrack } from 'svelte';
import type { FieldError, Result } from '../sim/contract';
import { problemLines, scenarioProblemLines } from '../sim/param-words';
import { idNames } from '../data/id-names';
import { checkWork, queueWork, workOf } from '../sim/work-budget';
import {
  dataHash,
  decodeLink,
  defaultScenario,
  encodeLink,
  ENGINE_VERSION,
  openScenarioStore,
  parseScenario,
  type EncodedLink,
  type SavedScenario,
  type SavedScenarioInfo,
  type Scenario,
  type ScenarioResults,
  type ScenarioStore,
  type SummaryRow,
} from '../snapshot';
import { MAX_NAME_CHARS } from '../snapshot/scenario-schema';
import { bvbSummaryRows, economicsSummaryRows, portfolioSummaryRows, queueSummaryRows } from '../snapshot/summary-rows';
import { dataHashInputs } from '../data/bundled';
import type { BuyVsBuildSummary } from '../sim/buy-vs-build/runner';
import type { CurtailableQueueSummary as QueueSummary } from '../sim/curtailment/runner';
import { CurtailmentState } from './curtailment-state.svelte';
import { BvbState } from './bvb-state.svelte';
import { LeasingState } from './leasing-state.svelte';
import { QueueState } from './queue-state.svelte';
import { SettingsState } from './settings-state.svelte';
import type { PoolHolder } from './sim-pool';
import type { SiteRef, SiteState } from './site-state.svelte';
import { claimTabId } from './tab-id';
import { editJournal, sessionJournalStorage, type EditJournal, type JournalStorage } from '../snapshot/edit-journal';
import { siteRefOf } from './site-ref';
import { EconomicsState } from './economics-state.svelte';
import { PortfolioState } from './portfolio-state.svelte';
import { GridAccessState } from './grid-access-state.svelte';
import type { GridState } from './grid-state.svelte';
import { validateEconomicsParams } from '../sim/economics/params';
import { applyOverrides } from '../sim/param-paths';
import { QueueFileState } from './queue-file-state.svelte';

/** A message for the user. `details` are `field: message` lines; `action` a button (e.g. "Run it"). */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  details: string[];
  action?: { label: string; run: () => void };
}

/** A share link as shown to the user. */
export interface ShareLink extends EncodedLink {
  /** the whole address, page + hash */
  url: string;
}

/** Whether the working scenario is safely stored: shown beside the saved scenarios. */
export type SaveStatus = { state: 'idle' } | { state: 'saved'; at: number } | { state: 'failed'; message: string };

/** Wait this long after the last change before autosaving (ms): typing must not write on every key. */
export const AUTOSAVE_DELAY_MS = 800;

export interface ScenarioOptions {
  /** opens the saved-scenario database (default: IndexedDB `power-shell-scenarios`) */
  openStore?: () => Promise<Result<ScenarioStore>>;
  /** this tab's autosave slot (default: claimTabId()) */
  tabId?: () => Promise<string>;
  /** the grid layer sites find their nearest substation on (default: none, so no site has a grid-access phase) */
  grid?: GridState | null;
  /** where the pending edit survives a reload before IndexedDB confirms it (default: sessionStorage) */
  journal?: JournalStorage | null;
}

export class ScenarioState {
  name = $state('Untitled scenario');
  dataHash = $state('');
  notice = $state<Notice | null>(null);
  link = $state<ShareLink | null>(null);
  saved = $state.raw<SavedScenarioInfo[]>([]);
  /** why saved scenarios are unavailable (no IndexedDB), or null */
  storeError = $state<string | null>(null);
  /** the autosave's last outcome: a failure stays on screen until a later save succeeds */
  saveStatus = $state<SaveStatus>({ state: 'idle' });
  /** true once edits are being autosaved (after the restore at page load) */
  autosaving = $state(false);
  readonly engineVersion = ENGINE_VERSION;

  readonly sites: SiteState;
  readonly settings = new SettingsState();
  /** The site panel's grid-access phase edits and each site's nearest substation. */
  readonly gridAccess: GridAccessState;
  readonly queue: QueueState;
  /** "Accept curtailment" (Grid queue and Buy vs build tabs): its own part of the scenario */
  readonly curtailment = new CurtailmentState();
  readonly bvb: BvbState;
  readonly leasing: LeasingState;
  /** The Economics tab: its edits and finished run join the scenario. */
  readonly economics: EconomicsState;
  /** The Portfolio tab: several sites toward one IT MW target (its own part of the scenario). */
  readonly portfolio: PortfolioState;
  /** The user's own queue file (Grid queue tab): the scenario records it by content hash. */
  readonly queueFile: QueueFileState;

  #store: ScenarioStore | null = null;
  #journal: EditJournal;
  #tabId = '';
  #ready: Promise<void>;
  /** the scenario (as JSON, name left out) the queue run on screen was started with */
  #queueRanFor = $state<string | null>(null);

  constructor(sites: SiteState, pools: PoolHolder, options: ScenarioOptions = {}) {
    this.sites = sites;
    this.gridAccess = new GridAccessState(sites, options.grid ?? null);
    this.queue = new QueueState(this.settings, pools, this.gridAccess, this.curtailment);
    this.bvb = new BvbState(this.settings, this.queue, sites, pools);
    this.leasing = new LeasingState(this.settings, this.bvb, pools);
    this.economics = new EconomicsState(this.settings, this.queue, this.bvb, sites, pools);
    this.portfolio = new PortfolioState(this.settings, this.queue, this.bvb, (id) => sites.ref(id), pools);
    this.queueFile = new QueueFileState(() => pools.pool);
    const openStore = options.openStore ?? (() => openScenarioStore());
    this.#journal = editJournal(options.journal === undefined ? sessionJournalStorage() : options.journal);
    this.#ready = Promise.all([
      dataHash(dataHashInputs()).then((h) => void (this.dataHash = h)),
      (options.tabId ?? claimTabId)().then((id) => void (this.#tabId = id)),
      openStore().then((r) => {
        if (r.ok) this.#store = r.value;
        else this.storeError = problemLines(r.errors).join('; ');
      }),
    ]).then(() => this.refreshSaved());
    // Results travel with a scenario only when they were computed from it: remember what each run started from.
    this.queue.onStart = () => (this.#queueRanFor = untrack(() => this.#inputsKey()));
  }

  /**
   * The scenario's inputs without its name and what only changes the map (the regions shown, your
   * layers), for "were these results computed from this scenario?": unticking a region for Run all
   * made the Grid queue exports vanish while its results stayed on screen.
   */
  #inputsKey(): string {
    const { name: _name, regionFilter: _regions, userLayers: _layers, ...inputs } = this.current();
    return JSON.stringify(inputs);
  }

  /** Resolves once the data hash is known and the store is open (or known to be unavailable). */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** The scenario on screen, composed of each tab's part. Inputs being typed record the defaults (see inputProblems). */
  current(): Scenario {
    const base = defaultScenario(ENGINE_VERSION, this.dataHash);
    const queue = this.queue.toScenario();
    const bvb = this.bvb.toScenario();
    const site = this.sites.toScenario();
    return {
      ...base,
      name: this.name.trim().slice(0, MAX_NAME_CHARS) || base.name,
      ...this.settings.toScenario(),
      ...site,
      customSites: site.customSites.map((c) => ({ ...c, name: c.name.slice(0, MAX_NAME_CHARS) })),
      queueOverrides: queue.queueOverrides,
      projectMWBySite: queue.projectMWBySite,
      // Only when a path differs from a preset's default, so scenarios without one read as before.
      ...(queue.queueForward ? { queueForward: queue.queueForward } : {}),
      buyVsBuildOverrides: bvb.buyVsBuildOverrides,
      buyVsBuildSiteOverrides: bvb.buyVsBuildSiteOverrides,
      view: { ...queue.view, ...bvb.view },
      ...this.leasing.toScenario(),
      ...(this.economics.toScenario() ? { economics: this.economics.toScenario() } : {}),
      ...this.gridAccess.toScenario(),
      // Only while "Accept curtailment" is ticked, so other scenarios read as before.
      ...this.curtailment.toScenario(),
      // Only once a site is picked, so other scenarios read as before.
      ...(this.portfolio.siteIds.length ? this.portfolio.toScenario() : {}),
      // Only with a queue file, so other scenarios read as before.
      ...this.queueFile.toScenario(),
    };
  }

  /** Fields that do not parse: current() would record the defaults instead, so sharing waits for a fix. */
  inputProblems(): FieldError[] {
    return [...this.settings.problems(), ...this.queue.problems(), ...this.bvb.problems(), ...this.leasing.problems(), ...this.gridAccess.problems(), ...this.economics.problems(), ...this.curtailment.problems()];
  }

  /** Problems that stop `scenario` from being shown with this app's data; empty when it can be applied. */
  check(scenario: Scenario, where = 'scenario'): FieldError[] {
    const refOf = (id: string) => this.siteRef(id) ?? customRef(scenario, id);
    return [
      ...this.sites.check(scenario, where),
      ...this.queue.check(scenario, where),
      ...this.bvb.check(scenario, where, refOf),
      ...this.leasing.check(scenario, where),
      ...this.gridAccess.check(scenario, where),
      ...this.curtailment.check(scenario, where),
      ...this.#economicsProblems(scenario, where, refOf),
      ...this.#workProblems(scenario, where),
    ];
  }

  /** A scenario whose selected site's queue run is over the total-work budget is refused whole. */
  #workProblems(scenario: Scenario, where: string): FieldError[] {
    const w = this.#queueWork(scenario);
    const e = w && checkWork(w, `${where}.settings.trials`);
    return e ? [e] : [];
  }

  #queueWork(scenario: Scenario) {
    const ref = this.siteRef(scenario.selectedSiteIds[0] ?? null) ?? customRef(scenario, scenario.selectedSiteIds[0]);
    const doc = this.queue.preset(ref?.queuePreset ?? null);
    if (!doc) return null;
    const overrides = Object.hasOwn(scenario.queueOverrides, doc.id) ? scenario.queueOverrides[doc.id] : {};
    const num = (path: string, fallback: number) => (typeof overrides[path] === 'number' ? (overrides[path] as number) : fallback);
    const p = doc.params;
    return queueWork(
      { horizonMonths: num('horizonMonths', p.horizonMonths), backlog: { count: num('backlog.count', p.backlog.count) }, arrivals: { ratePerYear: num('arrivals.ratePerYear', p.arrivals.ratePerYear) } },
      scenario.settings.trials,
    );

  }

  /** The Economics tab's edits depend on the site (its region's defaults and its facts). */
  #economicsProblems(scenario: Scenario, where: string, refOf: (id: string) => SiteRef | null): FieldError[] {
    const id = scenario.selectedSiteIds[0];
    const ref = id === undefined ? null : refOf(id);
    const econBase = ref && scenario.economics ? this.economics.base(ref) : null;
    if (!econBase || !scenario.economics) return [];
    const applied = applyOverrides(econBase.params, scenario.economics.overrides, (p) => { const r = validateEconomicsParams(p); return r.ok ? [] : r.errors; }, `${where}.economics.overrides`);
    return applied.ok ? [] : applied.errors;
  }

  /**
   * Shows `scenario`, or returns why not and changes nothing. Clears results from before.
   * `queueFileContent`: the queue file's bytes as a JSON export carries them (packed), used when this
   * browser does not hold the file already.
   */
  apply(scenario: Scenario, where = 'scenario', queueFileContent?: string): Result<Scenario> {
    const errors = this.check(scenario, where);
    if (errors.length) return { ok: false, errors };
    this.sites.fromScenario(scenario);
    this.settings.fromScenario(scenario);
    this.queue.fromScenario(scenario);
    this.bvb.fromScenario(scenario);
    this.leasing.fromScenario(scenario);
    this.economics.fromScenario(scenario.economics);
    this.gridAccess.fromScenario(scenario);
    this.curtailment.fromScenario(scenario);
    this.portfolio.fromScenario(scenario.portfolio);
    void this.queueFile.fromScenario(scenario.queueFile, queueFileContent);
    this.name = scenario.name;
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
    return this.sites.ref(id);
  }

  /** Runs the queue model for the selected site with the scenario's seed and trials; false when no site can run. */
  rerun(): boolean {
    const ref = this.siteRef(this.sites.selectedId);
    if (!ref || !this.queue.preset(ref.queuePreset)) return false;
    void this.queue.start(ref);
    return true;
  }

  /**
   * After a link was opened: re-runs it, unless its run is heavy (over HEAVY_WORK), in which case
   * the notice asks first and `onrun` is called only when the user says so. True when it ran.
   */
  runOpened(onrun: () => void = () => {}): boolean {
    const ref = this.siteRef(this.sites.selectedId);
    if (!ref || !this.queue.preset(ref.queuePreset)) return false;
    const w = this.#queueWork(this.current());
    if (w && this.queue.isHeavy(ref)) {
      const text = `This scenario is a large run (${Math.round(w.requests).toLocaleString('en-US')} requests × ${w.trials.toLocaleString('en-US')} trials × ${w.horizonMonths} months = ${workOf(w).toExponential(1)}); it may take minutes. It was not started.`;
      this.notice = { kind: 'info', text, details: [], action: { label: 'Run it', run: () => (this.notice = null, this.rerun(), onrun()) } };
      return false;
    }
    return this.rerun();
  }

  /**
   * The results summary of the scenario on screen: its finished queue and buy-vs-build runs. A run
   * made before the inputs were changed is left out: it would not be what the scenario re-runs to.
   */
  results(): ScenarioResults | undefined {
    const rows: SummaryRow[] = [];
    const q = this.queueResult();
    if (q) {
      const doc = this.queue.preset(q.presetId);
      rows.push(...queueSummaryRows(this.siteRef(this.queue.run.siteId)?.name ?? this.queue.run.siteId ?? '', q, doc ? this.queue.forward.describe(doc) : undefined));
    }
    const b = this.bvbResult();
    const bSite = this.bvb.run.result?.siteId ?? '';
    if (b) rows.push(...bvbSummaryRows(this.siteRef(bSite)?.name ?? bSite, b, this.bvb.run.result?.queue.curtailment));
    const econ = this.economics;
    const econRef = econ.result ? this.siteRef(econ.result.siteId) : null;
    const er = econ.result && econ.run.status === 'done' && econRef && econ.isCurrent(econRef) ? econ.result : null;
    if (er) rows.push(...economicsSummaryRows(this.siteRef(er.siteId)?.name ?? er.siteId, er.summary));
    const pr = this.portfolio.run.status === 'done' ? this.portfolio.run.result : null;
    if (pr) rows.push(...portfolioSummaryRows(pr));
    return rows.length ? { summary: rows } : undefined;
  }

  /** Summary rows of every site's last queue run (its own Run or its part of Run all), sites by name. */
  allSitesRows(): SummaryRow[] {
    const named = [...this.queue.lastBySite].map(([id, s]) => ({ name: this.siteRef(id)?.name ?? null, s }));
    return named
      .filter((x): x is { name: string; s: (typeof named)[number]['s'] } => x.name !== null)
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap(({ name, s }) => queueSummaryRows(name, s).map((r) => ({ ...r, option: `${r.option} · ${s.trials.toLocaleString('en-US')} trials` })));
  }

  /** The finished queue run, if it was computed from the inputs on screen (its per-trial rows feed the CSV). */
  queueResult(): QueueSummary | null {
    const run = this.queue.run;
    return run.result && run.status === 'done' && this.#queueRanFor === this.#inputsKey() ? run.result : null;
  }

  /** The finished buy-vs-build run, if it is current (its per-trial rows feed the CSV). */
  bvbResult(): BuyVsBuildSummary | null {
    const run = this.bvb.run;
    const ref = run.result ? this.siteRef(run.result.siteId) : null;
    return run.result && run.status === 'done' && ref && this.bvb.isCurrent(ref) ? run.result.summary : null;
  }

  /** The PNG footer's line naming "Accept curtailment" for the selected site's region (null while unticked). */
  curtailmentLine(): string | null {
    const ref = this.siteRef(this.sites.selectedId);
    const doc = this.queue.preset(ref?.queuePreset ?? null);
    return doc ? this.curtailment.describe(doc.id, doc.params) : null;
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
   * the default scenario and says why), else this tab's autosave (or, in a new tab, the newest).
   * True when a link was applied, so the caller re-runs it (runOpened).
   */
  async restore(hash: string): Promise<boolean> {
    await this.#ready;
    if (/(^|&)s=/.test(hash.replace(/^#/, ''))) {
      const decoded = decodeLink(hash);
      const applied = decoded.ok ? this.apply(decoded.value, 'link') : decoded;
      if (!applied.ok) {
        this.notice = { kind: 'error', text: 'This link could not be opened; the scenario in use is unchanged.', details: scenarioProblemLines(applied.errors, 'link', idNames()) };
        return false;
      }
      const note = this.provenanceNote(applied.value);
      this.notice = { kind: 'info', text: `Opened “${applied.value.name}” from the link.${note ? ` ${note}` : ''}`, details: [] };
      return true;
    }
    if (this.#replayJournal()) return false;
    const auto = this.#store ? await this.#store.loadAutosave(this.#tabId) : null;
    if (auto && !auto.ok) this.notice = { kind: 'info', text: 'Your autosaved work could not be restored.', details: scenarioProblemLines(auto.errors, 'autosaved scenario', idNames()) };
    else if (auto?.ok) {
      const applied = this.apply(auto.value.scenario, 'autosaved scenario');
      if (!applied.ok) this.notice = { kind: 'info', text: 'Your autosaved work could not be restored.', details: scenarioProblemLines(applied.errors, 'autosaved scenario', idNames()) };
    }
    return false;
  }

  /**
   * An edit journaled by this tab before a reload (IndexedDB had not confirmed it) is newer than
   * its autosave slot: show it and write it into the slot. True when one was applied.
   */
  #replayJournal(): boolean {
    const entry = this.#journal.read(this.#tabId);
    if (!entry) return false;
    let parsed: Result<Scenario>;
    try {
      parsed = parseScenario(JSON.parse(entry.text) as unknown, 'unsaved edit');
    } catch {
      parsed = { ok: false, errors: [{ field: 'unsaved edit', message: 'is damaged' }] };
    }
    const applied = parsed.ok ? this.apply(parsed.value, 'unsaved edit') : parsed;
    if (!applied.ok) {
      this.notice = { kind: 'info', text: 'Your last edit before the reload could not be restored.', details: scenarioProblemLines(applied.errors, 'unsaved edit', idNames()) };
      this.#journal.clear(this.#tabId, entry.text);
      return false;
    }
    void this.autosaveNow(applied.value, entry.text);
    return true;
  }

  /** Writes the scenario to this tab's autosave slot now; the outcome shows in saveStatus. */
  async autosaveNow(scenario: Scenario = this.current(), text?: string): Promise<void> {
    if (!this.#store) return;
    const r = await this.#store.autosave(scenario, this.#tabId);
    this.saveStatus = r.ok ? { state: 'saved', at: r.value } : { state: 'failed', message: problemLines(r.errors).join('; ') };
    // IndexedDB holds it now: the journal entry is no longer needed (unless a newer edit replaced it).
    if (r.ok && text !== undefined) this.#journal.clear(this.#tabId, text);
  }

  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastSeen: string | null = null;
  #pending: Scenario | null = null;

  /**
   * The scenario on screen changed (the autosave effect calls this): save it AUTOSAVE_DELAY_MS after
   * the last change. The first call only records the scenario, so a page opened on a broken link
   * cannot overwrite yesterday's work before the user has changed anything.
   */
  scheduleAutosave(scenario: Scenario = this.current()): void {
    const text = JSON.stringify(scenario);
    if (this.#lastSeen === null || text === this.#lastSeen) {
      this.#lastSeen = text;
      return;
    }
    this.#lastSeen = text;
    this.#pending = scenario;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flushAutosave(), AUTOSAVE_DELAY_MS);
  }

  /** Writes a pending change now (the page is being hidden or left); drops a share link that no longer matches. */
  flushAutosave(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const scenario = this.#pending;
    this.#pending = null;
    if (!scenario) return;
    // Synchronous, so it survives a reload that cuts the IndexedDB write below short.
    const text = JSON.stringify(scenario);
    this.#journal.write(this.#tabId, { text, savedAt: Date.now() });
    void this.autosaveNow(scenario, text);
    if (typeof location !== 'undefined' && location.hash.includes('s=') && encodeLink(scenario).hash !== location.hash) {
      history.replaceState(history.state, '', location.href.split('#')[0]);
      this.link = null;
    }
  }

  /**
   * Autosaves the working scenario after each change (scheduleAutosave), at once when the page is
   * hidden or left (pagehide, visibilitychange). That last write also goes to the edit journal,
   * synchronously, since a reload can cut the IndexedDB write short. Returns the cleanup.
   */
  startAutosave(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window): () => void {
    const stop = $effect.root(() => {
      $effect(() => this.scheduleAutosave(this.current()));
    });
    const flush = () => this.flushAutosave();
    const doc = globalThis.document as Document | undefined;
    const onVisibility = () => {
      if (doc?.visibilityState === 'hidden') flush();
    };
    target.addEventListener('pagehide', flush);
    doc?.addEventListener('visibilitychange', onVisibility);
    this.autosaving = true;
    return () => {
      this.autosaving = false;
      clearTimeout(this.#timer);
      stop();
      target.removeEventListener('pagehide', flush);
      doc?.removeEventListener('visibilitychange', onVisibility);
    };
  }

  async refreshSaved(): Promise<void> {
    if (!this.#store) return;
    try {
      this.saved = await this.#store.list();
    } catch (e) {
      this.storeError = `the saved scenarios could not be read (${String(e)})`;
    }
  }

  #unavailable<T>(): Result<T> {
    return { ok: false, errors: [{ field: 'storage', message: this.storeError ?? 'saved scenarios are not available' }] };
  }

  async saveAs(name: string): Promise<Result<number>> {
    if (!this.#store) return this.#unavailable();
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
    if (!this.#store) return this.#unavailable();
    return this.#store.get(id);
  }

  /** Opens a saved scenario and re-runs it; on error nothing changes. */
  async open(id: number): Promise<Result<SavedScenario>> {
    const got = await this.get(id);
    if (!got.ok) return got;
    const applied = this.apply(got.value.scenario, `saved scenario "${got.value.name}"`);
    if (!applied.ok) return applied;
    this.runOpened();
    return got;
  }

  async rename(id: number, name: string): Promise<Result<SavedScenarioInfo>> {
    if (!this.#store) return this.#unavailable();
    const r = await this.#store.rename(id, name);
    await this.refreshSaved();
    return r;
  }

  async remove(id: number): Promise<void> {
    await this.#store?.remove(id);
    await this.refreshSaved();
  }
}

function customRef(scenario: Scenario, id: string | undefined): SiteRef | null {
  const c = scenario.customSites.find((x) => x.id === id);
  return c ? siteRefOf(c) : null;
}

