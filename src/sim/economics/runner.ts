/**
 * The economics runner (contract.ts): trials in chunks, mergeable partials, a summary.
 *
 * NPVs span many orders of magnitude and both signs, so their histograms are kept on
 * asinh(USD ÷ SCALE) with bins of 0.02 (about 2% of the value, interpolated within): integer counts
 * that merge exactly. Float sums (means, tornado) are added per chunk in trial order and chunks in
 * chunk order, so every figure is bit-identical for any number of workers.
 */
import { MAX_PER_TRIAL_ROWS, type ModelRunner } from '../contract';
import { createHistogram, mergeInto, percentiles, record as recordTime, type Percentiles, type TimeHistogram } from '../histogram';
import { createValueHistogram, mergeValueHistograms, recordValue as recordValueImport, valuePercentiles, type ValueHistogram } from '../buy-vs-build/value-histogram';
import { EconomicsKernel, newEconomicsOutcome } from './kernel';
import type { EconomicsRequest } from './params';
import { revenuePerKWh, type RevenuePerKWh } from './revenue';
import { TORNADO_INPUTS, tornadoVariants } from './tornado-inputs';
import { appendEconomicsRows, createEconomicsRows, economicsRowsView, type EconomicsRows } from './rows';

const recordValue = recordValueImport;
const asinh = Math.asinh;
/** USD per unit of the asinh scale: below it the bins are ~$2,000 wide, above it ~2% of the value (interpolated within). */
const SCALE = 100_000;
/** asinh(x ÷ SCALE) ≤ 20 holds any |x| below $2.4 × 10¹³ */
const SPAN = 20;
const BINS = 2000;

const BIN_W = (2 * SPAN) / BINS;
// Bins centred on 0, so a value of exactly 0 (no mine on a greenfield site) sits mid-bin.
const usdHistogram = (): ValueHistogram => createValueHistogram(-SPAN - BIN_W / 2, SPAN + BIN_W / 2, BINS + 1);

function usdPercentiles(h: ValueHistogram): { p10: number; p50: number; p90: number } {
  const q = valuePercentiles(h);
  // Inside the zero bin (|USD| below about $1,000) the histogram cannot tell values apart: read 0.
  const back = (x: number) => (!Number.isFinite(x) ? x : Math.abs(x) < BIN_W / 2 ? 0 : SCALE * Math.sinh(x));
  return { p10: back(q.p10), p50: back(q.p50), p90: back(q.p90) };
}

/** Per-option accumulators of a chunk. */
export interface OptionPartial {
  npv: ValueHistogram;
  /** NPV gained from power one month earlier */
  earlier: ValueHistogram;
  /** payback month, whole months 0 … horizon; never in `never` */
  payback: TimeHistogram;
  /** trials with NPV above keep-mining's */
  beats: number;
  sumNpv: number;
  sumEarlier: number;
  /** powered trial-months where the mining credit bound */
  flexMonths: number;
}

export interface EconomicsPartial {
  n: number;
  npvMine: ValueHistogram;
  sumNpvMine: number;
  lease: OptionPartial;
  gpu: OptionPartial;
  firstPower: TimeHistogram;
  fullPower: TimeHistogram;
  sumMineUSDPerKWh: number;
  sumGpuUSDPerKWh: number;
  /** Σ over the first tornadoTrials trials of NPV over mining: base, then each variant; [lease, gpu] pairs */
  tornadoTrials: number;
  tornadoSums: Float64Array;
  rows: EconomicsRows;
}

function optionPartial(H: number): OptionPartial {
  return { npv: usdHistogram(), earlier: usdHistogram(), payback: createHistogram(H + 1, 1), beats: 0, sumNpv: 0, sumEarlier: 0, flexMonths: 0 };
}

function mergeOption(a: OptionPartial, b: OptionPartial): void {
  mergeValueHistograms(a.npv, b.npv);
  mergeValueHistograms(a.earlier, b.earlier);
  mergeInto(a.payback, b.payback);
  a.beats += b.beats;
  a.sumNpv += b.sumNpv;
  a.sumEarlier += b.sumEarlier;
  a.flexMonths += b.flexMonths;
}

function recordOption(o: OptionPartial, npv: number, npvMine: number, earlier: number, payback: number, flex: number): void {
  recordValue(o.npv, asinh(npv / SCALE));
  recordValue(o.earlier, asinh(earlier / SCALE));
  recordTime(o.payback, payback);
  if (npv > npvMine) o.beats++;
  o.sumNpv += npv;
  o.sumEarlier += earlier;
  o.flexMonths += flex;
}

/** Trials [start, end) of a validated request. */
export function runEconomicsChunk(req: EconomicsRequest, start: number, end: number): EconomicsPartial {
  const H = req.params.horizonMonths;
  const k = new EconomicsKernel(req.params, req.timeToPower, req.seed);
  const tornadoEnd = Math.min(end, req.tornadoTrials);
  const part: EconomicsPartial = {
    n: 0,
    npvMine: usdHistogram(),
    sumNpvMine: 0,
    lease: optionPartial(H),
    gpu: optionPartial(H),
    firstPower: createHistogram(H, 2),
    fullPower: createHistogram(H, 2),
    sumMineUSDPerKWh: 0,
    sumGpuUSDPerKWh: 0,
    tornadoTrials: Math.max(0, tornadoEnd - start),
    tornadoSums: new Float64Array(2 * (1 + 2 * TORNADO_INPUTS.length)),
    rows: createEconomicsRows(start, Math.max(0, Math.min(end, MAX_PER_TRIAL_ROWS) - start)),
  };
  const o = newEconomicsOutcome();
  const rows = part.rows;
  for (let t = start; t < end; t++) {
    k.run(t, o);
    part.n++;
    recordValue(part.npvMine, asinh(o.npvMine / SCALE));
    part.sumNpvMine += o.npvMine;
    recordOption(part.lease, o.npvLease, o.npvMine, o.earlierLease, o.paybackLease, o.flexLease);
    recordOption(part.gpu, o.npvGpu, o.npvMine, o.earlierGpu, o.paybackGpu, o.flexGpu);
    recordTime(part.firstPower, o.first);
    recordTime(part.fullPower, o.full);
    part.sumMineUSDPerKWh += o.meanMineUSDPerKWh;
    part.sumGpuUSDPerKWh += o.meanGpuUSDPerKWh;
    const r = t - start;
    if (r < rows.count) {
      rows.first[r] = o.first;
      rows.full[r] = o.full;
      rows.npvMine[r] = o.npvMine;
      rows.npvLease[r] = o.npvLease;
      rows.npvGpu[r] = o.npvGpu;
    }
  }
  // The tornado: the first tornadoTrials trials again under each bar end, the same draws.
  if (part.tornadoTrials > 0) {
    const sums = part.tornadoSums;
    const variants = tornadoVariants(req.params, req.timeToPower.arm);
    const kernels = [k, ...variants.map((v) => new EconomicsKernel(v.params, req.timeToPower, req.seed))];
    for (let v = 0; v < kernels.length; v++) {
      const kv = kernels[v];
      for (let t = start; t < tornadoEnd; t++) {
        kv.run(t, o);
        sums[2 * v] += o.npvLease - o.npvMine;
        sums[2 * v + 1] += o.npvGpu - o.npvMine;
      }
    }
  }
  return part;
}

export function mergeEconomics(acc: EconomicsPartial, next: EconomicsPartial): EconomicsPartial {
  acc.n += next.n;
  mergeValueHistograms(acc.npvMine, next.npvMine);
  acc.sumNpvMine += next.sumNpvMine;
  mergeOption(acc.lease, next.lease);
  mergeOption(acc.gpu, next.gpu);
  mergeInto(acc.firstPower, next.firstPower);
  mergeInto(acc.fullPower, next.fullPower);
  acc.sumMineUSDPerKWh += next.sumMineUSDPerKWh;
  acc.sumGpuUSDPerKWh += next.sumGpuUSDPerKWh;
  acc.tornadoTrials += next.tornadoTrials;
  for (let i = 0; i < acc.tornadoSums.length; i++) acc.tornadoSums[i] += next.tornadoSums[i];
  acc.rows = appendEconomicsRows(acc.rows, next.rows);
  return acc;
}

export interface NpvPercentiles {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
}

export interface OptionSummary {
  /** NPV over the horizon, USD */
  npvUSD: NpvPercentiles;
  /** NPV minus keep-mining's in the same trial, mean, USD */
  meanAdvantageUSD: number;
  /** P(NPV above keep mining in the same trial) */
  pBeatsMining: number;
  /** months until the cumulative cash over mining (after capex) turns ≥ 0; Infinity = beyond the horizon */
  paybackMonths: { p10: number; p50: number; p90: number; neverShare: number };
  /** NPV gained by each month of earlier power, USD */
  valueOfMonthEarlierUSD: NpvPercentiles;
  /** share of powered trial-months in which mining the same MW paid more and was credited instead */
  miningCreditShare: number;
}

export interface EconomicsTornadoBar {
  key: string;
  label: string;
  unit: string;
  range: string;
  lowValue: number;
  highValue: number;
  /** mean NPV over mining at the low / high value, USD */
  atLow: { lease: number; gpu: number };
  atHigh: { lease: number; gpu: number };
  /** max over the two options of |atHigh − atLow|, USD */
  swing: number;
}

export interface EconomicsTornado {
  trials: number;
  base: { lease: number; gpu: number };
  bars: EconomicsTornadoBar[];
}

export interface EconomicsSummary {
  model: 'economics';
  siteId: string;
  trials: number;
  seed: number;
  horizonMonths: number;
  arm: 'buy' | 'build';
  itMW: number;
  gpus: number;
  miningMW: number;
  displacedMW: number;
  mine: { npvUSD: NpvPercentiles };
  lease: OptionSummary;
  gpu: OptionSummary;
  /** at the decision's prices, USD per kWh */
  revenuePerKWh: { mine: number; lease: number; gpu: number };
  multipleOverMining: { lease: number; gpu: number };
  inputsForMultiple: RevenuePerKWh['inputsFor'];
  /** averaged over the horizon's months and the trials, USD per kWh */
  meanRevenuePerKWh: { mine: number; lease: number; gpu: number };
  pBeatsMining: { lease: number; gpu: number };
  paybackMonths: { lease: { p50: number }; gpu: { p50: number } };
  timeToPower: { first: Percentiles; full: Percentiles };
  tornado: EconomicsTornado | null;
  reading: string;
  perTrial: EconomicsRows;
}

function npvStats(h: ValueHistogram, sum: number, n: number): NpvPercentiles {
  return { ...usdPercentiles(h), mean: n ? sum / n : NaN };
}

function optionSummary(o: OptionPartial, n: number, sumMine: number, poweredMonths: number): OptionSummary {
  const pb = percentiles(o.payback);
  return {
    npvUSD: npvStats(o.npv, o.sumNpv, n),
    meanAdvantageUSD: n ? (o.sumNpv - sumMine) / n : NaN,
    pBeatsMining: n ? o.beats / n : NaN,
    // Payback is a whole month; the histogram interpolates within its one-month bins.
    paybackMonths: { p10: Math.floor(pb.p10), p50: Math.floor(pb.p50), p90: Math.floor(pb.p90), neverShare: pb.neverShare },
    valueOfMonthEarlierUSD: npvStats(o.earlier, o.sumEarlier, n),
    miningCreditShare: poweredMonths > 0 ? o.flexMonths / poweredMonths : 0,
  };
}

function tornadoSummary(req: EconomicsRequest, m: EconomicsPartial): EconomicsTornado | null {
  if (m.tornadoTrials === 0) return null;
  const n = m.tornadoTrials;
  const s = m.tornadoSums;
  const variants = tornadoVariants(req.params, req.timeToPower.arm);
  const bars = TORNADO_INPUTS.map((input, i) => {
    const lo = 2 + 4 * i;
    const atLow = { lease: s[lo] / n, gpu: s[lo + 1] / n };
    const atHigh = { lease: s[lo + 2] / n, gpu: s[lo + 3] / n };
    return {
      key: input.key,
      label: input.label,
      unit: input.unit,
      range: input.range,
      lowValue: variants[2 * i].value,
      highValue: variants[2 * i + 1].value,
      atLow,
      atHigh,
      swing: Math.max(Math.abs(atHigh.lease - atLow.lease), Math.abs(atHigh.gpu - atLow.gpu)),
    };
  });
  bars.sort((a, b) => (b.swing === a.swing ? 0 : b.swing > a.swing ? 1 : -1));
  return { trials: n, base: { lease: s[0] / n, gpu: s[1] / n }, bars };
}

const money = (x: number) => `$${(x / 1e6).toLocaleString('en-US', { maximumFractionDigits: 0 })}M`;

/** One line a person can read: which option wins how often, and by how much at the median. */
export function economicsReading(s: Pick<EconomicsSummary, 'lease' | 'gpu' | 'mine' | 'horizonMonths'>): string {
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  return (
    `Over ${s.horizonMonths} months, leasing beats keeping the mine in ${pct(s.lease.pBeatsMining)} of simulated worlds ` +
    `and running GPUs in ${pct(s.gpu.pBeatsMining)}; median NPV ${money(s.mine.npvUSD.p50)} mining, ` +
    `${money(s.lease.npvUSD.p50)} lease, ${money(s.gpu.npvUSD.p50)} GPUs.`
  );
}

export function summarizeEconomics(req: EconomicsRequest, m: EconomicsPartial): EconomicsSummary {
  const k = new EconomicsKernel(req.params, req.timeToPower, req.seed);
  const rev = revenuePerKWh(req.params);
  const n = m.n;
  // Powered trial-months, for the share of them in which the mining credit bound: Σ over trials of months from first power.
  const poweredMonths = (h: TimeHistogram) => {
    let s = 0;
    for (let i = 0; i < h.counts.length; i++) s += h.counts[i] * Math.max(0, h.horizonMonths - (i + 0.5) / h.binsPerMonth);
    return s;
  };
  const powered = poweredMonths(m.firstPower);
  const lease = optionSummary(m.lease, n, m.sumNpvMine, powered);
  const gpu = optionSummary(m.gpu, n, m.sumNpvMine, powered);
  const summary: EconomicsSummary = {
    model: 'economics',
    siteId: req.siteId,
    trials: n,
    seed: req.seed,
    horizonMonths: req.params.horizonMonths,
    arm: req.timeToPower.arm,
    itMW: k.itMW,
    gpus: k.gpus,
    miningMW: req.params.mining.miningMW,
    displacedMW: k.displacedMW,
    mine: { npvUSD: npvStats(m.npvMine, m.sumNpvMine, n) },
    lease,
    gpu,
    revenuePerKWh: { mine: rev.mine, lease: rev.lease, gpu: rev.gpu },
    multipleOverMining: rev.multiple,
    inputsForMultiple: rev.inputsFor,
    meanRevenuePerKWh: { mine: n ? m.sumMineUSDPerKWh / n : NaN, lease: rev.lease, gpu: n ? m.sumGpuUSDPerKWh / n : NaN },
    pBeatsMining: { lease: lease.pBeatsMining, gpu: gpu.pBeatsMining },
    paybackMonths: { lease: { p50: lease.paybackMonths.p50 }, gpu: { p50: gpu.paybackMonths.p50 } },
    timeToPower: { first: percentiles(m.firstPower), full: percentiles(m.fullPower) },
    tornado: tornadoSummary(req, m),
    reading: '',
    perTrial: economicsRowsView(m.rows),
  };
  summary.reading = economicsReading(summary);
  return summary;
}

export const economicsRunner: ModelRunner<EconomicsRequest, EconomicsPartial, EconomicsSummary> = {
  runChunk: runEconomicsChunk,
  merge: mergeEconomics,
  summarize: summarizeEconomics,
};
