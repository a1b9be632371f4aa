/**
 * Simulation runs for the app: one worker pool, the queue run for the selected site (progress,
 * preview, summary, error, cancel) and "run all sites" for the map colouring. The latest run wins.
 * Parameter edits are kept as the user's raw text so an invalid entry is shown back, never lost.
 */
import type { SimPool } from '../../workers/pool';
import { isAbortError } from '../../workers/pool';
import type { FieldError } from '../sim/contract';
import type { QueuePresetDoc } from '../sim/queue/presets';
import type { QueueSummary } from '../sim/queue/summary';
import { parseWhole, uniqueByField } from './parse-input';
import { buildQueueRequest, overridesFromDrafts, projectMWForSite, type SiteForRequest } from '../sim/requests';
import { ForwardState } from './forward-state.svelte';
import { BacktestState } from './backtest-state.svelte';
import type { GridAccessDraw } from '../sim/grid-access/params';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SiteRef extends SiteForRequest {
  id: string;
  name: string;
}

/**
 * Trials in the preview: two 250-trial chunks, one per worker on a 2-core machine, so the first
 * numbers appear after one chunk's time (1,000 trials took two rounds of chunks and twice as long).
 */
export const PREVIEW_TRIALS = 500;

/** Trials per site for "run all sites": enough for a stable P50 colour class, quick for 20 sites. */
export const RUN_ALL_TRIALS = 2000;

export class SimState {
  presets = $state.raw<Record<string, QueuePresetDoc>>({});
  presetErrors = $state.raw<string[]>([]);
  /** raw text by preset id, then dotted param path */
  drafts = $state<Record<string, Record<string, string>>>({});
  trialsText = $state('10000');
  seedText = $state('20240601');
  /** request MW typed by the user, by site id (raw text) */
  mwText = $state<Record<string, string>>({});
  /** the forward path picked per preset (flat / trend / typed table) */
  readonly forward = new ForwardState();
  /** "How well does this reproduce the past?": the region's backtest rows, on the same pool */
  readonly backtest = new BacktestState(() => this.pool);

  status = $state<RunStatus>('idle');
  progress = $state({ done: 0, total: 0 });
  /** site the current/last run is for */
  runSiteId = $state<string | null>(null);
  preview = $state.raw<QueueSummary | null>(null);
  summary = $state.raw<QueueSummary | null>(null);
  error = $state<string | null>(null);
  /** field errors that stopped a run from starting, by field */
  inputErrors = $state<Record<string, string>>({});
  elapsedMs = $state<number | null>(null);

  allStatus = $state<RunStatus>('idle');
  allProgress = $state({ done: 0, total: 0 });
  p50BySite = $state<Record<string, number | null>>({});

  /**
   * A site's own grid-access phase for a request of `projectMW` (MODEL.md §6), set by the page;
   * null (or returning null) = no phase, and the queue's numbers are unchanged bit for bit.
   */
  accessFor: ((siteId: string, projectMW: number) => GridAccessDraw | null) | null = null;
  /** The same for a greenfield build at the site's position (buy vs build's build arm): never skipped. */
  greenfieldAccessFor: ((siteId: string, projectMW: number) => GridAccessDraw | null) | null = null;
  /** Problems with the user's grid-access edits: they stop a run like any other bad input. */
  accessErrors: (() => FieldError[]) | null = null;
  /** Awaited before a run builds its request: the grid layer, so every run of a scenario draws the same phase. */
  beforeRun: (() => Promise<unknown>) | null = null;

  #pool: SimPool | null = null;
  #makePool: () => SimPool;

  constructor(makePool: () => SimPool) {
    this.#makePool = makePool;
  }

  get pool(): SimPool {
    this.#pool ??= this.#makePool();
    return this.#pool;
  }

  /** What is on screen: the full summary when done, else the preview. */
  get shown(): QueueSummary | null {
    return this.summary ?? this.preview;
  }

  draftsFor(presetId: string): Record<string, string> {
    return this.drafts[presetId] ?? {};
  }

  edit(presetId: string, path: string, raw: string): void {
    this.drafts[presetId] = { ...this.draftsFor(presetId), [path]: raw };
  }

  resetPreset(presetId: string): void {
    delete this.drafts[presetId];
  }

  projectMWText(site: SiteRef): string {
    const doc = site.queuePreset ? this.presets[site.queuePreset] : undefined;
    return this.mwText[site.id] ?? String(projectMWForSite(site, doc?.defaultProjectMW));
  }

  /** Field errors for a site's inputs as they stand, without running (shown live beside the fields). */
  validate(site: SiteRef): Record<string, string> {
    const r = this.#request(site, this.settings());
    return r.ok ? {} : Object.fromEntries(r.errors.map((e) => [e.field, e.message]));
  }

  /** Trials and seed as typed, parsed; shared by every model tab (one setting per scenario). */
  settings(): { trials: number; seed: number; errors: FieldError[] } {
    const errors: FieldError[] = [];
    const trials = parseWhole(this.trialsText);
    const seed = parseWhole(this.seedText);
    if (trials === null) errors.push({ field: 'trials', message: `must be a whole number of trials, got "${this.trialsText}"` });
    if (seed === null) errors.push({ field: 'seed', message: `must be a whole number from 0 to 4294967295, got "${this.seedText}"` });
    return { trials: trials ?? NaN, seed: seed ?? NaN, errors };
  }

  #request(site: SiteRef, settings: { trials: number; seed: number; errors: FieldError[] }) {
    const preset = site.queuePreset ? this.presets[site.queuePreset] : undefined;
    if (!preset) return { ok: false as const, errors: [{ field: 'preset', message: `no queue preset for this site (${site.queuePreset ?? 'none'})` }] };
    // The forward path first: parameter edits apply on top of the path the user picked.
    const forward = this.forward.docFor(preset);
    if (!forward.ok) return { ok: false as const, errors: [...settings.errors, ...forward.errors] };
    const doc = forward.value;
    const { overrides, errors } = overridesFromDrafts(doc, this.draftsFor(doc.id));
    const mwRaw = this.projectMWText(site);
    const mw = Number(mwRaw);
    const built = buildQueueRequest({ doc, overrides, projectMW: Number.isFinite(mw) ? mw : NaN, trials: settings.trials, seed: settings.seed });
    const all = [...settings.errors, ...errors, ...(built.ok ? [] : built.errors), ...(this.accessErrors?.() ?? [])];
    // A draft that is not a number is reported once, as typed, not again as the preset value.
    const unique = uniqueByField(all);
    if (unique.length || !built.ok) return { ok: false as const, errors: unique };
    const gridAccess = this.accessFor?.(site.id, built.value.projectMW) ?? null;
    // Only a site with a phase carries the field, so every other request is exactly as before.
    return gridAccess ? { ok: true as const, value: { ...built.value, gridAccess } } : built;
  }

  /**
   * Start the workers and run a short throw-away queue run in each, so the engine's hot loop is
   * already compiled by the JIT when the user presses Run (a cold worker takes several times longer
   * for its first chunks). Skipped if the user has started anything; a user's run supersedes it.
   */
  async warmUp(presetId = 'ercot-large-load'): Promise<void> {
    const doc = this.presets[presetId];
    try {
      await this.pool.warm();
      if (!doc || this.status !== 'idle' || this.allStatus !== 'idle') return;
      const req = buildQueueRequest({ doc, overrides: {}, projectMW: 100, trials: 250 * this.pool.size, seed: 1 });
      if (req.ok) await this.pool.run('queue', req.value);
    } catch {
      // Superseded by the user's own run, or workers unavailable: the real run reports it.
    }
  }

  /** Run the selected site's queue model. Refuses with field errors when inputs are invalid. */
  async run(site: SiteRef): Promise<void> {
    // Awaited only when set: without a grid layer a refused run reports its errors at once, as before.
    if (this.beforeRun) await this.beforeRun();
    const req = this.#request(site, this.settings());
    if (!req.ok) {
      this.inputErrors = Object.fromEntries(req.errors.map((e) => [e.field, e.message]));
      this.error = `Not run: ${req.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`;
      return;
    }
    this.inputErrors = {};
    this.error = null;
    this.preview = null;
    this.summary = null;
    this.runSiteId = site.id;
    this.status = 'running';
    this.progress = { done: 0, total: req.value.trials };
    const t0 = performance.now();
    try {
      const summary = await this.pool.run<QueueSummary>('queue', req.value, {
        onProgress: (p) => (this.progress = { ...p }),
        onPreview: (s) => (this.preview = s),
        previewTrials: PREVIEW_TRIALS,
      });
      this.summary = summary;
      this.status = 'done';
      this.elapsedMs = performance.now() - t0;
      this.p50BySite = { ...this.p50BySite, [site.id]: summary.timeToPower.p50 };
    } catch (e) {
      if (isAbortError(e)) {
        if (this.status === 'running') this.status = 'cancelled';
        return;
      }
      this.status = 'error';
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  cancel(): void {
    this.pool.cancel();
    this.status = 'cancelled';
    if (this.allStatus === 'running') this.allStatus = 'cancelled';
  }

  /** Run every given site at RUN_ALL_TRIALS trials, one after another, for the map's P50 colours. */
  async runAll(sites: SiteRef[]): Promise<void> {
    const settings = this.settings();
    if (settings.errors.length) {
      this.error = `Not run: ${settings.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`;
      return;
    }
    const runnable = sites.filter((s) => s.queuePreset && this.presets[s.queuePreset]);
    this.allStatus = 'running';
    if (this.beforeRun) await this.beforeRun();
    this.allProgress = { done: 0, total: runnable.length };
    const out: Record<string, number | null> = {};
    for (const site of runnable) {
      const req = this.#request(site, { ...settings, trials: Math.min(RUN_ALL_TRIALS, settings.trials) });
      if (!req.ok) {
        out[site.id] = null;
        this.allProgress = { done: this.allProgress.done + 1, total: runnable.length };
        continue;
      }
      try {
        const s = await this.pool.run<QueueSummary>('queue', req.value);
        out[site.id] = s.timeToPower.p50;
        this.p50BySite = { ...this.p50BySite, [site.id]: s.timeToPower.p50 };
      } catch (e) {
        if (isAbortError(e)) {
          this.allStatus = 'cancelled';
          return;
        }
        this.allStatus = 'error';
        this.error = e instanceof Error ? e.message : String(e);
        return;
      }
      this.allProgress = { done: this.allProgress.done + 1, total: runnable.length };
    }
    this.allStatus = 'done';
  }
}

