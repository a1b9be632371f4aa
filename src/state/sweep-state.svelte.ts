/**
 * "Compare sites": the sweep of src/sim/sweep for sites the user picks, run on the app's worker
 * pool cell by cell (the same plan, cell seeds and rows as `npm run sweep`). Rows fill in as cells
 * finish; Cancel stops the cell running and keeps the rows done.
 */
import { isAbortError } from '../../workers/pool';
import { rankRows, sweepRow, type SweepRow } from '../sim/sweep/rows';
import { runSweep, type SweepProgress } from '../sim/sweep/run';
import { planSweep, SITE_PRESET, type SweepSite } from '../sim/sweep/spec';
import { parseWhole } from '../sim/number-text';
import type { QueueState } from './queue-state.svelte';
import type { RunStatus } from './run.svelte';
import type { SettingsState } from './settings-state.svelte';
import type { PoolHolder } from './sim-pool';
import { problemLines } from '../sim/param-words';

/** Trials per cell by default: as "Run all sites", enough for stable percentiles across many sites. */
export const COMPARE_TRIALS = 2000;

export class SweepState {
  siteIds = $state<string[]>([]);
  /** "site" (each site's own) and/or preset ids */
  presets = $state<string[]>([SITE_PRESET]);
  trialsText = $state(String(COMPARE_TRIALS));
  byMonthsText = $state('36');

  status = $state<RunStatus>('idle');
  progress = $state.raw<SweepProgress>({ cellsDone: 0, cells: 0, trialsDone: 0, trials: 0 });
  rows = $state.raw<SweepRow[]>([]);
  byMonths = $state(36);
  /** problems that stopped the sweep from starting, each naming its field */
  errors = $state.raw<string[]>([]);
  failure = $state<string | null>(null);
  elapsedMs = $state<number | null>(null);

  #abort: AbortController | null = null;

  constructor(
    private readonly settings: SettingsState,
    private readonly queue: QueueState,
    private readonly pools: PoolHolder,
  ) {}

  toggleSite(id: string, on: boolean): void {
    this.siteIds = on ? [...new Set([...this.siteIds, id])] : this.siteIds.filter((s) => s !== id);
  }

  togglePreset(id: string, on: boolean): void {
    this.presets = on ? [...new Set([...this.presets, id])] : this.presets.filter((p) => p !== id);
  }

  async run(sites: readonly SweepSite[]): Promise<void> {
    const trials = parseWhole(this.trialsText);
    const byMonths = parseWhole(this.byMonthsText);
    const seed = this.settings.settings().seed;
    const spec = { sites: this.siteIds, presets: this.presets, trials: trials ?? this.trialsText, seed: Number.isFinite(seed) ? seed : this.settings.seedText, byMonths: byMonths ?? this.byMonthsText };
    const planned = planSweep(spec, sites, this.queue.presets);
    if (!planned.ok) {
      this.errors = problemLines(planned.errors, (id) => this.queue.presets[id]?.name);
      return;
    }
    const plan = planned.value;
    this.errors = [];
    this.failure = null;
    this.rows = [];
    this.byMonths = plan.spec.byMonths;
    this.status = 'running';
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const t0 = performance.now();
    const done: SweepRow[] = [];
    try {
      const out = await runSweep(plan, (req, onProgress) => this.pools.pool.run('queue', req, { onProgress, previewTrials: 0, signal: abort.signal }), {
        onProgress: (p) => (this.progress = p),
        onCell: (i, s) => {
          done.push(sweepRow(plan.cells[i], s, plan.spec.byMonths));
          this.rows = rankRows(done, plan.spec.rankBy);
        },
      });
      this.rows = out.rows;
      this.status = 'done';
      this.elapsedMs = performance.now() - t0;
    } catch (e) {
      if (this.#abort !== abort) return; // a newer sweep owns the status now
      if (isAbortError(e)) {
        this.status = 'cancelled';
        return;
      }
      this.status = 'error';
      this.failure = e instanceof Error ? e.message : String(e);
    }
  }

  cancel(): void {
    if (this.status !== 'running') return;
    // Only this sweep's cell is cancelled (its signal), never another tab's run.
    this.#abort?.abort();
    this.status = 'cancelled';
  }
}
