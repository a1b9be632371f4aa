/**
 * The buy-vs-build runner (contract.ts): trials in chunks, mergeable integer partials, a summary.
 *
 * Everything in a partial is an integer count, an integer-valued sum, or a per-trial column stored
 * by trial index, so the summary is bit-identical whatever the chunking (docs/method.md §0).
 */
import { MAX_PER_TRIAL_ROWS, type ModelRunner } from '../contract';
import { cdfCurve, createHistogram, mergeInto, percentiles, record as recordImport, type Percentiles, type TimeHistogram } from '../histogram';
import { BuyVsBuildKernel, newOutcome } from './kernel';
import type { BuyVsBuildRequest } from './params';
import { readingLine } from './reading';
import { appendRows, createRows, rowsView, type PerTrialRows, type RowColumns } from './rows';
import {
  mergeValueHistograms,
  recordValue as recordValueImport,
  valuePercentiles,
  type ValueHistogram,
} from './value-histogram';

// Local bindings: under tsx (CLI, bench) an imported function is read through a getter per call.
const record = recordImport;
const recordValue = recordValueImport;

/** P(buy earlier by ≥ N months) is kept for every whole N from 0 to this. */
export const MAX_LEAD_MONTHS = 120;
/**
 * Bins per month of the time and difference histograms: half-month bins, interpolated within, read
 * P50 far inside its standard error, and keep the per-chunk merge (fixed 250-trial chunks) small.
 */
const BINS_PER_MONTH = 2;
/** Sums are kept in integer millionths of a month: exact while |sum| < 2^53 (2·10⁶ trials × 1,200 months fit). */
const MICRO = 1e6;

/** Histograms and counters of one arm's outputs. */
export interface ArmHistograms {
  firstMW: TimeHistogram;
  fullMW: TimeHistogram;
  firstCompute: TimeHistogram;
}

/** build − buy for one output, plus the lead counts behind P(buy earlier by ≥ N). */
export interface DifferencePartial {
  /** signed months on [−horizon, horizon); −Infinity (buy never, build powered) below, +Infinity above */
  hist: ValueHistogram;
  /** leadByMonth[m] = trials with m ≤ build − buy < m + 1 for m < MAX_LEAD; the last cell holds ≥ MAX_LEAD + 1 */
  leadByMonth: Uint32Array;
  /** trials with build − buy > 0 (buy strictly earlier, including build never within the horizon) */
  buyEarlier: number;
  /** trials where neither option is powered within the horizon */
  bothNever: number;
  /** Σ round(1e6 · (build − buy)) over trials where both are powered, and their count */
  sumMicro: number;
  nFinite: number;
}

export interface BuyVsBuildPartial {
  n: number;
  buy: ArmHistograms;
  build: ArmHistograms;
  firstMW: DifferencePartial;
  fullMW: DifferencePartial;
  /** MW-weighted months build is later than buy (kernel.ts TrialOutcome.lateMonths) */
  late: ValueHistogram;
  lateSumMicro: number;
  rows: PerTrialRows;
  /** with curtailment accepted: the build arm's first firm MW (build.firstMW is its first curtailable MW) */
  buildFirm?: TimeHistogram;
}

/**
 * A chunk's count arrays carved from one buffer: one allocation per 250-trial chunk instead of a
 * dozen, which is a few percent of the run at a million trials per second.
 */
class Counts {
  private offset = 0;
  private readonly buf: ArrayBuffer;

  constructor(horizon: number) {
    const cells = 3 * 2 * horizon * BINS_PER_MONTH + 3 * 2 * horizon * BINS_PER_MONTH + 2 * (MAX_LEAD_MONTHS + 2);
    this.buf = new ArrayBuffer(4 * cells);
  }

  take(n: number): Uint32Array {
    const a = new Uint32Array(this.buf, this.offset, n);
    this.offset += 4 * n;
    return a;
  }

  time(horizon: number): TimeHistogram {
    return { horizonMonths: horizon, binsPerMonth: BINS_PER_MONTH, counts: this.take(horizon * BINS_PER_MONTH), never: 0, n: 0 };
  }

  /** build − buy months on [−horizon, horizon) */
  signed(horizon: number): ValueHistogram {
    return { lo: -horizon, hi: horizon, counts: this.take(2 * horizon * BINS_PER_MONTH), below: 0, above: 0, n: 0 };
  }
}

function armHistograms(c: Counts, horizon: number): ArmHistograms {
  return { firstMW: c.time(horizon), fullMW: c.time(horizon), firstCompute: c.time(horizon) };
}

function differencePartial(c: Counts, horizon: number): DifferencePartial {
  return { hist: c.signed(horizon), leadByMonth: c.take(MAX_LEAD_MONTHS + 2), buyEarlier: 0, bothNever: 0, sumMicro: 0, nFinite: 0 };
}

function recordDifference(d: DifferencePartial, buy: number, build: number, horizon: number): void {
  const buyNever = !(buy < horizon);
  const buildNever = !(build < horizon);
  if (buyNever && buildNever) {
    d.bothNever++;
    return;
  }
  const diff = buildNever ? Infinity : buyNever ? -Infinity : build - buy;
  recordValue(d.hist, diff);
  if (diff > 0) d.buyEarlier++;
  if (diff >= 0) d.leadByMonth[diff >= MAX_LEAD_MONTHS + 1 ? MAX_LEAD_MONTHS + 1 : Math.floor(diff)]++;
  if (!buyNever && !buildNever) {
    d.sumMicro += Math.round(diff * MICRO);
    d.nFinite++;
  }
}

function mergeDifference(a: DifferencePartial, b: DifferencePartial): void {
  mergeValueHistograms(a.hist, b.hist);
  for (let i = 0; i < a.leadByMonth.length; i++) a.leadByMonth[i] += b.leadByMonth[i];
  a.buyEarlier += b.buyEarlier;
  a.bothNever += b.bothNever;
  a.sumMicro += b.sumMicro;
  a.nFinite += b.nFinite;
}

function mergeArm(a: ArmHistograms, b: ArmHistograms): void {
  mergeInto(a.firstMW, b.firstMW);
  mergeInto(a.fullMW, b.fullMW);
  mergeInto(a.firstCompute, b.firstCompute);
}

/** Trials [start, end) of a validated request. */
export function runBuyVsBuildChunk(req: BuyVsBuildRequest, start: number, end: number): BuyVsBuildPartial {
  const H = req.params.horizonMonths;
  const kernel = new BuyVsBuildKernel(req.params, req.queueTable, req.seed, req.independentDraws === true, req.curtail);
  const c = new Counts(H);
  const part: BuyVsBuildPartial = {
    n: 0,
    buy: armHistograms(c, H),
    build: armHistograms(c, H),
    firstMW: differencePartial(c, H),
    fullMW: differencePartial(c, H),
    late: c.signed(H),
    lateSumMicro: 0,
    rows: createRows(start, Math.max(0, Math.min(end, MAX_PER_TRIAL_ROWS) - start)),
  };
  const firm = req.curtail ? createHistogram(H, BINS_PER_MONTH) : null;
  if (firm) part.buildFirm = firm;
  const o = newOutcome();
  const rows = part.rows;
  for (let t = start; t < end; t++) {
    kernel.run(t, o);
    part.n++;
    record(part.buy.firstMW, o.buyFirst);
    record(part.buy.fullMW, o.buyFull);
    record(part.buy.firstCompute, o.buyCompute);
    record(part.build.firstMW, o.buildFirst);
    record(part.build.fullMW, o.buildFull);
    record(part.build.firstCompute, o.buildCompute);
    recordDifference(part.firstMW, o.buyFirst, o.buildFirst, H);
    recordDifference(part.fullMW, o.buyFull, o.buildFull, H);
    recordValue(part.late, o.lateMonths);
    part.lateSumMicro += Math.round(o.lateMonths * MICRO);
    if (firm) record(firm, o.buildFirmFirst);
    const r = t - start;
    if (r < rows.count) {
      rows.buyFirst[r] = o.buyFirst;
      rows.buyFull[r] = o.buyFull;
      rows.buildFirst[r] = o.buildFirst;
      rows.buildFull[r] = o.buildFull;
    }
  }
  return part;
}

export function mergeBuyVsBuild(acc: BuyVsBuildPartial, next: BuyVsBuildPartial): BuyVsBuildPartial {
  acc.n += next.n;
  mergeArm(acc.buy, next.buy);
  mergeArm(acc.build, next.build);
  mergeDifference(acc.firstMW, next.firstMW);
  mergeDifference(acc.fullMW, next.fullMW);
  mergeValueHistograms(acc.late, next.late);
  acc.lateSumMicro += next.lateSumMicro;
  acc.rows = appendRows(acc.rows, next.rows);
  if (acc.buildFirm && next.buildFirm) mergeInto(acc.buildFirm, next.buildFirm);
  return acc;
}

/** One arm's distributions: percentiles (+SE, "> horizon" as Infinity) and CDF curves, months. */
export interface ArmSummary {
  firstMW: Percentiles;
  fullMW: Percentiles;
  firstCompute: Percentiles;
  /** cumulative incidence, [months, probability] per month */
  curves: { firstMW: Array<[number, number]>; fullMW: Array<[number, number]>; firstCompute: Array<[number, number]> };
}

/** The distribution of build − buy, months (positive = buying is faster). */
export interface DifferenceSummary {
  /** ±Infinity: the quantile falls where one option never gets power within the horizon */
  p10: number;
  p50: number;
  p90: number;
  /** mean over trials where both are powered within the horizon (NaN if none) */
  meanWhenBothPowered: number;
  /** P(build − buy > 0) */
  pBuyEarlier: number;
  /** pBuyEarlierBy[N] = P(build − buy ≥ N months), N = 0 … MAX_LEAD_MONTHS */
  pBuyEarlierBy: number[];
  /** share of trials where neither is powered within the horizon */
  bothNeverShare: number;
  /** density per month on whole-month bins: [bin centre, share per month] from −horizon to horizon */
  density: Array<[number, number]>;
}

export interface BuyVsBuildSummary {
  model: 'buy-vs-build';
  siteId: string;
  trials: number;
  seed: number;
  horizonMonths: number;
  independentDraws: boolean;
  /** IT MW the site delivers (grid MW × usable share ÷ PUE) and its blocks */
  itMW: number;
  nBlocks: number;
  blockMW: number;
  rentUSDPerKWMonth: number;
  buy: ArmSummary;
  build: ArmSummary;
  firstMW: DifferenceSummary;
  fullMW: DifferenceSummary;
  /** headline = firstMW.pBuyEarlier */
  pBuyEarlier: number;
  /** headline = firstMW.pBuyEarlierBy */
  pBuyEarlierBy: number[];
  /** headline = firstMW.bothNeverShare: neither option powered within the horizon */
  bothNeverShare: number;
  /** MW-weighted months build energizes later than buy (negative: build earlier) */
  lateMonths: { mean: number; p10: number; p50: number; p90: number };
  /**
   * Rent forgone by building instead of buying, USD: lateMonths × IT MW × 1000 × rent (docs/method.md §3).
   * Negative when building is faster.
   */
  delayCostUSD: { mean: number; p10: number; p50: number; p90: number };
  /** e.g. "In 78% of simulated worlds buying is at least 24 months faster" */
  reading: string;
  /** per-trial rows for trials 0 … min(trials, MAX_PER_TRIAL_ROWS) − 1, months */
  perTrial: RowColumns;
  /**
   * With curtailment accepted: build's first firm MW (build.firstMW is then its first curtailable
   * MW) and the share of energy curtailed in between that lateMonths and the delay cost count.
   */
  curtailment?: { buildFirmFirstMW: Percentiles; curve: Array<[number, number]>; energyShare: number };
}

function armSummary(a: ArmHistograms): ArmSummary {
  return {
    firstMW: percentiles(a.firstMW),
    fullMW: percentiles(a.fullMW),
    firstCompute: percentiles(a.firstCompute),
    curves: { firstMW: cdfCurve(a.firstMW), fullMW: cdfCurve(a.fullMW), firstCompute: cdfCurve(a.firstCompute) },
  };
}

function differenceSummary(d: DifferencePartial, n: number): DifferenceSummary {
  const q = valuePercentiles(d.hist);
  const by: number[] = new Array(MAX_LEAD_MONTHS + 1);
  let cum = d.leadByMonth[MAX_LEAD_MONTHS + 1];
  for (let m = MAX_LEAD_MONTHS; m >= 0; m--) {
    cum += d.leadByMonth[m];
    by[m] = n ? cum / n : NaN;
  }
  // Whole-month bins for the chart; the share is of all trials, so the both-never mass is missing.
  const density: Array<[number, number]> = [];
  for (let i = 0; i < d.hist.counts.length; i += BINS_PER_MONTH) {
    let s = 0;
    for (let j = 0; j < BINS_PER_MONTH; j++) s += d.hist.counts[i + j];
    density.push([d.hist.lo + i / BINS_PER_MONTH + 0.5, n ? s / n : NaN]);
  }
  return {
    p10: q.p10,
    p50: q.p50,
    p90: q.p90,
    meanWhenBothPowered: d.nFinite ? d.sumMicro / MICRO / d.nFinite : NaN,
    pBuyEarlier: n ? d.buyEarlier / n : NaN,
    pBuyEarlierBy: by,
    bothNeverShare: n ? d.bothNever / n : NaN,
    density,
  };
}

export function summarizeBuyVsBuild(req: BuyVsBuildRequest, m: BuyVsBuildPartial): BuyVsBuildSummary {
  const p = req.params;
  const kernel = new BuyVsBuildKernel(p, req.queueTable, req.seed);
  const lateQ = valuePercentiles(m.late);
  const lateMean = m.n ? m.lateSumMicro / MICRO / m.n : NaN;
  const usdPerMonth = kernel.itMW * 1000 * p.rentUSDPerKWMonth;
  const firstMW = differenceSummary(m.firstMW, m.n);
  const summary: BuyVsBuildSummary = {
    model: 'buy-vs-build',
    siteId: req.siteId,
    trials: m.n,
    seed: req.seed,
    horizonMonths: p.horizonMonths,
    independentDraws: req.independentDraws === true,
    itMW: kernel.itMW,
    nBlocks: kernel.nBlocks,
    blockMW: p.site.blockMW,
    rentUSDPerKWMonth: p.rentUSDPerKWMonth,
    buy: armSummary(m.buy),
    build: armSummary(m.build),
    firstMW,
    fullMW: differenceSummary(m.fullMW, m.n),
    pBuyEarlier: firstMW.pBuyEarlier,
    pBuyEarlierBy: firstMW.pBuyEarlierBy,
    bothNeverShare: firstMW.bothNeverShare,
    lateMonths: { mean: lateMean, p10: lateQ.p10, p50: lateQ.p50, p90: lateQ.p90 },
    delayCostUSD: { mean: lateMean * usdPerMonth, p10: lateQ.p10 * usdPerMonth, p50: lateQ.p50 * usdPerMonth, p90: lateQ.p90 * usdPerMonth },
    reading: '',
    perTrial: rowsView(m.rows),
  };
  if (m.buildFirm && req.curtail) summary.curtailment = { buildFirmFirstMW: percentiles(m.buildFirm), curve: cdfCurve(m.buildFirm), energyShare: req.curtail.energyShare };
  summary.reading = readingLine(summary);
  return summary;
}

export const buyVsBuildRunner: ModelRunner<BuyVsBuildRequest, BuyVsBuildPartial, BuyVsBuildSummary> = {
  runChunk: runBuyVsBuildChunk,
  merge: mergeBuyVsBuild,
  summarize: summarizeBuyVsBuild,
};
