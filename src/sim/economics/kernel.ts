/**
 * One trial of the pivot economics (issue 13): monthly cash flows of keep mining (a), convert and
 * lease (b) and convert and run GPUs (c), in the same simulated world.
 *
 * Common random numbers: time to power comes from the buy-vs-build kernel run for the same
 * (seed, trial), so trial t here is trial t of the buy-vs-build model; the price paths and capex
 * draw from streams of their own (rng.ts `hashprice`, `capex`), a fixed number of draws per trial. A different time to power therefore never changes a price path, and
 * since a converted MW is credited max(its use, mining the same MW) in every month (data/economics.json
 * "structure"), power earlier never lowers (b) or (c) in the same trial.
 *
 * Month m covers [m, m + 1) months from the decision; its cash is discounted by (1 + r)^-(m+1)/12.
 * The powered share of IT in month m is the average over the month of S(t): 0 before first power,
 * the first block's share at first power rising linearly to 1 at full power.
 *
 * Prices move by lognormal monthly factors read from a 4,096-level table of the normal quantiles:
 * one 32-bit draw a month from the `hashprice` stream gives both paths their 12-bit levels (top
 * bits hashprice, next bits GPU price; independent, as the bits of a xoshiro output are). The hot
 * loop allocates nothing and calls no exp.
 */
import { invNormal } from '../distributions';
import { BuyVsBuildKernel, newOutcome, type TrialOutcome } from '../buy-vs-build/kernel';
import { Rng, Stream } from '../rng';
import { halvingIndex, type EconomicsParams, type TimeToPowerSource } from './params';

/** Hours in an average month (8,760 ÷ 12). */
export const HOURS_PER_MONTH = 730;
const TABLE_BITS = 12;
const TABLE_SIZE = 1 << TABLE_BITS;
const TABLE_SHIFT = 32 - TABLE_BITS;
const TABLE_MASK = TABLE_SIZE - 1;

let normalLevels: Float64Array | null = null;
/** z at the midpoints of TABLE_SIZE equiprobable levels, computed once per thread. */
function levels(): Float64Array {
  if (!normalLevels) {
    normalLevels = new Float64Array(TABLE_SIZE);
    for (let i = 0; i < TABLE_SIZE; i++) normalLevels[i] = invNormal((i + 0.5) / TABLE_SIZE);
  }
  return normalLevels;
}

const tableCache = new Map<string, Float64Array>();
const TABLE_CACHE_MAX = 64;

/**
 * Monthly multiplicative factors of a lognormal path with a median change and volatility a year.
 * Cached by its two inputs (a pure function of them): a kernel is built per 250-trial chunk, and
 * 4,096 exps would cost more than the chunk's trials.
 */
export function monthlyFactorTable(driftPerYear: number, volatilityPerYear: number): Float64Array {
  const key = `${driftPerYear}|${volatilityPerYear}`;
  const hit = tableCache.get(key);
  if (hit) return hit;
  if (tableCache.size >= TABLE_CACHE_MAX) tableCache.clear();
  const z = levels();
  const mu = Math.log(1 + driftPerYear) / 12;
  const s = volatilityPerYear / Math.sqrt(12);
  const out = new Float64Array(TABLE_SIZE);
  for (let i = 0; i < TABLE_SIZE; i++) out[i] = Math.exp(mu + s * z[i]);
  tableCache.set(key, out);
  return out;
}

/** Months wholly before first power a: m + 1 ≤ a ⇔ m < floor(a) (H when never within the horizon). */
function zeroBefore(a: number, H: number): number {
  return a < H ? Math.floor(a) : H;
}

/** First month wholly after full power b: m ≥ b ⇔ m ≥ ceil(b). */
function oneFrom(b: number, H: number): number {
  return b < H ? Math.ceil(b) : H;
}

/**
 * ∫₀ᵗ S, where S is the powered share of IT at time t: 0 before first power a, the first block's
 * share s1 at a rising linearly to 1 at full power b, then 1. Month m's share is ∫ over [m, m + 1).
 */
export function rampIntegral(t: number, a: number, b: number, s1: number): number {
  if (!(t > a)) return 0;
  const x = t - a;
  if (b === Infinity) return s1 * x;
  const d = b - a;
  if (t <= b) return s1 * x + ((1 - s1) * x * x) / (2 * d);
  return s1 * d + ((1 - s1) * d) / 2 + (t - b);
}

/** One trial's results. Reused across trials. */
export interface EconomicsOutcome {
  /** first and full power of the conversion, months (Infinity = never) */
  first: number;
  full: number;
  /** facility capex drawn for this trial, USD */
  capexUSD: number;
  npvMine: number;
  npvLease: number;
  npvGpu: number;
  /** NPV gained if power (first and full) came one month earlier, USD (≥ 0) */
  earlierLease: number;
  earlierGpu: number;
  /** first month the cumulative cash over mining turns ≥ 0, months (Infinity = not within the horizon) */
  paybackLease: number;
  paybackGpu: number;
  /** powered months in which mining the same MW would have earned more than the converted use */
  flexLease: number;
  flexGpu: number;
  /** revenue per kWh averaged over the horizon's months, USD: mining per kWh mined, GPU per facility kWh */
  meanMineUSDPerKWh: number;
  meanGpuUSDPerKWh: number;
}

export function newEconomicsOutcome(): EconomicsOutcome {
  return {
    first: 0, full: 0, capexUSD: 0, npvMine: 0, npvLease: 0, npvGpu: 0, earlierLease: 0, earlierGpu: 0,
    paybackLease: Infinity, paybackGpu: Infinity, flexLease: 0, flexGpu: 0, meanMineUSDPerKWh: 0, meanGpuUSDPerKWh: 0,
  };
}

// Local bindings: under tsx (CLI, bench) an imported binding is read through a getter on every use.
const ramp = rampIntegral;
const HASH_STREAM = Stream.hashprice;
const CAPEX_STREAM = Stream.capex;

export class EconomicsKernel {
  readonly horizon: number;
  readonly itMW: number;
  /** grid MW the conversion takes from mining */
  readonly displacedMW: number;
  readonly gpus: number;
  private readonly bvb: BuyVsBuildKernel;
  private readonly o: TrialOutcome = newOutcome();
  private readonly buy: boolean;
  private readonly shift: number;
  private readonly s1: number;
  private readonly df: Float64Array;
  private readonly hpTab: Float64Array;
  private readonly gpTab: Float64Array;
  private readonly halving: number;
  private readonly halvingFactor: number;
  private readonly hp0: number;
  private readonly gp0: number;
  /** USD per MWh of mining revenue per USD/PH/day of hashprice */
  private readonly perHashprice: number;
  private readonly uptime: number;
  private readonly mineCostPerMWh: number;
  private readonly mineMW: number;
  private readonly curtailPerMWMonth: number;
  private readonly leasePerMonth: number;
  /** USD a month per USD/GPU-hour of price, after opex */
  private readonly gpuPerPrice: number;
  /** the same before opex */
  private readonly gpuRevenuePerPrice: number;
  private readonly gpuPowerPerMonth: number;
  /** facility kWh per month of the GPU halls, for revenue per kWh */
  private readonly gpuKWhPerMonth: number;
  private readonly capexLow: number;
  private readonly capexSpan: number;
  private readonly fleetUSD: number;
  private readonly life: number;
  private readonly gpuCapexPV: number;
  private readonly seed: number;
  private readonly rh = new Rng();
  private readonly rc = new Rng();

  constructor(p: EconomicsParams, ttp: TimeToPowerSource, seed: number) {
    this.seed = seed >>> 0;
    this.bvb = new BuyVsBuildKernel(ttp.params, ttp.queueTable, seed);
    const H = (this.horizon = p.horizonMonths);
    const site = ttp.params.site;
    this.itMW = this.bvb.itMW;
    this.s1 = Math.min(1, site.blockMW / this.itMW);
    this.buy = ttp.arm === 'buy';
    this.shift = p.timeToPowerShiftMonths;
    this.mineMW = p.mining.miningMW;
    this.displacedMW = Math.min(this.mineMW, site.gridMW * site.aiUsableShare);

    const v = Math.pow(1 + p.discountRatePerYear, -1 / 12);
    this.df = new Float64Array(H);
    let d = 1;
    for (let m = 0; m < H; m++) this.df[m] = d *= v;

    const mi = p.mining;
    this.hpTab = monthlyFactorTable(mi.driftPerYear, mi.volatilityPerYear);
    this.halving = halvingIndex(p);
    this.halvingFactor = mi.halvingFactor;
    // A halving before the decision is already in today's hashprice.
    this.hp0 = mi.hashpriceUSDPerPHDay;
    this.perHashprice = 1000 / (24 * mi.fleetJPerTH);
    this.uptime = mi.uptime;
    this.mineCostPerMWh = p.power.priceUSDPerMWh + p.power.adderUSDPerMWh + mi.opexUSDPerMWh;
    this.curtailPerMWMonth = mi.curtailmentIncomeUSDPerKWMonth * 1000;

    this.leasePerMonth = p.lease.rentUSDPerKWMonth * 1000 * this.itMW * p.lease.noiMargin;

    const g = p.gpu;
    this.gpTab = monthlyFactorTable(g.driftPerYear, g.volatilityPerYear);
    this.gp0 = g.priceUSDPerHour;
    this.gpus = (this.itMW * 1000) / g.kWPerGPU;
    this.gpuRevenuePerPrice = this.gpus * g.utilisation * HOURS_PER_MONTH;
    this.gpuPerPrice = this.gpuRevenuePerPrice * (1 - g.opexShareOfRevenue);
    this.gpuKWhPerMonth = this.itMW * 1000 * g.pue * HOURS_PER_MONTH;
    this.gpuPowerPerMonth = (this.gpuKWhPerMonth * (p.power.priceUSDPerMWh + p.power.adderUSDPerMWh)) / 1000;
    this.fleetUSD = this.gpus * g.capexUSDPerGPU;
    this.life = g.lifeMonths;
    // Fleet bought at 0, L, 2L, … within the horizon; straight-line residual value at the horizon.
    let pv = 0;
    let last = 0;
    for (let k = 0; k < H; k += g.lifeMonths) {
      pv += this.fleetUSD * (k === 0 ? 1 : this.df[k - 1]);
      last = k;
    }
    pv -= this.fleetUSD * Math.max(0, 1 - (H - last) / g.lifeMonths) * this.df[H - 1];
    this.gpuCapexPV = pv;

    const range = this.buy ? p.capex.retrofitUSDPerMWIT : p.capex.greenfieldUSDPerMWIT;
    this.capexLow = range.low * this.itMW;
    this.capexSpan = (range.high - range.low) * this.itMW;
  }

  /** Runs trial `trial` into `out`. */
  run(trial: number, out: EconomicsOutcome): void {
    const o = this.o;
    this.bvb.run(trial, o);
    const sh = this.shift;
    let first = (this.buy ? o.buyFirst : o.buildFirst) + sh;
    if (first < 0) first = 0;
    let full = (this.buy ? o.buyFull : o.buildFull) + sh;
    if (full < first) full = first;
    const arrival = o.gpuArrival;
    // GPUs earn from max(power, arrival); the one-month-earlier schedules move power only.
    const gFirst = first > arrival ? first : arrival;
    const gFull = full > gFirst ? full : gFirst;
    const eFirst = first >= 1 ? first - 1 : 0;
    const eFull = full >= 1 ? full - 1 : 0;
    const egFirst = eFirst > arrival ? eFirst : arrival;
    const egFull = eFull > egFirst ? eFull : egFirst;

    const capex = this.capexLow + this.capexSpan * this.rc.reset(this.seed, trial, CAPEX_STREAM).uniform();
    const rh = this.rh.reset(this.seed, trial, HASH_STREAM);
    const hpTab = this.hpTab;
    const gpTab = this.gpTab;
    const df = this.df;
    const s1 = this.s1;
    const H = this.horizon;
    const halving = this.halving;
    const halvingFactor = this.halvingFactor;
    const perHash = this.perHashprice * this.uptime * HOURS_PER_MONTH;
    const mineCost = this.mineCostPerMWh * this.uptime * HOURS_PER_MONTH;
    const curtail = this.curtailPerMWMonth;
    const mineMW = this.mineMW;
    const dispMW = this.displacedMW;
    const lease = this.leasePerMonth;
    const gpuPerPrice = this.gpuPerPrice;
    const gpuPower = this.gpuPowerPerMonth;
    const life = this.life;
    const fleet = this.fleetUSD;

    // Month m has share 0 for m < z (then m + 1 ≤ first) and 1 for m ≥ o (m ≥ full); whole months ≤ H.
    const zL = zeroBefore(first, H);
    const oL = oneFrom(full, H);
    const zG = zeroBefore(gFirst, H);
    const oG = oneFrom(gFull, H);
    const zLe = zeroBefore(eFirst, H);
    const oLe = oneFrom(eFull, H);
    const zGe = zeroBefore(egFirst, H);
    const oGe = oneFrom(egFull, H);
    let gL = 0;
    let gG = 0;
    let gLe = 0;
    let gGe = 0;
    let hp = this.hp0;
    let gp = this.gp0;
    let npvMine = 0;
    let addLease = 0;
    let addGpu = 0;
    let addLeaseEarly = 0;
    let addGpuEarly = 0;
    let cumLease = -capex;
    let cumGpu = -capex - fleet;
    // −1 until paid back: the variables stay small integers in the optimised loop.
    let payLease = cumLease >= 0 ? 0 : -1;
    let payGpu = cumGpu >= 0 ? 0 : -1;
    let nextFleet = life;
    let flexLease = 0;
    let flexGpu = 0;
    let sumHp = 0;
    let sumGp = 0;
    for (let m = 0; m < H; m++) {
      const u = rh.nextU32();
      hp *= hpTab[u >>> TABLE_SHIFT];
      if (m === halving) hp *= halvingFactor;
      gp *= gpTab[(u >>> 8) & TABLE_MASK];
      sumHp += hp;
      sumGp += gp;
      // Miners switch off in a month whose margin is negative; curtailment income is earned either way.
      let margin = hp * perHash - mineCost;
      if (margin < 0) margin = 0;
      const minePerMW = margin + curtail;
      const d = df[m];
      npvMine += d * minePerMW * mineMW;
      const displaced = minePerMW * dispMW;

      let dl = lease - displaced;
      let dg = gp * gpuPerPrice - gpuPower - displaced;
      // Integer bounds first: most months lie wholly before first power or after full power. In
      // the ramp, share = G(m + 1) − G(m) with G(m) carried from the month before (G = 0 up to first power).
      let sl = 1;
      if (m < zL) sl = 0;
      else if (m < oL) {
        const g1 = ramp(m + 1, first, full, s1);
        sl = g1 - gL;
        gL = g1;
      }
      let sg = 1;
      if (m < zG) sg = 0;
      else if (m < oG) {
        const g1 = ramp(m + 1, gFirst, gFull, s1);
        sg = g1 - gG;
        gG = g1;
      }
      let sle = 1;
      if (m < zLe) sle = 0;
      else if (m < oLe) {
        const g1 = ramp(m + 1, eFirst, eFull, s1);
        sle = g1 - gLe;
        gLe = g1;
      }
      let sge = 1;
      if (m < zGe) sge = 0;
      else if (m < oGe) {
        const g1 = ramp(m + 1, egFirst, egFull, s1);
        sge = g1 - gGe;
        gGe = g1;
      }
      if (dl < 0) {
        dl = 0;
        if (sl > 0) flexLease++;
      }
      if (dg < 0) {
        dg = 0;
        if (sg > 0) flexGpu++;
      }
      addLease += d * sl * dl;
      addGpu += d * sg * dg;
      addLeaseEarly += d * sle * dl;
      addGpuEarly += d * sge * dg;
      cumLease += sl * dl;
      if (m === nextFleet) {
        cumGpu -= fleet;
        nextFleet += life;
      }
      cumGpu += sg * dg;
      if (payLease < 0 && cumLease >= 0) payLease = m + 1;
      if (payGpu < 0 && cumGpu >= 0) payGpu = m + 1;
    }

    out.first = first;
    out.full = full;
    out.capexUSD = capex;
    out.npvMine = npvMine;
    out.npvLease = npvMine - capex + addLease;
    out.npvGpu = npvMine - capex - this.gpuCapexPV + addGpu;
    out.earlierLease = addLeaseEarly - addLease;
    out.earlierGpu = addGpuEarly - addGpu;
    out.paybackLease = payLease < 0 ? Infinity : payLease;
    out.paybackGpu = payGpu < 0 ? Infinity : payGpu;
    out.flexLease = flexLease;
    out.flexGpu = flexGpu;
    out.meanMineUSDPerKWh = (sumHp / H) * (this.perHashprice / 1000);
    out.meanGpuUSDPerKWh = ((sumGp / H) * this.gpuRevenuePerPrice) / this.gpuKWhPerMonth;
  }
}
