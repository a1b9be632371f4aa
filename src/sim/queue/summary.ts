/**
 * What users and validation read from merged queue trials (docs/method.md §1 "Per-trial outputs", §0
 * "Outputs are distributions"). Plain data: Infinity marks "> horizon" (structured clone keeps it;
 * JSON printers turn it into null, and `neverShare` says why).
 */
import { cdfCurve, percentiles, type Percentiles } from '../histogram';
import { quantileTableFromHistogram, type QuantileTable } from '../quantile-table';
import { defaultCohort } from './compile';
import { MW_BINS, mwQuantile } from './mw-histogram';
import type { QueueRequest, QueueTemplate } from './params';
import { FIXED, type QueuePartial } from './partial';

/** P10/P50/P90 of an MW quantity at each year end. */
export interface MWFan {
  /** years from today (1 = end of the first year) */
  years: number[];
  /** MW */
  p10: number[];
  p50: number[];
  p90: number[];
}

/** P10/P50/P90 of an MW amount. */
export interface MWPercentiles {
  p10: number;
  p50: number;
  p90: number;
}

/** Checks of the model against published figures (docs/method.md §1 calibration targets). */
export interface QueueValidation {
  /** true when trials ran to the horizon; cohort shares are biased otherwise (trials stop early) */
  runToHorizon: boolean;
  /** requests arriving in [start, end) months form the cohort */
  cohortWindowMonths: [number, number];
  cohortProjects: number;
  /** shares of cohort requests (and of their MW) energized within the horizon */
  energizedShare: number;
  energizedMWShare: number;
  withdrawnShare: number;
  stillActiveShare: number;
  /** of withdrawn cohort requests, the share by phase at withdrawal (LBNL's §1.3 table) */
  withdrawnPhaseShares: { feas: number; sis: number; fs: number; postIa: number };
  /** request → energized of cohort requests that got there, months */
  requestToEnergize: Percentiles;
  /** request → IA (allocation: → award) of cohort requests that got there, months */
  requestToIA: Percentiles;
  /** Little's law over the cohort window: L (requests), lambda (per month), W (months), L/(lambda·W) */
  little: { L: number; lambda: number; W: number; ratio: number } | null;
  /** mean wait for a study slot, months (serial template) */
  meanStudyWaitMonths: number;
}

/** Why a request was not energized within the horizon: the share of all trials that ended in a stage, and the mechanism. */
export interface NeverReason {
  stage: 'studies' | 'cluster' | 'headroom' | 'construction' | 'allocation';
  /** share of all trials */
  share: number;
  why: string;
}

export interface QueueSummary {
  model: 'queue';
  presetId: string;
  /** date of the stock the run starts from (time 0, when the request is filed); null = undated */
  asOf: string | null;
  /** why trials ended without power, largest first (empty when every trial was energized) */
  neverReasons: NeverReason[];
  template: QueueTemplate;
  trials: number;
  seed: number;
  /** MW of the user's request */
  projectMW: number;
  horizonMonths: number;
  /** months from the run's start (the stock's as-of date, else today) until the user's request is energized; Infinity = "> horizon" */
  timeToPower: Percentiles;
  /** months from the run's start (the stock's as-of date, else today) until the user's request signs its IA (allocation template: is awarded capacity) */
  timeToIA: Percentiles;
  /**
   * months from today until the whole request draws power: the first block (timeToPower) plus the
   * ramp of a large load (params.ts ramp); equal to timeToPower when the preset has no ramp
   */
  timeToFull: Percentiles;
  /** share of the request that energizes first (1: all at once) */
  firstBlockShare: number;
  /**
   * months the user's agreement waited for grid headroom, over the trials that reached an agreement
   * on a limited grid (n = 0 when headroom never limits): what holds the request back once studied
   */
  headroomWait: Percentiles & { n: number; buildWhileWaiting: boolean; beforeAgreement: boolean };
  /** cumulative incidence [months, P(energized by then)], one point per month */
  cdf: Array<[number, number]>;
  /** quantile table of time to power (quantile-table.ts), for the buy-vs-build model */
  quantileTable: QuantileTable;
  /** MW still ahead of the user's request (earlier queue position, not yet energized or withdrawn) at each year end; 0 once it holds its grid capacity (building or energized) */
  queueMWFan: MWFan;
  /** MW of all active requests at each year end; null unless the run went to the horizon */
  activeQueueMWFan: MWFan | null;
  /** MW ahead of the user's request when it is filed */
  mwAheadAtEntry: MWPercentiles;
  /** requests ahead of the user's when it is filed (the backlog) */
  projectsAheadAtEntry: number;
  /** mean MW energized in each year, all requests (the user's included); whole-queue (validation) runs only, else null */
  mwEnergizedPerYear: number[] | null;
  /** state-changing events processed, all trials */
  events: number;
  eventsPerTrial: number;
  /**
   * The audit trail: each trial's months to power (Infinity = never within the horizon), in trial
   * order, for the first MAX_PER_TRIAL_ROWS trials only, so memory stays bounded.
   */
  perTrial: { trial: Int32Array; months: Float64Array };
  validation: QueueValidation;
  /** the site's own grid-access phase (runner.ts QueueRunRequest), when the request had one */
  gridAccess?: { distanceKm: number; months: Percentiles };
}

function fan(counts: Uint32Array, years: number): MWFan {
  const out: MWFan = { years: [], p10: [], p50: [], p90: [] };
  for (let y = 0; y < years; y++) {
    out.years.push(y + 1);
    out.p10.push(mwQuantile(counts, y * MW_BINS, 0.1));
    out.p50.push(mwQuantile(counts, y * MW_BINS, 0.5));
    out.p90.push(mwQuantile(counts, y * MW_BINS, 0.9));
  }
  return out;
}

const share = (a: number, b: number) => (b > 0 ? a / b : NaN);

const fmt = (v: number) => Math.round(v).toLocaleString('en-US');

/** Names the mechanism that holds a request back in each engine stage (engine.ts S_* codes). */
export function neverReasons(req: QueueRequest, m: QueuePartial): NeverReason[] {
  const p = req.params;
  const h = p.headroom;
  const out: NeverReason[] = [];
  const add = (stage: NeverReason['stage'], count: number, why: string) => {
    if (count > 0 && m.trials > 0) out.push({ stage, share: count / m.trials, why });
  };
  const c = m.neverByStage;
  add('studies', (c[1] ?? 0) + (c[2] ?? 0), `still in the studies at the horizon (${p.study.capacity.toLocaleString('en-US')} studies at once; the phases' P90s set how long they can run)`);
  add('cluster', c[3] ?? 0, 'still in a cluster study at the horizon (windows, restudies and the shared slip factor)');
  add(
    'headroom',
    c[4] ?? 0,
    h.maxConcurrentUpgrades === 0
      ? `waiting for grid headroom that never grows: ${fmt(h.initialMW)} MW spare and no network upgrades (headroom.maxConcurrentUpgrades = 0)`
      : `waiting for grid headroom: upgrades add ${fmt(h.upgradeMW)} MW each, at most ${h.maxConcurrentUpgrades} at once, after a lead time of P50 ${h.upgradeLead.p50} months; the requests ahead (${h.rule === 'fifo' ? 'strict queue order' : 'first fit'}) take it first`,
  );
  add('construction', c[5] ?? 0, `still being built at the horizon (construction P50 ${p.phases.constr.p50} / P90 ${p.phases.constr.p90} months)`);
  const a = p.allocation;
  add('allocation', c[6] ?? 0, a ? `not yet awarded: rounds every ${a.roundPeriodMonths} months release ${fmt(a.mwPerRound)} MW to at most ${Math.round(a.awardShare * 100)}% of applicants` : 'not yet awarded in an allocation round');
  return out.sort((x, y) => y.share - x.share);
}

export function summarizeQueue(req: QueueRequest, m: QueuePartial): QueueSummary {
  const [cs, ce] = defaultCohort(m.horizonMonths);
  const wd = m.withdrawn;
  const wdTotal = wd[0] + wd[1] + wd[2] + wd[3];
  const cohortMW = m.cohortMWFx / FIXED;
  const energizedMW = m.energizedMWFx / FIXED;
  const window = ce - cs;
  const whole = req.runToHorizon === true;
  let little: QueueValidation['little'] = null;
  if (whole && m.littleArrivals > 0 && m.trials > 0) {
    const L = m.littleAreaFx / FIXED / window / m.trials;
    const lambda = m.littleArrivals / window / m.trials;
    const W = m.littleSojournFx / FIXED / m.littleArrivals;
    little = { L, lambda, W, ratio: L / (lambda * W) };
  }
  return {
    model: 'queue',
    presetId: req.presetId,
    asOf: req.params.stock?.asOf ?? null,
    neverReasons: neverReasons(req, m),
    template: req.params.template,
    trials: m.trials,
    seed: req.seed,
    projectMW: req.projectMW,
    horizonMonths: m.horizonMonths,
    timeToPower: percentiles(m.timeToPower),
    timeToIA: percentiles(m.timeToIA),
    timeToFull: percentiles(m.timeToFull),
    firstBlockShare: req.params.ramp?.firstBlockShare ?? 1,
    headroomWait: { ...percentiles(m.headroomWait), n: m.headroomWait.n, buildWhileWaiting: req.params.headroom.buildWhileWaiting === true, beforeAgreement: req.params.headroom.reserveAtAgreement === true },
    cdf: cdfCurve(m.timeToPower, 1),
    quantileTable: quantileTableFromHistogram(m.timeToPower),
    queueMWFan: fan(m.aheadByYear, m.years),
    activeQueueMWFan: m.activeByYear.length ? fan(m.activeByYear, m.years) : null,
    mwAheadAtEntry: {
      p10: mwQuantile(m.mwAheadAtEntry, 0, 0.1),
      p50: mwQuantile(m.mwAheadAtEntry, 0, 0.5),
      p90: mwQuantile(m.mwAheadAtEntry, 0, 0.9),
    },
    projectsAheadAtEntry: req.params.backlog.count,
    mwEnergizedPerYear: req.runToHorizon !== true ? null : Array.from(m.energizedMWByYearFx, (v) => (m.trials ? v / FIXED / m.trials : NaN)),
    events: m.events,
    eventsPerTrial: m.trials ? m.events / m.trials : NaN,
    perTrial: { trial: m.rowTrials, months: m.rowMonths },
    validation: {
      runToHorizon: whole,
      cohortWindowMonths: [cs, ce],
      cohortProjects: m.cohortProjects,
      energizedShare: share(m.energized, m.cohortProjects),
      energizedMWShare: share(energizedMW, cohortMW),
      withdrawnShare: share(wdTotal, m.cohortProjects),
      stillActiveShare: share(m.stillActive, m.cohortProjects),
      withdrawnPhaseShares: {
        feas: share(wd[0], wdTotal),
        sis: share(wd[1], wdTotal),
        fs: share(wd[2], wdTotal),
        postIa: share(wd[3], wdTotal),
      },
      requestToEnergize: percentiles(m.requestToEnergize),
      requestToIA: percentiles(m.requestToIA),
      little,
      meanStudyWaitMonths: share(m.studyWaitFx / FIXED, m.studyWaits),
    },
  };
}
