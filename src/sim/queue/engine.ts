/**
 * The interconnection-queue discrete-event simulation (docs/method.md §1), one region, one trial at a time.
 *
 * This file is longer than 400 lines on purpose: the three process templates share one event loop,
 * one project state and one headroom pool, and keeping them in one class keeps the hot loop
 * monomorphic (every field access is a fixed-shape property, every call is to a known method).
 *
 * State is a structure of typed arrays allocated once per engine and reset per trial; the event
 * queue is a binary heap of Float64 times and Int32 payloads (docs/method.md §0). A project has at most one
 * pending event; `due[i]` holds its time, so an event whose time no longer matches is stale and
 * skipped (cheaper than deleting from the heap). Withdrawal is a competing exponential clock drawn
 * when a phase starts: whichever of "phase ends" and "withdraws" comes first is scheduled.
 *
 * Project 0 is the user's request: it never withdraws or gives up, and its time to energize is the
 * output. Draws come from separate streams per purpose (rng.ts): queue (phase durations and
 * withdrawal clocks), arrivals (arrival times, sizes, the backlog), construction, headroom
 * (upgrade lead times) and shared (cluster slip factors, restudy draws, allocation rounds).
 */
import * as distributions from '../distributions';
import type { TimeHistogram } from '../histogram';
import { record } from '../histogram';
import { Rng, Stream } from '../rng';
import * as unitSort from '../unit-sort';
import * as codes from './compile';
import type { EngineConfig } from './compile';
import { integrate, invertIntegral, valueAt } from './schedule';
import { EventHeap, KeyedIndexHeap } from './heap';
import { WaitingTree } from './waiting-tree';
import { clearTrialOutcome, createTrialOutcome, type TrialOutcome } from './partial';

// Bound once: a module runner that compiles imports to getters (tsx, for the CLI and the benchmark)
// would otherwise call a getter on every read of a constant in the hot loop.
const { invNormal, normalCdf } = distributions;
const { createUnitSortScratch, sortUnitDescending } = unitSort;
const { B_FS, B_POST_IA, D_AGE, D_CONSTR, D_FACILITIES, D_FEAS, D_RAMP, D_SIZE, D_SLIP, D_UPGRADE, DIST_EXPONENTIAL, TEMPLATE_ALLOCATION, TEMPLATE_CLUSTER, TIMED_HEADROOM, TIMED_SCREEN } = codes;

// Project stages.
const S_STUDY_WAIT = 1;
const S_STUDY = 2;
const S_CLUSTER = 3;
const S_HEADROOM = 4;
const S_CONSTR = 5;
const S_APPLY = 6;
const S_ENERGIZED = 7;
const S_WITHDRAWN = 8;

// Event payload = (index << 3) | kind.
const EV_ARRIVAL = 0;
const EV_PROJECT = 1;
const EV_CLUSTER = 2;
const EV_UPGRADE = 3;
const EV_ROUND = 4;
/** a dated action (cfg.timed*): idx is its index */
const EV_TIMED = 5;

// Cluster steps; a cluster's event fires at the end of its current step.
const C_WINDOW = 0;
const C_ENGAGE = 1;
const C_STUDY = 2;
const C_RESTUDY = 3;
const C_FACILITIES = 4;
const C_DONE = 5;

const USER = 0;
/** stock rank of a request studied and waiting for capacity before its agreement (after B_FS, before B_POST_IA) */
const RANK_WAITING = 4;

type Grown = Uint8Array | Int32Array | Float64Array;

/** A copy of `a` with room for `n` (set-up and growth only, never per event). */
function grownTo<A extends Grown>(a: A, n: number): A {
  const b = new (a.constructor as new (length: number) => A)(n);
  b.set(a);
  return b;
}

export class QueueEngine {
  readonly cfg: EngineConfig;
  private readonly horizon: number;
  private readonly years: number;
  private readonly hazard: Float64Array;
  private readonly distKind: Uint8Array;
  private readonly distA: Float64Array;
  private readonly distB: Float64Array;

  // Project state (structure of arrays), capacity `cap`, `n` in use.
  private cap = 0;
  private n = 0;
  private stage = new Uint8Array(0);
  private bucket = new Uint8Array(0);
  private holds = new Uint8Array(0);
  private pos = new Int32Array(0);
  /** rank for grid headroom: the queue position, except within a cluster, whose members share one footing */
  private hpos = new Int32Array(0);
  private clusterOf = new Int32Array(0);
  private arrive = new Float64Array(0);
  private mw = new Float64Array(0);
  private hmul = new Float64Array(0);
  private pace = new Float64Array(0);
  private due = new Float64Array(0);
  private wdAt = new Float64Array(0);
  /** cumulative withdrawal hazard left to spend, the rate and start of the current phase */
  private ehaz = new Float64Array(0);
  private segRate = new Float64Array(0);
  private segStart = new Float64Array(0);
  private enterAt = new Float64Array(0);
  private resid = new Float64Array(0);
  /** months a stock request had already spent in its construction on the as-of date (0: none) */
  private spent = new Float64Array(0);
  /** energized: when its first block came, and months to its full request (for operating MW) */
  private enAt = new Float64Array(0);
  private rampM = new Float64Array(0);
  /** a load that builds while it waits for headroom: when its build ends (-1: not drawn yet) */
  private readyAt = new Float64Array(0);
  /** ln(MW / sizeRefMW): the size effects on withdrawal and build time are one exp of it, not a Math.pow */
  private lnRel = new Float64Array(0);
  // Scratch for building the stock (grown to the stock size once).
  private tmpSize = new Float64Array(0);
  /** ln of tmpSize, kept from the draw (a lognormal's log is the normal draw itself) */
  private tmpLnSize = new Float64Array(0);
  private tmpFrac = new Float64Array(0);
  private tmpAge = new Float64Array(0);
  private tmpBucket = new Uint8Array(0);
  private readonly sortScratch = createUnitSortScratch();
  private readonly stockCount = new Int32Array(5);
  private readonly lnRefMW: number;
  /** the size schedule's last value and its log (a request filed after the last point reuses it) */
  private sizeSchedV = NaN;
  private sizeSchedLn = 0;
  /** MW of the last drawArrivalSize() */
  private arrivalMW = 0;

  private readonly heap = new EventHeap(4096);
  /**
   * The next arrival's time, kept beside the heap rather than in it: arrivals are half of all
   * events, and one comparison with the heap's top costs less than a push and a pop (Infinity: none).
   */
  private nextArrival = Infinity;
  private readonly waiting: KeyedIndexHeap;
  private readonly rq = new Rng();
  private readonly ra = new Rng();
  private readonly rc = new Rng();
  private readonly rh = new Rng();
  private readonly rs = new Rng();
  private readonly rr = new Rng();
  private readonly rz = new Rng();
  private readonly rp = new Rng();
  /** this trial's factors on the arrival rate and the withdrawal hazards (1 with exact inputs) */
  private arrivalsFactor = 1;
  private withdrawalFactor = 1;

  // Serial study capacity.
  private inStudy = 0;
  private busy = 0;
  // Headroom pool: waiting list sorted by queue position.
  private available = 0;
  private waitingMW = 0;
  private upgrades = 0;
  private readonly hw = new WaitingTree(256);
  // Clusters: members are contiguous in `members` (only one cluster is open at a time).
  private members = new Int32Array(0);
  private memberN = 0;
  private cStart = new Int32Array(64);
  private cCount = new Int32Array(64);
  private cInit = new Int32Array(64);
  private cActive = new Int32Array(64);
  private cStep = new Uint8Array(64);
  private cSlip = new Float64Array(64);
  private clusterN = 0;
  /**
   * Clusters filed after the user's, in a run that ends with the user: their requests are light
   * records (filing time, place in line) until the cluster's study ends, then drawn in full with
   * everything they would have lived through (materialize()). A cluster whose study has not ended
   * when the user's energization is fixed can change nothing it reports, and most never get there.
   */
  private cLazy = new Uint8Array(64);
  private cLightFrom = new Int32Array(64);
  private cLightN = new Int32Array(64);
  private cClosedAt = new Float64Array(64);
  private cStudyFrom = new Float64Array(64);
  private lightT = new Float64Array(1024);
  private lightPos = new Int32Array(1024);
  private lightN = 0;
  /** the last readiness screen's date (-Infinity: none): a screen visits every request, so no light record may be waiting then */
  private readonly lastScreenAt: number;
  /** this run may hold later clusters as light records (a run for the user alone, lazyClusters on) */
  private readonly lazyRun: boolean;
  private openCluster = -1;
  private openClose = 0;
  // Allocation applicants.
  private apps = new Int32Array(256);
  private appsN = 0;

  /** cluster windows / allocation rounds consumed from cfg.clusterCloseTimes / cfg.roundTimes */
  private closeK = 0;
  private roundK = 0;
  /** study slots now (cfg.studyCapacity, changed by dated actions) */
  private studyCap = 1;

  private nextPos = 0;
  private userPos = 0;
  private stopped = false;
  /**
   * A run for the user's request alone (no whole-queue validation, no sampled queue): the trial ends
   * as soon as the user's energization date is fixed, since nothing after it can change any output.
   */
  private readonly endsWithUser: boolean;
  /** when the user's build ends, once it holds its capacity (NaN before) */
  private userEnd = NaN;

  // Per-trial accumulators.
  private activeN = 0;
  private activeMW = 0;
  private mwAhead = 0;
  /** false once the user's request holds its capacity: from then on nothing stands ahead of it */
  private aheadCounts = true;
  private lastT = 0;
  /** active requests that arrived during the run (not the stock, not the user): Little's law's L */
  private procActiveN = 0;
  /** capacity ledger: MW of headroom that has ever existed (spare today + held by the stock + added) */
  private everMW = 0;
  /** MW ledger: MW that entered the queue, and MW that left it by each door */
  private inMW = 0;
  private outEnergizedMW = 0;
  private outWithdrawnMW = 0;
  private approvedMW = 0;
  private nextSample = Infinity;
  private sampleIdx = 0;
  /** the outcome of the last trial (reused: copy what you keep) */
  readonly out: TrialOutcome;
  /** per-project validation histograms, set by the runner for the chunk it runs */
  energizeSink: TimeHistogram | null = null;
  iaSink: TimeHistogram | null = null;
  /**
   * Request → first power of every request (stock or new) energized in [completedFrom, completedTo)
   * months: a completion-year cohort, the way published medians by year of operation are counted.
   */
  completedSink: TimeHistogram | null = null;
  /** the same for request → agreement of every request that signed in the window */
  agreedSink: TimeHistogram | null = null;
  completedFrom = 0;
  completedTo = 0;

  constructor(cfg: EngineConfig) {
    this.cfg = cfg;
    this.horizon = cfg.horizon;
    this.years = Math.floor(cfg.horizon / 12);
    this.hazard = cfg.hazardPerMonth;
    this.distKind = cfg.distKind;
    this.distA = cfg.distA;
    this.distB = cfg.distB;
    this.lnRefMW = Math.log(cfg.sizeRefMW);
    this.endsWithUser = !cfg.runToHorizon && cfg.sampleTimes.length === 0;
    let lastScreen = -Infinity;
    for (let k = 0; k < cfg.timedT.length; k++) if (cfg.timedKind[k] === TIMED_SCREEN && cfg.timedT[k] > lastScreen) lastScreen = cfg.timedT[k];
    this.lastScreenAt = lastScreen;
    this.lazyRun = this.endsWithUser && cfg.lazyClusters;
    const expected = cfg.backlogCount + 1 + cfg.arrivalRatePerMonth * cfg.horizon;
    this.ensureCapacity(Math.ceil(expected + 6 * Math.sqrt(expected) + 64));
    this.waiting = new KeyedIndexHeap(this.pos, 256);
    this.out = createTrialOutcome(this.years, cfg.sampleTimes);
  }

  /** Runs trial `trial` of `seed`; the result is in `this.out`. */
  runTrial(seed: number, trial: number): TrialOutcome {
    const cfg = this.cfg;
    this.rq.reset(seed, trial, Stream.queue);
    this.ra.reset(seed, trial, Stream.arrivals);
    this.rc.reset(seed, trial, Stream.construction);
    this.rh.reset(seed, trial, Stream.headroom);
    this.rs.reset(seed, trial, Stream.shared);
    if (cfg.timedT.length) this.rr.reset(seed, trial, Stream.rules);
    if (cfg.rampShare < 1) this.rp.reset(seed, trial, Stream.ramp);
    this.resetTrial();
    const unc = cfg.uncertainty;
    if (unc !== null) {
      this.rz.reset(seed, trial, Stream.scenario);
      this.arrivalsFactor = Math.exp(unc.arrivalsMu + unc.arrivalsSigma * invNormal(this.rz.uniform()));
      this.withdrawalFactor = Math.exp(unc.withdrawalMu + unc.withdrawalSigma * invNormal(this.rz.uniform()));
    } else {
      this.arrivalsFactor = 1;
      this.withdrawalFactor = 1;
    }

    this.initBacklogAndUser();
    if (cfg.headroomLimited) {
      // Upgrades already under way today finish after a uniform fraction of a fresh lead time.
      for (let k = 0; k < cfg.upgradesUnderWay; k++) {
        this.upgrades++;
        this.push(this.drawDist(D_UPGRADE, this.rh.uniform()) * this.rh.uniform(), EV_UPGRADE);
      }
      // Dated upgrades come around their published in-service dates, never before the as-of date.
      const med = cfg.datedUpgradeMedian;
      for (let k = 0; k < med.length; k++) {
        const at = med[k] + cfg.datedUpgradeSd[k] * invNormal(this.rh.uniform());
        this.push(at > 0 ? at : 0, EV_UPGRADE, k + 1);
      }
      // Stock waiting for capacity takes today's spare in line; upgrades start for the rest.
      if (this.waitingMW > 0) {
        this.allocateHeadroom(0);
        this.startUpgrades(0);
      }
    }
    this.scheduleFirstArrival();
    if (cfg.template === TEMPLATE_ALLOCATION) this.push(this.nextRoundTime(-1), EV_ROUND);
    for (let k = 0; k < cfg.timedT.length; k++) this.push(cfg.timedT[k], EV_TIMED, k);
    const sampleN = this.out.sampleTimes.length;
    this.nextSample = sampleN > 0 ? this.out.sampleTimes[0] : Infinity;

    const heap = this.heap;
    const horizon = this.horizon;
    const validation = cfg.runToHorizon;
    let nextYearEnd = 12;
    let yearIdx = 0;
    let events = 0;
    for (;;) {
      const ht = heap.size > 0 ? heap.peekTime() : Infinity;
      const arrival = this.nextArrival < ht;
      const t = arrival ? this.nextArrival : ht;
      if (t >= horizon) break;
      let kind = EV_ARRIVAL;
      let idx = 0;
      if (arrival) this.nextArrival = Infinity;
      else {
        const payload = heap.peekPayload();
        heap.pop();
        kind = payload & 7;
        idx = payload >> 3;
        // this.due, not a local copy: a trial that outgrows the arrays replaces them mid-loop.
        if (kind === EV_PROJECT && this.due[idx] !== t) continue;
      }
      while (t >= nextYearEnd) {
        this.snapshotYear(yearIdx++);
        nextYearEnd += 12;
      }
      if (t >= this.nextSample) this.takeSamples(t);
      if (validation) this.integrateActive(t);
      events++;
      switch (kind) {
        case EV_PROJECT:
          this.onProjectEvent(idx, t);
          break;
        case EV_ARRIVAL:
          this.onArrival(t);
          break;
        case EV_CLUSTER:
          this.onClusterStep(idx, t);
          break;
        case EV_TIMED:
          this.onTimed(idx, t);
          break;
        case EV_UPGRADE: {
          let mw = cfg.upgradeMW;
          if (idx === 0) this.upgrades--;
          else mw = cfg.datedUpgradeMW[idx - 1];
          this.available += mw;
          this.everMW += mw;
          this.allocateHeadroom(t);
          this.startUpgrades(t);
          break;
        }
        default:
          this.onRound(t);
      }
      if (this.stopped) break;
    }
    // Ended when the user's build started: it is energized when that build ends, as the event would have done.
    if (this.userEnd < horizon) this.energize(USER, this.userEnd);
    while (yearIdx < this.years) this.snapshotYear(yearIdx++);
    if (sampleN > 0) this.takeSamples(Infinity);
    if (this.out.userMonths === Infinity) this.out.userStageAtEnd = this.stage[USER];
    if (validation) this.finishValidation();
    this.out.events = events;
    return this.out;
  }

  // ---- set-up -------------------------------------------------------------------------------

  private ensureCapacity(need: number): void {
    if (need <= this.cap) return;
    const cap = Math.max(need, this.cap * 2);
    this.stage = grownTo(this.stage, cap);
    this.bucket = grownTo(this.bucket, cap);
    this.holds = grownTo(this.holds, cap);
    this.pos = grownTo(this.pos, cap);
    this.hpos = grownTo(this.hpos, cap);
    this.clusterOf = grownTo(this.clusterOf, cap);
    this.members = grownTo(this.members, cap);
    this.arrive = grownTo(this.arrive, cap);
    this.mw = grownTo(this.mw, cap);
    this.hmul = grownTo(this.hmul, cap);
    this.pace = grownTo(this.pace, cap);
    this.due = grownTo(this.due, cap);
    this.wdAt = grownTo(this.wdAt, cap);
    this.ehaz = grownTo(this.ehaz, cap);
    this.segRate = grownTo(this.segRate, cap);
    this.segStart = grownTo(this.segStart, cap);
    this.enterAt = grownTo(this.enterAt, cap);
    this.resid = grownTo(this.resid, cap);
    this.spent = grownTo(this.spent, cap);
    this.enAt = grownTo(this.enAt, cap);
    this.rampM = grownTo(this.rampM, cap);
    this.readyAt = grownTo(this.readyAt, cap);
    this.lnRel = grownTo(this.lnRel, cap);
    this.cap = cap;
    this.waiting?.setKeys(this.pos);
    this.hw?.grow(cap);
  }

  private resetTrial(): void {
    const cfg = this.cfg;
    this.n = 0;
    this.heap.clear();
    this.nextArrival = Infinity;
    this.waiting.clear();
    this.inStudy = 0;
    this.busy = 0;
    this.available = cfg.headroomLimited ? cfg.initialMW : Infinity;
    this.everMW = cfg.headroomLimited ? cfg.initialMW : 0;
    this.inMW = 0;
    this.outEnergizedMW = 0;
    this.outWithdrawnMW = 0;
    this.approvedMW = 0;
    this.procActiveN = 0;
    this.sampleIdx = 0;
    this.closeK = 0;
    this.roundK = 0;
    this.studyCap = cfg.studyCapacity;
    this.waitingMW = 0;
    this.upgrades = 0;
    this.hw.clear();
    this.memberN = 0;
    this.clusterN = 0;
    this.lightN = 0;
    this.openCluster = -1;
    this.appsN = 0;
    this.stopped = false;
    this.userEnd = NaN;
    this.activeN = 0;
    this.activeMW = 0;
    this.mwAhead = 0;
    this.aheadCounts = true;
    this.lastT = 0;
    clearTrialOutcome(this.out);
  }

  /**
   * A new project of `mw` MW (`lnMW` = ln mw, known from the size draw); its size multiplier of the
   * withdrawal hazard is fixed at creation.
   */
  private createProject(mw: number, lnMW: number, arrive: number, pos: number, withdraws: boolean, bucket = 0): number {
    if (this.n === this.cap) this.ensureCapacity(this.cap + 1);
    const cfg = this.cfg;
    const i = this.n++;
    this.bucket[i] = bucket;
    this.mw[i] = mw;
    this.arrive[i] = arrive;
    this.pos[i] = pos;
    this.hpos[i] = pos;
    this.due[i] = -1;
    this.wdAt[i] = Infinity;
    this.segRate[i] = 0;
    this.resid[i] = 1;
    this.spent[i] = 0;
    this.readyAt[i] = -1;
    this.holds[i] = 0;
    this.clusterOf[i] = -1;
    const lnRel = lnMW - this.lnRefMW;
    this.lnRel[i] = lnRel;
    this.activeN++;
    this.activeMW += mw;
    this.inMW += mw;
    if (!withdraws) {
      // The user's request: no clock, no draws.
      this.ehaz[i] = Infinity;
      this.hmul[i] = 0;
      this.pace[i] = 1;
      return i;
    }
    // Draw order as ever: queue stream (hazard budget), then arrivals stream (steady?, fast lane?).
    this.ehaz[i] = -Math.log(this.rq.uniform());
    const e = cfg.sizeElasticity;
    // (mw / ref)^e as exp(e ln(mw / ref)): one exp of the log the size draw already had (Math.pow costs several times more).
    let h = (e === 0 ? 1 : Math.exp(e * lnRel)) * this.withdrawalFactor;
    const sShare = cfg.steadyShare;
    if (sShare > 0) {
      // Steady or speculative (params.ts withdrawal.steadyShare). A request already `age` months in
      // the queue survived H ≈ age × its phase's base rate, which makes it likelier to be steady.
      const lo = cfg.steadyLo;
      const hi = cfg.steadyHi;
      let pSteady = sShare;
      if (arrive < 0) {
        const H = -arrive * this.hazard[bucket] * h;
        // Bayes: s e^(−lo H) / (s e^(−lo H) + (1 − s) e^(−hi H)), divided through by the first term: one exp.
        pSteady = 1 / (1 + ((1 - sShare) / sShare) * Math.exp((lo - hi) * H));
      }
      h *= this.ra.uniform() < pSteady ? lo : hi;
    }
    this.hmul[i] = h;
    this.pace[i] = cfg.fastLaneShare > 0 && this.ra.uniform() < cfg.fastLaneShare ? cfg.fastLaneFactor : 1;
    // Its own pace (phases.paceP90), drawn only when requests differ, so other presets draw as before.
    if (cfg.paceSigma > 0) this.pace[i] *= Math.exp(cfg.paceSigma * invNormal(this.ra.uniform()));
    if (arrive >= 0) this.procActiveN++;
    return i;
  }

  /**
   * The user's request is project 0, filed at time 0 (the stock's as-of date) behind the whole stock
   * (queue position N). Stock requests get positions 0…N−1 and a phase drawn from the stock shares.
   *
   * A dated stock (cfg.stockDated) also gives every request a filing date: N ages are drawn and
   * sorted, the oldest take the earliest positions and the latest phases (a request further along
   * has waited longer: a comonotone pairing of age and phase, ESTIMATE), so time in queue counts
   * from filing, not from the as-of date. Sizes are scaled so the stock holds exactly the published
   * MW, and the MW already past the agreement hold capacity that enters the capacity ledger.
   *
   * A request part-way through a serial study or construction has a uniform fraction of a fresh
   * duration left. Stock in cluster steps or allocation rounds has no per-request clock (the cluster
   * step or round carries it), so it keeps a full construction draw.
   */
  private initBacklogAndUser(): void {
    const cfg = this.cfg;
    const N = cfg.backlogCount;
    const ra = this.ra;
    this.userPos = N;
    this.nextPos = N + 1;
    this.createProject(cfg.userMW, Math.log(cfg.userMW), 0, N, false);
    const s = cfg.backlogShares;
    const c1 = s[0];
    const c2 = c1 + s[1];
    const c3 = c2 + s[2];
    // Studied and waiting for capacity (rank 4, between the last study and the agreement): the same
    // uniform as the phase draw, so presets without them draw exactly as before.
    const cw = c3 + cfg.backlogWaitingShare;
    const cluster = cfg.template === TEMPLATE_CLUSTER;
    const alloc = cfg.template === TEMPLATE_ALLOCATION;
    if (this.tmpSize.length < N) {
      this.tmpSize = new Float64Array(N);
      this.tmpLnSize = new Float64Array(N);
      this.tmpFrac = new Float64Array(N);
      this.tmpAge = new Float64Array(N);
      this.tmpBucket = new Uint8Array(N);
    }
    const size = this.tmpSize;
    const lnSize = this.tmpLnSize;
    const frac = this.tmpFrac;
    const age = this.tmpAge;
    const bk = this.tmpBucket;
    const count = this.stockCount;
    count.fill(0);
    let heldSum = 0;
    let sum = 0;
    for (let k = 0; k < N; k++) {
      const ln = this.drawLnDist(D_SIZE, ra.uniform());
      lnSize[k] = ln;
      size[k] = Math.exp(ln);
      const u = ra.uniform();
      frac[k] = ra.uniform();
      const b = u < c1 ? 0 : u < c2 ? 1 : u < c3 ? 2 : u < cw ? RANK_WAITING : 3;
      bk[k] = b;
      count[b]++;
      if (cfg.stockDated) age[k] = ra.uniform();
    }
    if (cfg.stockDated && N > 0) {
      // Oldest first: positions 0, 1, … get the oldest ages and the latest phases. The ages are
      // sorted by their uniforms (the quantile function is monotone: the same ages in the same
      // order as sorting the ages themselves), in linear time.
      sortUnitDescending(age, N, this.sortScratch);
      // An exponential's quantile -mean·ln(u) falls as u rises: the oldest has the smallest u.
      if (this.distKind[D_AGE] === DIST_EXPONENTIAL) age.subarray(0, N).reverse();
      for (let j = 0; j < N; j++) age[j] = this.drawDist(D_AGE, age[j]);
      let k = 0;
      for (let j = 0; j < count[3]; j++) bk[k++] = 3;
      for (let j = 0; j < count[RANK_WAITING]; j++) bk[k++] = RANK_WAITING;
      for (let b = 2; b >= 0; b--) for (let j = 0; j < count[b]; j++) bk[k++] = b;
    }
    for (let k = 0; k < N; k++) {
      if (bk[k] === B_POST_IA) heldSum += size[k];
      sum += size[k];
    }
    // Scale to the published stock: held MW to stockHeldMW, the rest to the remainder of stockTotalMW.
    let heldScale = 1;
    let restScale = 1;
    if (!Number.isNaN(cfg.stockHeldMW) && heldSum > 0) heldScale = cfg.stockHeldMW / heldSum;
    if (!Number.isNaN(cfg.stockTotalMW)) {
      const held = heldSum * heldScale;
      const rest = sum - heldSum;
      if (rest > 0) restScale = Math.max(0, cfg.stockTotalMW - held) / rest;
    }

    let aheadMW = 0;
    const lnHeld = Math.log(heldScale);
    const lnRest = Math.log(restScale);
    // Cluster template: the stock forms one closed cluster per study stage.
    const firstBacklogIdx = this.n;
    for (let k = 0; k < N; k++) {
      const rank = bk[k];
      const b = rank === RANK_WAITING ? B_FS : rank;
      const mw = size[k] * (b === B_POST_IA ? heldScale : restScale);
      const i = this.createProject(mw, lnSize[k] + (b === B_POST_IA ? lnHeld : lnRest), cfg.stockDated ? -age[k] : -1, k, true, b);
      aheadMW += mw;
      this.bucket[i] = b;
      if (rank === RANK_WAITING) {
        // Studied, waiting for capacity before its agreement: in line now, granted once the
        // upgrades under way are counted (runTrial), so they are not started twice.
        this.stage[i] = S_HEADROOM;
        this.hw.add(k, i, mw);
        this.waitingMW += mw;
        this.wdAt[i] = this.drawWithdrawal(i, B_FS, 0);
        this.schedule(i, this.wdAt[i]);
      } else if (b === B_POST_IA) {
        // Approved and building: it holds capacity that exists (the ledger counts it) outside today's spare.
        this.holds[i] = 1;
        if (cfg.headroomLimited) this.everMW += mw;
        this.approvedMW += mw;
        // A dated stock's agreement has already spent part of its build. Found in the phase on a
        // given date, it is a length-biased draw (inspection paradox): the time already spent is a
        // uniform share of a length-biased duration (lognormal: mu + sigma^2), never more than the
        // request's own age; the rest is drawn from the duration given that it lasted that long.
        if (cfg.stockResidualBuild) {
          const lb = Math.exp(this.distA[D_CONSTR] + this.distB[D_CONSTR] * (this.distB[D_CONSTR] + invNormal(ra.uniform())));
          const e = frac[k] * lb * this.constrScale(i);
          this.spent[i] = e < age[k] ? e : age[k];
        } else this.resid[i] = cfg.stockDated ? 1 : frac[k];
        this.wdAt[i] = this.drawWithdrawal(i, B_POST_IA, 0);
        this.startConstr(i, 0);
      } else if (cluster) {
        this.stage[i] = S_CLUSTER;
      } else if (alloc) {
        this.enterApply(i, 0);
      } else {
        // Inspection paradox: requests found in a study at a random date are the slow ones, so a
        // dated stock's remaining time is a whole fresh draw, not a uniform part of one.
        this.resid[i] = cfg.stockDated ? 1 : frac[k];
        this.enterStudy(i, b, 0);
        // Only a study under way today is part-way through; one still waiting starts afresh.
        if (this.stage[i] === S_STUDY_WAIT) this.resid[i] = 1;
      }
    }
    this.mwAhead = aheadMW;
    this.out.mwAheadAtEntry = aheadMW;
    if (cluster) {
      // Stock in a study or facilities step forms one closed cluster per step; stock not yet in a
      // study waits for the next window to close, like a request filed today (ahead of it in line).
      for (let step = 1; step < 3; step++) {
        const c = this.newCluster();
        for (let i = firstBacklogIdx; i < this.n; i++) {
          if (this.stage[i] === S_CLUSTER && this.bucket[i] === step) this.addMember(c, i);
        }
        this.cInit[c] = this.cActive[c];
        this.cSlip[c] = this.drawDist(D_SLIP, this.rs.uniform());
        if (this.cActive[c] > 0) this.clusterEnterStep(c, 0, step === 1 ? C_STUDY : C_FACILITIES, true);
      }
      this.openCluster = this.newCluster();
      this.openClose = this.nextCloseTime(-1);
      this.push(this.openClose, EV_CLUSTER, this.openCluster);
      for (let i = firstBacklogIdx; i < this.n; i++) {
        if (this.stage[i] === S_CLUSTER && this.bucket[i] === 0 && this.clusterOf[i] < 0) this.joinOpenCluster(i, 0);
      }
    }
    this.enterFirstStage(USER, 0);
  }

  /** The next cluster window close after `t`: the set dates first, then every window length. */
  private nextCloseTime(t: number): number {
    const cfg = this.cfg;
    const set = cfg.clusterCloseTimes;
    while (this.closeK < set.length) {
      const c = set[this.closeK++];
      if (c > t) return c;
    }
    return t < 0 ? cfg.clusterFirstClose : t + cfg.clusterWindow;
  }

  /** The next allocation round after `t`: the set dates first, then every round period. */
  private nextRoundTime(t: number): number {
    const cfg = this.cfg;
    const set = cfg.roundTimes;
    while (this.roundK < set.length) {
      const r = set[this.roundK++];
      if (r > t) return r;
    }
    return t < 0 ? cfg.roundFirst : t + cfg.roundPeriod;
  }

  private enterFirstStage(i: number, t: number): void {
    const tpl = this.cfg.template;
    if (tpl === TEMPLATE_CLUSTER) this.joinOpenCluster(i, t);
    else if (tpl === TEMPLATE_ALLOCATION) this.enterApply(i, t);
    else this.enterStudy(i, 0, t);
  }

  /**
   * Poisson arrivals: at a constant rate by exponential gaps; on a schedule by time change (the
   * k-th event of a unit-rate process at S_k arrives when ∫ rate = S_k), from the same stream.
   */
  private scheduleFirstArrival(): void {
    const cfg = this.cfg;
    const sched = cfg.arrivalSchedPerMonth;
    if (sched === null) {
      if (cfg.arrivalRatePerMonth > 0) this.nextArrival = -Math.log(this.ra.uniform()) / (cfg.arrivalRatePerMonth * this.arrivalsFactor);
      return;
    }
    const e = -Math.log(this.ra.uniform()) / this.arrivalsFactor;
    const t = invertIntegral(sched, 0, e);
    if (t < this.horizon) this.nextArrival = t;
  }

  private onArrival(t: number): void {
    const cfg = this.cfg;
    const ra = this.ra;
    const open = this.openCluster;
    if (open >= 0 && this.cLazy[open] === 1) this.addLight(open, t);
    else {
      const lnSize = this.drawArrivalSize(t);
      const size = this.arrivalMW;
      const i = this.createProject(size, lnSize, t, this.nextPos++, true);
      if (t >= cfg.cohortStart && t < cfg.cohortEnd) {
        this.out.cohortProjects++;
        this.out.cohortMW += size;
      }
      this.enterFirstStage(i, t);
    }
    const sched = cfg.arrivalSchedPerMonth;
    const next = sched === null ? t - Math.log(ra.uniform()) / (cfg.arrivalRatePerMonth * this.arrivalsFactor) : invertIntegral(sched, t, -Math.log(ra.uniform()) / this.arrivalsFactor);
    if (next < this.horizon) this.nextArrival = next;
  }

  /** The size of a request filed at t: returns ln MW and leaves the MW in arrivalMW (one draw from the arrivals stream). */
  private drawArrivalSize(t: number): number {
    const cfg = this.cfg;
    let lnSize = this.drawLnDist(D_SIZE, this.ra.uniform());
    let size = Math.exp(lnSize);
    if (cfg.sizeSched !== null) {
      const v = valueAt(cfg.sizeSched, t);
      if (v !== this.sizeSchedV) {
        this.sizeSchedV = v;
        this.sizeSchedLn = Math.log(v);
      }
      size *= v;
      lnSize += this.sizeSchedLn;
    }
    this.arrivalMW = size;
    return lnSize;
  }

  /** A request filed at t into lazy cluster c: its time and place in line, nothing drawn yet. */
  private addLight(c: number, t: number): void {
    if (this.lightN === this.lightT.length) {
      this.lightT = grownTo(this.lightT, this.lightN * 2);
      this.lightPos = grownTo(this.lightPos, this.lightN * 2);
    }
    this.lightT[this.lightN] = t;
    this.lightPos[this.lightN] = this.nextPos++;
    this.lightN++;
    this.cLightN[c]++;
  }

  // ---- draws and scheduling -----------------------------------------------------------------

  private drawDist(slot: number, u: number): number {
    if (this.distKind[slot] === DIST_EXPONENTIAL) return -this.distA[slot] * Math.log(u);
    return Math.exp(this.distA[slot] + this.distB[slot] * invNormal(u));
  }

  /** ln of drawDist(slot, u), the same draw: a lognormal's log needs no exp (exp of it is drawDist, bit for bit). */
  private drawLnDist(slot: number, u: number): number {
    if (this.distKind[slot] === DIST_EXPONENTIAL) return Math.log(-this.distA[slot] * Math.log(u));
    return this.distA[slot] + this.distB[slot] * invNormal(u);
  }

  /**
   * Absolute time of withdrawal for a phase (bucket b) entered at t; Infinity for the user or a zero
   * hazard. Each project draws one Exp(1) budget of cumulative hazard when it is created and spends
   * it phase by phase (rate × time spent): the same law as a fresh exponential clock per phase (the
   * clocks are memoryless), at one logarithm per project instead of one per phase.
   */
  private drawWithdrawal(i: number, b: number, t: number): number {
    const ws = this.cfg.withdrawalSched;
    const prevRate = this.segRate[i];
    if (prevRate > 0) {
      // A dated multiplier scales the hazard: spend rate × ∫ multiplier over the time in the phase.
      const spent = ws === null ? t - this.segStart[i] : integrate(ws, this.segStart[i], t);
      const left = this.ehaz[i] - prevRate * spent;
      this.ehaz[i] = left > 0 ? left : 0;
    }
    const rate = this.hazard[b] * this.hmul[i];
    this.segStart[i] = t;
    this.segRate[i] = rate;
    if (!(rate > 0)) return Infinity;
    return ws === null ? t + this.ehaz[i] / rate : invertIntegral(ws, t, this.ehaz[i] / rate);
  }

  private push(t: number, kind: number, idx = 0): void {
    this.heap.push(t, (idx << 3) | kind);
  }

  /** Makes `t` the project's one pending event (any earlier pending one becomes stale). */
  private schedule(i: number, t: number): void {
    if (this.due[i] === t) return;
    this.due[i] = t;
    if (t < this.horizon) this.heap.push(t, (i << 3) | EV_PROJECT);
  }

  private inCohort(i: number): boolean {
    const a = this.arrive[i];
    return i !== USER && a >= this.cfg.cohortStart && a < this.cfg.cohortEnd;
  }

  // ---- serial studies -----------------------------------------------------------------------

  private enterStudy(i: number, k: number, t: number): void {
    this.bucket[i] = k;
    this.stage[i] = S_STUDY_WAIT;
    this.enterAt[i] = t;
    this.wdAt[i] = this.drawWithdrawal(i, k, t);
    this.inStudy++;
    this.waiting.push(i);
    this.fillStudySlots(t);
    if (this.stage[i] === S_STUDY_WAIT) this.schedule(i, this.wdAt[i]);
  }

  /** First come, first served by queue position: the earliest waiting requests take free slots. */
  private fillStudySlots(t: number): void {
    const cap = this.studyCap;
    const waiting = this.waiting;
    while (this.busy < cap && waiting.size > 0) {
      const i = waiting.pop();
      if (this.stage[i] === S_STUDY_WAIT) this.startStudy(i, t);
    }
  }

  private startStudy(i: number, t: number): void {
    const cfg = this.cfg;
    this.busy++;
    this.stage[i] = S_STUDY;
    if (this.inCohort(i)) {
      this.out.studyWait += t - this.enterAt[i];
      this.out.studyWaits++;
    }
    // Congestion stretch (docs/method.md §1): Q requests in study against c slots.
    const over = this.inStudy / this.studyCap - 1;
    const stretch = over > 0 ? 1 + cfg.kappa * over : 1;
    let d = this.drawDist(this.bucket[i], this.rq.uniform()) * stretch * this.pace[i] * this.resid[i];
    if (cfg.studyDurSched !== null) d *= valueAt(cfg.studyDurSched, t);
    if (cfg.phaseDurSched !== null) {
      const ps = cfg.phaseDurSched[this.bucket[i]];
      if (ps) d *= valueAt(ps, t);
    }
    this.resid[i] = 1;
    const end = t + d;
    const wd = this.wdAt[i];
    this.schedule(i, wd < end ? wd : end);
  }

  private endStudy(i: number, t: number): void {
    this.busy--;
    this.inStudy--;
    const k = this.bucket[i];
    if (k + 1 < this.cfg.studyPhases) this.enterStudy(i, k + 1, t);
    else {
      this.fillStudySlots(t);
      this.reachIA(i, t);
    }
  }

  // ---- after IA: headroom and construction -------------------------------------------------

  /**
   * Studies done. Usually that is the agreement, and a request then waits for headroom holding it.
   * Where capacity is reserved at the agreement (headroom.reserveAtAgreement: Nordic reservations,
   * Russian technical conditions), no agreement is given without capacity: the request waits for
   * headroom in its last study phase (its hazard, not the agreement's) and agrees when granted.
   */
  private reachIA(i: number, t: number): void {
    const cfg = this.cfg;
    const limited = cfg.headroomLimited && cfg.template !== TEMPLATE_ALLOCATION;
    if (i === USER) this.out.userStudiesMonths = t;
    if (!(limited && cfg.reserveAtAgreement)) this.agree(i, t);
    if (!limited) {
      this.startConstr(i, t);
      return;
    }
    const m = this.mw[i];
    if ((this.hw.count === 0 || cfg.firstFit) && m <= this.available) {
      this.available -= m;
      this.grant(i, t);
      return;
    }
    // Wait in queue-position order; a large load builds meanwhile (headroom.buildWhileWaiting) and
    // is energized when both its build and its MW are ready.
    if (cfg.buildWhileWaiting) this.readyAt[i] = t + this.drawConstr(i, t);
    this.stage[i] = S_HEADROOM;
    const p = this.hpos[i];
    this.hw.add(p, i, m);
    this.waitingMW += m;
    this.allocateHeadroom(t);
    if (this.stage[i] === S_HEADROOM) {
      this.schedule(i, this.wdAt[i]);
      this.startUpgrades(t);
    }
  }

  /** The agreement: past it, a request counts as approved and withdraws at the post-agreement hazard. */
  private agree(i: number, t: number): void {
    if (i === USER) this.out.userIAMonths = t;
    else if (this.iaSink !== null && this.inCohort(i)) record(this.iaSink, t - this.arrive[i]);
    if (this.agreedSink !== null && i !== USER && t >= this.completedFrom && t < this.completedTo) record(this.agreedSink, t - this.arrive[i]);
    this.bucket[i] = B_POST_IA;
    this.approvedMW += this.mw[i];
    this.wdAt[i] = this.drawWithdrawal(i, B_POST_IA, t);
  }

  /** Request i holds its MW from t (already taken from spare): agreement if it waited for it, then the build. */
  private grant(i: number, t: number): void {
    this.holds[i] = 1;
    if (this.bucket[i] !== B_POST_IA) this.agree(i, t);
    // What holds the user back: months between its studies (or agreement) and its MW.
    if (i === USER) this.out.userHeadroomWait = t - this.out.userStudiesMonths;
    this.startConstr(i, t);
  }

  /**
   * Grants spare MW to waiting requests in queue order: first-fit grants every one that fits, strict
   * FIFO stops at the first that does not (waiting-tree.ts finds each in O(log n)).
   */
  private allocateHeadroom(t: number): void {
    const hw = this.hw;
    let from = 0;
    while (hw.count > 0) {
      const p = this.cfg.firstFit ? hw.firstFit(from, this.available) : hw.firstFit(0, Infinity);
      if (p < 0) return;
      const m = hw.mwAt(p);
      if (m > this.available) return;
      const i = hw.ownerAt(p);
      hw.remove(p);
      this.available -= m;
      this.waitingMW -= m;
      this.grant(i, t);
      from = p + 1;
    }
  }

  /** Starts network upgrades while the MW waiting exceed spare plus MW already being built. */
  private startUpgrades(t: number): void {
    const cfg = this.cfg;
    if (!cfg.headroomLimited) return;
    let deficit = this.waitingMW - this.available - this.upgrades * cfg.upgradeMW;
    while (deficit > 1e-9 && this.upgrades < cfg.maxUpgrades) {
      this.upgrades++;
      deficit -= cfg.upgradeMW;
      this.push(t + this.drawDist(D_UPGRADE, this.rh.uniform()), EV_UPGRADE);
    }
  }

  private startConstr(i: number, t: number): void {
    this.stage[i] = S_CONSTR;
    const ready = this.readyAt[i];
    const end = ready >= 0 ? (ready > t ? ready : t) : t + this.drawConstr(i, t);
    this.readyAt[i] = -1;
    const wd = this.wdAt[i];
    this.schedule(i, wd < end ? wd : end);
    if (i === USER) this.userHoldsCapacity(end);
  }

  /** A request's construction-time scale: its lane's pace × its size effect (phases.constrSizeElasticity). */
  private constrScale(i: number): number {
    const x = this.cfg.constrSizeExp;
    return x === 0 ? this.pace[i] : this.pace[i] * Math.exp(x * this.lnRel[i]);
  }

  /** A load's ramp-time scale: a campus energizes hall by hall, so larger requests take longer (ramp.sizeElasticity). */
  private rampScale(mw: number): number {
    const x = this.cfg.rampSizeExp;
    return x === 0 ? 1 : Math.pow(mw / this.cfg.sizeRefMW, x);
  }

  /** Months of construction for request i from t (the rest of it for a stock request already building). */
  private drawConstr(i: number, t: number): number {
    let d: number;
    const e = this.spent[i];
    const cfg = this.cfg;
    if (e > 0) {
      // The rest of a build already `e` months old: the duration given that it exceeds e.
      const mu = this.distA[D_CONSTR];
      const sg = this.distB[D_CONSTR];
      const pace = this.constrScale(i);
      const f0 = normalCdf((Math.log(e / pace) - mu) / sg);
      const u = f0 + this.rc.uniform() * (1 - f0);
      const full = Math.exp(mu + sg * invNormal(u < 1 - 1e-16 ? u : 1 - 1e-16)) * pace;
      d = full > e ? full - e : 0;
      this.spent[i] = 0;
    } else {
      const u = this.rc.uniform();
      const x = cfg.constrSizeExp;
      // A lognormal build with a size effect: the size factor folded into the exponent, one exp instead of two.
      const full = x !== 0 && this.distKind[D_CONSTR] !== DIST_EXPONENTIAL ? Math.exp(this.drawLnDist(D_CONSTR, u) + x * this.lnRel[i]) * this.pace[i] : this.drawDist(D_CONSTR, u) * this.constrScale(i);
      d = full * this.resid[i];
    }
    this.resid[i] = 1;
    if (cfg.constrDurSched !== null) d *= valueAt(cfg.constrDurSched, t);
    // The curtailable path (curtailment/) reuses the user's own build time: no extra draw.
    if (i === USER) this.out.userConstrMonths = d;
    return d;
  }

  // ---- leaving the queue --------------------------------------------------------------------

  private onProjectEvent(i: number, t: number): void {
    this.due[i] = -1;
    const st = this.stage[i];
    if (t === this.wdAt[i]) this.withdraw(i, t);
    else if (st === S_STUDY) this.endStudy(i, t);
    else if (st === S_CONSTR) this.energize(i, t);
  }

  private energize(i: number, t: number): void {
    this.stage[i] = S_ENERGIZED;
    const m = this.mw[i];
    const cfg = this.cfg;
    if (cfg.rampShare < 1) {
      // First block now, the rest over the ramp (drawn for the user, and for others only when the
      // run samples operating MW: the ramp stream is its own, so skipping draws shifts nothing).
      this.enAt[i] = t;
      if (i === USER) this.out.userRampMonths = this.drawDist(D_RAMP, this.rp.uniform()) * this.rampScale(m);
      else if (this.out.sampleTimes.length > 0) this.rampM[i] = this.drawDist(D_RAMP, this.rp.uniform()) * this.rampScale(m);
    }
    this.outEnergizedMW += m;
    this.leave(i, t, m);
    const o = this.out;
    const y = Math.floor(t / 12);
    // A whole-queue run only: a run for one request ends with it, which would cut every later year short.
    if (cfg.runToHorizon && y < this.years) o.energizedMWByYear[y] += m;
    if (this.inCohort(i)) {
      o.energized++;
      o.energizedMW += m;
      if (this.energizeSink !== null) record(this.energizeSink, t - this.arrive[i]);
    }
    if (this.completedSink !== null && i !== USER && t >= this.completedFrom && t < this.completedTo) record(this.completedSink, t - this.arrive[i]);
    if (i === USER) {
      o.userMonths = t;
      if (!cfg.runToHorizon) this.stopped = true;
    }
  }

  /**
   * The user's request holds its capacity and builds (or, with an unlimited grid, has its agreement):
   * its energization is fixed, and the requests still earlier in line compete for nothing it needs, so
   * the MW ahead of it is 0 from here (the queue-ahead fan counts what stands between a request and its
   * grid capacity).
   */
  private userHoldsCapacity(end: number): void {
    this.aheadCounts = false;
    this.mwAhead = 0;
    // The user never withdraws and nothing reschedules its build: its months to power are known now.
    // Every event after this (half of a Texas trial) could only move other requests' outputs.
    if (this.endsWithUser) {
      this.userEnd = end;
      this.stopped = true;
    }
  }

  private withdraw(i: number, t: number): void {
    const st = this.stage[i];
    this.stage[i] = S_WITHDRAWN;
    // A loser giving up in a round still has its withdrawal clock pending: void it.
    this.due[i] = -1;
    const m = this.mw[i];
    if (st === S_STUDY_WAIT) this.inStudy--;
    else if (st === S_STUDY) {
      this.busy--;
      this.inStudy--;
      this.fillStudySlots(t);
    } else if (st === S_CLUSTER) this.cActive[this.clusterOf[i]]--;
    else if (st === S_HEADROOM) {
      this.hw.remove(this.hpos[i]);
      this.waitingMW -= m;
      // Requests behind it may fit now (strict FIFO was blocked by it).
      this.allocateHeadroom(t);
    } else if (st === S_CONSTR && this.holds[i] === 1 && this.cfg.headroomLimited && this.cfg.template !== TEMPLATE_ALLOCATION) {
      // Only MW it held comes back: the ledger counted it when it was granted (or in the stock).
      this.holds[i] = 0;
      this.available += m;
      this.allocateHeadroom(t);
    }
    this.outWithdrawnMW += m;
    this.leave(i, t, m);
    if (this.inCohort(i)) {
      const b = this.bucket[i];
      this.out.withdrawn[b]++;
      this.out.withdrawnMW[b] += m;
    }
  }

  private leave(i: number, t: number, m: number): void {
    this.activeN--;
    this.activeMW -= m;
    if (i !== USER && this.arrive[i] >= 0) this.procActiveN--;
    if (this.aheadCounts && this.pos[i] < this.userPos) this.mwAhead -= m;
    if (this.cfg.runToHorizon && this.inCohort(i)) {
      this.out.littleArrivals++;
      this.out.littleSojourn += t - this.arrive[i];
    }
  }

  // ---- cluster template ---------------------------------------------------------------------

  private newCluster(): number {
    const c = this.clusterN++;
    if (c === this.cStart.length) {
      const n = c * 2;
      this.cStart = grownTo(this.cStart, n);
      this.cCount = grownTo(this.cCount, n);
      this.cInit = grownTo(this.cInit, n);
      this.cActive = grownTo(this.cActive, n);
      this.cLightFrom = grownTo(this.cLightFrom, n);
      this.cLightN = grownTo(this.cLightN, n);
      this.cStep = grownTo(this.cStep, n);
      this.cLazy = grownTo(this.cLazy, n);
      this.cSlip = grownTo(this.cSlip, n);
      this.cClosedAt = grownTo(this.cClosedAt, n);
      this.cStudyFrom = grownTo(this.cStudyFrom, n);
    }
    this.cStart[c] = this.memberN;
    this.cCount[c] = 0;
    this.cInit[c] = 0;
    this.cActive[c] = 0;
    this.cStep[c] = C_WINDOW;
    this.cLazy[c] = 0;
    this.cLightFrom[c] = this.lightN;
    this.cLightN[c] = 0;
    return c;
  }

  /** Whether a cluster opened at t holds its requests as light records (see cLazy). */
  private lazyCluster(t: number): boolean {
    return this.lazyRun && this.clusterOf[USER] >= 0 && t >= this.lastScreenAt;
  }

  private addMember(c: number, i: number): void {
    if (this.memberN === this.members.length) {
      this.members = grownTo(this.members, this.members.length * 2);
    }
    this.members[this.memberN++] = i;
    this.cCount[c]++;
    this.cActive[c]++;
    this.clusterOf[i] = c;
    this.stage[i] = S_CLUSTER;
  }

  /** A request waits in the open window until it closes; it may withdraw meanwhile. */
  private joinOpenCluster(i: number, t: number): void {
    this.addMember(this.openCluster, i);
    this.bucket[i] = 0;
    const wd = this.drawWithdrawal(i, 0, t);
    this.wdAt[i] = wd;
    if (wd < this.openClose) this.schedule(i, wd);
  }

  /**
   * Starts step `step` of cluster c at t: the step lasts its base duration × the cluster's shared
   * slip factor, and each member draws a withdrawal clock for it (memoryless, so redrawing at each
   * step is the same law as one clock per phase).
   */
  private clusterEnterStep(c: number, t: number, step: number, backlogResidual = false): void {
    const cfg = this.cfg;
    this.cStep[c] = step;
    let base: number;
    let b: number;
    if (step === C_ENGAGE) {
      base = cfg.clusterEngagement;
      b = 0;
    } else if (step === C_STUDY || step === C_RESTUDY) {
      base = step === C_STUDY ? cfg.clusterStudy : cfg.clusterRestudy;
      b = 1;
    } else {
      base = this.drawDist(D_FACILITIES, this.rs.uniform());
      b = B_FS;
    }
    let d = base * this.cSlip[c];
    if (cfg.studyDurSched !== null) d *= valueAt(cfg.studyDurSched, t);
    if (cfg.phaseDurSched !== null) {
      const ps = cfg.phaseDurSched[b];
      if (ps) d *= valueAt(ps, t);
    }
    if (backlogResidual) {
      // The stock's cycle resumes where it stands: its step ends on the published date, later if the
      // cycle slips (never earlier); without a date the step starts afresh on the as-of date.
      const end = step === C_STUDY ? cfg.stockStudyEnd : step === C_FACILITIES ? cfg.stockFacilitiesEnd : NaN;
      if (end === end) d = end * (this.cSlip[c] > 1 ? this.cSlip[c] : 1);
    }
    const end = t + d;
    const members = this.members;
    const from = this.cStart[c];
    const to = from + this.cCount[c];
    // Members that left (withdrew) are dropped from the list as we go, keeping the order of those
    // that stay: later steps visit only active members, with the same draws in the same order.
    let w = from;
    for (let j = from; j < to; j++) {
      const i = members[j];
      if (this.stage[i] !== S_CLUSTER) continue;
      members[w++] = i;
      this.bucket[i] = b;
      this.due[i] = -1;
      const wd = this.drawWithdrawal(i, b, t);
      this.wdAt[i] = wd;
      if (wd < end) this.schedule(i, wd);
    }
    this.cCount[c] = w - from;
    this.push(end, EV_CLUSTER, c);
  }

  private onClusterStep(c: number, t: number): void {
    const cfg = this.cfg;
    const step = this.cStep[c];
    if (step === C_WINDOW) {
      // The window closes: a new one opens and this cluster starts its studies.
      this.openCluster = this.newCluster();
      if (this.lazyCluster(t)) this.cLazy[this.openCluster] = 1;
      this.openClose = this.nextCloseTime(t);
      this.push(this.openClose, EV_CLUSTER, this.openCluster);
      if (this.cLazy[c] === 1) {
        // Light records: who withdrew in the window is known only when the study ends (materialize).
        if (this.cLightN[c] === 0) {
          this.cStep[c] = C_DONE;
          return;
        }
        this.cClosedAt[c] = t;
        this.cSlip[c] = this.drawDist(D_SLIP, this.rs.uniform());
        this.clusterEnterStep(c, t, C_ENGAGE);
        return;
      }
      this.cInit[c] = this.cActive[c];
      if (this.cActive[c] === 0) {
        this.cStep[c] = C_DONE;
        return;
      }
      this.cSlip[c] = this.drawDist(D_SLIP, this.rs.uniform());
      this.clusterEnterStep(c, t, C_ENGAGE);
      return;
    }
    if (this.cLazy[c] === 1) {
      if (step === C_ENGAGE) {
        this.cStudyFrom[c] = t;
        this.clusterEnterStep(c, t, C_STUDY);
        return;
      }
      // The study ends: its requests are drawn with what they lived through since filing.
      this.materialize(c, t);
    }
    if (this.cActive[c] === 0) {
      this.cStep[c] = C_DONE;
      return;
    }
    if (step === C_ENGAGE) this.clusterEnterStep(c, t, C_STUDY);
    else if (step === C_STUDY) {
      // Restudy is likelier the more of the cluster withdrew (docs/method.md §1).
      const withdrewShare = 1 - this.cActive[c] / this.cInit[c];
      const p = cfg.restudyBase + cfg.restudySlope * withdrewShare;
      const u = this.rs.uniform();
      this.clusterEnterStep(c, t, u < p && cfg.clusterRestudy > 0 ? C_RESTUDY : C_FACILITIES);
    } else if (step === C_RESTUDY) this.clusterEnterStep(c, t, C_FACILITIES);
    else if (step === C_FACILITIES) {
      this.cStep[c] = C_DONE;
      const members = this.members;
      const from = this.cStart[c];
      const to = from + this.cCount[c];
      // A cluster's members are studied together and stand on one footing for headroom: they share
      // out the cluster's queue positions in a random order (a stand-in for how the ISO allocates
      // within a batch), so filing a day earlier buys no priority inside the batch.
      const rs = this.rs;
      for (let j = to - 1; j > from; j--) {
        const k = from + Math.floor(rs.uniform() * (j - from + 1));
        const a = members[j];
        const b = members[k];
        const tmp = this.hpos[a];
        this.hpos[a] = this.hpos[b];
        this.hpos[b] = tmp;
      }
      for (let j = from; j < to; j++) {
        const i = members[j];
        if (this.stage[i] === S_CLUSTER) this.reachIA(i, t);
      }
    }
  }

  /**
   * Lazy cluster c's study ends at t: each light record becomes the request it would have been, with
   * the same draws an eager run makes (its size at its filing date, then createProject's), and the
   * same withdrawal clock spent segment by segment as joinOpenCluster and clusterEnterStep spend it:
   * the window from filing to the close (the withdrawal rate of the first phase), the engagement
   * (the same rate, a new segment), the study (the second phase's rate). One that withdrew on the way
   * leaves at that time, unseen by anything else (a request in a cluster step holds nothing and
   * stands behind the user); the rest are members from here, as if they had been all along.
   */
  private materialize(c: number, t: number): void {
    const closed = this.cClosedAt[c];
    const studyFrom = this.cStudyFrom[c];
    const from = this.cLightFrom[c];
    const to = from + this.cLightN[c];
    this.cLazy[c] = 0;
    // Its members go at the end of the member list (later lazy clusters have none yet, or come after).
    this.cStart[c] = this.memberN;
    this.cCount[c] = 0;
    this.cActive[c] = 0;
    let atClose = 0;
    for (let k = from; k < to; k++) {
      const a = this.lightT[k];
      const lnSize = this.drawArrivalSize(a);
      const i = this.createProject(this.arrivalMW, lnSize, a, this.lightPos[k], true);
      this.bucket[i] = 0;
      let wd = this.drawWithdrawal(i, 0, a);
      if (wd < closed) {
        this.leaveUnseen(i, wd);
        continue;
      }
      atClose++;
      wd = this.drawWithdrawal(i, 0, closed);
      if (wd < studyFrom) {
        this.leaveUnseen(i, wd);
        continue;
      }
      wd = this.drawWithdrawal(i, 1, studyFrom);
      if (wd < t) {
        this.leaveUnseen(i, wd);
        continue;
      }
      this.addMember(c, i);
      this.bucket[i] = 1;
      this.wdAt[i] = wd;
    }
    this.cInit[c] = atClose;
  }

  /** A materialized request that withdrew at t before anything could see it. */
  private leaveUnseen(i: number, t: number): void {
    const m = this.mw[i];
    this.stage[i] = S_WITHDRAWN;
    this.due[i] = -1;
    this.outWithdrawnMW += m;
    this.leave(i, t, m);
  }

  // ---- allocation template ------------------------------------------------------------------

  private enterApply(i: number, t: number): void {
    this.stage[i] = S_APPLY;
    this.bucket[i] = 0;
    if (this.appsN === this.apps.length) {
      this.apps = grownTo(this.apps, this.apps.length * 2);
    }
    this.apps[this.appsN++] = i;
    const wd = this.drawWithdrawal(i, 0, t);
    this.wdAt[i] = wd;
    this.schedule(i, wd);
  }

  /**
   * One allocation round (Singapore DC-CFA style): applicants in random order (a stand-in for the
   * merit ranking) win while awards stay within the round's share of applicants and its MW; losers
   * re-apply next round or give up.
   */
  private onRound(t: number): void {
    const cfg = this.cfg;
    const rs = this.rs;
    const apps = this.apps;
    let n = 0;
    for (let j = 0; j < this.appsN; j++) if (this.stage[apps[j]] === S_APPLY) apps[n++] = apps[j];
    for (let j = n - 1; j > 0; j--) {
      const k = Math.floor(rs.uniform() * (j + 1));
      const tmp = apps[j];
      apps[j] = apps[k];
      apps[k] = tmp;
    }
    const maxAwards = Math.max(1, Math.round(cfg.awardShare * n));
    let budget = cfg.mwPerRound;
    let awards = 0;
    let keep = 0;
    for (let j = 0; j < n; j++) {
      const i = apps[j];
      const m = this.mw[i];
      if (awards < maxAwards && m <= budget) {
        awards++;
        budget -= m;
        this.due[i] = -1;
        this.reachIA(i, t);
      } else if (i !== USER && rs.uniform() < cfg.giveUpProb) {
        this.withdraw(i, t);
      } else apps[keep++] = i;
    }
    this.appsN = keep;
    const next = this.nextRoundTime(t);
    if (next < this.horizon) this.push(next, EV_ROUND);
  }

  // ---- dated actions ------------------------------------------------------------------------

  private onTimed(k: number, t: number): void {
    const cfg = this.cfg;
    const kind = cfg.timedKind[k];
    if (kind === TIMED_SCREEN) this.screen(cfg.timedArg[k], t);
    else if (kind === TIMED_HEADROOM) {
      if (!cfg.headroomLimited) return;
      this.available += cfg.timedArg[k];
      this.everMW += cfg.timedArg[k];
      this.allocateHeadroom(t);
    } else {
      this.studyCap = cfg.timedArg[k];
      this.fillStudySlots(t);
    }
  }

  /**
   * A readiness screen (a deposit, a sign-up deadline, a decision point): every active request not
   * yet past its agreement stays with probability `stay`, one draw each from the rules stream in
   * queue order. The user's request stays (it is the one being planned).
   */
  private screen(stay: number, t: number): void {
    const rr = this.rr;
    for (let i = 1; i < this.n; i++) {
      const st = this.stage[i];
      if (st !== S_STUDY_WAIT && st !== S_STUDY && st !== S_CLUSTER && st !== S_APPLY) continue;
      if (rr.uniform() >= stay) this.withdraw(i, t);
    }
  }

  /** Records the queue at each sample time up to t (backtests read the stock on published dates). */
  private takeSamples(t: number): void {
    const o = this.out;
    const times = o.sampleTimes;
    while (this.sampleIdx < times.length && times[this.sampleIdx] <= t) {
      const k = this.sampleIdx++;
      o.sampleActiveMW[k] = this.activeMW > 1e-6 ? this.activeMW : 0;
      o.sampleActiveN[k] = this.activeN;
      o.sampleInMW[k] = this.inMW;
      o.sampleEnergizedMW[k] = this.outEnergizedMW;
      o.sampleWithdrawnMW[k] = this.outWithdrawnMW;
      o.sampleApprovedMW[k] = this.approvedMW;
      o.sampleOperatingMW[k] = this.cfg.rampShare < 1 ? this.operatingMW(times[k]) : this.outEnergizedMW;
      if (this.cfg.stockShape) this.recordShape(k, times[k]);
    }
    this.nextSample = this.sampleIdx < times.length ? times[this.sampleIdx] : Infinity;
  }

  /** The stock's shape at sample k (time s): mean months since filing and MW by phase, user left out. */
  private recordShape(k: number, s: number): void {
    const o = this.out;
    let n = 0;
    let ageSum = 0;
    let waiting = 0;
    for (let b = 0; b < 4; b++) o.sampleMWByPhase[4 * k + b] = 0;
    for (let i = 1; i < this.n; i++) {
      const st = this.stage[i];
      if (st === S_ENERGIZED || st === S_WITHDRAWN) continue;
      n++;
      ageSum += s - this.arrive[i];
      o.sampleMWByPhase[4 * k + this.bucket[i]] += this.mw[i];
      if (st === S_HEADROOM && this.bucket[i] !== B_POST_IA) waiting += this.mw[i];
    }
    o.sampleWaitingMW[k] = waiting;
    o.sampleMeanAge[k] = n > 0 ? ageSum / n : NaN;
  }

  /** MW drawing power at time s: each energized load's first block plus the ramped share of the rest. */
  private operatingMW(s: number): number {
    const f = this.cfg.rampShare;
    let sum = 0;
    for (let i = 1; i < this.n; i++) {
      if (this.stage[i] !== S_ENERGIZED || this.enAt[i] > s) continue;
      const r = (s - this.enAt[i]) / this.rampM[i];
      sum += this.mw[i] * (r >= 1 ? 1 : f + (1 - f) * r);
    }
    return sum;
  }

  /**
   * Conservation checks (tests, never the hot loop). MW: everything that entered is energized,
   * withdrawn or still active. Capacity: spare + held by active or energized requests = every MW of
   * headroom that ever existed (spare at the start, held by the stock, upgrades, dated additions).
   */
  ledgers(): { inMW: number; energizedMW: number; withdrawnMW: number; activeMW: number; spareMW: number; heldMW: number; everMW: number; approvedMW: number } {
    let active = 0;
    let held = 0;
    for (let i = 0; i < this.n; i++) {
      const st = this.stage[i];
      if (st !== S_WITHDRAWN && st !== S_ENERGIZED) active += this.mw[i];
      if (this.holds[i] === 1 && st !== S_WITHDRAWN) held += this.mw[i];
    }
    return {
      inMW: this.inMW,
      energizedMW: this.outEnergizedMW,
      withdrawnMW: this.outWithdrawnMW,
      activeMW: active,
      spareMW: this.available,
      heldMW: held,
      everMW: this.everMW,
      approvedMW: this.approvedMW,
    };
  }

  /** Filing times (months from the as-of date; negative = filed before it) of the last trial's requests, user first (tests). */
  filingTimes(): Float64Array {
    return this.arrive.slice(0, this.n);
  }

  // ---- outputs ------------------------------------------------------------------------------

  private snapshotYear(y: number): void {
    const o = this.out;
    o.aheadAtYearEnd[y] = this.mwAhead > 1e-6 ? this.mwAhead : 0;
    o.activeAtYearEnd[y] = this.activeMW > 1e-6 ? this.activeMW : 0;
  }

  /** ∫ active requests dt over the cohort window, for Little's law. */
  private integrateActive(t: number): void {
    const cfg = this.cfg;
    const a = this.lastT > cfg.cohortStart ? this.lastT : cfg.cohortStart;
    const b = t < cfg.cohortEnd ? t : cfg.cohortEnd;
    // L counts requests that arrived during the run: the stock drains on its own clock and is not
    // in steady state, so counting it would report deviations that are not errors of the engine.
    if (b > a) this.out.littleArea += this.procActiveN * (b - a);
    this.lastT = t;
  }

  /** At the horizon: close the Little integral and count cohort requests still in the queue. */
  private finishValidation(): void {
    this.integrateActive(this.horizon);
    const o = this.out;
    for (let i = 1; i < this.n; i++) {
      const st = this.stage[i];
      if (st !== S_ENERGIZED && st !== S_WITHDRAWN && this.inCohort(i)) {
        o.stillActive++;
        o.littleArrivals++;
        o.littleSojourn += this.horizon - this.arrive[i];
      }
    }
  }
}
