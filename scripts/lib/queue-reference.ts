/**
 * Reference summaries of the queue engine (test/fixtures/queue-reference.json) and the comparison
 * of a fresh run against them: the contract any change of the engine's arithmetic is judged by.
 * Outputs are distributions (docs/method.md §0), so a new engine must produce the same
 * distributions, not the same numbers: per preset, a two-sample Kolmogorov–Smirnov test on months to
 * power (Holm-corrected across presets), P10/P50/P90 within 3 combined standard errors, the
 * never-share within 3 standard errors, and every backtest row that passed still passing.
 *
 * `npm run --silent refs:write` rewrites the file (scripts/reference-summaries.ts);
 * test/unit/queue-equivalence.test.ts compares. Both run the presets through the worker pool.
 */
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'fflate';
import { groupBacktestRuns } from '../../src/sim/backtest-rows';
import { loadBacktests, type BacktestResult } from '../../src/sim/queue/backtest';
import { loadQueuePresets, type QueuePresetDoc } from '../../src/sim/queue/presets';
import type { QueueSummary } from '../../src/sim/queue/summary';
import { buildQueueRequest } from '../../src/sim/requests';
import { BACKTEST_SEED, DEFAULT_SEED } from '../../src/sim/run-defaults';
import { holm } from '../../src/sim/stats/holm';
import { ksTwoSample } from '../../src/sim/stats/ks';
import type { SimPool } from '../../workers/pool';

export const REFERENCE_FILE = new URL('../../test/fixtures/queue-reference.json', import.meta.url);
/** Trials per preset in the references and in the equivalence test's fresh run, unless listed below. */
export const REFERENCE_TRIALS = 20_000;
/**
 * The US-wide queue (us-lbnl) runs ~53,000 events a trial, 35× the ERCOT preset: 20,000 trials take
 * ~9 core-minutes. Its reference keeps fewer trials and the test's fresh run fewer still, so the
 * test stays near a minute on two cores; the KS test then sees a smaller shift only in the others.
 */
const REFERENCE_TRIALS_BY_PRESET: Readonly<Record<string, number>> = { 'us-lbnl': 4_000 };
const FRESH_TRIALS_BY_PRESET: Readonly<Record<string, number>> = { 'us-lbnl': 1_000 };

export const referenceTrials = (presetId: string): number => (Object.hasOwn(REFERENCE_TRIALS_BY_PRESET, presetId) ? REFERENCE_TRIALS_BY_PRESET[presetId] : REFERENCE_TRIALS);
export const freshTrials = (presetId: string): number => (Object.hasOwn(FRESH_TRIALS_BY_PRESET, presetId) ? FRESH_TRIALS_BY_PRESET[presetId] : REFERENCE_TRIALS);
/** The references' seed: the app's default, so they are what a user sees first. */
export const REFERENCE_SEED = DEFAULT_SEED;
/**
 * The fresh run's seed differs from the references', so the two samples are independent, as the KS
 * test and the standard errors assume (with one seed an unchanged engine would compare with itself).
 */
export const FRESH_SEED = 20_261_204;
/** Family-wise error rate of the KS tests across presets (Holm). */
export const KS_ALPHA = 0.01;
/** Months are stored (and compared) to this grid: 0.01 month ≈ 7 hours, far below any figure shown. */
export const MONTH_STEP = 0.01;
/** Histogram of months to power stored for charts and review: this many bins over the horizon. */
export const HISTOGRAM_BINS = 200;
/** Years from time 0 at which the queue-ahead fan is stored (six dates). */
export const FAN_YEARS = [1, 2, 3, 5, 10, 20] as const;

export interface PresetReference {
  presetId: string;
  name: string;
  /** MW of the request: the preset's typical request, as the app and the CLI default to */
  projectMW: number;
  trials: number;
  seed: number;
  horizonMonths: number;
  /** months; Infinity ("> horizon") is stored as null */
  p10: number | null;
  p50: number | null;
  p90: number | null;
  se10: number | null;
  se50: number | null;
  se90: number | null;
  neverShare: number;
  eventsPerTrial: number;
  /** HISTOGRAM_BINS equal bins over [0, horizon) months, plus the trials never energized within it */
  histogram: { binMonths: number; counts: number[]; never: number };
  /** MW still ahead of the request at FAN_YEARS after time 0 (dates: asOf + years) */
  queueAheadFan: { asOf: string | null; years: number[]; p10: number[]; p50: number[]; p90: number[] };
  /** every trial's months to power, sorted, on the MONTH_STEP grid: see encodeMonths */
  months: { step: number; never: number; deflatedDeltas: string };
}

export interface BacktestReference {
  id: string;
  preset: string;
  figure: string;
  unit: string;
  published: number;
  p10: number;
  p50: number;
  p90: number;
  pass: boolean;
}

export interface QueueReferenceFile {
  /** how to rewrite this file */
  regenerate: string;
  /** the commit whose engine wrote it */
  engineCommit: string;
  presets: PresetReference[];
  backtest: { seed: number; rows: BacktestReference[] };
}

const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
const fromNull = (v: number | null) => (v === null ? Infinity : v);

/**
 * Sorted months → the MONTH_STEP grid, deltas as little-endian uint32, deflated (fflate: a kept,
 * dependency-free zlib port already used for the app's links), base64. 20,000 trials take ~15 kB.
 */
export function encodeMonths(sortedMonths: ArrayLike<number>): PresetReference['months'] {
  let never = 0;
  const deltas = new Uint32Array(sortedMonths.length);
  let prev = 0;
  let k = 0;
  for (let i = 0; i < sortedMonths.length; i++) {
    const v = sortedMonths[i];
    if (!Number.isFinite(v)) {
      never++;
      continue;
    }
    const q = Math.round(v / MONTH_STEP);
    deltas[k++] = q - prev;
    prev = q;
  }
  const bytes = new Uint8Array(deltas.buffer, 0, k * 4);
  return { step: MONTH_STEP, never, deflatedDeltas: Buffer.from(deflateSync(bytes, { level: 9 })).toString('base64') };
}

/** The stored months back as a sorted sample on the grid, never-trials as Infinity at the end. */
export function decodeMonths(m: PresetReference['months']): Float64Array {
  const bytes = inflateSync(new Uint8Array(Buffer.from(m.deflatedDeltas, 'base64')));
  const deltas = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const out = new Float64Array(deltas.length + m.never);
  let q = 0;
  for (let i = 0; i < deltas.length; i++) {
    q += deltas[i];
    out[i] = q * m.step;
  }
  out.fill(Infinity, deltas.length);
  return out;
}

/** A fresh sample on the stored grid, so both sides of the KS test are binned alike. */
export function onGrid(months: ArrayLike<number>, step = MONTH_STEP): Float64Array {
  return Float64Array.from(months, (v) => (Number.isFinite(v) ? Math.round(v / step) * step : Infinity)).sort();
}

export function loadPresetDocs(root: URL): Record<string, QueuePresetDoc> {
  const { presets, errors } = loadQueuePresets(JSON.parse(readFileSync(new URL('data/regions.json', root), 'utf8')));
  if (errors.length) throw new Error(`data/regions.json › ${errors[0].field}: ${errors[0].message}`);
  return presets;
}

/** The request a user gets for a preset without editing anything: its typical MW, default forward path. */
export function defaultPresetRequest(doc: QueuePresetDoc, trials: number, seed: number) {
  const r = buildQueueRequest({ doc, overrides: {}, projectMW: doc.defaultProjectMW, trials, seed });
  if (!r.ok) throw new Error(`preset ${doc.id}: ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return r.value;
}

/** The figures a reference keeps, read off one run's summary. */
export function presetFigures(doc: QueuePresetDoc, s: QueueSummary): PresetReference {
  const all = s.perTrial.months;
  if (all.length !== s.trials) throw new Error(`${doc.id}: ${s.trials} trials but ${all.length} per-trial rows (more than the rows kept per run)`);
  const sorted = Float64Array.from(all).sort();
  const binMonths = s.horizonMonths / HISTOGRAM_BINS;
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  let never = 0;
  for (const v of sorted) {
    if (v < s.horizonMonths) counts[Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor(v / binMonths)))]++;
    else never++;
  }
  const fan = s.queueMWFan;
  const at = FAN_YEARS.map((y) => fan.years.indexOf(y)).filter((i) => i >= 0);
  const t = s.timeToPower;
  return {
    presetId: doc.id,
    name: doc.name,
    projectMW: s.projectMW,
    trials: s.trials,
    seed: s.seed,
    horizonMonths: s.horizonMonths,
    p10: finiteOrNull(t.p10),
    p50: finiteOrNull(t.p50),
    p90: finiteOrNull(t.p90),
    se10: finiteOrNull(t.se10),
    se50: finiteOrNull(t.se50),
    se90: finiteOrNull(t.se90),
    neverShare: t.neverShare,
    eventsPerTrial: Math.round(s.eventsPerTrial * 10) / 10,
    histogram: { binMonths, counts, never },
    queueAheadFan: { asOf: s.asOf, years: at.map((i) => fan.years[i]), p10: at.map((i) => fan.p10[i]), p50: at.map((i) => fan.p50[i]), p90: at.map((i) => fan.p90[i]) },
    months: encodeMonths(sorted),
  };
}

/** One preset's default request through the pool. */
export async function runPresetReference(pool: Pick<SimPool, 'run'>, doc: QueuePresetDoc, trials: number, seed: number): Promise<PresetReference> {
  return presetFigures(doc, await pool.run('queue', defaultPresetRequest(doc, trials, seed)));
}

/** Every backtest row of data/backtests.json at the app's backtest seed, through the pool (the app's grouping by plan). */
export async function runBacktestTable(pool: Pick<SimPool, 'run'>, root: URL, docs: Record<string, QueuePresetDoc>): Promise<BacktestReference[]> {
  const loaded = loadBacktests(JSON.parse(readFileSync(new URL('data/backtests.json', root), 'utf8')));
  if (!loaded.ok) throw new Error(`data/backtests.json › ${loaded.errors[0].field}: ${loaded.errors[0].message}`);
  const byId = new Map<string, BacktestResult>();
  for (const presetId of [...new Set(loaded.value.map((r) => r.preset))]) {
    const doc = Object.hasOwn(docs, presetId) ? docs[presetId] : undefined;
    if (!doc) throw new Error(`data/backtests.json: no queue preset "${presetId}"`);
    const { runs, errors } = groupBacktestRuns(loaded.value.filter((r) => r.preset === presetId), doc, BACKTEST_SEED);
    if (errors.length) throw new Error(`data/backtests.json › ${errors[0].field}: ${errors[0].message}`);
    for (const run of runs) for (const r of await pool.run('backtest-rows', run)) byId.set(r.id, r);
  }
  return loaded.value.map((row) => {
    const r = byId.get(row.id) as BacktestResult;
    return { id: r.id, preset: r.preset, figure: r.figure, unit: r.unit, published: r.published, p10: r.simulated.p10, p50: r.simulated.p50, p90: r.simulated.p90, pass: r.pass };
  });
}

export function readReferenceFile(file: URL = REFERENCE_FILE): QueueReferenceFile {
  return JSON.parse(readFileSync(file, 'utf8')) as QueueReferenceFile;
}

/** One check of a fresh run against its reference. */
export interface Check {
  what: string;
  before: number;
  after: number;
  /** the allowed distance |after − before| (3 combined SE), or the KS p-value's Holm threshold */
  limit: number;
  /** the standardized distance (z for quantiles and shares, the KS p-value for the KS test) */
  score: number;
  ok: boolean;
}

export interface PresetComparison {
  presetId: string;
  name: string;
  ks: { d: number; p: number; threshold: number; rejected: boolean; n: number; m: number };
  checks: Check[];
  ok: boolean;
}

/**
 * A quantile within 3 combined standard errors: |after − before| ≤ 3·√(se_b² + se_a²), the SEs from
 * each run's own histogram (histogram.ts quantileStdError). Both beyond the horizon counts as equal;
 * one beyond and one within fails (a quantile crossing the horizon is a change of kind).
 */
function quantileCheck(what: string, before: number, seB: number, after: number, seA: number): Check {
  if (!Number.isFinite(before) || !Number.isFinite(after)) {
    const same = Number.isFinite(before) === Number.isFinite(after);
    return { what, before, after, limit: 0, score: same ? 0 : Infinity, ok: same };
  }
  const se = Math.hypot(seB, seA);
  const z = se > 0 ? Math.abs(after - before) / se : after === before ? 0 : Infinity;
  return { what, before, after, limit: 3 * se, score: z, ok: z <= 3 };
}

/**
 * Never-shares within 3 standard errors of their difference, from the pooled share (the
 * two-proportion z-test): SE = √(p̄(1−p̄)(1/n + 1/m)). Pooling keeps a share of 0 in both runs
 * (SE 0) a pass and a share of 0 against any never a measured distance.
 */
function shareCheck(what: string, before: number, n: number, after: number, m: number): Check {
  const pooled = (before * n + after * m) / (n + m);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
  const z = se > 0 ? Math.abs(after - before) / se : after === before ? 0 : Infinity;
  return { what, before, after, limit: 3 * se, score: z, ok: z <= 3 };
}

/**
 * Every preset's fresh run against its reference: KS on the months to power with Holm's correction
 * across the presets compared, then the quantile and never-share checks.
 */
export function comparePresets(refs: readonly PresetReference[], fresh: readonly PresetReference[], alpha = KS_ALPHA): PresetComparison[] {
  const pairs = fresh.map((f) => {
    const r = refs.find((x) => x.presetId === f.presetId);
    if (!r) throw new Error(`no reference for preset "${f.presetId}": run npm run --silent refs:write`);
    return [r, f] as const;
  });
  const ks = pairs.map(([r, f]) => ksTwoSample(decodeMonths(r.months), decodeMonths(f.months)));
  const decisions = holm(
    ks.map((k) => k.p),
    alpha,
  );
  return pairs.map(([r, f], k) => {
    const checks = [
      quantileCheck('P10 months', fromNull(r.p10), fromNull(r.se10), fromNull(f.p10), fromNull(f.se10)),
      quantileCheck('P50 months', fromNull(r.p50), fromNull(r.se50), fromNull(f.p50), fromNull(f.se50)),
      quantileCheck('P90 months', fromNull(r.p90), fromNull(r.se90), fromNull(f.p90), fromNull(f.se90)),
      shareCheck('never-share', r.neverShare, r.trials, f.neverShare, f.trials),
    ];
    const d = decisions[k];
    return {
      presetId: r.presetId,
      name: r.name,
      ks: { d: ks[k].d, p: ks[k].p, threshold: d.threshold, rejected: d.rejected, n: ks[k].n, m: ks[k].m },
      checks,
      ok: !d.rejected && checks.every((c) => c.ok),
    };
  });
}

/** Backtest rows that passed in the references and fail now (a row that failed before may do anything). */
export function lostBacktestRows(before: readonly BacktestReference[], after: readonly BacktestReference[]): Array<{ before: BacktestReference; after: BacktestReference | undefined }> {
  return before.filter((b) => b.pass).map((b) => ({ before: b, after: after.find((a) => a.id === b.id) })).filter((x) => !x.after?.pass);
}

const num = (v: number) => (!Number.isFinite(v) ? '> horizon' : Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(4));

/** The before/after table a failing comparison prints (and `refs:write --check` shows). */
export function formatComparison(rows: readonly PresetComparison[], lost: ReturnType<typeof lostBacktestRows> = []): string {
  const lines = ['preset                         check          before      after      limit      score  verdict'];
  for (const r of rows) {
    const label = `${r.name}`.slice(0, 30).padEnd(30);
    lines.push(`${label} KS months      D ${r.ks.d.toFixed(4).padEnd(8)} n ${String(r.ks.n).padEnd(7)} p≤${r.ks.threshold.toPrecision(2).padEnd(7)} p ${r.ks.p.toPrecision(2).padEnd(6)} ${r.ks.rejected ? 'DIFFERENT' : 'ok'} (fresh m ${r.ks.m})`);
    for (const c of r.checks) {
      lines.push(`${''.padEnd(30)} ${c.what.padEnd(14)} ${num(c.before).padStart(10)} ${num(c.after).padStart(10)} ${('±' + num(c.limit)).padStart(10)} ${(Number.isFinite(c.score) ? c.score.toFixed(2) : '∞').padStart(6)}  ${c.ok ? 'ok' : 'OUTSIDE 3 SE'}`);
    }
  }
  for (const { before, after } of lost) {
    lines.push(`backtest ${before.id}: passed before (P50 ${num(before.p50)} ${before.unit}, published ${num(before.published)}), ${after ? `fails now (P10/P50/P90 ${num(after.p10)} / ${num(after.p50)} / ${num(after.p90)})` : 'missing now'}`);
  }
  return lines.join('\n');
}
