/**
 * QueueParams (what users edit: P50/P90 months, hazards per year) → EngineConfig (what the event
 * loop reads: mu/sigma, rates per month). Tests build or tweak an EngineConfig directly, which is how
 * the M/M/1 and M/M/c checks get exponential service that no user-facing preset offers.
 */
import { lognormalFromP50P90, Z90 } from '../distributions';
import type { P50P90, QueueParams } from './params';
import { compileSchedule, integrate, monthsBetween, type CompiledSchedule } from './schedule';

export const TEMPLATE_SERIAL = 0;
export const TEMPLATE_CLUSTER = 1;
export const TEMPLATE_ALLOCATION = 2;

/** Duration laws: lognormal (a = mu, b = sigma of ln months) or exponential (a = mean months). */
export const DIST_LOGNORMAL = 0;
export const DIST_EXPONENTIAL = 1;

/** Slots of the duration table (EngineConfig.dist*). */
export const D_FEAS = 0;
export const D_SIS = 1;
export const D_FS = 2;
export const D_CONSTR = 3;
export const D_UPGRADE = 4;
/** request size, MW (lognormal) */
export const D_SIZE = 5;
export const D_FACILITIES = 6;
/** cluster slip factor, unitless (lognormal) */
export const D_SLIP = 7;
/** age of a stock request at the as-of date, months (lognormal) */
export const D_AGE = 8;
/** months from a large load's first block to its full request (lognormal; params.ts ramp) */
export const D_RAMP = 9;
export const D_SLOTS = 10;

/** Dated actions (EngineConfig.timed*): a readiness screen, a new study capacity, headroom added. */
export const TIMED_SCREEN = 0;
export const TIMED_STUDY_CAPACITY = 1;
export const TIMED_HEADROOM = 2;

/** Withdrawal buckets (LBNL's phase at withdrawal, docs/data-sources.md §1.3). */
export const B_FEAS = 0;
export const B_SIS = 1;
export const B_FS = 2;
export const B_POST_IA = 3;

/** Numeric configuration of one engine. Months and MW throughout. */
export interface EngineConfig {
  template: number;
  horizon: number;
  /** per slot: DIST_* law and its two parameters */
  distKind: Uint8Array;
  distA: Float64Array;
  distB: Float64Array;
  /** withdrawal rate per month by bucket B_* */
  hazardPerMonth: Float64Array;
  sizeElasticity: number;
  /** per-trial factors on the arrival rate and withdrawal hazards: lognormal mu/sigma, or null (exact inputs) */
  uncertainty: { arrivalsMu: number; arrivalsSigma: number; withdrawalMu: number; withdrawalSigma: number } | null;
  /** two kinds of request (params.ts withdrawal.steadyShare): share s steady at factor cLo, the rest at cHi (mean 1); s = 0: all alike */
  steadyShare: number;
  steadyLo: number;
  steadyHi: number;
  fastLaneShare: number;
  fastLaneFactor: number;
  /** ln-sd of each request's pace factor on its phase durations (params.ts phases.paceP90); 0: all alike */
  paceSigma: number;
  /** MW at which the size multiplier of the hazard is 1 */
  sizeRefMW: number;
  studyCapacity: number;
  kappa: number;
  /** serial study phases run (3: feasibility, SIS, facilities; tests use 1 for a single-stage queue) */
  studyPhases: number;
  headroomLimited: boolean;
  initialMW: number;
  upgradeMW: number;
  maxUpgrades: number;
  upgradesUnderWay: number;
  /** dated upgrades under way (params.ts headroom.inProgress): in-service month ~ N(median, sd) cut at 0, and MW */
  datedUpgradeMedian: Float64Array;
  datedUpgradeSd: Float64Array;
  datedUpgradeMW: Float64Array;
  /** construction time × (MW / sizeRefMW)^constrSizeExp (0: size does not matter) */
  constrSizeExp: number;
  /** a load builds while it waits for headroom (energized when both are ready) rather than after */
  buildWhileWaiting: boolean;
  /** no agreement without capacity: requests wait for headroom before their agreement */
  reserveAtAgreement: boolean;
  /** share of a request energized at once (1: no ramp; D_RAMP months to the rest) */
  rampShare: number;
  /** ramp months × (MW / sizeRefMW)^rampSizeExp (0: size does not matter) */
  rampSizeExp: number;
  /** cluster stock: months from the as-of date to the published end of its study / facilities step (NaN: none) */
  stockStudyEnd: number;
  stockFacilitiesEnd: number;
  firstFit: boolean;
  arrivalRatePerMonth: number;
  backlogCount: number;
  /** shares of the backlog by bucket B_* (sum 1 with backlogWaitingShare, taken from the FS bucket's end) */
  backlogShares: Float64Array;
  /** share of the backlog studied and waiting for capacity before its agreement (reserveAtAgreement) */
  backlogWaitingShare: number;
  userMW: number;
  clusterFirstClose: number;
  clusterWindow: number;
  clusterEngagement: number;
  clusterStudy: number;
  clusterRestudy: number;
  restudyBase: number;
  restudySlope: number;
  roundFirst: number;
  roundPeriod: number;
  mwPerRound: number;
  awardShare: number;
  giveUpProb: number;
  /** dated stock: sizes of the stock scaled to these MW each trial (NaN: drawn sizes as they come) */
  stockTotalMW: number;
  stockHeldMW: number;
  /** stock requests have filing dates (ages from D_AGE) and phase clocks consistent with them */
  stockDated: boolean;
  /** the stock's agreements draw the rest of a build under way (true) or a whole build (false) */
  stockResidualBuild: boolean;
  /** schedules on the engine clock, null when the input is constant (then the constant-rate code runs) */
  arrivalSchedPerMonth: CompiledSchedule | null;
  sizeSched: CompiledSchedule | null;
  withdrawalSched: CompiledSchedule | null;
  /** × study / construction durations drawn at a time (null: 1) */
  studyDurSched: CompiledSchedule | null;
  constrDurSched: CompiledSchedule | null;
  /** per study phase (feasibility, system impact, facilities): × on top of studyDurSched; null when no phase has one */
  phaseDurSched: Array<CompiledSchedule | null> | null;
  /** dated actions in time order: kind TIMED_*, argument (stay probability, capacity, MW) */
  timedT: Float64Array;
  timedKind: Uint8Array;
  timedArg: Float64Array;
  /** cluster windows / allocation rounds at set times before the periodic ones (months, ascending) */
  clusterCloseTimes: Float64Array;
  roundTimes: Float64Array;
  /** months at which a trial records the queue's stock and flows (backtests); empty = none */
  sampleTimes: Float64Array;
  /** record the stock's shape (mean age, MW by phase) at each sample time (the stock-shape report) */
  stockShape: boolean;
  /** simulate to the horizon even after the user's request is energized (validation) */
  runToHorizon: boolean;
  /**
   * clusters filed after the user's keep their requests as light records until their study ends, in
   * a run that ends with the user (engine.ts materialize(); the same law, fewer draws). Always on
   * outside tests, which turn it off to compare the two.
   */
  lazyClusters: boolean;
  /** requests arriving in [cohortStart, cohortEnd) months feed the validation counters */
  cohortStart: number;
  cohortEnd: number;
}

function setLn(cfg: EngineConfig, slot: number, d: P50P90): void {
  const ln = lognormalFromP50P90(d.p50, d.p90);
  cfg.distKind[slot] = DIST_LOGNORMAL;
  cfg.distA[slot] = ln.mu;
  cfg.distB[slot] = ln.sigma;
}

/** Default validation cohort: requests arriving in the second quarter of the horizon (after warm-up). */
export function defaultCohort(horizon: number): [start: number, end: number] {
  return [horizon / 4, horizon / 2];
}

/** Compiles validated parameters for a request of `userMW` MW. */
export function compileQueueParams(p: QueueParams, userMW: number, runToHorizon = false): EngineConfig {
  const [cohortStart, cohortEnd] = defaultCohort(p.horizonMonths);
  const cl = p.cluster;
  const al = p.allocation;
  const cfg: EngineConfig = {
    template: p.template === 'serial' ? TEMPLATE_SERIAL : p.template === 'cluster' ? TEMPLATE_CLUSTER : TEMPLATE_ALLOCATION,
    horizon: p.horizonMonths,
    distKind: new Uint8Array(D_SLOTS),
    distA: new Float64Array(D_SLOTS),
    distB: new Float64Array(D_SLOTS),
    hazardPerMonth: Float64Array.from([p.withdrawal.feas, p.withdrawal.sis, p.withdrawal.fs, p.withdrawal.postIa], (h) => h / 12),
    sizeElasticity: p.withdrawal.sizeElasticity,
    steadyShare: p.withdrawal.steadyShare ?? 0,
    steadyLo: p.withdrawal.steadyFactor ?? 1,
    steadyHi: p.withdrawal.steadyShare !== undefined && p.withdrawal.steadyFactor !== undefined ? (1 - p.withdrawal.steadyShare * p.withdrawal.steadyFactor) / (1 - p.withdrawal.steadyShare) : 1,
    uncertainty: p.uncertainty
      ? (() => {
          const a = lognormalFromP50P90(p.uncertainty.arrivalsFactor.p50, p.uncertainty.arrivalsFactor.p90);
          const w = lognormalFromP50P90(p.uncertainty.withdrawalFactor.p50, p.uncertainty.withdrawalFactor.p90);
          return { arrivalsMu: a.mu, arrivalsSigma: a.sigma, withdrawalMu: w.mu, withdrawalSigma: w.sigma };
        })()
      : null,
    fastLaneShare: p.fastLane.share,
    fastLaneFactor: p.fastLane.durationFactor,
    paceSigma: Math.log(p.phases.paceP90 ?? 1) / Z90,
    sizeRefMW: p.arrivals.sizeMW.p50,
    studyCapacity: p.study.capacity,
    kappa: p.study.kappa,
    studyPhases: 3,
    headroomLimited: p.headroom.limited,
    initialMW: p.headroom.initialMW,
    upgradeMW: p.headroom.upgradeMW,
    maxUpgrades: p.headroom.maxConcurrentUpgrades,
    upgradesUnderWay: p.headroom.upgradesUnderWay ?? 0,
    datedUpgradeMedian: new Float64Array(0),
    datedUpgradeSd: new Float64Array(0),
    datedUpgradeMW: new Float64Array(0),
    rampShare: p.ramp ? p.ramp.firstBlockShare : 1,
    rampSizeExp: p.ramp?.sizeElasticity ?? 0,
    buildWhileWaiting: p.headroom.buildWhileWaiting === true,
    reserveAtAgreement: p.headroom.reserveAtAgreement === true,
    constrSizeExp: p.phases.constrSizeElasticity ?? 0,
    stockStudyEnd: NaN,
    stockFacilitiesEnd: NaN,
    firstFit: p.headroom.rule === 'first-fit',
    arrivalRatePerMonth: p.arrivals.ratePerYear / 12,
    backlogCount: p.backlog.count,
    backlogShares: Float64Array.from([p.backlog.shares.feas, p.backlog.shares.sis, p.backlog.shares.fs, p.backlog.shares.postIa]),
    backlogWaitingShare: p.backlog.shares.waiting ?? 0,
    userMW,
    clusterFirstClose: cl?.firstCloseMonths ?? 0,
    clusterWindow: cl?.windowMonths ?? 1,
    clusterEngagement: cl?.engagementMonths ?? 0,
    clusterStudy: cl?.studyMonths ?? 0,
    clusterRestudy: cl?.restudyMonths ?? 0,
    restudyBase: cl?.restudyBaseProb ?? 0,
    restudySlope: cl?.restudyPerWithdrawnShare ?? 0,
    roundFirst: al?.firstRoundMonths ?? 0,
    roundPeriod: al?.roundPeriodMonths ?? 1,
    mwPerRound: al?.mwPerRound ?? 0,
    awardShare: al?.awardShare ?? 0,
    giveUpProb: al?.giveUpProb ?? 0,
    stockTotalMW: p.stock?.totalMW ?? NaN,
    stockHeldMW: p.stock?.heldMW ?? NaN,
    stockDated: p.stock !== undefined,
    stockResidualBuild: p.stock !== undefined && p.stock.agreements !== 'fresh',
    arrivalSchedPerMonth: null,
    sizeSched: null,
    withdrawalSched: null,
    studyDurSched: null,
    constrDurSched: null,
    phaseDurSched: null,
    timedT: new Float64Array(0),
    timedKind: new Uint8Array(0),
    timedArg: new Float64Array(0),
    clusterCloseTimes: new Float64Array(0),
    roundTimes: new Float64Array(0),
    sampleTimes: new Float64Array(0),
    stockShape: false,
    runToHorizon,
    lazyClusters: true,
    cohortStart,
    cohortEnd,
  };
  compileTime(p, cfg);
  setLn(cfg, D_FEAS, p.phases.feas);
  setLn(cfg, D_SIS, p.phases.sis);
  setLn(cfg, D_FS, p.phases.fs);
  setLn(cfg, D_CONSTR, p.phases.constr);
  setLn(cfg, D_UPGRADE, p.headroom.upgradeLead);
  setLn(cfg, D_SIZE, p.arrivals.sizeMW);
  setLn(cfg, D_FACILITIES, cl?.facilities ?? { p50: 1, p90: 1 });
  setLn(cfg, D_SLIP, cl?.slip ?? { p50: 1, p90: 1 });
  setLn(cfg, D_AGE, p.stock?.ageMonths ?? { p50: 1, p90: 1 });
  setLn(cfg, D_RAMP, p.ramp?.months ?? { p50: 1, p90: 1 });
  return cfg;
}

/** Months from a dated series of values to per-month engine values. */
function perMonth(s: CompiledSchedule, k: number): CompiledSchedule {
  return { t: s.t, v: s.v.map((v) => v * k), linear: s.linear };
}

/**
 * Schedules and dated rules onto the engine clock (months since stock.asOf). Headroom added at a
 * rate becomes one event a month (its exact integral over that month), study-capacity changes one
 * event per point, screens one event each; only times inside (0, horizon) are kept.
 */
function compileTime(p: QueueParams, cfg: EngineConfig): void {
  const asOf = p.stock?.asOf;
  const sch = p.schedules;
  if (!asOf) return;
  if (sch?.arrivalsPerYear) cfg.arrivalSchedPerMonth = perMonth(compileSchedule(sch.arrivalsPerYear, asOf), 1 / 12);
  if (sch?.sizeFactor) cfg.sizeSched = compileSchedule(sch.sizeFactor, asOf);
  if (sch?.withdrawalFactor) cfg.withdrawalSched = compileSchedule(sch.withdrawalFactor, asOf);
  if (sch?.studyDurationFactor) cfg.studyDurSched = compileSchedule(sch.studyDurationFactor, asOf);
  if (sch?.constrDurationFactor) cfg.constrDurSched = compileSchedule(sch.constrDurationFactor, asOf);
  if (sch?.feasDurationFactor || sch?.sisDurationFactor || sch?.fsDurationFactor) {
    cfg.phaseDurSched = [sch.feasDurationFactor, sch.sisDurationFactor, sch.fsDurationFactor].map((s) => (s ? compileSchedule(s, asOf) : null));
  }
  const timed: Array<[number, number, number]> = [];
  const inside = (t: number) => t > 0 && t < cfg.horizon;
  for (const s of p.rules?.screens ?? []) {
    const t = monthsBetween(asOf, s.date);
    if (inside(t)) timed.push([t, TIMED_SCREEN, s.stayProb]);
  }
  if (sch?.studyCapacity) {
    const c = compileSchedule({ ...sch.studyCapacity, interp: 'step' }, asOf);
    // The capacity in force at time 0, then each later change.
    let k = 0;
    while (k + 1 < c.t.length && c.t[k + 1] <= 0) k++;
    cfg.studyCapacity = Math.round(c.t[0] > 0 ? c.v[0] : c.v[k]);
    for (let j = 0; j < c.t.length; j++) if (inside(c.t[j])) timed.push([c.t[j], TIMED_STUDY_CAPACITY, Math.round(c.v[j])]);
  }
  if (sch?.headroomMWPerYear) {
    const h = perMonth(compileSchedule(sch.headroomMWPerYear, asOf), 1 / 12);
    for (let m = 1; m < cfg.horizon; m++) {
      const mw = integrate(h, m - 1, m);
      if (mw > 0) timed.push([m, TIMED_HEADROOM, mw]);
    }
  }
  timed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  cfg.timedT = Float64Array.from(timed, (x) => x[0]);
  cfg.timedKind = Uint8Array.from(timed, (x) => x[1]);
  cfg.timedArg = Float64Array.from(timed, (x) => x[2]);
  const times = (list: string[] | undefined) => Float64Array.from((list ?? []).map((d) => monthsBetween(asOf, d)).filter((t) => t >= 0));
  cfg.clusterCloseTimes = times(p.rules?.clusterCloseDates);
  // Dated upgrades: normal around the published date (P90 at the later date); one already in
  // service by its P90 date on the as-of date is simply spare capacity today.
  const med: number[] = [];
  const sd: number[] = [];
  const mw: number[] = [];
  for (const u of p.headroom.inProgress ?? []) {
    const m50 = monthsBetween(asOf, u.inService.p50);
    const m90 = monthsBetween(asOf, u.inService.p90);
    if (m90 <= 0) {
      cfg.initialMW += u.mw;
      continue;
    }
    med.push(m50);
    sd.push((m90 - m50) / Z90);
    mw.push(u.mw);
  }
  cfg.datedUpgradeMedian = Float64Array.from(med);
  cfg.datedUpgradeSd = Float64Array.from(sd);
  cfg.datedUpgradeMW = Float64Array.from(mw);
  const ends = p.cluster?.stockStepEnds;
  if (ends?.study) cfg.stockStudyEnd = Math.max(0, monthsBetween(asOf, ends.study));
  if (ends?.facilities) cfg.stockFacilitiesEnd = Math.max(0, monthsBetween(asOf, ends.facilities));
  cfg.roundTimes = times(p.rules?.roundDates);
}
