/**
 * The absorption runner (contract.ts): paths = trials; fan charts and the user's building as
 * integer histograms, so the summary is bit-identical whatever the chunking (docs/method.md §0).
 */
import type { ModelRunner } from '../contract';
import { createHistogram, mergeInto, record, type TimeHistogram } from '../histogram';
import {
  createValueHistogram,
  mergeValueHistograms,
  recordValue,
  valuePercentiles,
  type ValueHistogram,
  type ValuePercentiles,
} from '../buy-vs-build/value-histogram';
import { MarketEngine } from './market';
import { createMonthlyHistogram, fanOf, mergeMonthly, recordMonth, type Fan, type MonthlyHistogram } from './monthly-histogram';
import type { AbsorptionParams, AbsorptionRequest } from './params';

/** Fine bins for the calibration-window figures (shares to 0.05 percentage points). */
const WINDOW_BINS = 2000;

export interface AbsorptionPartial {
  n: number;
  fan: {
    vacancy: MonthlyHistogram;
    preleasedShareUC: MonthlyHistogram;
    leasedMW: MonthlyHistogram;
    netAbsorptionMW: MonthlyHistogram;
  };
  /** each path's mean over the calibration window */
  window: { vacancy: ValueHistogram; preleasedShareUC: ValueHistogram; netAbsorptionMWPerYear: ValueHistogram };
  user: {
    /** pre-leased share at delivery, by whole percent 0 … 100 (floor), delivered paths only */
    preleasedPct: Uint32Array;
    deliveredAt: TimeHistogram;
    monthsTo95: TimeHistogram;
  };
}

/** MW ranges of the MW fans: from the market's own scale, so any preset fits. */
function mwScale(p: AbsorptionParams): number {
  const meanOf = (d: { p50: number; p90: number }) => d.p50 * Math.exp(0.5 * (Math.log(d.p90 / d.p50) / 1.2815515655446004) ** 2);
  const supply = p.supply.startsPerMonth * meanOf(p.supply.sizeMW);
  const demand = p.demand.requirementsPerMonth * meanOf(p.demand.sizeMW);
  return Math.max(1, 4 * Math.max(supply, demand));
}

function emptyPartial(p: AbsorptionParams): AbsorptionPartial {
  const h = p.horizonMonths;
  const mw = mwScale(p);
  return {
    n: 0,
    fan: {
      vacancy: createMonthlyHistogram(h, 0, 0.25, 250),
      preleasedShareUC: createMonthlyHistogram(h, 0, 1, 200),
      leasedMW: createMonthlyHistogram(h, 0, mw, 200),
      netAbsorptionMW: createMonthlyHistogram(h, -mw / 2, mw, 300),
    },
    window: {
      vacancy: createValueHistogram(0, 0.5, WINDOW_BINS),
      preleasedShareUC: createValueHistogram(0, 1, WINDOW_BINS),
      netAbsorptionMWPerYear: createValueHistogram(-6 * mw, 12 * mw, WINDOW_BINS),
    },
    user: {
      preleasedPct: new Uint32Array(101),
      deliveredAt: createHistogram(h, 1),
      monthsTo95: createHistogram(h, 1),
    },
  };
}

/** A share of exactly 1 goes in the top bin of a [0, 1) histogram, not above it. */
const ONE_MINUS = 1 - 1e-12;
const share = (x: number) => (x >= ONE_MINUS ? ONE_MINUS : x);

/** Mean of the first k entries that are numbers (NaN if none). */
function meanOf(a: Float64Array, k: number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < k; i++) {
    const x = a[i];
    if (x === x) {
      s += x;
      c++;
    }
  }
  return c ? s / c : NaN;
}

export function runAbsorptionChunk(req: AbsorptionRequest, start: number, end: number): AbsorptionPartial {
  const p = req.params;
  const part = emptyPartial(p);
  const engine = new MarketEngine(p, req.seed, req.deliveryTable);
  const m = engine.metrics;
  const w = p.calibrationWindowMonths;
  for (let t = start; t < end; t++) {
    engine.run(t);
    part.n++;
    for (let j = 0; j < p.horizonMonths; j++) {
      recordMonth(part.fan.vacancy, j, m.vacancy[j]);
      recordMonth(part.fan.preleasedShareUC, j, share(m.preleasedShareUC[j]));
      recordMonth(part.fan.leasedMW, j, m.leasedMW[j]);
      recordMonth(part.fan.netAbsorptionMW, j, m.netAbsorptionMW[j]);
    }
    recordValue(part.window.vacancy, meanOf(m.vacancy, w));
    recordValue(part.window.preleasedShareUC, share(meanOf(m.preleasedShareUC, w)));
    recordValue(part.window.netAbsorptionMWPerYear, 12 * meanOf(m.netAbsorptionMW, w));
    const u = engine.user;
    record(part.user.deliveredAt, u.deliveredAt);
    if (u.deliveredAt === u.deliveredAt) {
      part.user.preleasedPct[Math.min(100, Math.floor(u.preleasedAtDelivery * 100 + 1e-9))]++;
      record(part.user.monthsTo95, u.monthsTo95);
    }
  }
  return part;
}

export function mergeAbsorption(a: AbsorptionPartial, b: AbsorptionPartial): AbsorptionPartial {
  a.n += b.n;
  mergeMonthly(a.fan.vacancy, b.fan.vacancy);
  mergeMonthly(a.fan.preleasedShareUC, b.fan.preleasedShareUC);
  mergeMonthly(a.fan.leasedMW, b.fan.leasedMW);
  mergeMonthly(a.fan.netAbsorptionMW, b.fan.netAbsorptionMW);
  mergeValueHistograms(a.window.vacancy, b.window.vacancy);
  mergeValueHistograms(a.window.preleasedShareUC, b.window.preleasedShareUC);
  mergeValueHistograms(a.window.netAbsorptionMWPerYear, b.window.netAbsorptionMWPerYear);
  for (let i = 0; i < a.user.preleasedPct.length; i++) a.user.preleasedPct[i] += b.user.preleasedPct[i];
  mergeInto(a.user.deliveredAt, b.user.deliveredAt);
  mergeInto(a.user.monthsTo95, b.user.monthsTo95);
  return a;
}

/** Percentiles of a whole-month count (months to an event): Infinity = not within the horizon. */
export interface WholeMonthPercentiles {
  p10: number;
  p50: number;
  p90: number;
  neverShare: number;
  n: number;
}

/**
 * The smallest whole month k with P(T ≤ k) ≥ p. The histograms here hold whole months (one bin
 * per month), where interpolating inside a bin would invent fractions.
 */
export function wholeMonthPercentiles(h: TimeHistogram): WholeMonthPercentiles {
  const q = (p: number) => {
    const target = p * h.n;
    let cum = 0;
    for (let i = 0; i < h.counts.length; i++) {
      cum += h.counts[i];
      if (cum > 0 && cum >= target) return i;
    }
    return Infinity;
  };
  return { p10: q(0.1), p50: q(0.5), p90: q(0.9), neverShare: h.n ? h.never / h.n : NaN, n: h.n };
}

export interface AbsorptionSummary {
  model: 'absorption';
  presetId: string;
  trials: number;
  seed: number;
  burnInMonths: number;
  horizonMonths: number;
  calibrationWindowMonths: number;
  /** months after the decision, 0 … horizon − 1, and P10/P50/P90 across paths (NaN = no data) */
  fan: {
    months: number[];
    /** fraction 0–1 */
    vacancy: Fan;
    /** fraction 0–1 */
    preleasedShareUnderConstruction: Fan;
    /** MW signed in the month */
    leasedMW: Fan;
    /** MW change in occupied space over the month */
    netAbsorptionMW: Fan;
  };
  /** across paths, each path's mean over the first calibrationWindowMonths after the decision */
  preleasedShareUnderConstruction: ValuePercentiles;
  vacancy: ValuePercentiles;
  netAbsorptionMWPerYear: ValuePercentiles;
  userBuilding: {
    mw: number;
    /** decision → powered, whole months (Infinity = beyond the horizon) */
    deliveryMonths: WholeMonthPercentiles;
    /** pre-leased share when powered (0–1, whole percents rounded down), over paths where it was powered */
    preleasedAtDelivery: ValuePercentiles;
    /** pAtLeastPreleased[X] = P(≥ X% pre-leased when powered | powered), X = 0 … 100 */
    pAtLeastPreleased: number[];
    /** preleasedHistogram[X] = share of powered paths with X% ≤ pre-leased < X+1% (X = 100: fully) */
    preleasedHistogram: number[];
    /** powered → 95% leased, whole months (0 = already when powered; Infinity = not within the horizon) */
    monthsTo95Leased: WholeMonthPercentiles;
    /** share of paths where it was not powered within the horizon */
    notDeliveredShare: number;
  };
  reading: string;
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%` : 'n/a';
}

/** "Median world: 79% of capacity under construction pre-leased, vacancy 2.1%; …" */
export function absorptionReading(s: AbsorptionSummary, atLeastPct = 80): string {
  const u = s.userBuilding;
  const market = `In the median simulated world ${pct(s.preleasedShareUnderConstruction.p50)} of capacity under construction is pre-leased and vacancy is ${pct(s.vacancy.p50)}`;
  if (!(u.preleasedAtDelivery.n > 0)) return `${market}; your building is not powered within the horizon.`;
  const k = Math.max(0, Math.min(100, Math.round(atLeastPct)));
  return `${market}; your ${Math.round(u.mw)} MW building is at least ${k}% pre-leased when powered in ${pct(u.pAtLeastPreleased[k])} of worlds.`;
}

export function summarizeAbsorption(req: AbsorptionRequest, m: AbsorptionPartial): AbsorptionSummary {
  const p = req.params;
  const pctCounts = m.user.preleasedPct;
  let delivered = 0;
  for (let x = 0; x <= 100; x++) delivered += pctCounts[x];
  const atLeast: number[] = new Array(101);
  let cum = 0;
  for (let x = 100; x >= 0; x--) {
    cum += pctCounts[x];
    atLeast[x] = delivered ? cum / delivered : NaN;
  }
  // Quantiles of a whole-percent count: the smallest X with P(share < X + 1%) ≥ p.
  const pctQuantile = (p: number) => {
    let c = 0;
    for (let x = 0; x <= 100; x++) {
      c += pctCounts[x];
      if (c > 0 && c >= p * delivered) return x / 100;
    }
    return NaN;
  };
  const s: AbsorptionSummary = {
    model: 'absorption',
    presetId: req.presetId,
    trials: m.n,
    seed: req.seed,
    burnInMonths: p.burnInMonths,
    horizonMonths: p.horizonMonths,
    calibrationWindowMonths: p.calibrationWindowMonths,
    fan: {
      months: Array.from({ length: p.horizonMonths }, (_, j) => j),
      vacancy: fanOf(m.fan.vacancy),
      preleasedShareUnderConstruction: fanOf(m.fan.preleasedShareUC),
      leasedMW: fanOf(m.fan.leasedMW),
      netAbsorptionMW: fanOf(m.fan.netAbsorptionMW),
    },
    preleasedShareUnderConstruction: valuePercentiles(m.window.preleasedShareUC),
    vacancy: valuePercentiles(m.window.vacancy),
    netAbsorptionMWPerYear: valuePercentiles(m.window.netAbsorptionMWPerYear),
    userBuilding: {
      mw: p.userBuilding.mw,
      deliveryMonths: wholeMonthPercentiles(m.user.deliveredAt),
      preleasedAtDelivery: { p10: pctQuantile(0.1), p50: pctQuantile(0.5), p90: pctQuantile(0.9), n: delivered },
      pAtLeastPreleased: atLeast,
      preleasedHistogram: Array.from(pctCounts, (c) => (delivered ? c / delivered : NaN)),
      monthsTo95Leased: wholeMonthPercentiles(m.user.monthsTo95),
      notDeliveredShare: m.n ? 1 - delivered / m.n : NaN,
    },
    reading: '',
  };
  s.reading = absorptionReading(s);
  return s;
}

export const absorptionRunner: ModelRunner<AbsorptionRequest, AbsorptionPartial, AbsorptionSummary> = {
  runChunk: runAbsorptionChunk,
  merge: mergeAbsorption,
  summarize: summarizeAbsorption,
};
