/**
 * Backtests as a feature (docs/method.md "Backtests"): start from a dated published stock, run
 * forward with the published inflow (the preset's history schedules), and compare with a later
 * published figure. A row passes when the published value lies inside the simulated P10–P90 and the
 * P50 is within the row's tolerance: stock ±10%, flows ±20%, shares ±3 points, durations ±15%.
 *
 * Cohort rows (completion shares, phase at withdrawal, request → operation) follow requests filed in
 * a window sized so each trial's cohort is about as large as the published sample: the simulated
 * P10–P90 is then the sampling spread the published figure itself has.
 *
 * Completion-year rows ("completed.*") read the requests that reached operation (or signed their
 * agreement, "requestToAgreement") between `from` and `at`, whenever they were filed: published medians by year of operation are counted that way, and
 * they test the dated history of durations (a run from an empty queue decades before).
 *
 * Per-trial values are kept in trial order, so chunks merge exactly and any worker count gives the
 * same rows (like every model here).
 */
import { z } from 'zod';
import type { FieldError, Result } from '../contract';
import { clearHistogram, createHistogram, quantile, type TimeHistogram } from '../histogram';
import { Rng } from '../rng';
import { zodIssuesToFieldErrors } from '../validate-common';
import { compileQueueParams } from './compile';
import { QueueEngine } from './engine';
import { validateQueueParams, type P50P90, type QueueParams } from './params';
import type { QueuePresetDoc } from './presets';
import { monthsBetween } from './schedule';

export const BACKTEST_MEASURES = [
  'activeMW',
  'activeCount',
  'arrivedMW',
  'withdrawnMW',
  'energizedMW',
  'approvedMW',
  'operatingMW',
  'cohort.energizedShare',
  'cohort.energizedMWShare',
  'cohort.withdrawnAt.feas',
  'cohort.withdrawnAt.sis',
  'cohort.withdrawnAt.fs',
  'cohort.withdrawnAt.postIa',
  'cohort.requestToEnergize.p10',
  'cohort.requestToEnergize.p50',
  'cohort.requestToEnergize.p90',
  'completed.requestToEnergize.p10',
  'completed.requestToEnergize.p50',
  'completed.requestToEnergize.p90',
  'completed.requestToAgreement.p50',
] as const;
export type BacktestMeasure = (typeof BACKTEST_MEASURES)[number];
export type Tolerance = 'stock' | 'flow' | 'share' | 'duration';

const dur = z.strictObject({ p50: z.number(), p90: z.number() });
const rowSchema = z.strictObject({
  id: z.string().min(1),
  preset: z.string().min(1),
  figure: z.string().min(1),
  source: z.string().min(1),
  published: z.number(),
  unit: z.string(),
  tolerance: z.enum(['stock', 'flow', 'share', 'duration']),
  measure: z.enum(BACKTEST_MEASURES),
  /** the published stock the run starts from (absent: the preset's own stock) */
  start: z
    .strictObject({
      asOf: z.string(),
      count: z.number().int().min(0),
      totalMW: z.number().nullable(),
      heldMW: z.number().nullable(),
      shares: z.strictObject({ feas: z.number(), sis: z.number(), fs: z.number(), postIa: z.number() }).optional(),
      ageMonths: dur.optional(),
    })
    .optional(),
  /** date of the published figure (stock and flow rows: flows count from the start) */
  at: z.string().optional(),
  /** flow rows: count the flow from this date instead of the start (e.g. "in the 12 months before") */
  from: z.string().optional(),
  /** added to the simulated value, e.g. MW connected before the start for a cumulative figure */
  offset: z.number().optional(),
  /**
   * Completion-year rows: the size of the published sample. Each trial reads its percentile from that
   * many completions drawn from the simulated ones, so the simulated P10–P90 is the sampling spread the
   * published figure has (a whole-queue median would have a band far narrower than the source's).
   */
  sampleSize: z.number().int().min(10).max(100_000).optional(),
  /** cohort rows: requests filed in [from, to) months after the as-of date form the cohort */
  cohortMonths: z.tuple([z.number(), z.number()]).optional(),
  /** parameter changes for this row only (dotted path → value), each with its reason in `note` */
  set: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.array(z.string())])).optional(),
  note: z.string().optional(),
  /**
   * A residual we know and say: the row still runs and reports FAIL when it fails, and its test
   * checks only that the P50 stays within tolerance, so the gap cannot grow unnoticed.
   */
  knownGap: z.string().optional(),
  /** published points for the chart of queue size over time */
  series: z.array(z.strictObject({ date: z.string(), mw: z.number() })).optional(),
});
export type BacktestRowSpec = z.infer<typeof rowSchema>;

export function loadBacktests(json: unknown): Result<BacktestRowSpec[]> {
  const root = json !== null && typeof json === 'object' && 'rows' in json ? (json as { rows: unknown }).rows : json;
  const parsed = z.array(rowSchema).safeParse(root, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues, 'rows') };
  const ids = new Set<string>();
  const errors: FieldError[] = [];
  parsed.data.forEach((r, i) => {
    if (ids.has(r.id)) errors.push({ field: `rows.${i}.id`, message: `"${r.id}" is used twice` });
    ids.add(r.id);
    const cohort = r.measure.startsWith('cohort.');
    if (cohort && !r.cohortMonths) errors.push({ field: `rows.${i}.cohortMonths`, message: 'a cohort row needs its cohort window in months' });
    if (!cohort && !r.at) errors.push({ field: `rows.${i}.at`, message: 'a stock or flow row needs the date of the published figure' });
    if (r.measure.startsWith('completed.') && !r.from) errors.push({ field: `rows.${i}.from`, message: 'a completion-year row needs the start of its window (from) as well as its end (at)' });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = obj;
  for (const k of keys.slice(0, -1)) {
    if (!Object.hasOwn(node, k) || node[k] === null || typeof node[k] !== 'object') throw new Error(`backtest "set": no parameter "${path}"`);
    node = node[k] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (!Object.hasOwn(node, last)) throw new Error(`backtest "set": no parameter "${path}"`);
  node[last] = value;
}

/** The run a row describes: parameters (stock, horizon, changes) and the months it samples. */
export interface BacktestPlan {
  params: QueueParams;
  /** months after the start when the figure is read (stock and flow rows) */
  atMonths: number;
  /** sample times for the chart: every month of the run */
  sampleTimes: Float64Array;
  /** months after the start when a flow starts counting (0: the start) */
  fromMonths: number;
  cohort: [number, number] | null;
  /** completion-year rows: months after the start of the window in which operation counts */
  completed: [number, number] | null;
  /** completion-year rows: completions drawn per trial (the published sample size), or all */
  completedSample: number | null;
}

export function planBacktest(row: BacktestRowSpec, doc: QueuePresetDoc): Result<BacktestPlan> {
  const p = structuredClone(doc.baseParams);
  const stock = p.stock;
  if (!stock) return { ok: false, errors: [{ field: `${row.id}.preset`, message: `preset "${doc.id}" has no dated stock to start from` }] };
  if (row.start) {
    p.stock = {
      asOf: row.start.asOf,
      totalMW: row.start.totalMW,
      heldMW: row.start.heldMW,
      ageMonths: (row.start.ageMonths as P50P90 | undefined) ?? stock.ageMonths,
      ...(stock.agreements ? { agreements: stock.agreements } : {}),
    };
    p.backlog = { count: row.start.count, shares: row.start.shares ?? p.backlog.shares };
  }
  for (const [path, v] of Object.entries(row.set ?? {})) setPath(p as unknown as Record<string, unknown>, path, v);
  const cohort = row.cohortMonths ?? null;
  const completed = row.measure.startsWith('completed.');
  const atMonths = row.at ? monthsBetween(p.stock!.asOf, row.at) : 0;
  if (row.at && atMonths <= 0) return { ok: false, errors: [{ field: `${row.id}.at`, message: `${row.at} is not after the start ${p.stock!.asOf}` }] };
  // Long enough to read the figure; cohort rows follow their cohort to the preset's horizon.
  if (!cohort) p.horizonMonths = Math.max(12, Math.ceil(atMonths) + 1);
  const v = validateQueueParams(p, 'params');
  if (!v.ok) return { ok: false, errors: v.errors.map((e) => ({ ...e, field: `${row.id}.${e.field}` })) };
  const fromMonths = row.from ? monthsBetween(p.stock!.asOf, row.from) : 0;
  if (row.from && !(fromMonths >= 0 && fromMonths < atMonths)) return { ok: false, errors: [{ field: `${row.id}.from`, message: `${row.from} must lie between the start ${p.stock!.asOf} and ${row.at}` }] };
  // Completion-year rows read no samples: their window is [from, at).
  const months = Math.floor(cohort || completed ? 0 : atMonths);
  const times = Array.from({ length: months + 1 }, (_, k) => k);
  if (!cohort && !completed && !times.includes(atMonths)) times.push(atMonths);
  if (!cohort && !completed && !times.includes(fromMonths)) times.push(fromMonths);
  const completedWindow: [number, number] | null = completed ? [fromMonths, atMonths] : null;
  const completedSample = completed ? (row.sampleSize ?? null) : null;
  return { ok: true, value: { params: v.value, atMonths, fromMonths, sampleTimes: Float64Array.from(times.sort((a, b) => a - b)), cohort, completed: completedWindow, completedSample } };
}

/**
 * Per-trial values of a chunk of trials: every measure (rows that share a run share the trials) and
 * active MW at each sample time.
 */
export interface BacktestPartial {
  trials: number;
  /** trials × BACKTEST_MEASURES.length, row-major */
  values: Float64Array;
  /** trials × sample times, row-major */
  series: Float64Array;
  samples: number;
}

const M = BACKTEST_MEASURES.length;
const MEASURE_INDEX = new Map<string, number>(BACKTEST_MEASURES.map((m, k) => [m, k]));

export function runBacktestChunk(plan: BacktestPlan, seed: number, start: number, end: number): BacktestPartial {
  const cfg = compileQueueParams(plan.params, 1, true);
  cfg.sampleTimes = plan.sampleTimes;
  if (plan.cohort) [cfg.cohortStart, cfg.cohortEnd] = plan.cohort;
  const engine = new QueueEngine(cfg);
  const n = end - start;
  const S = plan.sampleTimes.length;
  const values = new Float64Array(n * M);
  const series = new Float64Array(n * S);
  const atK = Math.max(0, plan.sampleTimes.indexOf(plan.atMonths));
  const fromK = Math.max(0, plan.sampleTimes.indexOf(plan.fromMonths));
  const hist = createHistogram(cfg.horizon);
  // A request of the starting stock was filed before the start: its request → operation can exceed
  // the run's horizon by its age (up to ~50 years allowed).
  const span = cfg.horizon + 600;
  const done = createHistogram(span);
  const drawn = createHistogram(span);
  const agreed = createHistogram(span);
  const sampler = new Rng();
  const cum = new Float64Array(done.counts.length);
  if (plan.completed) [engine.completedFrom, engine.completedTo] = plan.completed;
  for (let k = 0; k < n; k++) {
    clearHistogram(hist);
    clearHistogram(done);
    clearHistogram(agreed);
    engine.energizeSink = plan.cohort ? hist : null;
    engine.completedSink = plan.completed ? done : null;
    engine.agreedSink = plan.completed ? agreed : null;
    const o = engine.runTrial(seed, start + k);
    engine.energizeSink = null;
    engine.completedSink = null;
    engine.agreedSink = null;
    for (let j = 0; j < S; j++) series[k * S + j] = o.sampleActiveMW[j];
    const wd = o.withdrawn[0] + o.withdrawn[1] + o.withdrawn[2] + o.withdrawn[3];
    const v = [
      S ? o.sampleActiveMW[atK] : NaN,
      // The user's request (project 0, 1 MW) is not part of a published count.
      S ? o.sampleActiveN[atK] - (o.userMonths > plan.atMonths ? 1 : 0) : NaN,
      S ? o.sampleInMW[atK] - o.sampleInMW[fromK] : NaN,
      S ? o.sampleWithdrawnMW[atK] - (fromK ? o.sampleWithdrawnMW[fromK] : 0) : NaN,
      S ? o.sampleEnergizedMW[atK] - (fromK ? o.sampleEnergizedMW[fromK] : 0) : NaN,
      S ? o.sampleApprovedMW[atK] - (fromK ? o.sampleApprovedMW[fromK] : 0) : NaN,
      S ? o.sampleOperatingMW[atK] : NaN,
      o.energized / o.cohortProjects,
      o.energizedMW / o.cohortMW,
      o.withdrawn[0] / wd,
      o.withdrawn[1] / wd,
      o.withdrawn[2] / wd,
      o.withdrawn[3] / wd,
      quantile(hist, 0.1),
      quantile(hist, 0.5),
      quantile(hist, 0.9),
      ...completedQuantiles(plan.completedSample === null ? done : resample(done, plan.completedSample, sampler.reset(seed, start + k, SAMPLE_STREAM), drawn, cum)),
      agreed.n > 0 ? quantile(plan.completedSample === null ? agreed : resample(agreed, plan.completedSample, sampler.reset(seed, start + k, SAMPLE_STREAM + 1), drawn, cum), 0.5) : NaN,
    ];
    values.set(v, k * M);
  }
  return { trials: n, values, series, samples: S };
}

/** The sampler's stream: apart from every engine stream, so drawing a sample moves no trial. */
const SAMPLE_STREAM = 0x5a3b1e;

function completedQuantiles(h: TimeHistogram): [number, number, number] {
  return h.n > 0 ? [quantile(h, 0.1), quantile(h, 0.5), quantile(h, 0.9)] : [NaN, NaN, NaN];
}

/** `size` draws (with replacement) from the histogram's finite times, into `out` (cleared first); `cum` is scratch of the same length. */
function resample(h: TimeHistogram, size: number, rng: Rng, out: TimeHistogram, cum: Float64Array): TimeHistogram {
  clearHistogram(out);
  const finite = h.n - h.never;
  if (finite <= 0) return out;
  let c = 0;
  for (let i = 0; i < h.counts.length; i++) cum[i] = c += h.counts[i];
  for (let j = 0; j < size; j++) {
    const target = rng.uniform() * finite;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    out.counts[lo]++;
    out.n++;
  }
  return out;
}

export function mergeBacktestPartials(a: BacktestPartial, b: BacktestPartial): BacktestPartial {
  const cat = (x: Float64Array, y: Float64Array) => {
    const out = new Float64Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return { trials: a.trials + b.trials, values: cat(a.values, b.values), series: cat(a.series, b.series), samples: a.samples || b.samples };
}

/** Linear-interpolated sample quantile of finite values (order statistics, type 7). */
function q(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
}

export interface BacktestResult {
  id: string;
  preset: string;
  figure: string;
  source: string;
  unit: string;
  tolerance: Tolerance;
  published: number;
  simulated: { p10: number; p50: number; p90: number };
  /** why it passes or fails, in words */
  verdict: string;
  pass: boolean;
  /** the P50 is within the row's tolerance (half of `pass`) */
  withinTolerance: boolean;
  /** a residual the data file documents, if any */
  knownGap: string | null;
  trials: number;
  /** the chart: months after the start → P10/P50/P90 active MW, and the published points on the same clock */
  chart: { startDate: string; months: number[]; p10: number[]; p50: number[]; p90: number[]; published: Array<[number, number]> };
}

const TOLERANCE: Record<Tolerance, { rel?: number; abs?: number; words: string }> = {
  stock: { rel: 0.1, words: '±10%' },
  flow: { rel: 0.2, words: '±20%' },
  share: { abs: 0.03, words: '±3 points' },
  duration: { rel: 0.15, words: '±15%' },
};

export function summarizeBacktest(row: BacktestRowSpec, plan: BacktestPlan, part: BacktestPartial): BacktestResult {
  const mk = MEASURE_INDEX.get(row.measure) ?? 0;
  const own = Array.from({ length: part.trials }, (_, k) => part.values[k * M + mk] + (row.offset ?? 0));
  const finite = Float64Array.from(own.filter((v) => Number.isFinite(v))).sort();
  const sim = { p10: q(finite, 0.1), p50: q(finite, 0.5), p90: q(finite, 0.9) };
  const tol = TOLERANCE[row.tolerance];
  const inBand = row.published >= sim.p10 && row.published <= sim.p90;
  const off = tol.abs !== undefined ? Math.abs(sim.p50 - row.published) : Math.abs(sim.p50 / row.published - 1);
  const close = off <= (tol.abs ?? tol.rel ?? 0) + 1e-12;
  const pass = inBand && close && finite.length > 0;
  const verdict = `${inBand ? 'inside' : 'outside'} the simulated P10–P90; P50 ${tol.abs !== undefined ? `${(off * 100).toFixed(1)} points` : `${(off * 100).toFixed(1)}%`} from the published value (tolerance ${tol.words})`;
  const S = part.samples;
  const months = Array.from(plan.sampleTimes);
  const fan = { p10: [] as number[], p50: [] as number[], p90: [] as number[] };
  for (let j = 0; j < S; j++) {
    const col = new Float64Array(part.trials);
    for (let k = 0; k < part.trials; k++) col[k] = part.series[k * S + j];
    col.sort();
    fan.p10.push(q(col, 0.1));
    fan.p50.push(q(col, 0.5));
    fan.p90.push(q(col, 0.9));
  }
  const startDate = plan.params.stock!.asOf;
  const published = (row.series ?? []).map((pt) => [monthsBetween(startDate, pt.date), pt.mw] as [number, number]);
  return {
    id: row.id,
    preset: row.preset,
    figure: row.figure,
    source: row.source,
    unit: row.unit,
    tolerance: row.tolerance,
    published: row.published,
    simulated: sim,
    verdict,
    pass,
    withinTolerance: close && finite.length > 0,
    knownGap: row.knownGap ?? null,
    trials: part.trials,
    chart: { startDate, months, ...fan, published },
  };
}

/** Default trials per row: stock and flow rows need the spread; cohort rows are large per trial. */
export function defaultBacktestTrials(row: BacktestRowSpec): number {
  return row.measure.startsWith('cohort.') || row.measure.startsWith('completed.') ? 16 : 200;
}

/** The run a plan stands for: rows with the same plan, seed and trials share one run. */
export function planKey(plan: BacktestPlan, seed: number, trials: number): string {
  return JSON.stringify([plan.params, plan.atMonths, plan.cohort, plan.completed, plan.completedSample, Array.from(plan.sampleTimes), seed, trials]);
}

/**
 * Runs rows on this thread (the CLI and tests; the app's worker runs the same chunks), sharing one
 * run between rows with the same plan.
 */
export function runBacktestRows(rows: BacktestRowSpec[], docFor: (id: string) => QueuePresetDoc | undefined, seed: number, trials?: number): Array<Result<BacktestResult>> {
  const cache = new Map<string, BacktestPartial>();
  return rows.map((row) => {
    const doc = docFor(row.preset);
    if (!doc) return { ok: false, errors: [{ field: `${row.id}.preset`, message: `no queue preset "${row.preset}"` }] };
    const plan = planBacktest(row, doc);
    if (!plan.ok) return plan;
    const n = trials ?? defaultBacktestTrials(row);
    const key = planKey(plan.value, seed, n);
    let part = cache.get(key);
    if (!part) {
      part = runBacktestChunk(plan.value, seed, 0, n);
      cache.set(key, part);
    }
    return { ok: true, value: summarizeBacktest(row, plan.value, part) };
  });
}

export function runBacktestRow(row: BacktestRowSpec, doc: QueuePresetDoc, seed: number, trials?: number): Result<BacktestResult> {
  return runBacktestRows([row], () => doc, seed, trials)[0];
}

/** A backtest row as the worker pool runs it: trials in chunks, merged in order (contract.ts). */
export interface BacktestRequest {
  model: 'backtest';
  row: BacktestRowSpec;
  plan: BacktestPlan;
  trials: number;
  seed: number;
}

export const backtestRunner = {
  runChunk: (req: BacktestRequest, start: number, end: number): BacktestPartial => runBacktestChunk(req.plan, req.seed, start, end),
  merge: mergeBacktestPartials,
  summarize: (req: BacktestRequest, merged: BacktestPartial): BacktestResult => summarizeBacktest(req.row, req.plan, merged),
};
