/**
 * The mergeable result of a chunk of queue trials: integer histograms and integer (fixed-point)
 * sums only, plus per-trial rows kept by trial index, so merging in chunk order gives bit-identical
 * totals whatever the chunking or the number of workers (docs/method.md §0).
 */
import { MAX_PER_TRIAL_ROWS } from '../contract';
import { createHistogram, mergeInto, record, type TimeHistogram } from '../histogram';
import { MW_BINS, mwBin } from './mw-histogram';

/** Per-trial sums are rounded to 1/FIXED before they are added, so sums are exact integers. */
export const FIXED = 64;

export interface QueuePartial {
  horizonMonths: number;
  /** whole years in the horizon: year-end snapshots 1 … years */
  years: number;
  trials: number;
  /** months from the run's start (the stock's as-of date, else today) until the user's request is energized (never = not within the horizon) */
  timeToPower: TimeHistogram;
  /** months from the run's start (the stock's as-of date, else today) until the user's request signs its IA (allocation: is awarded capacity) */
  timeToIA: TimeHistogram;
  /** months from the run's start (the stock's as-of date, else today) until the user's full request draws power (first block + ramp; = timeToPower without a ramp) */
  timeToFull: TimeHistogram;
  /** months the user's agreement waited for grid headroom, in trials where it was granted (never = still waiting at the horizon) */
  headroomWait: TimeHistogram;
  /** MW of requests ahead of the user's when it is filed (mw-histogram.ts bins) */
  mwAheadAtEntry: Uint32Array;
  /** MW still ahead of the user's request at each year end: years × MW_BINS, row y-1 for year y */
  aheadByYear: Uint32Array;
  /** MW of all active requests at each year end (only filled when running to the horizon) */
  activeByYear: Uint32Array;
  /** Σ over trials of MW energized in each year, × FIXED */
  energizedMWByYearFx: Float64Array;
  /** state-changing events processed */
  events: number;
  /** validation cohort: requests arriving in the engine's cohort window */
  cohortProjects: number;
  cohortMWFx: number;
  energized: number;
  energizedMWFx: number;
  /** by withdrawal bucket: feas, sis, fs, postIa */
  withdrawn: number[];
  withdrawnMWFx: number[];
  /** cohort requests neither energized nor withdrawn at the horizon */
  stillActive: number;
  /** request → energized, months, of cohort requests that were energized */
  requestToEnergize: TimeHistogram;
  /** request → IA (or award), months, of cohort requests that reached it */
  requestToIA: TimeHistogram;
  /** Little's law (cohort window): ∫ active requests dt × FIXED, arrivals, Σ time in system × FIXED */
  littleAreaFx: number;
  littleArrivals: number;
  littleSojournFx: number;
  /** Σ waits for a study slot × FIXED, and their count (cohort requests) */
  studyWaitFx: number;
  studyWaits: number;
  /** trials whose request was not energized within the horizon, by the engine stage it was in at the end (index = stage code) */
  neverByStage: number[];
  /** months to power of trials below MAX_PER_TRIAL_ROWS, by trial index (Infinity = never) */
  rowTrials: Int32Array;
  rowMonths: Float64Array;
}

export function createQueuePartial(horizonMonths: number, start: number, end: number, wholeQueue: boolean): QueuePartial {
  const years = Math.floor(horizonMonths / 12);
  const rows = Math.max(0, Math.min(end, MAX_PER_TRIAL_ROWS) - start);
  return {
    horizonMonths,
    years,
    trials: 0,
    timeToPower: createHistogram(horizonMonths),
    timeToIA: createHistogram(horizonMonths),
    timeToFull: createHistogram(horizonMonths),
    headroomWait: createHistogram(horizonMonths),
    mwAheadAtEntry: new Uint32Array(MW_BINS),
    aheadByYear: new Uint32Array(years * MW_BINS),
    activeByYear: new Uint32Array(wholeQueue ? years * MW_BINS : 0),
    energizedMWByYearFx: new Float64Array(years),
    events: 0,
    cohortProjects: 0,
    cohortMWFx: 0,
    energized: 0,
    energizedMWFx: 0,
    withdrawn: [0, 0, 0, 0],
    withdrawnMWFx: [0, 0, 0, 0],
    stillActive: 0,
    requestToEnergize: createHistogram(horizonMonths),
    requestToIA: createHistogram(horizonMonths),
    littleAreaFx: 0,
    littleArrivals: 0,
    littleSojournFx: 0,
    studyWaitFx: 0,
    studyWaits: 0,
    neverByStage: new Array(NEVER_STAGES).fill(0),
    rowTrials: new Int32Array(rows),
    rowMonths: new Float64Array(rows),
  };
}

/** Engine stage codes 0…8 (engine.ts S_*); a partial counts never-energized trials by stage. */
export const NEVER_STAGES = 9;
/** engine.ts S_HEADROOM: past the agreement, waiting for grid headroom */
const NEVER_HEADROOM_STAGE = 4;

/** What one trial hands to the partial (filled by the engine, reused across trials). */
export interface TrialOutcome {
  /** months to power of the user's request, Infinity if not within the horizon */
  userMonths: number;
  /** months to IA (or award) of the user's request, Infinity if not within the horizon */
  userIAMonths: number;
  /**
   * months to the end of the user's studies, Infinity if not within the horizon: its agreement,
   * unless capacity is reserved at the agreement (then the agreement waits for capacity; a
   * curtailable connection need not)
   */
  userStudiesMonths: number;
  /**
   * months the user's construction takes once it starts (the draw the engine made for it), NaN if it
   * never started within the horizon; the curtailable path builds while firm MW wait for headroom
   */
  userConstrMonths: number;
  /** months from the user's first block to its full request (0 without a ramp; NaN if never energized) */
  userRampMonths: number;
  /** months the user's agreement waited for grid headroom (0: granted at once; NaN: never reached, or headroom unlimited) */
  userHeadroomWait: number;
  mwAheadAtEntry: number;
  aheadAtYearEnd: Float64Array;
  activeAtYearEnd: Float64Array;
  energizedMWByYear: Float64Array;
  events: number;
  cohortProjects: number;
  cohortMW: number;
  energized: number;
  energizedMW: number;
  withdrawn: Float64Array;
  withdrawnMW: Float64Array;
  stillActive: number;
  littleArea: number;
  littleArrivals: number;
  littleSojourn: number;
  studyWait: number;
  studyWaits: number;
  /** engine stage of the user's request at the end when it was not energized (0 otherwise) */
  userStageAtEnd: number;
  /** sample times (months) and the queue at each: active MW and count, cumulative MW in, energized, withdrawn, approved (past the agreement) */
  sampleTimes: Float64Array;
  sampleActiveMW: Float64Array;
  sampleActiveN: Float64Array;
  sampleInMW: Float64Array;
  sampleEnergizedMW: Float64Array;
  sampleWithdrawnMW: Float64Array;
  sampleApprovedMW: Float64Array;
  /** MW drawing power (first blocks plus ramps; = energized MW without a ramp) */
  sampleOperatingMW: Float64Array;
  /**
   * The stock's shape at each sample time (filled only when the engine's cfg.stockShape is set):
   * mean months since filing of active requests, their MW past the agreement, and MW by phase
   * (feas, sis, fs, postIa: sample k at [4k … 4k+3]). The user's request is left out.
   */
  sampleMeanAge: Float64Array;
  sampleMWByPhase: Float64Array;
  /** MW studied and waiting for capacity before an agreement (headroom.reserveAtAgreement; part of fs) */
  sampleWaitingMW: Float64Array;
}

export function createTrialOutcome(years: number, sampleTimes: Float64Array = new Float64Array(0)): TrialOutcome {
  const k = sampleTimes.length;
  const o = {
    sampleTimes,
    sampleActiveMW: new Float64Array(k),
    sampleActiveN: new Float64Array(k),
    sampleInMW: new Float64Array(k),
    sampleEnergizedMW: new Float64Array(k),
    sampleWithdrawnMW: new Float64Array(k),
    sampleApprovedMW: new Float64Array(k),
    sampleOperatingMW: new Float64Array(k),
    sampleMeanAge: new Float64Array(k),
    sampleMWByPhase: new Float64Array(4 * k),
    sampleWaitingMW: new Float64Array(k),
    aheadAtYearEnd: new Float64Array(years),
    activeAtYearEnd: new Float64Array(years),
    energizedMWByYear: new Float64Array(years),
    withdrawn: new Float64Array(4),
    withdrawnMW: new Float64Array(4),
  } as TrialOutcome;
  clearTrialOutcome(o);
  return o;
}

/** Resets an outcome for the next trial, keeping its arrays. */
export function clearTrialOutcome(o: TrialOutcome): void {
  o.userMonths = Infinity;
  o.userIAMonths = Infinity;
  o.userStudiesMonths = Infinity;
  o.userConstrMonths = NaN;
  o.userRampMonths = 0;
  o.userHeadroomWait = NaN;
  o.mwAheadAtEntry = 0;
  o.aheadAtYearEnd.fill(0);
  o.activeAtYearEnd.fill(0);
  o.energizedMWByYear.fill(0);
  o.withdrawn.fill(0);
  o.withdrawnMW.fill(0);
  o.events = 0;
  o.cohortProjects = 0;
  o.cohortMW = 0;
  o.energized = 0;
  o.energizedMW = 0;
  o.stillActive = 0;
  o.littleArea = 0;
  o.littleArrivals = 0;
  o.littleSojourn = 0;
  o.studyWait = 0;
  o.studyWaits = 0;
  o.userStageAtEnd = 0;
}

const fx = (v: number) => Math.round(v * FIXED);

/** Adds one trial to the partial. */
export function addTrial(part: QueuePartial, trial: number, o: TrialOutcome, rowBase: number): void {
  part.trials++;
  record(part.timeToPower, o.userMonths);
  record(part.timeToIA, o.userIAMonths);
  record(part.timeToFull, o.userMonths + o.userRampMonths);
  // Only trials whose agreement met a limited grid: granted (its wait) or still waiting (never).
  if (!Number.isNaN(o.userHeadroomWait)) record(part.headroomWait, o.userHeadroomWait);
  else if (o.userStageAtEnd === NEVER_HEADROOM_STAGE && o.userMonths === Infinity) record(part.headroomWait, Infinity);
  part.mwAheadAtEntry[mwBin(o.mwAheadAtEntry)]++;
  for (let y = 0; y < part.years; y++) {
    part.aheadByYear[y * MW_BINS + mwBin(o.aheadAtYearEnd[y])]++;
    part.energizedMWByYearFx[y] += fx(o.energizedMWByYear[y]);
  }
  if (part.activeByYear.length) {
    for (let y = 0; y < part.years; y++) part.activeByYear[y * MW_BINS + mwBin(o.activeAtYearEnd[y])]++;
  }
  part.events += o.events;
  part.cohortProjects += o.cohortProjects;
  part.cohortMWFx += fx(o.cohortMW);
  part.energized += o.energized;
  part.energizedMWFx += fx(o.energizedMW);
  for (let b = 0; b < 4; b++) {
    part.withdrawn[b] += o.withdrawn[b];
    part.withdrawnMWFx[b] += fx(o.withdrawnMW[b]);
  }
  part.stillActive += o.stillActive;
  part.littleAreaFx += fx(o.littleArea);
  part.littleArrivals += o.littleArrivals;
  part.littleSojournFx += fx(o.littleSojourn);
  part.studyWaitFx += fx(o.studyWait);
  part.studyWaits += o.studyWaits;
  if (o.userMonths === Infinity) part.neverByStage[o.userStageAtEnd]++;
  const row = trial - rowBase;
  if (row >= 0 && row < part.rowTrials.length) {
    part.rowTrials[row] = trial;
    part.rowMonths[row] = o.userMonths;
  }
}

function addInto(a: Uint32Array | Float64Array, b: Uint32Array | Float64Array): void {
  if (a.length !== b.length) throw new Error('cannot merge queue partials of different shapes');
  for (let i = 0; i < a.length; i++) a[i] += b[i];
}

function concat<T extends Int32Array | Float64Array>(a: T, b: T, make: (n: number) => T): T {
  if (b.length === 0) return a;
  const out = make(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Folds `next` into `acc` (chunk order: per-trial rows are appended). */
export function mergeQueuePartials(acc: QueuePartial, next: QueuePartial): QueuePartial {
  if (acc.horizonMonths !== next.horizonMonths) throw new Error('cannot merge queue partials with different horizons');
  acc.trials += next.trials;
  mergeInto(acc.timeToPower, next.timeToPower);
  mergeInto(acc.timeToIA, next.timeToIA);
  mergeInto(acc.timeToFull, next.timeToFull);
  mergeInto(acc.headroomWait, next.headroomWait);
  addInto(acc.mwAheadAtEntry, next.mwAheadAtEntry);
  addInto(acc.aheadByYear, next.aheadByYear);
  addInto(acc.activeByYear, next.activeByYear);
  addInto(acc.energizedMWByYearFx, next.energizedMWByYearFx);
  acc.events += next.events;
  acc.cohortProjects += next.cohortProjects;
  acc.cohortMWFx += next.cohortMWFx;
  acc.energized += next.energized;
  acc.energizedMWFx += next.energizedMWFx;
  for (let b = 0; b < 4; b++) {
    acc.withdrawn[b] += next.withdrawn[b];
    acc.withdrawnMWFx[b] += next.withdrawnMWFx[b];
  }
  acc.stillActive += next.stillActive;
  mergeInto(acc.requestToEnergize, next.requestToEnergize);
  mergeInto(acc.requestToIA, next.requestToIA);
  acc.littleAreaFx += next.littleAreaFx;
  acc.littleArrivals += next.littleArrivals;
  acc.littleSojournFx += next.littleSojournFx;
  acc.studyWaitFx += next.studyWaitFx;
  acc.studyWaits += next.studyWaits;
  for (let k = 0; k < NEVER_STAGES; k++) acc.neverByStage[k] += next.neverByStage[k];
  acc.rowTrials = concat(acc.rowTrials, next.rowTrials, (n) => new Int32Array(n));
  acc.rowMonths = concat(acc.rowMonths, next.rowMonths, (n) => new Float64Array(n));
  return acc;
}
