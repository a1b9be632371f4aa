/**
 * The Grid queue tab: the queue presets, the user's parameter edits (raw text by preset, then
 * dotted path) and request MW per site, the target month, the selected site's run and "run all
 * sites" for the map colouring. Writes queueOverrides, projectMWBySite and view.targetMonth of a
 * scenario. Edits are kept as typed, so an invalid entry is shown back, never lost. Requests carry
 * the site's grid-access phase from GridAccessState (the buy-vs-build basis: a new build's phase),
 * and, when "Accept curtailment" is ticked, the curtailment request (CurtailmentState, its own part
 * of the scenario, shared with the Buy vs build tab).
 */
import type { FieldError, Result } from '../sim/contract';
import type { SiteFacts } from '../sim/buy-vs-build/params';
import { queueRequestMW } from '../sim/buy-vs-build/prepare';
import { queueRequestFor } from '../sim/buy-vs-build/queue-basis';
import { readNumber, uniqueByField } from '../sim/number-text';
import { own, withOwn, withoutOwn, type Overrides } from '../sim/param-paths';
import type { SiteGridAccess } from '../geo/site-grid-access';
import type { QueuePresetDoc } from '../sim/queue/presets';
import type { CurtailableQueueRequest } from '../sim/curtailment/runner';
// The queue summary, with a `curtailment` section when curtailment is accepted.
import type { CurtailableQueueSummary as QueueSummary } from '../sim/curtailment/runner';
import { buildQueueRequest, checkQueueEdits, overridesFromDrafts, projectMWForSite } from '../sim/requests';
import { RUN_ALL_TRIALS } from '../sim/run-defaults';
import { isHeavy, queueWork } from '../sim/work-budget';
import type { Scenario } from '../snapshot';
import { RunLifecycle } from './run.svelte';
import type { SettingsState } from './settings-state.svelte';
import type { PoolHolder } from './sim-pool';
import type { SiteRef } from './site-state.svelte';
import type { GridAccessState } from './grid-access-state.svelte';
import { ForwardState } from './forward-state.svelte';
import { BacktestState } from './backtest-state.svelte';
import { CurtailmentState } from './curtailment-state.svelte';
import { formatProblems } from '../sim/param-words';

export { RUN_ALL_TRIALS };

type QueuePart = Pick<Scenario, 'queueOverrides' | 'projectMWBySite' | 'queueForward'> & { view: Pick<Scenario['view'], 'targetMonth'> };

/**
 * Trials in the preview: the first 64 of the first chunk, split across the workers before the rest
 * of it (pool `splitFirstChunk`), so the first numbers come after ~32 trials' time on two cores
 * (the whole 250-trial chunk split in two took ~150 ms of engine time alone). The panel says how many
 * trials a preview is from and that it is refining.
 */
export const PREVIEW_TRIALS = 64;

/**
 * The warm-up (QueueState.warmUp): pieces of WARM_PIECE_TRIALS trials per worker, so a Run clicked
 * meanwhile waits for at most one small piece (the pool keeps a background run's workers rather than
 * restarting them cold). The requests take turns over several MW: the JIT compiles the engine's hot
 * loop for the object shapes of the first engine it meets, and a second engine with other inputs
 * (a fractional MW, as a site's request often is) sends it back to slow code for a while (~6× slower
 * trials, measured with node --trace-deopt: "code dependencies"); meeting several engines here keeps
 * that off the user's first run.
 */
export const WARM_PIECE_TRIALS = 16;
export const WARM_PIECES = 12;
const WARM_MW = [100, 137.5, 61.25];

export class QueueState {
  presets = $state.raw<Record<string, QueuePresetDoc>>({});
  /** raw text by preset id, then dotted param path */
  drafts = $state<Record<string, Record<string, string>>>({});
  /** request MW typed by the user, by site id (raw text) */
  mwText = $state<Record<string, string>>({});
  /** the forward path picked per preset (flat / trend / typed table) */
  readonly forward = new ForwardState();
  /** "How well does this reproduce the past?": the region's backtest rows, on the same pool */
  readonly backtest = new BacktestState(() => this.#pools.pool);

  /** "P(energized by …)" month as 'YYYY-MM', or '' for five years from today */
  targetMonth = $state('');
  /** field errors that stopped a run from starting, by field */
  inputErrors = $state<Record<string, string>>({});
  p50BySite = $state<Record<string, number | null>>({});
  /**
   * Each site's last finished queue run (its own Run, or its part of "Run all sites"), by site id:
   * the "all sites" export reads them, so a Run all never takes away numbers that were on screen.
   */
  lastBySite = $state.raw<ReadonlyMap<string, QueueSummary>>(new Map());

  /** the selected site's run */
  readonly run = new RunLifecycle<QueueSummary, QueueSummary>();
  /** "run all sites": progress counts sites */
  readonly all = new RunLifecycle<null, Record<string, number | null>>();

  /** called when a run of the selected site starts (the scenario records what it ran from) */
  onStart: (() => void) | null = null;

  #settings: SettingsState;
  #pools: PoolHolder;
  /** each site's grid-access phase (null: none, and the queue's numbers are unchanged bit for bit) */
  #access: GridAccessState | null;

  /** "Accept curtailment": one choice for this tab and Buy vs build (absent from requests while unticked) */
  readonly curtailment: CurtailmentState;

  constructor(settings: SettingsState, pools: PoolHolder, access: GridAccessState | null = null, curtailment: CurtailmentState = new CurtailmentState()) {
    this.#settings = settings;
    this.#pools = pools;
    this.#access = access;
    this.curtailment = curtailment;
  }

  preset(id: string | null): QueuePresetDoc | undefined {
    return own(this.presets, id);
  }

  /** What is on screen for `siteId`: the full summary when done, else the preview. */
  shown(siteId: string): QueueSummary | null {
    return this.run.siteId === siteId ? (this.run.result ?? this.run.preview) : null;
  }

  draftsFor(presetId: string): Record<string, string> {
    return own(this.drafts, presetId) ?? {};
  }

  edit(presetId: string, path: string, raw: string): void {
    this.drafts = withOwn(this.drafts, presetId, withOwn(this.draftsFor(presetId), path, raw));
  }

  resetPreset(presetId: string): void {
    this.drafts = withoutOwn(this.drafts, presetId);
  }

  projectMWText(site: SiteRef): string {
    return own(this.mwText, site.id) ?? String(projectMWForSite(site, this.preset(site.queuePreset)?.defaultProjectMW));
  }

  setProjectMW(siteId: string, raw: string): void {
    this.mwText = withOwn(this.mwText, siteId, raw);
  }

  /** Field errors for a site's inputs as they stand, without running (shown live beside the fields). */
  validate(site: SiteRef): Record<string, string> {
    const r = this.request(site);
    return r.ok ? {} : Object.fromEntries(r.errors.map((e) => [e.field, e.message]));
  }

  /**
   * The validated request for a site, or every problem by field (trials/seed, projectMW, parameter
   * paths, curtailment.*). `curtail` false leaves curtailment out ("run all sites" reads only the
   * firm P50, which curtailment never changes).
   */
  request(site: SiteRef, trialsCap = Infinity, curtail = true): Result<CurtailableQueueRequest> {
    const settings = this.#settings.settings();
    const preset = this.preset(site.queuePreset);
    if (!preset) return { ok: false, errors: [{ field: 'preset', message: `no queue preset for this site (${site.queuePreset ?? 'none'})` }] };
    // The forward path first: parameter edits apply on top of the path the user picked.
    const forward = this.forward.docFor(preset);
    if (!forward.ok) return { ok: false, errors: [...settings.errors, ...forward.errors] };
    const doc = forward.value;
    const { overrides, errors } = overridesFromDrafts(doc, this.draftsFor(doc.id));
    const mw = readNumber(this.projectMWText(site), 'a number of MW');
    const built = buildQueueRequest({ doc, overrides, projectMW: mw.ok ? mw.value : NaN, trials: Math.min(trialsCap, settings.trials), seed: settings.seed });
    const curtailment = curtail ? this.curtailment.request(doc.id, mw.ok ? mw.value : NaN, built.ok ? built.value.params : doc.params) : undefined;
    const all = [
      ...settings.errors,
      ...errors,
      ...(mw.ok ? [] : [{ field: 'projectMW', message: mw.message }]),
      ...(built.ok ? [] : built.errors),
      ...(this.#access?.errors() ?? []),
      ...(curtailment && !curtailment.ok ? curtailment.errors : []),
    ];
    // A draft that is not a number is reported once, as typed, not again as the preset value.
    const unique = uniqueByField(all);
    if (unique.length || !built.ok) return { ok: false, errors: unique };
    const gridAccess = this.#access?.drawFor(site.id, built.value.projectMW) ?? null;
    // Only a site with a phase, or a ticked "Accept curtailment", adds a field: every other request is exactly as before.
    return { ok: true, value: { ...built.value, ...(gridAccess ? { gridAccess } : {}), ...(curtailment?.ok ? { curtailment: curtailment.value } : {}) } };
  }

  /** The site's grid access at the MW its queue request would use (the site panel, the map and the table show it). */
  gridAccessOf(site: SiteRef): SiteGridAccess | null {
    const a = this.#access?.siteById(site.id);
    if (!a || !this.#access) return null;
    return this.#access.forSite(a, this.projectMWOf(site));
  }

  /** MW of the site's queue request: as typed when that parses as MW > 0, else the site's default. */
  projectMWOf(site: SiteRef): number {
    const mw = readNumber(this.projectMWText(site));
    return mw.ok && mw.value > 0 ? mw.value : projectMWForSite(site, this.preset(site.queuePreset)?.defaultProjectMW);
  }

  /** Resolves when the grid layer has loaded (or failed), so every run of a scenario draws the same phase; null = nothing to wait for. */
  gridReady(): Promise<void> | null {
    return this.#access?.ready() ?? null;
  }

  /**
   * The region's queue run behind a buy-vs-build run for these site facts (the Buy vs build and
   * Economics tabs read it), with the grid-access phase of a new build at the site's position.
   */
  basisRequest(site: { id: string; queuePreset: string }, facts: SiteFacts, seed: number, curtail = false): Result<CurtailableQueueRequest> {
    const doc = this.preset(site.queuePreset);
    const problems = this.#access?.errors() ?? [];
    if (problems.length) return { ok: false, errors: problems };
    const req = queueRequestFor(doc, doc ? this.draftsFor(doc.id) : {}, facts, seed, this.#access?.greenfieldDrawFor(site.id, queueRequestMW(facts)) ?? null);
    // Buy vs build's greenfield arm accepts curtailment when the box is ticked (the Economics tab does not ask).
    const c = curtail && req.ok && doc ? this.curtailment.request(doc.id, req.value.projectMW, req.value.params) : undefined;
    if (!c || !req.ok) return req;
    return c.ok ? { ok: true, value: { ...req.value, curtailment: c.value } } : c;
  }

  /** Whether running this site's queue model is heavy enough to ask before a link runs it. */
  isHeavy(site: SiteRef): boolean {
    const r = this.request(site);
    return r.ok && isHeavy(queueWork(r.value.params, r.value.trials));
  }

  /**
   * Start the workers and run throw-away queue pieces in each (WARM_PIECE_TRIALS above), so the
   * engine's hot loop is already compiled by the JIT when the user presses Run (a cold worker takes
   * several times longer for its first trials). Background runs: any run started meanwhile (any tab)
   * takes over, and the warm-up stops. Resolves with the last piece's summary (the app warms its
   * charts' code with it, off the page), or null when stopped early.
   */
  async warmUp(presetId = 'ercot-large-load'): Promise<QueueSummary | null> {
    const doc = this.preset(presetId);
    let last: QueueSummary | null = null;
    try {
      const pool = this.#pools.pool;
      await pool.warm();
      for (let k = 0; doc && k < WARM_PIECES; k++) {
        if (this.run.status !== 'idle' || this.all.status !== 'idle') return null;
        const req = buildQueueRequest({ doc, overrides: {}, projectMW: WARM_MW[k % WARM_MW.length], trials: WARM_PIECE_TRIALS * pool.size, seed: 1 });
        if (!req.ok) return null;
        last = await pool.run('queue', req.value, { splitFirstChunk: true, background: true });
      }
      return last;
    } catch {
      // Superseded by a run someone asked for, or workers unavailable: the real run reports it.
      return null;
    }
  }

  /** Run the selected site's queue model. Refuses with field errors when inputs are invalid. */
  async start(site: SiteRef): Promise<void> {
    // Awaited only with a grid layer: without one a refused run reports its errors at once.
    const grid = this.gridReady();
    if (grid) await grid;
    const req = this.request(site);
    if (!req.ok) {
      this.inputErrors = Object.fromEntries(req.errors.map((e) => [e.field, e.message]));
      this.run.refuse(`Not run: ${formatProblems(req.errors)}`);
      return;
    }
    this.inputErrors = {};
    const token = this.run.start(site.id, req.value.trials);
    this.onStart?.();
    try {
      const summary = await this.#pools.pool.run('queue', req.value, { onProgress: token.progress, onPreview: token.preview, previewTrials: PREVIEW_TRIALS, splitFirstChunk: true, signal: token.signal });
      if (!token.live()) return;
      token.finish(summary);
      this.p50BySite = withOwn<number | null>(this.p50BySite, site.id, summary.timeToPower.p50);
      this.#keep(site.id, summary);
    } catch (e) {
      token.fail(e);
    }
  }

  cancel(): void {
    this.run.cancel();
  }

  /** Run every given site at RUN_ALL_TRIALS trials, one after another, for the map's P50 colours. */
  async runAll(sites: SiteRef[]): Promise<void> {
    const settings = this.#settings.settings();
    if (settings.errors.length) {
      this.all.refuse(`Not run: ${formatProblems(settings.errors)}`);
      return;
    }
    const runnable = sites.filter((s) => this.preset(s.queuePreset));
    const token = this.all.start(null, runnable.length);
    const grid = this.gridReady();
    if (grid) await grid;
    if (!token.live()) return;
    const out: Record<string, number | null> = {};
    let done = 0;
    for (const site of runnable) {
      const req = this.request(site, RUN_ALL_TRIALS, false);
      try {
        if (req.ok) {
          const s = await this.#pools.pool.run('queue', req.value, { signal: token.signal });
          if (!token.live()) return;
          Object.defineProperty(out, site.id, { value: s.timeToPower.p50, enumerable: true });
          this.p50BySite = withOwn<number | null>(this.p50BySite, site.id, s.timeToPower.p50);
          this.#keep(site.id, s);
        }
      } catch (e) {
        token.fail(e);
        return;
      }
      token.progress({ done: ++done, total: runnable.length });
    }
    token.finish(out);
  }

  #keep(siteId: string, summary: QueueSummary): void {
    this.lastBySite = new Map(this.lastBySite).set(siteId, summary);
  }

  cancelAll(): void {
    this.all.cancel();
  }

  toScenario(): QueuePart {
    const queueOverrides: Record<string, Overrides> = {};
    for (const [presetId, drafts] of Object.entries($state.snapshot(this.drafts))) {
      const doc = this.preset(presetId);
      if (!doc) continue;
      // Edits that parse are recorded; one being typed waits (inputProblems names it).
      const o = overridesFromDrafts(doc, drafts).overrides;
      if (Object.keys(o).length) Object.defineProperty(queueOverrides, presetId, { value: o, enumerable: true });
    }
    const projectMWBySite: Record<string, number> = {};
    for (const [id, raw] of Object.entries($state.snapshot(this.mwText))) {
      const v = readNumber(raw);
      if (v.ok && v.value > 0 && v.value <= 1_000_000) Object.defineProperty(projectMWBySite, id, { value: v.value, enumerable: true });
    }
    const queueForward = this.forward.toScenario(this.presets);
    return { queueOverrides: { ...queueOverrides }, projectMWBySite: { ...projectMWBySite }, ...(Object.keys(queueForward).length ? { queueForward } : {}), view: /^\d{4}-\d{2}$/.test(this.targetMonth) ? { targetMonth: this.targetMonth } : {} };
  }

  /** Edits that do not parse (current() cannot record them, so sharing waits for a fix). */
  problems(): FieldError[] {
    const out: FieldError[] = [];
    for (const [presetId, drafts] of Object.entries(this.drafts)) {
      const doc = this.preset(presetId);
      if (doc) out.push(...overridesFromDrafts(doc, drafts).errors.map((e) => ({ field: `queue.${presetId}.${e.field}`, message: e.message })));
    }
    out.push(...this.forward.problems(this.presets).map((e) => ({ ...e, field: `queueForward.${e.field.replace('.forward', '')}` })));
    return out;
  }

  /** Problems that stop this part of `s` from applying to the loaded presets. */
  check(s: QueuePart, where: string): FieldError[] {
    return checkQueueEdits(s, (id) => this.preset(id), where);
  }

  fromScenario(s: QueuePart): void {
    this.run.reset();
    this.all.reset();
    const drafts: Record<string, Record<string, string>> = {};
    for (const [id, o] of Object.entries(s.queueOverrides)) {
      Object.defineProperty(drafts, id, { value: Object.fromEntries(Object.entries(o).map(([p, v]) => [p, String(v)])), enumerable: true });
    }
    this.drafts = { ...drafts };
    const mw: Record<string, string> = {};
    for (const [id, v] of Object.entries(s.projectMWBySite)) Object.defineProperty(mw, id, { value: String(v), enumerable: true });
    this.mwText = { ...mw };
    this.forward.fromScenario(s.queueForward);
    this.targetMonth = s.view.targetMonth ?? '';
    this.inputErrors = {};
    this.p50BySite = {};
    this.lastBySite = new Map();
  }

  reset(): void {
    this.fromScenario({ queueOverrides: {}, projectMWBySite: {}, view: {} });
  }
}
