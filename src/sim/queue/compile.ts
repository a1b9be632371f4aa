/**
 * QueueParams (what users edit: P50/P90 months, hazards per year) → EngineConfig (what the event
 * loop reads: mu/sigma, rates per month). Tests build or tweak an EngineConfig directly, which is how
 * the M/M/1 and M/M/c checks get exponential service that no user-facing preset offers.
 */
import { lognormalFromP50P90 } from '../distributions';
import type { P50P90, QueueParams } from './params';

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
export const D_SLOTS = 8;

/** Withdrawal buckets (LBNL's phase at withdrawal, REFERENCE.md §1.3). */
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
  fastLaneShare: number;
  fastLaneFactor: number;
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
  firstFit: boolean;
  arrivalRatePerMonth: number;
  backlogCount: number;
  /** shares of the backlog by bucket B_* (sum 1) */
  backlogShares: Float64Array;
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
  /** simulate to the horizon even after the user's request is energized (validation) */
  runToHorizon: boolean;
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
    fastLaneShare: p.fastLane.share,
    fastLaneFactor: p.fastLane.durationFactor,
    sizeRefMW: p.arrivals.sizeMW.p50,
    studyCapacity: p.study.capacity,
    kappa: p.study.kappa,
    studyPhases: 3,
    headroomLimited: p.headroom.limited,
    initialMW: p.headroom.initialMW,
    upgradeMW: p.headroom.upgradeMW,
    maxUpgrades: p.headroom.maxConcurrentUpgrades,
    upgradesUnderWay: p.headroom.upgradesUnderWay ?? 0,
    firstFit: p.headroom.rule === 'first-fit',
    arrivalRatePerMonth: p.arrivals.ratePerYear / 12,
    backlogCount: p.backlog.count,
    backlogShares: Float64Array.from([p.backlog.shares.feas, p.backlog.shares.sis, p.backlog.shares.fs, p.backlog.shares.postIa]),
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
    runToHorizon,
    cohortStart,
    cohortEnd,
  };
  setLn(cfg, D_FEAS, p.phases.feas);
  setLn(cfg, D_SIS, p.phases.sis);
  setLn(cfg, D_FS, p.phases.fs);
  setLn(cfg, D_CONSTR, p.phases.constr);
  setLn(cfg, D_UPGRADE, p.headroom.upgradeLead);
  setLn(cfg, D_SIZE, p.arrivals.sizeMW);
  setLn(cfg, D_FACILITIES, cl?.facilities ?? { p50: 1, p90: 1 });
  setLn(cfg, D_SLIP, cl?.slip ?? { p50: 1, p90: 1 });
  return cfg;
}
