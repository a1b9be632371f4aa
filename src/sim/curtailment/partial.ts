/**
 * The mergeable curtailment result of a chunk of queue trials, and its summary. Integer histograms,
 * integer (fixed-point) sums and per-trial rows by trial index only, so 1, 2 or 4 workers give
 * bit-identical summaries (docs/method.md §0).
 */
import { valuePercentiles, createValueHistogram, mergeValueHistograms, recordValue, type ValueHistogram, type ValuePercentiles } from '../buy-vs-build/value-histogram';
import { MAX_PER_TRIAL_ROWS } from '../contract';
import { cdfCurve, createHistogram, mergeInto, percentiles, record, type Percentiles, type TimeHistogram } from '../histogram';
import { quantileTableFromHistogram, type QuantileTable } from '../quantile-table';
import type { CurtailmentRequest } from './params';
import type { CurtailTrial } from './trial';

/** Energy shares are summed in integer billionths: exact while the sum stays below 2^53. */
const SHARE_FX = 1e9;

export interface CurtailPartial {
  /** months to first (curtailable) MW */
  first: TimeHistogram;
  /** firm − first, months (firm capped at the horizon), of trials where curtailable MW come first */
  gained: TimeHistogram;
  /** of trials where curtailable MW come before firm: curtailed hours per year and energy share lost */
  hours: ValueHistogram;
  share: ValueHistogram;
  /** trials where curtailable MW come before firm MW */
  window: number;
  /** Σ round(1e9 × energy share) over those trials */
  shareSumFx: number;
  /** trials where first came after firm (must stay 0: the model's own invariant, checked by tests) */
  disorder: number;
  rowFirst: Float64Array;
  rowShare: Float64Array;
}

export function createCurtailPartial(horizonMonths: number, start: number, end: number): CurtailPartial {
  const rows = Math.max(0, Math.min(end, MAX_PER_TRIAL_ROWS) - start);
  return {
    first: createHistogram(horizonMonths),
    gained: createHistogram(horizonMonths),
    // 10-hour bins up to 8,770 so a whole year curtailed (8,760) falls inside the range.
    hours: createValueHistogram(0, 8770, 877),
    // Share 1 (everything curtailed all year) falls in the top bin, not above the range.
    share: createValueHistogram(0, 1.0001, 10_001),
    window: 0,
    shareSumFx: 0,
    disorder: 0,
    rowFirst: new Float64Array(rows),
    rowShare: new Float64Array(rows),
  };
}

export function addCurtailTrial(p: CurtailPartial, trial: number, rowBase: number, t: CurtailTrial, horizon: number): void {
  record(p.first, t.first);
  if (t.first > t.firm) p.disorder++;
  if (t.first < t.firm) {
    p.window++;
    record(p.gained, (t.firm < horizon ? t.firm : horizon) - t.first);
    recordValue(p.hours, t.hours);
    recordValue(p.share, t.energyShare);
    p.shareSumFx += Math.round(t.energyShare * SHARE_FX);
  }
  const row = trial - rowBase;
  if (row >= 0 && row < p.rowFirst.length) {
    p.rowFirst[row] = t.first;
    p.rowShare[row] = t.energyShare;
  }
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  if (b.length === 0) return a;
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Folds `next` into `acc` (chunk order: rows are appended). */
export function mergeCurtailPartials(acc: CurtailPartial, next: CurtailPartial): CurtailPartial {
  mergeInto(acc.first, next.first);
  mergeInto(acc.gained, next.gained);
  mergeValueHistograms(acc.hours, next.hours);
  mergeValueHistograms(acc.share, next.share);
  acc.window += next.window;
  acc.shareSumFx += next.shareSumFx;
  acc.disorder += next.disorder;
  acc.rowFirst = concat(acc.rowFirst, next.rowFirst);
  acc.rowShare = concat(acc.rowShare, next.rowShare);
  return acc;
}

/** What users read about firm and curtailable MW. Months from today; Infinity = "> horizon". */
export interface CurtailmentSummary {
  ruleId: string | null;
  ruleName: string;
  assumed: boolean;
  /** months after the start from which the rule applies */
  ruleStartMonth: number;
  asOf: string;
  firmFloor: boolean;
  floorMW: number;
  /** MW curtailable until firm (the request, less the floor where the rule has one) */
  curtailableMW: number;
  hoursPerYearInput: { p50: number; p90: number };
  /** months to first (curtailable) MW */
  curtailable: Percentiles;
  /** months to full firm MW (the queue model's time to power) */
  firm: Percentiles;
  /** firm P50 − first-MW P50, months (NaN when either is beyond the horizon) */
  p50Gain: number;
  /** firm − first per trial, months, over trials where curtailable MW come first (earlierShare of them) */
  monthsGained: Percentiles;
  /** share of trials where curtailable MW come before firm MW */
  earlierShare: number;
  /** of those trials: curtailed hours per year and share of energy lost */
  curtailedHours: ValuePercentiles;
  curtailedEnergyShare: ValuePercentiles & { mean: number };
  /** cumulative probability of first MW by month, for the chart */
  firstCdf: Array<[number, number]>;
  /** quantile table of months to first MW (buy vs build reads it) */
  firstQuantileTable: QuantileTable;
  /** trials where first came after firm (0 by construction) */
  disorder: number;
  perTrial: { first: Float64Array; energyShare: Float64Array };
}

/** Percentiles interpolated inside the top bin stay within what is possible (a year, a share of 1). */
function capped(v: ValuePercentiles, max: number): ValuePercentiles {
  return { ...v, p10: Math.min(v.p10, max), p50: Math.min(v.p50, max), p90: Math.min(v.p90, max) };
}

export function summarizeCurtailment(req: CurtailmentRequest, projectMW: number, firm: Percentiles, p: CurtailPartial): CurtailmentSummary {
  const share = valuePercentiles(p.share);
  const first = percentiles(p.first);
  return {
    ruleId: req.ruleId,
    ruleName: req.ruleName,
    assumed: req.assumed,
    ruleStartMonth: req.startMonth,
    asOf: req.asOf,
    firmFloor: req.firmFloor,
    floorMW: req.floorMW,
    curtailableMW: req.firmFloor ? projectMW - req.floorMW : projectMW,
    hoursPerYearInput: { ...req.hoursPerYear },
    curtailable: first,
    firm,
    p50Gain: Number.isFinite(firm.p50) && Number.isFinite(first.p50) ? firm.p50 - first.p50 : NaN,
    monthsGained: percentiles(p.gained),
    earlierShare: p.first.n ? p.window / p.first.n : NaN,
    curtailedHours: capped(valuePercentiles(p.hours), 8760),
    curtailedEnergyShare: { ...capped(share, 1), mean: p.window ? p.shareSumFx / SHARE_FX / p.window : NaN },
    firstCdf: cdfCurve(p.first, 1),
    firstQuantileTable: quantileTableFromHistogram(p.first),
    disorder: p.disorder,
    perTrial: { first: p.rowFirst, energyShare: p.rowShare },
  };
}
