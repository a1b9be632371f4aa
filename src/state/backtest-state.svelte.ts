/**
 * "How well does this reproduce the past?" (issue 8 item 4): runs a region's backtest rows
 * (data/backtests.json) on the shared worker pool, with progress and Cancel like every other run.
 * Rows that share a start are one run (src/sim/backtest-rows.ts), so the view costs what the CLI does.
 */
import backtestsJson from '../../data/backtests.json';
import { isAbortError, type SimPool } from '../../workers/pool';
import { groupBacktestRuns, type BacktestRowsRequest } from '../sim/backtest-rows';
import { loadBacktests, type BacktestResult, type BacktestRowSpec } from '../sim/queue/backtest';
import type { QueuePresetDoc } from '../sim/queue/presets';
import type { RunStatus } from './run.svelte';
import { BACKTEST_SEED } from '../sim/run-defaults';
import { formatProblems } from '../sim/param-words';

/** The seed the published rows are checked with: the same as `npm run backtest`, so the app shows its numbers. */
export { BACKTEST_SEED };

const loaded = loadBacktests(backtestsJson as unknown);

export class BacktestState {
  /** every row in the bundled file (empty when it failed validation: `loadError` says why) */
  readonly rows: BacktestRowSpec[] = loaded.ok ? loaded.value : [];
  readonly loadError: string | null = loaded.ok ? null : loaded.errors.map((e) => `data/backtests.json › ${e.field}: ${e.message}`).join('; ');

  status = $state<RunStatus>('idle');
  /** the preset the current/last run is for */
  presetId = $state<string | null>(null);
  /** trials done of all runs the region needs */
  progress = $state({ done: 0, total: 0 });
  results = $state.raw<BacktestResult[]>([]);
  error = $state<string | null>(null);

  #pool: () => SimPool;

  constructor(pool: () => SimPool) {
    this.#pool = pool;
  }

  rowsFor(presetId: string): BacktestRowSpec[] {
    return this.rows.filter((r) => r.preset === presetId);
  }

  /** Runs every row of the preset's region, in file order; a newer run of any model supersedes it. */
  async run(doc: QueuePresetDoc): Promise<void> {
    const { runs, errors } = groupBacktestRuns(this.rowsFor(doc.id), doc, BACKTEST_SEED);
    this.presetId = doc.id;
    this.results = [];
    this.error = errors.length ? `Some rows cannot run: ${formatProblems(errors)}` : null;
    if (!runs.length) {
      this.status = errors.length ? 'error' : 'idle';
      return;
    }
    const total = runs.reduce((n, r) => n + r.trials, 0);
    this.status = 'running';
    this.progress = { done: 0, total };
    const order = new Map(this.rowsFor(doc.id).map((r, i) => [r.id, i]));
    const out: BacktestResult[] = [];
    let before = 0;
    try {
      for (const req of runs) {
        const res = await this.#pool().run('backtest-rows', req satisfies BacktestRowsRequest, {
          onProgress: (p) => (this.progress = { done: before + p.done, total }),
        });
        before += req.trials;
        out.push(...res);
        this.results = [...out].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      }
      this.progress = { done: total, total };
      this.status = 'done';
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
    if (this.status !== 'running') return;
    this.status = 'cancelled';
    this.#pool().cancel();
  }
}
