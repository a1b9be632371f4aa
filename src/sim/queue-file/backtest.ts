/**
 * The fitted preset backtested against the file's own history (docs/queue-files.md "Backtest").
 *
 * The file is cut at a date (by default three years before its as-of date): only what was known then
 * is kept (requests filed by the cut, with the outcomes dated by it). The fit and the preset are
 * made from that, the queue is run from the file's state at the cut, and the simulated open requests,
 * open MW, MW filed, withdrawn and reaching operation by the as-of date are compared with what the file
 * itself records. A row passes when the simulated P50 is within the tolerance of the app's other
 * backtests (src/sim/queue/backtest.ts): ±10% for the stock, ±20% for flows. Unlike those, being inside
 * the simulated P10–P90 is shown but not required: a file of thousands of requests makes that band
 * the trials' own spread of a few percent, narrower than the error of any preset fitted to history.
 * The runs reuse that module's chunk runner and summary, so the same seed gives the same rows
 * wherever they run.
 */
import { runBacktestChunk, summarizeBacktest, type BacktestMeasure, type BacktestPlan, type BacktestRowSpec, type Tolerance } from '../queue/backtest';
import { validateQueueParams, type QueueParams } from '../queue/params';
import { fitQueueFile } from './fit';
import { isOpen, placeInFile, presetFromFit } from './place';
import { dayToIso, type QueueRecord } from './records';

const DAYS_PER_MONTH = 30.4375;
/** How far before the as-of date the file is cut by default, months. */
export const DEFAULT_BACKTEST_MONTHS = 36;
/** Trials per backtest run (the app's other stock and flow backtests use as many). */
export const FILE_BACKTEST_TRIALS = 200;

export interface FileBacktestRow {
  /** what is compared, in words */
  what: string;
  unit: 'requests' | 'MW';
  /** what the file records at the as-of date (flows: between the cut and the as-of date) */
  actual: number;
  simulated: { p10: number; p50: number; p90: number };
  /** the simulated P50 is within ±10% (stock) or ±20% (flows) of the recorded value */
  pass: boolean;
  /** why it passes or fails */
  verdict: string;
}

export interface FileBacktest {
  /** the date the file was cut at, and the date compared at (the file's as-of date), YYYY-MM-DD */
  cut: string;
  end: string;
  /** requests known at the cut, and those open then (the stock the run starts from) */
  knownAtCut: number;
  openAtCut: number;
  trials: number;
  seed: number;
  rows: FileBacktestRow[];
}

/** The file as it stood at `cutDay`: requests filed by then, outcomes dated after it undone. */
export function recordsAsOf(records: readonly QueueRecord[], cutDay: number): QueueRecord[] {
  const out: QueueRecord[] = [];
  for (const r of records) {
    if (r.requestDay > cutDay) continue;
    const wd = r.withdrawnDay !== null && r.withdrawnDay <= cutDay ? r.withdrawnDay : null;
    const op = r.operationDay !== null && r.operationDay <= cutDay ? r.operationDay : null;
    const ended = (r.status === 'withdrawn' && r.withdrawnDay === null) || (r.status === 'operational' && r.operationDay === null);
    // An outcome without a date cannot be placed in time: it stays as recorded (the fit leaves it out).
    const status = ended ? r.status : wd !== null ? 'withdrawn' : op !== null ? 'operational' : r.status === 'suspended' ? 'suspended' : 'active';
    out.push({ ...r, status, withdrawnDay: ended ? r.withdrawnDay : wd, operationDay: ended ? r.operationDay : op, agreementDay: r.agreementDay !== null && r.agreementDay <= cutDay ? r.agreementDay : null });
  }
  return out;
}

interface Measured {
  measure: BacktestMeasure;
  what: string;
  unit: 'requests' | 'MW';
  tolerance: Tolerance;
  actual: number;
}

/** What the file records at the end date, against which the run is read. */
function actuals(records: readonly QueueRecord[], cutDay: number, endDay: number): Measured[] {
  let open = 0;
  let openMW = 0;
  let filedMW = 0;
  let withdrawnMW = 0;
  let operationMW = 0;
  const within = (d: number | null) => d !== null && d > cutDay && d <= endDay;
  for (const r of records) {
    if (r.requestDay > endDay) continue;
    if (isOpen(r)) {
      open++;
      openMW += r.mw;
    }
    if (r.requestDay > cutDay) filedMW += r.mw;
    if (r.status === 'withdrawn' && within(r.withdrawnDay)) withdrawnMW += r.mw;
    if (r.status === 'operational' && within(r.operationDay)) operationMW += r.mw;
  }
  return [
    { measure: 'activeCount', what: 'Open requests', unit: 'requests', tolerance: 'stock', actual: open },
    { measure: 'activeMW', what: 'Open MW', unit: 'MW', tolerance: 'stock', actual: openMW },
    { measure: 'arrivedMW', what: 'MW filed since the cut', unit: 'MW', tolerance: 'flow', actual: filedMW },
    { measure: 'withdrawnMW', what: 'MW withdrawn since the cut', unit: 'MW', tolerance: 'flow', actual: withdrawnMW },
    { measure: 'energizedMW', what: 'MW reaching operation since the cut', unit: 'MW', tolerance: 'flow', actual: operationMW },
  ];
}

export interface FileBacktestOptions {
  /** the cut date, days since 1970 (default: DEFAULT_BACKTEST_MONTHS before the as-of date) */
  cutDay?: number;
  trials?: number;
  seed: number;
  /** the preset run from the cut (default: `fittedAtCut`); a test passes a deliberately wrong one */
  preset?: (known: QueueRecord[], cutDay: number) => QueueParams;
}

/**
 * Runs the backtest. `base` supplies what a file cannot say (see presetFromFit). Error text when the
 * file is too short to cut, or the run's parameters are refused.
 */
export function backtestQueueFile(records: readonly QueueRecord[], asOfDay: number, base: QueueParams, opts: FileBacktestOptions): { ok: true; value: FileBacktest } | { ok: false; message: string } {
  const cutDay = opts.cutDay ?? Math.round(asOfDay - DEFAULT_BACKTEST_MONTHS * DAYS_PER_MONTH);
  const known = recordsAsOf(records, cutDay);
  const atMonths = (asOfDay - cutDay) / DAYS_PER_MONTH;
  if (atMonths < 1) return { ok: false, message: `the cut date ${dayToIso(cutDay)} must be at least a month before the file's as-of date ${dayToIso(asOfDay)}` };
  if (known.length < 10) return { ok: false, message: `only ${known.length} requests were filed by ${dayToIso(cutDay)}: too few to fit and backtest` };
  const preset = opts.preset ? opts.preset(known, cutDay) : presetFromFit(fitQueueFile(known, cutDay), known, cutDay, base);
  const placed = placeInFile(known, cutDay, { kind: 'all' }, preset);
  if (!placed.ok) return placed;
  const params: QueueParams = { ...placed.value.params, horizonMonths: Math.max(12, Math.ceil(atMonths) + 1) };
  const v = validateQueueParams(params, 'params');
  if (!v.ok) return { ok: false, message: `the preset fitted at ${dayToIso(cutDay)} cannot run: ${v.errors[0].field} ${v.errors[0].message}` };
  const months = Math.floor(atMonths);
  const times = Array.from({ length: months + 1 }, (_, k) => k);
  if (!times.includes(atMonths)) times.push(atMonths);
  const plan: BacktestPlan = { params: v.value, atMonths, fromMonths: 0, sampleTimes: Float64Array.from(times), cohort: null, completed: null, completedSample: null };
  const trials = opts.trials ?? FILE_BACKTEST_TRIALS;
  const part = runBacktestChunk(plan, opts.seed, 0, trials);
  const end = dayToIso(asOfDay);
  const rows = actuals(records, cutDay, asOfDay).map((m): FileBacktestRow => {
    const spec: BacktestRowSpec = { id: m.measure, preset: 'file', figure: m.what, source: 'the file', published: m.actual, unit: m.unit, tolerance: m.tolerance, measure: m.measure, at: end };
    const r = summarizeBacktest(spec, plan, part);
    return { what: m.what, unit: m.unit, actual: m.actual, simulated: r.simulated, pass: r.withinTolerance, verdict: r.verdict.replace('the published value', 'the recorded value') };
  });
  return { ok: true, value: { cut: dayToIso(cutDay), end, knownAtCut: known.length, openAtCut: placed.value.ahead.requests, trials, seed: opts.seed, rows } };
}
