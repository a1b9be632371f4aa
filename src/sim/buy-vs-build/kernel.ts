/**
 * One trial of buy vs build (docs/method.md §3): phase durations drawn from correlated lognormals and
 * combined on each option's small graph (parallel tracks take the max, sequential steps the sum).
 *
 * Both options are computed in the same trial from shared random numbers, so "which is faster in
 * the same world" is answered directly:
 * - group factors Z_permits, Z_equipment, Z_construction come from stream `shared`, and
 *   Z_queue = Φ⁻¹(u_queue) where u_queue (stream `queue`) is also the uniform both arms read the
 *   region's queue wait with: the queue draw *is* the queue group's factor, so a congested utility
 *   is slow in both arms;
 * - each arm's own noise (eps) comes from `buyOnly` / `buildOnly`, in a fixed order and with a
 *   fixed count, so a branch in one arm never shifts the other;
 * - GPU lead and export-control draws (stream `equipment`) belong to the site, shared by both arms.
 * A phase in group g lasts exp(mu + sigma·(√rho·Z_g + √(1−rho)·eps)): its marginal is exactly
 * LN(P50, P90) whatever rho is.
 *
 * Graphs (t = 0 is the decision; ESTIMATE structure, see data/buy-vs-build.json):
 *   buy first MW  = max(close, power₁, permits, gear, retrofitStart + firstBlock) + commissioning
 *     where power₁ is the utility's consent, or the large-load study wait when a study is required
 *     and the first block is above the study-free MW; retrofitStart is 0, or the close and/or
 *     permits when the switches say so. The seller holds the connection and the site, so every
 *     track can start at signing.
 *   buy block k   = first + k·pace, not before (study wait + commissioning) for gated blocks
 *   build first MW = siteControl + max(queue wait, permits + construction, equipment) + commissioning
 *     (a queue request needs site control first — Texas SB 6, docs/data-sources.md §2.3)
 *   build block k = first + k·pace
 * Allocation-free: one instance per worker, reset per trial through `Rng.reset`.
 */
import { invNormal as invNormalImport, lognormalFromP50P90, Z90 } from '../distributions';
import { sampleQuantileTable as sampleQuantileTableImport, type QuantileTable } from '../quantile-table';
import { Rng, Stream } from '../rng';
import { blockCount, itMW, type BuyVsBuildParams, type DurationLN } from './params';

/** The inputs a tornado bar can pin; the first LN_INPUTS are lognormal phases. */
export const Input = {
  buyClose: 0,
  buyConsent: 1,
  buyPermits: 2,
  buyEquipment: 3,
  buyFirstBlock: 4,
  buyExtraBlock: 5,
  buyCommissioning: 6,
  buildSiteControl: 7,
  buildPermits: 8,
  buildEquipment: 9,
  buildConstruction: 10,
  buildExtraBlock: 11,
  buildCommissioning: 12,
  gpuLead: 13,
  exportDelay: 14,
  queueWait: 15,
  buyStudy: 16,
  exportControl: 17,
} as const;
export type InputId = (typeof Input)[keyof typeof Input];
export const INPUT_COUNT = 18;
const LN_INPUTS = 15;

// Local bindings: under tsx (CLI, bench) an imported binding is read through a getter on every
// use, which costs a tenth of a trial here.
const invNormal = invNormalImport;
const sampleQuantileTable = sampleQuantileTableImport;
const QUEUE_STREAM = Stream.queue;
const SHARED_STREAM = Stream.shared;
const BUY_STREAM = Stream.buyOnly;
const BUILD_STREAM = Stream.buildOnly;
const GPU_STREAM = Stream.equipment;

/** Correlation groups (docs/method.md §3); NONE = own noise only. */
const NONE = 0;
const QUEUE = 1;
const PERMITS = 2;
const EQUIPMENT = 3;
const CONSTRUCTION = 4;

const GROUP_OF: readonly number[] = [
  NONE, QUEUE, PERMITS, EQUIPMENT, CONSTRUCTION, CONSTRUCTION, CONSTRUCTION,
  NONE, PERMITS, EQUIPMENT, CONSTRUCTION, CONSTRUCTION, CONSTRUCTION,
  NONE, NONE,
];

/** Streams the independent-draws comparison uses for the build arm's "shared" draws. */
const INDEPENDENT_OFFSET = 64;

/** The lognormal behind each LN input, in Input order. */
export function lnInputs(p: BuyVsBuildParams): DurationLN[] {
  const b = p.buy;
  const g = p.build;
  return [
    b.close, b.utilityConsent, b.permits, b.equipment, b.firstBlock, b.perExtraBlock, b.commissioning,
    g.siteControl, g.permits, g.equipment, g.construction, g.perExtraBlock, g.commissioning,
    p.gpu.leadTime, p.gpu.exportControlDelay,
  ];
}

/** One trial's results (months from the decision; Infinity = never). Reused across trials. */
export interface TrialOutcome {
  buyFirst: number;
  buyFull: number;
  buildFirst: number;
  buildFull: number;
  /** max(first MW, GPU arrival) */
  buyCompute: number;
  buildCompute: number;
  /**
   * MW-weighted months by which build energizes each block later than buy (negative: build is
   * earlier), each time capped at the horizon: Σ_k MW_k·(min(build_k, H) − min(buy_k, H)) / IT MW.
   * × IT MW × 1000 × rent = the delay cost of building instead of buying.
   */
  lateMonths: number;
  /** months until the GPUs ordered at the decision arrive (the buy arm's draw; the economics model reads it) */
  gpuArrival: number;
  /** with curtailment accepted: build's first firm MW (buildFirst is then its first curtailable MW) */
  buildFirmFirst: number;
}

export function newOutcome(): TrialOutcome {
  return { buyFirst: 0, buyFull: 0, buildFirst: 0, buildFull: 0, buyCompute: 0, buildCompute: 0, lateMonths: 0, gpuArrival: 0, buildFirmFirst: 0 };
}

export class BuyVsBuildKernel {
  readonly nBlocks: number;
  readonly itMW: number;
  readonly horizon: number;
  /**
   * Pinned values by Input (NaN = draw as usual), set through pin/unpin. The uniform is consumed
   * either way, so pinning one input leaves every other draw of the trial unchanged (tornado.ts).
   */
  private readonly pinned: number[] = new Array<number>(INPUT_COUNT).fill(NaN);
  /** false in ordinary runs: the draws skip the pinned check */
  private anyPinned = false;

  // Plain number arrays (unboxed doubles in V8): a kernel is built per 250-trial chunk, and typed
  // arrays cost an ArrayBuffer allocation each.
  private readonly mu: number[] = new Array<number>(LN_INPUTS).fill(0);
  private readonly sigma: number[] = new Array<number>(LN_INPUTS).fill(0);
  /** sigma × weight of the group factor and of the own noise: (√rho, √(1−rho)), or (0, 1) outside groups */
  private readonly sGroup: number[] = new Array<number>(LN_INPUTS).fill(0);
  private readonly sOwn: number[] = new Array<number>(LN_INPUTS).fill(0);
  private readonly table: QuantileTable;
  /** queue wait to first curtailable MW (null: curtailment not accepted) and the energy share lost meanwhile */
  private readonly firstTable: QuantileTable | null;
  private readonly curtailedShare: number;
  private readonly studyP: number;
  private readonly studyShare: number;
  /** first block index the study gates */
  private readonly gate: number;
  private readonly afterClose: boolean;
  private readonly afterPermits: boolean;
  private readonly exportP: number;
  /** MW share of each block */
  private readonly weight: number[];
  private readonly independent: boolean;
  private readonly seed: number;

  private readonly rq = new Rng();
  private readonly rs = new Rng();
  private readonly rb = new Rng();
  private readonly rg = new Rng();
  private readonly ra = new Rng();

  constructor(params: BuyVsBuildParams, queueTable: QuantileTable, seed: number, independentDraws = false, curtail?: { firstTable: QuantileTable; energyShare: number }) {
    this.firstTable = curtail ? curtail.firstTable : null;
    this.curtailedShare = curtail ? curtail.energyShare : 0;
    const inputs = lnInputs(params);
    for (let i = 0; i < LN_INPUTS; i++) {
      const ln = lognormalFromP50P90(inputs[i].p50, inputs[i].p90);
      this.mu[i] = ln.mu;
      this.sigma[i] = ln.sigma;
      const grouped = GROUP_OF[i] !== NONE;
      this.sGroup[i] = ln.sigma * (grouped ? Math.sqrt(params.rho) : 0);
      this.sOwn[i] = ln.sigma * (grouped ? Math.sqrt(1 - params.rho) : 1);
    }
    this.table = queueTable;
    this.horizon = params.horizonMonths;
    this.studyP = params.buy.studyProbability;
    this.studyShare = params.buy.studyShareOfQueueWait;
    this.afterClose = params.buy.retrofitAfterClose;
    this.afterPermits = params.buy.retrofitAfterPermits;
    this.exportP = params.gpu.exportControlProbability;
    this.independent = independentDraws;
    this.seed = seed >>> 0;

    const site = params.site;
    this.itMW = itMW(site);
    this.nBlocks = blockCount(site);
    this.weight = new Array<number>(this.nBlocks).fill(0);
    let gate = this.nBlocks;
    for (let k = 0; k < this.nBlocks; k++) {
      const upTo = Math.min(this.itMW, (k + 1) * site.blockMW);
      this.weight[k] = (upTo - Math.min(this.itMW, k * site.blockMW)) / this.itMW;
      if (gate === this.nBlocks && upTo * site.pue > params.buy.studyFreeGridMW + 1e-9) gate = k;
    }
    this.gate = gate;
  }

  /** Value input `i` takes at its own quantile `p` (tornado.ts pins inputs at P10 and P90). */
  quantileOf(i: InputId, p: number): number {
    if (i < LN_INPUTS) return Math.exp(this.mu[i] + this.sigma[i] * (p === 0.1 ? -Z90 : p === 0.9 ? Z90 : invNormal(p)));
    if (i === Input.queueWait) return sampleQuantileTable(this.table, p);
    const prob = i === Input.buyStudy ? this.studyP : this.exportP;
    return p > 1 - prob ? 1 : 0;
  }

  /** Fixes input `i` at `value` (months, or 0/1 for yes/no inputs) in every trial until unpinned. */
  pin(i: InputId, value: number): void {
    this.pinned[i] = value;
    this.anyPinned = true;
  }

  unpin(i: InputId): void {
    this.pinned[i] = NaN;
    this.anyPinned = this.pinned.some((v) => v === v);
  }

  unpinAll(): void {
    this.pinned.fill(NaN);
    this.anyPinned = false;
  }

  /** Lognormal phase i in group factor z, from one uniform. */
  private ln(i: number, z: number, u: number): number {
    if (this.anyPinned) {
      const fixed = this.pinned[i];
      if (fixed === fixed) return fixed;
    }
    return Math.exp(this.mu[i] + this.sGroup[i] * z + this.sOwn[i] * invNormal(u));
  }

  private queueWaitFrom(u: number): number {
    const fixed = this.anyPinned ? this.pinned[Input.queueWait] : NaN;
    return fixed === fixed ? fixed : sampleQuantileTable(this.table, u);
  }

  private bernoulli(i: number, p: number, u: number): boolean {
    const fixed = this.anyPinned ? this.pinned[i] : NaN;
    return fixed === fixed ? fixed === 1 : u < p;
  }

  /** Runs trial `trial` into `out`. */
  run(trial: number, out: TrialOutcome): void {
    const seed = this.seed;
    const H = this.horizon;

    const uq = this.rq.reset(seed, trial, QUEUE_STREAM).uniform();
    const rs = this.rs.reset(seed, trial, SHARED_STREAM);
    const zq = invNormal(uq);
    const zp = invNormal(rs.uniform());
    const ze = invNormal(rs.uniform());
    const zc = invNormal(rs.uniform());
    const queueWait = this.queueWaitFrom(uq);

    // Buy arm: draw order fixed, every uniform consumed on every path.
    const rb = this.rb.reset(seed, trial, BUY_STREAM);
    const close = this.ln(Input.buyClose, 0, rb.uniform());
    const consent = this.ln(Input.buyConsent, zq, rb.uniform());
    const study = this.bernoulli(Input.buyStudy, this.studyP, rb.uniform());
    const permits = this.ln(Input.buyPermits, zp, rb.uniform());
    const gear = this.ln(Input.buyEquipment, ze, rb.uniform());
    const firstBlock = this.ln(Input.buyFirstBlock, zc, rb.uniform());
    const pace = this.ln(Input.buyExtraBlock, zc, rb.uniform());
    const comm = this.ln(Input.buyCommissioning, zc, rb.uniform());

    const studyWait = this.studyShare === 0 ? 0 : queueWait * this.studyShare;
    const gated = study ? this.gate : this.nBlocks;
    const power1 = gated === 0 ? studyWait : consent;
    let retrofitStart = 0;
    if (this.afterClose) retrofitStart = close;
    if (this.afterPermits && permits > retrofitStart) retrofitStart = permits;
    const buyFirst = Math.max(close, power1, permits, gear, retrofitStart + firstBlock) + comm;
    const studyReady = studyWait + comm;

    // Build arm; under independent draws it reads its own shared factors and queue uniform.
    let bzp = zp;
    let bze = ze;
    let bzc = zc;
    let bQueueWait = queueWait;
    if (this.independent) {
      const bq = this.rq.reset(seed, trial, QUEUE_STREAM + INDEPENDENT_OFFSET).uniform();
      const ra = this.ra.reset(seed, trial, SHARED_STREAM + INDEPENDENT_OFFSET);
      bzp = invNormal(ra.uniform());
      bze = invNormal(ra.uniform());
      bzc = invNormal(ra.uniform());
      bQueueWait = this.queueWaitFrom(bq);
    }
    const rd = this.rb.reset(seed, trial, BUILD_STREAM);
    const site = this.ln(Input.buildSiteControl, 0, rd.uniform());
    const bPermits = this.ln(Input.buildPermits, bzp, rd.uniform());
    const bGear = this.ln(Input.buildEquipment, bze, rd.uniform());
    const bConstr = this.ln(Input.buildConstruction, bzc, rd.uniform());
    const bPace = this.ln(Input.buildExtraBlock, bzc, rd.uniform());
    const bComm = this.ln(Input.buildCommissioning, bzc, rd.uniform());
    const buildFirm = site + Math.max(bQueueWait, bPermits + bConstr, bGear) + bComm;
    // Curtailable MW read their wait with the same uniform (never later than the firm wait).
    let buildFirst = buildFirm;
    if (this.firstTable !== null) {
      const w = sampleQuantileTable(this.firstTable, this.independent ? this.rq.reset(seed, trial, QUEUE_STREAM + INDEPENDENT_OFFSET).uniform() : uq);
      buildFirst = site + Math.max(w < bQueueWait ? w : bQueueWait, bPermits + bConstr, bGear) + bComm;
    }
    const firmLag = buildFirm - buildFirst;
    const cs = this.curtailedShare;

    // Blocks: both ramps and the MW-weighted lateness in one pass.
    let late = 0;
    let buyK = buyFirst;
    let buildK = buildFirst;
    const n = this.nBlocks;
    for (let k = 0; k < n; k++) {
      buyK = buyFirst + k * pace;
      if (k >= gated && buyK < studyReady) buyK = studyReady;
      buildK = buildFirst + k * bPace;
      // Curtailable MW count as power, less the energy curtailed until they are firm.
      const eff = firmLag > 0 ? buildK + cs * firmLag : buildK;
      late += this.weight[k] * ((eff < H ? eff : H) - (buyK < H ? buyK : H));
    }

    // GPUs: ordered at t = 0, one arrival for both arms (own draws under independence).
    const rg = this.rg.reset(seed, trial, GPU_STREAM);
    const gpuLead = this.ln(Input.gpuLead, 0, rg.uniform());
    const blocked = this.bernoulli(Input.exportControl, this.exportP, rg.uniform());
    // The delay's uniform is drawn either way; the lognormal is only worked out when it is used.
    const uDelay = rg.uniform();
    const arrival = blocked ? gpuLead + this.ln(Input.exportDelay, 0, uDelay) : gpuLead;
    let bArrival = arrival;
    if (this.independent) {
      const ra = this.ra.reset(seed, trial, GPU_STREAM + INDEPENDENT_OFFSET);
      const lead2 = this.ln(Input.gpuLead, 0, ra.uniform());
      const blocked2 = this.bernoulli(Input.exportControl, this.exportP, ra.uniform());
      const uDelay2 = ra.uniform();
      bArrival = blocked2 ? lead2 + this.ln(Input.exportDelay, 0, uDelay2) : lead2;
    }

    out.buyFirst = buyFirst;
    out.buyFull = buyK;
    out.buildFirst = buildFirst;
    out.buildFull = buildK;
    out.buyCompute = buyFirst > arrival ? buyFirst : arrival;
    out.buildCompute = buildFirst > bArrival ? buildFirst : bArrival;
    out.lateMonths = late;
    out.gpuArrival = arrival;
    out.buildFirmFirst = buildFirm;
  }
}
