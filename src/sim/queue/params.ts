/**
 * Parameters of the interconnection-queue model (docs/method.md §1), their schema and their rule checks.
 *
 * Every duration a user edits is a P50/P90 pair in months ("LN(P50, P90)"), never raw mu/sigma;
 * hazards are per year, probabilities in [0, 1], power in MW of load.
 */
import { z } from 'zod';
import { MAX_HORIZON_MONTHS, type FieldError, type Result, type RunSettings } from '../contract';
import { Checker, checkRunSettings, showValue, zodIssuesToFieldErrors } from '../validate-common';
import { monthsBetween, parseDate, scheduleErrors, type Schedule } from './schedule';

/** A lognormal given by its median and 90th percentile (P90 = P50 gives a fixed value). */
export interface P50P90 {
  p50: number;
  p90: number;
}

/** The process a region runs (docs/method.md §1 "Process templates"). */
export type QueueTemplate = 'serial' | 'cluster' | 'allocation';

/** Who gets freed-up headroom first: strict queue order, or any waiting load that fits. */
export type AllocationRule = 'fifo' | 'first-fit';

export interface QueueParams {
  template: QueueTemplate;
  /** simulated span from today, whole months (≤ MAX_HORIZON_MONTHS) */
  horizonMonths: number;
  /** study phases (serial template) and construction after IA (all templates), months */
  phases: {
    /** feasibility study */
    feas: P50P90;
    /** system impact study */
    sis: P50P90;
    /** facilities study */
    fs: P50P90;
    /** IA → energized, once headroom is granted (construction, upgrades on the project's side) */
    constr: P50P90;
    /**
     * Construction time × (MW / arrivals.sizeMW.p50)^constrSizeElasticity: a 1 GW campus takes longer
     * to build to its first block than a 100 MW hall. Absent or 0: the same for every size.
     */
    constrSizeElasticity?: number;
    /**
     * Requests differ in pace (technology, developer, financing): each request other than the user's
     * draws one lognormal factor, median 1, on all its phase durations; this is its 90th percentile
     * (1.5: the slowest tenth take at least 1.5 × as long in every phase). Absent or 1: all alike.
     */
    paceP90?: number;
  };
  /**
   * A share of other requests moves on a fast lane (uprates, surplus interconnection, expedited
   * tracks): all their phase durations are multiplied by `durationFactor`. The user's request is not
   * on it.
   */
  fastLane: {
    share: number;
    durationFactor: number;
  };
  /**
   * Withdrawal hazards per year by phase, each a competing exponential clock. In the cluster
   * template feas covers window + engagement, sis the cluster study and restudy, fs the facilities
   * study; in the allocation template feas covers the time spent applying.
   */
  withdrawal: {
    feas: number;
    sis: number;
    fs: number;
    /** after IA: waiting for headroom and building */
    postIa: number;
    /** hazard × (MW / arrivals.sizeMW.p50)^sizeElasticity: > 0 makes large requests drop out more */
    sizeElasticity: number;
    /**
     * Requests differ in how likely they are to give up: a share `steadyShare` of requests are steady
     * (hazards × `steadyFactor`), the rest speculative (hazards × a factor that keeps the mean at 1).
     * A request already `a` months in the queue survived a cumulative hazard H, so it is steady with
     * the posterior probability s·e^(−c·H) / (s·e^(−c·H) + (1 − s)·e^(−c′·H)): old requests are mostly
     * the steady ones. Absent: every request alike.
     */
    steadyShare?: number;
    steadyFactor?: number;
  };
  /** serial template: at most `capacity` studies at once; durations stretch by 1 + kappa·max(0, Q/c − 1) */
  study: {
    capacity: number;
    kappa: number;
  };
  headroom: {
    /** false: the grid has room for every load once its IA is signed */
    limited: boolean;
    /** spare capacity today, MW */
    initialMW: number;
    /** MW each network upgrade adds */
    upgradeMW: number;
    /** lead time of one upgrade, months */
    upgradeLead: P50P90;
    /** upgrades under way at once (0: no upgrades) */
    maxConcurrentUpgrades: number;
    /** upgrades already under way today, each part-way through its lead time (≤ maxConcurrentUpgrades; absent = 0) */
    upgradesUnderWay?: number;
    /**
     * A load builds while it waits for headroom and is energized when both are ready (large loads
     * build toward an allocation date); absent or false: it builds only once its MW are granted.
     */
    buildWhileWaiting?: boolean;
    /**
     * Capacity is reserved at the agreement: a request whose studies are done waits for headroom
     * before it gets its agreement (Nordic capacity reservations, Russian technical conditions), so
     * the requests waiting for capacity count as not yet agreed; absent or false: the agreement
     * comes first and the request waits holding it (US, ERCOT).
     */
    reserveAtAgreement?: boolean;
    /** upgrades under way today with dated in-service (needs stock.asOf); they add to upgradesUnderWay */
    inProgress?: DatedUpgrade[];
    rule: AllocationRule;
  };
  arrivals: {
    /** new requests per year (Poisson) */
    ratePerYear: number;
    /** request size, MW */
    sizeMW: P50P90;
  };
  /** requests already in the queue today, spread over phases by `shares` (summing to 1) */
  backlog: {
    count: number;
    /**
     * `waiting`: studied, not yet agreed, waiting for capacity (headroom.reserveAtAgreement only;
     * absent = 0). These hold no capacity and withdraw at the facilities-study hazard.
     */
    shares: { feas: number; sis: number; fs: number; waiting?: number; postIa: number };
  };
  /**
   * The queue as it stands: the dated, published stock the engine starts from. Engine time 0 is
   * `asOf`, and the user's request is filed then, behind the whole stock. Absent: an undated backlog
   * of drawn sizes (tests and hand-built queues).
   */
  stock?: QueueStock;
  /** inputs that change over time (absent: constant at today's values) */
  schedules?: QueueSchedules;
  /**
   * Large loads energize in tranches: a first block of `firstBlockShare` of the request's MW when it
   * is energized ("approved to energize"), the rest ramping linearly over `months` (LN(P50, P90)) to
   * the full request. Months to first MW and to the full request are both outputs, and the stock's
   * operating MW (what an ISO observes) lag the MW approved to energize by the ramp. Absent: the whole
   * request at once.
   */
  ramp?: QueueRamp;
  /**
   * How sure the inputs are: each trial draws one factor per input (LN(P50, P90), P50 = 1 for an
   * unbiased input) for the arrival rate and the withdrawal hazards, so the spread of a forecast
   * carries the uncertainty of its inputs, not only the luck of the draw. Absent: inputs are exact.
   */
  uncertainty?: { arrivalsFactor: P50P90; withdrawalFactor: P50P90 };
  /** process rules that start on a date */
  rules?: QueueRules;
  /** cluster template (FERC Order 2023 style) */
  cluster?: {
    /** months until the open cluster window closes */
    firstCloseMonths: number;
    /** months between window closes: a request joins the next cluster to close */
    windowMonths: number;
    /** steps, months, each × the cluster's shared slip factor */
    engagementMonths: number;
    studyMonths: number;
    restudyMonths: number;
    facilities: P50P90;
    /** slip factor shared by a whole cluster (unitless, ≥ 1 typical) */
    slip: P50P90;
    /** P(restudy) = min(1, base + perWithdrawnShare × share of the cluster that withdrew) */
    restudyBaseProb: number;
    restudyPerWithdrawnShare: number;
    /**
     * Where the cycle that holds the stock stands on the as-of date: the published end of its
     * current cluster study (the stock in the system-impact bucket) and of its facilities study (the
     * stock in the facilities bucket), e.g. a decision point. The stock resumes from those dates (a
     * cycle may slip past its date by its slip factor, never finish before it). Absent: the step
     * starts afresh on the as-of date.
     */
    stockStepEnds?: { study?: string; facilities?: string };
  };
  /** allocation template (Singapore DC-CFA style) */
  allocation?: {
    firstRoundMonths: number;
    roundPeriodMonths: number;
    mwPerRound: number;
    /** share of applicants a round can award */
    awardShare: number;
    /** probability a losing applicant gives up rather than re-apply */
    giveUpProb: number;
  };
}

/** How a large load ramps from its first block to its full request (QueueParams.ramp). */
export interface QueueRamp {
  /** share of the request's MW that energizes at once (0 < share ≤ 1) */
  firstBlockShare: number;
  /** months from the first block to the full request, for a request of arrivals.sizeMW.p50 */
  months: P50P90;
  /**
   * Ramp months × (MW / arrivals.sizeMW.p50)^sizeElasticity: a campus energizes hall by hall, so a
   * 30 MW building reaches its request sooner than a 1 GW campus (absent = 0: one law for all sizes).
   */
  sizeElasticity?: number;
}

/**
 * A network upgrade already under way at the stock's as-of date, with its published (or estimated)
 * in-service date: the in-service month is drawn around `inService.p50` with `inService.p90` as its
 * 90th percentile (normal, never before the as-of date), and adds `mw` of headroom then.
 */
export interface DatedUpgrade {
  name: string;
  mw: number;
  inService: { p50: string; p90: string };
}

/** A published queue at a date: what is in it, how old, and what already holds grid capacity. */
export interface QueueStock {
  /** date of the published figure ("YYYY-MM" or "YYYY-MM-DD") */
  asOf: string;
  /** MW of all requests in the queue at `asOf`; each trial scales its drawn sizes to it (null: drawn sizes) */
  totalMW: number | null;
  /** of which MW past the agreement (approved, building), already holding grid capacity (null: drawn sizes) */
  heldMW: number | null;
  /** months since filing of the requests in the queue at `asOf`; older requests are the ones further along */
  ageMonths: P50P90;
  /**
   * How the stock's agreements (past IA, building) resume: "residual" (default) draws the rest of a
   * build already under way, consistent with the time it has spent; "fresh" draws a whole build from
   * the as-of date, for a published stock of agreements that clears at that slower pace (stalled and
   * suspended agreements, which a building-time residual does not know about).
   */
  agreements?: 'residual' | 'fresh';
}

/** Dated inputs (schedule.ts): flat before the first point and after the last. */
export interface QueueSchedules {
  /** new requests per year (replaces arrivals.ratePerYear over time) */
  arrivalsPerYear?: Schedule;
  /** × request size drawn from arrivals.sizeMW */
  sizeFactor?: Schedule;
  /** × every withdrawal hazard */
  withdrawalFactor?: Schedule;
  /** serial template: studies at once (replaces study.capacity over time) */
  studyCapacity?: Schedule;
  /** grid headroom added, MW per year, on top of demand-driven upgrades */
  headroomMWPerYear?: Schedule;
  /** × every study duration (serial phases and cluster steps) that starts at that date */
  studyDurationFactor?: Schedule;
  /** × every construction time drawn at that date */
  constrDurationFactor?: Schedule;
  /** × one study phase's durations (feasibility or cluster engagement; system impact or cluster study and restudy; facilities), on top of studyDurationFactor */
  feasDurationFactor?: Schedule;
  sisDurationFactor?: Schedule;
  fsDurationFactor?: Schedule;
}

/** A dated screen: deposits, a sign-up deadline or a decision point that thins the queue once. */
export interface QueueScreen {
  date: string;
  /** share of active requests not yet past their agreement that stay in the queue */
  stayProb: number;
  note?: string;
}

export interface QueueRules {
  screens?: QueueScreen[];
  /** cluster template: dates the first cluster windows close (later windows every cluster.windowMonths) */
  clusterCloseDates?: string[];
  /** allocation template: dates of the first rounds (later rounds every allocation.roundPeriodMonths) */
  roundDates?: string[];
}

/** Upper bound on any duration input, months: ten times anything a published queue shows. */
export const MAX_DURATION_MONTHS = 1200;
/** Projects simulated per trial (backlog + expected arrivals) are capped for time and memory. */
export const MAX_PROJECTS_PER_TRIAL = 200_000;
export const MAX_BACKLOG = 50_000;

const num = z.number();
const dur = z.strictObject({ p50: num, p90: num });
const schedule = z.strictObject({
  interp: z.enum(['step', 'linear']),
  points: z.array(z.strictObject({ date: z.string(), value: num })),
});

/** Shape and types; meaning is checked by `checkQueueParams`. */
export const queueParamsSchema = z.strictObject({
  template: z.enum(['serial', 'cluster', 'allocation']),
  horizonMonths: num,
  phases: z.strictObject({ feas: dur, sis: dur, fs: dur, constr: dur, constrSizeElasticity: num.optional(), paceP90: num.optional() }),
  fastLane: z.strictObject({ share: num, durationFactor: num }),
  withdrawal: z.strictObject({ feas: num, sis: num, fs: num, postIa: num, sizeElasticity: num, steadyShare: num.optional(), steadyFactor: num.optional() }),
  study: z.strictObject({ capacity: num, kappa: num }),
  headroom: z.strictObject({
    limited: z.boolean(),
    initialMW: num,
    upgradeMW: num,
    upgradeLead: dur,
    maxConcurrentUpgrades: num,
    upgradesUnderWay: num.optional(),
    buildWhileWaiting: z.boolean().optional(),
    reserveAtAgreement: z.boolean().optional(),
    inProgress: z.array(z.strictObject({ name: z.string(), mw: num, inService: z.strictObject({ p50: z.string(), p90: z.string() }) })).optional(),
    rule: z.enum(['fifo', 'first-fit']),
  }),
  arrivals: z.strictObject({ ratePerYear: num, sizeMW: dur }),
  backlog: z.strictObject({
    count: num,
    shares: z.strictObject({ feas: num, sis: num, fs: num, waiting: num.optional(), postIa: num }),
  }),
  uncertainty: z.strictObject({ arrivalsFactor: dur, withdrawalFactor: dur }).optional(),
  ramp: z.strictObject({ firstBlockShare: num, months: dur, sizeElasticity: num.optional() }).optional(),
  stock: z
    .strictObject({ asOf: z.string(), totalMW: num.nullable(), heldMW: num.nullable(), ageMonths: dur, agreements: z.enum(['residual', 'fresh']).optional() })
    .optional(),
  schedules: z
    .strictObject({
      arrivalsPerYear: schedule.optional(),
      sizeFactor: schedule.optional(),
      withdrawalFactor: schedule.optional(),
      studyCapacity: schedule.optional(),
      headroomMWPerYear: schedule.optional(),
      studyDurationFactor: schedule.optional(),
      constrDurationFactor: schedule.optional(),
      feasDurationFactor: schedule.optional(),
      sisDurationFactor: schedule.optional(),
      fsDurationFactor: schedule.optional(),
    })
    .optional(),
  rules: z
    .strictObject({
      screens: z.array(z.strictObject({ date: z.string(), stayProb: num, note: z.string().optional() })).optional(),
      clusterCloseDates: z.array(z.string()).optional(),
      roundDates: z.array(z.string()).optional(),
    })
    .optional(),
  cluster: z
    .strictObject({
      firstCloseMonths: num,
      windowMonths: num,
      engagementMonths: num,
      studyMonths: num,
      restudyMonths: num,
      facilities: dur,
      slip: dur,
      restudyBaseProb: num,
      restudyPerWithdrawnShare: num,
      stockStepEnds: z.strictObject({ study: z.string().optional(), facilities: z.string().optional() }).optional(),
    })
    .optional(),
  allocation: z
    .strictObject({
      firstRoundMonths: num,
      roundPeriodMonths: num,
      mwPerRound: num,
      awardShare: num,
      giveUpProb: num,
    })
    .optional(),
}) satisfies z.ZodType<QueueParams>;

/** Rule checks on parameters whose shape is already right; `prefix` is prepended to field paths. */
export function checkQueueParams(p: QueueParams, prefix = ''): FieldError[] {
  const c = new Checker();
  const f = (path: string) => (prefix ? `${prefix}.${path}` : path);
  const M = 'months';

  let horizonOk = false;
  if (!Number.isInteger(p.horizonMonths) || p.horizonMonths < 12) {
    c.add(f('horizonMonths'), `must be a whole number of months, at least 12, got ${showValue(p.horizonMonths)}`);
  } else if (p.horizonMonths > MAX_HORIZON_MONTHS) {
    c.add(f('horizonMonths'), `horizon of ${p.horizonMonths} months exceeds the ${MAX_HORIZON_MONTHS}-month limit`);
  } else horizonOk = true;
  for (const k of ['feas', 'sis', 'fs', 'constr'] as const) c.p50p90(f(`phases.${k}`), p.phases[k], M, MAX_DURATION_MONTHS);
  if (p.phases.constrSizeElasticity !== undefined) c.range(f('phases.constrSizeElasticity'), p.phases.constrSizeElasticity, -1, 1);
  if (p.phases.paceP90 !== undefined) c.range(f('phases.paceP90'), p.phases.paceP90, 1, 4, '(× a typical request\'s durations)');
  c.probability(f('fastLane.share'), p.fastLane.share);
  c.range(f('fastLane.durationFactor'), p.fastLane.durationFactor, 0.01, 1, '(× phase durations)');
  for (const k of ['feas', 'sis', 'fs', 'postIa'] as const) c.nonNegative(f(`withdrawal.${k}`), p.withdrawal[k], 'withdrawals per year', 100);
  c.range(f('withdrawal.sizeElasticity'), p.withdrawal.sizeElasticity, -3, 3);
  const w = p.withdrawal;
  if ((w.steadyShare === undefined) !== (w.steadyFactor === undefined)) c.add(f(w.steadyShare === undefined ? 'withdrawal.steadyShare' : 'withdrawal.steadyFactor'), 'goes with withdrawal.steadyShare and withdrawal.steadyFactor: give both or neither');
  else if (w.steadyShare !== undefined && w.steadyFactor !== undefined) {
    const okShare = c.range(f('withdrawal.steadyShare'), w.steadyShare, 0, 0.99, '(share of requests)');
    const okFactor = c.range(f('withdrawal.steadyFactor'), w.steadyFactor, 0, 1, '(× hazards of steady requests)');
    if (okShare && okFactor && w.steadyShare * w.steadyFactor >= 1) c.add(f('withdrawal.steadyShare'), 'with withdrawal.steadyFactor leaves no hazard for the other requests');
  }
  c.integer(f('study.capacity'), p.study.capacity, 1, 1_000_000, 'studies');
  c.nonNegative(f('study.kappa'), p.study.kappa, 'stretch per unit of overload', 100);

  const h = p.headroom;
  c.nonNegative(f('headroom.initialMW'), h.initialMW, 'MW', 1e9);
  c.positive(f('headroom.upgradeMW'), h.upgradeMW, 'MW', 1e9);
  c.p50p90(f('headroom.upgradeLead'), h.upgradeLead, M, MAX_DURATION_MONTHS);
  if (c.integer(f('headroom.maxConcurrentUpgrades'), h.maxConcurrentUpgrades, 0, 1000, 'upgrades') && h.upgradesUnderWay !== undefined) {
    c.integer(f('headroom.upgradesUnderWay'), h.upgradesUnderWay, 0, h.maxConcurrentUpgrades, 'upgrades (at most maxConcurrentUpgrades)');
  }

  c.nonNegative(f('arrivals.ratePerYear'), p.arrivals.ratePerYear, 'requests per year', 1e6);
  c.p50p90(f('arrivals.sizeMW'), p.arrivals.sizeMW, 'MW', 1e7);

  if (c.integer(f('backlog.count'), p.backlog.count, 0, MAX_BACKLOG, 'projects') && horizonOk) {
    const expected = p.backlog.count + (p.arrivals.ratePerYear * p.horizonMonths) / 12;
    if (Number.isFinite(expected) && expected > MAX_PROJECTS_PER_TRIAL) {
      c.add(
        f('arrivals.ratePerYear'),
        `would simulate about ${Math.round(expected).toLocaleString('en-US')} requests per trial; at most ${MAX_PROJECTS_PER_TRIAL.toLocaleString('en-US')} are allowed (time and memory)`,
      );
    }
  }
  let sharesOk = true;
  for (const k of ['feas', 'sis', 'fs', 'postIa'] as const) sharesOk = c.probability(f(`backlog.shares.${k}`), p.backlog.shares[k]) && sharesOk;
  const waiting = p.backlog.shares.waiting ?? 0;
  if (p.backlog.shares.waiting !== undefined) sharesOk = c.probability(f('backlog.shares.waiting'), waiting) && sharesOk;
  if (sharesOk) {
    const s = p.backlog.shares;
    const sum = s.feas + s.sis + s.fs + waiting + s.postIa;
    if (Math.abs(sum - 1) > 1e-6) c.add(f('backlog.shares'), `must add up to 1, got ${Number(sum.toFixed(6))}`);
    if (waiting > 0 && !(p.headroom.limited && p.headroom.reserveAtAgreement === true && p.template === 'serial')) {
      c.add(f('backlog.shares.waiting'), 'is above 0 but only a serial queue with limited headroom reserved at the agreement has requests waiting for capacity before their agreement');
    }
  }

  checkStockAndTime(c, p, f);
  if (p.ramp) {
    if (c.range(f('ramp.firstBlockShare'), p.ramp.firstBlockShare, 0, 1, '(share of the request)') && p.ramp.firstBlockShare === 0) {
      c.add(f('ramp.firstBlockShare'), 'must be above 0: a first block of 0 MW is not power');
    }
    c.p50p90(f('ramp.months'), p.ramp.months, M, MAX_DURATION_MONTHS);
    if (p.ramp.sizeElasticity !== undefined) c.range(f('ramp.sizeElasticity'), p.ramp.sizeElasticity, 0, 1);
  }
  if (p.uncertainty) {
    c.p50p90(f('uncertainty.arrivalsFactor'), p.uncertainty.arrivalsFactor, '×', 100);
    c.p50p90(f('uncertainty.withdrawalFactor'), p.uncertainty.withdrawalFactor, '×', 100);
  }

  if (p.template === 'cluster') {
    const cl = p.cluster;
    if (!cl) c.add(f('cluster'), 'is required by the cluster template');
    else {
      c.nonNegative(f('cluster.firstCloseMonths'), cl.firstCloseMonths, M, MAX_DURATION_MONTHS);
      c.positive(f('cluster.windowMonths'), cl.windowMonths, M, MAX_DURATION_MONTHS);
      c.nonNegative(f('cluster.engagementMonths'), cl.engagementMonths, M, MAX_DURATION_MONTHS);
      c.nonNegative(f('cluster.studyMonths'), cl.studyMonths, M, MAX_DURATION_MONTHS);
      c.nonNegative(f('cluster.restudyMonths'), cl.restudyMonths, M, MAX_DURATION_MONTHS);
      c.p50p90(f('cluster.facilities'), cl.facilities, M, MAX_DURATION_MONTHS);
      c.p50p90(f('cluster.slip'), cl.slip, '×', 100);
      c.probability(f('cluster.restudyBaseProb'), cl.restudyBaseProb);
      c.nonNegative(f('cluster.restudyPerWithdrawnShare'), cl.restudyPerWithdrawnShare, 'per unit share', 100);
    }
  }
  if (p.template === 'allocation') {
    const a = p.allocation;
    if (!a) c.add(f('allocation'), 'is required by the allocation template');
    else {
      c.nonNegative(f('allocation.firstRoundMonths'), a.firstRoundMonths, M, MAX_DURATION_MONTHS);
      c.positive(f('allocation.roundPeriodMonths'), a.roundPeriodMonths, M, MAX_DURATION_MONTHS);
      c.positive(f('allocation.mwPerRound'), a.mwPerRound, 'MW', 1e9);
      if (c.probability(f('allocation.awardShare'), a.awardShare) && a.awardShare === 0) {
        c.add(f('allocation.awardShare'), 'must be above 0, or no applicant could ever win a round');
      }
      c.probability(f('allocation.giveUpProb'), a.giveUpProb);
    }
  }
  return c.errors;
}

/** Largest value a schedule may take, by input (units in QueueSchedules). */
const SCHEDULE_LIMITS: Record<keyof QueueSchedules, [number, number, string]> = {
  arrivalsPerYear: [0, 1e6, 'requests per year'],
  sizeFactor: [0.001, 1000, '×'],
  withdrawalFactor: [0, 1000, '×'],
  studyCapacity: [1, 1_000_000, 'studies'],
  headroomMWPerYear: [0, 1e7, 'MW per year'],
  studyDurationFactor: [0.05, 20, '×'],
  constrDurationFactor: [0.05, 20, '×'],
  feasDurationFactor: [0.05, 20, '×'],
  sisDurationFactor: [0.05, 20, '×'],
  fsDurationFactor: [0.05, 20, '×'],
};

/** Dated stock, schedules and rules: dates parse and are in order, shares and rates in range, nothing dated before the stock it changes. */
function checkStockAndTime(c: Checker, p: QueueParams, f: (path: string) => string): void {
  const st = p.stock;
  let asOf: string | null = null;
  if (st) {
    if (!parseDate(st.asOf)) c.add(f('stock.asOf'), `must be a date "YYYY-MM" or "YYYY-MM-DD", got ${showValue(st.asOf)}`);
    else asOf = st.asOf;
    if (st.totalMW !== null) c.nonNegative(f('stock.totalMW'), st.totalMW, 'MW', 1e8);
    if (st.heldMW !== null) {
      if (c.nonNegative(f('stock.heldMW'), st.heldMW, 'MW', 1e8) && st.totalMW !== null && st.heldMW > st.totalMW) {
        c.add(f('stock.heldMW'), `must not exceed stock.totalMW (${st.totalMW} MW), got ${st.heldMW} MW`);
      }
      if (st.heldMW > 0 && p.backlog.shares.postIa === 0) c.add(f('stock.heldMW'), 'is above 0 MW but backlog.shares.postIa is 0: no request in the stock could hold it');
    }
    c.p50p90(f('stock.ageMonths'), st.ageMonths, 'months', MAX_DURATION_MONTHS);
  }
  const needAsOf = (field: string) => c.add(f(field), 'is dated, so the parameters need a stock.asOf date to place it on the clock');
  p.headroom.inProgress?.forEach((u, i) => {
    const at = `headroom.inProgress.${i}`;
    c.positive(f(`${at}.mw`), u.mw, 'MW', 1e7);
    const a = parseDate(u.inService.p50);
    const b = parseDate(u.inService.p90);
    if (!a) c.add(f(`${at}.inService.p50`), `must be a date "YYYY-MM" or "YYYY-MM-DD", got ${showValue(u.inService.p50)}`);
    if (!b) c.add(f(`${at}.inService.p90`), `must be a date "YYYY-MM" or "YYYY-MM-DD", got ${showValue(u.inService.p90)}`);
    else if (a && monthsBetween(u.inService.p50, u.inService.p90) < 0) c.add(f(`${at}.inService.p90`), `must not come before inService.p50 (${u.inService.p50}), got ${u.inService.p90}`);
    if (!asOf) needAsOf(at);
  });
  const ends = p.template === 'cluster' ? p.cluster?.stockStepEnds : undefined;
  for (const k of ['study', 'facilities'] as const) {
    const d = ends?.[k];
    if (d === undefined) continue;
    if (!parseDate(d)) c.add(f(`cluster.stockStepEnds.${k}`), `must be a date "YYYY-MM" or "YYYY-MM-DD", got ${showValue(d)}`);
    else if (!asOf) needAsOf(`cluster.stockStepEnds.${k}`);
  }
  const sch = p.schedules ?? {};
  for (const key of Object.keys(sch) as (keyof QueueSchedules)[]) {
    const s = sch[key];
    if (!s) continue;
    const [min, max, unit] = SCHEDULE_LIMITS[key];
    for (const e of scheduleErrors(s, `schedules.${key}`, min, max, unit)) c.add(f(e.field), e.message);
    if (!asOf) needAsOf(`schedules.${key}`);
  }
  const rules = p.rules ?? {};
  const dates = (list: string[] | undefined, field: string) => {
    let prev: string | null = null;
    (list ?? []).forEach((d, i) => {
      if (!parseDate(d)) c.add(f(`${field}.${i}`), `must be a date "YYYY-MM" or "YYYY-MM-DD", got ${showValue(d)}`);
      else if (prev !== null && monthsBetween(prev, d) <= 0) c.add(f(`${field}.${i}`), `must come after ${prev}, got ${d} (dates out of order)`);
      else prev = d;
    });
    if (list?.length && !asOf) needAsOf(field);
  };
  dates(rules.screens?.map((s) => s.date), 'rules.screens');
  rules.screens?.forEach((s, i) => c.probability(f(`rules.screens.${i}.stayProb`), s.stayProb));
  dates(rules.clusterCloseDates, 'rules.clusterCloseDates');
  dates(rules.roundDates, 'rules.roundDates');
  if (asOf) {
    const firstAfter = (list: string[] | undefined, field: string) => {
      const d = list?.[0];
      if (d && parseDate(d) && monthsBetween(asOf, d) < 0) c.add(f(`${field}.0`), `${d} is before the stock's as-of date ${asOf}: the first window must come after the queue it starts from`);
    };
    firstAfter(rules.clusterCloseDates, 'rules.clusterCloseDates');
    firstAfter(rules.roundDates, 'rules.roundDates');
  }
}

/** Shape, types and meaning of user-supplied parameters. */
export function validateQueueParams(input: unknown, prefix = ''): Result<QueueParams> {
  const parsed = queueParamsSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues, prefix) };
  const errors = checkQueueParams(parsed.data, prefix);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** A queue run as the pool, the CLI and the UI pass it (contract.ts RunSettings + the model's inputs). */
export interface QueueRequest extends RunSettings {
  model: 'queue';
  /** preset the parameters started from (for labels; the params are what runs) */
  presetId: string;
  params: QueueParams;
  /** the user's request (project 0), MW */
  projectMW: number;
  /**
   * Validation mode: simulate every trial to the horizon (default false: a trial stops once the
   * user's request is energized, since nothing later can change its outcome). Cohort statistics
   * and the whole-queue MW fan need it.
   */
  runToHorizon?: boolean;
}

/** Checks a run request: parameters, project size, trial count and seed, all errors at once. */
export function validateQueueRequest(input: unknown): Result<QueueRequest> {
  if (input === null || typeof input !== 'object') return { ok: false, errors: [{ field: '(input)', message: `must be a group of fields, got ${showValue(input)}` }] };
  const r = input as Record<string, unknown>;
  const c = new Checker();
  const params = validateQueueParams(r.params, 'params');
  if (!params.ok) c.errors.push(...params.errors);
  if (typeof r.projectMW !== 'number') c.add('projectMW', `must be a number of MW, got ${showValue(r.projectMW)}`);
  else c.positive('projectMW', r.projectMW, 'MW', 1e6);
  checkRunSettings(c, r.trials, r.seed);
  if (r.presetId !== undefined && typeof r.presetId !== 'string') c.add('presetId', `must be text, got ${showValue(r.presetId)}`);
  if (r.runToHorizon !== undefined && typeof r.runToHorizon !== 'boolean') c.add('runToHorizon', `must be true or false, got ${showValue(r.runToHorizon)}`);
  if (c.errors.length || !params.ok) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: {
      model: 'queue',
      presetId: typeof r.presetId === 'string' ? r.presetId : 'custom',
      params: params.value,
      projectMW: r.projectMW as number,
      trials: r.trials as number,
      seed: r.seed as number,
      runToHorizon: r.runToHorizon === true,
    },
  };
}
