/**
 * Parameters of the buy-vs-build time-to-power model (docs/method.md §3), their schema and rule checks.
 *
 * Every duration is a P50/P90 pair in months ("LN(P50, P90)"); probabilities are in [0, 1]; power is
 * MW (grid MW where a field says so, otherwise MW of IT load); money is USD.
 */
import { z } from 'zod';
import { MAX_HORIZON_MONTHS, type FieldError, type Result, type RunSettings } from '../contract';
import type { QuantileTable } from '../quantile-table';
import { Checker, checkRunSettings, showValue, zodIssuesToFieldErrors } from '../validate-common';

/** A lognormal duration by its median and 90th percentile, months (P90 = P50 gives a fixed value). */
export interface DurationLN {
  p50: number;
  p90: number;
}

/** Buying a mine's power shell and retrofitting it (docs/method.md §3, "Buy a power shell" column). */
export interface BuyArmParams {
  /** source, diligence and close, months; no correlation group */
  close: DurationLN;
  /** utility consent to the new use, months; group `queue` */
  utilityConsent: DurationLN;
  /** probability the utility asks for a new large-load study (drawn once per trial) */
  studyProbability: number;
  /**
   * Grid MW of AI load that can be energized under the utility's consent even when a study is
   * required (e.g. Texas SB 6 applies to loads ≥ 75 MW). Blocks whose cumulative grid MW exceeds
   * it wait for the study. 0 = the study gates every block.
   */
  studyFreeGridMW: number;
  /** the study's wait as a share of the region's queue wait (1 = the whole request → energize wait) */
  studyShareOfQueueWait: number;
  /** permits for the change of use, months; group `permits` */
  permits: DurationLN;
  /** medium-voltage gear (the substation is reused), months; group `equipment` */
  equipment: DurationLN;
  /** retrofit of the first block, months; group `construction` */
  firstBlock: DurationLN;
  /** each further block, months (one pace per trial for all further blocks); group `construction` */
  perExtraBlock: DurationLN;
  /** commissioning after energization, months; group `construction` */
  commissioning: DurationLN;
  /** false (default): the retrofit starts at signing, beside the close; true: it waits for the close */
  retrofitAfterClose: boolean;
  /** false (default): permits gate energization only; true: the retrofit cannot start before them */
  retrofitAfterPermits: boolean;
}

/** Building greenfield and waiting in the region's queue (docs/method.md §3, "Build greenfield" column). */
export interface BuildArmParams {
  /** site control before a queue request can be filed, months; no correlation group */
  siteControl: DurationLN;
  /** permits, months; group `permits` */
  permits: DurationLN;
  /** transformers and switchgear, months; group `equipment` */
  equipment: DurationLN;
  /** construction of the first block, months; group `construction` */
  construction: DurationLN;
  /** each further block, months; group `construction` */
  perExtraBlock: DurationLN;
  /** commissioning, months; group `construction` */
  commissioning: DurationLN;
}

/** The site (docs/method.md §3 "Site facts that change the answer"). Both arms deliver the same IT MW. */
export interface SiteFacts {
  /** the mine's grid connection, MW (grid side) */
  gridMW: number;
  /** share of the grid MW usable for AI load (0–1] */
  aiUsableShare: number;
  /** power usage effectiveness: IT MW = gridMW × aiUsableShare / pue */
  pue: number;
  /** IT MW per block (hall); the number of blocks is ceil(IT MW / blockMW) */
  blockMW: number;
}

/**
 * GPUs: they do not change time to power (energized MW) but "time to first compute" =
 * max(first MW, GPU arrival), GPUs ordered at the decision (t = 0).
 */
export interface GpuParams {
  /** delivery lead time, months; no correlation group */
  leadTime: DurationLN;
  /** probability export controls hold the GPUs up */
  exportControlProbability: number;
  /** extra months when they do */
  exportControlDelay: DurationLN;
}

export interface BuyVsBuildParams {
  /** months from the decision (t = 0); later is "> horizon" */
  horizonMonths: number;
  /** weight of the shared group factor in each delay (0 = independent phases, 1 = fully shared) */
  rho: number;
  /** asking rent used for the delay cost, USD per kW-month */
  rentUSDPerKWMonth: number;
  buy: BuyArmParams;
  build: BuildArmParams;
  site: SiteFacts;
  gpu: GpuParams;
}

/** A buy-vs-build run as the pool, the CLI and the UI pass it. */
export interface BuyVsBuildRequest extends RunSettings {
  model: 'buy-vs-build';
  /** the site the parameters describe (for labels) */
  siteId: string;
  params: BuyVsBuildParams;
  /** the region's queue wait, months (quantile-table.ts); Infinity entries = never */
  queueTable: QuantileTable;
  /**
   * Only for demonstrating common random numbers: the build arm draws its own group factors,
   * queue uniform and GPU draws instead of sharing the buy arm's.
   */
  independentDraws?: boolean;
  /**
   * Accept curtailment (firm and curtailable MW, curtailment/): the build arm's first MW come after
   * the queue's first-curtailable-MW wait (`firstTable`, read with the same uniform as
   * `queueTable`), firm MW after the firm wait; `energyShare` of the request's energy is lost to
   * curtailment in between (the queue run's mean). Absent: every MW is firm.
   */
  curtail?: { firstTable: QuantileTable; energyShare: number };
}

/** Longest duration a user may enter, months. */
export const MAX_DURATION_MONTHS = 1200;
/** Blocks per site are capped so a trial stays a short loop. */
export const MAX_BLOCKS = 500;

const num = z.number();
const dur = z.strictObject({ p50: num, p90: num });

export const buyVsBuildParamsSchema = z.strictObject({
  horizonMonths: num,
  rho: num,
  rentUSDPerKWMonth: num,
  buy: z.strictObject({
    close: dur,
    utilityConsent: dur,
    studyProbability: num,
    studyFreeGridMW: num,
    studyShareOfQueueWait: num,
    permits: dur,
    equipment: dur,
    firstBlock: dur,
    perExtraBlock: dur,
    commissioning: dur,
    retrofitAfterClose: z.boolean(),
    retrofitAfterPermits: z.boolean(),
  }),
  build: z.strictObject({
    siteControl: dur,
    permits: dur,
    equipment: dur,
    construction: dur,
    perExtraBlock: dur,
    commissioning: dur,
  }),
  site: z.strictObject({ gridMW: num, aiUsableShare: num, pue: num, blockMW: num }),
  gpu: z.strictObject({ leadTime: dur, exportControlProbability: num, exportControlDelay: dur }),
}) satisfies z.ZodType<BuyVsBuildParams>;

/** IT MW the site can deliver for AI: grid MW × usable share ÷ PUE. */
export function itMW(site: SiteFacts): number {
  return (site.gridMW * site.aiUsableShare) / site.pue;
}

/** Number of blocks (halls) the IT MW is delivered in. */
export function blockCount(site: SiteFacts): number {
  return Math.max(1, Math.ceil(itMW(site) / site.blockMW - 1e-9));
}

/** Rule checks on parameters whose shape is right; `prefix` is prepended to field paths. */
export function checkBuyVsBuildParams(p: BuyVsBuildParams, prefix = ''): FieldError[] {
  const c = new Checker();
  const f = (path: string) => (prefix ? `${prefix}.${path}` : path);
  const M = 'months';
  const d = (path: string, v: DurationLN) => c.p50p90(f(path), v, M, MAX_DURATION_MONTHS);

  if (!Number.isInteger(p.horizonMonths) || p.horizonMonths < 12) {
    c.add(f('horizonMonths'), `must be a whole number of months, at least 12, got ${showValue(p.horizonMonths)}`);
  } else if (p.horizonMonths > MAX_HORIZON_MONTHS) {
    c.add(f('horizonMonths'), `horizon of ${p.horizonMonths} months exceeds the ${MAX_HORIZON_MONTHS}-month limit`);
  }
  if (!Number.isFinite(p.rho) || p.rho < 0 || p.rho > 1) c.add(f('rho'), `must be a correlation between 0 and 1, got ${showValue(p.rho)}`);
  c.nonNegative(f('rentUSDPerKWMonth'), p.rentUSDPerKWMonth, 'USD per kW-month', 100_000);

  for (const k of ['close', 'utilityConsent', 'permits', 'equipment', 'firstBlock', 'perExtraBlock', 'commissioning'] as const) d(`buy.${k}`, p.buy[k]);
  c.probability(f('buy.studyProbability'), p.buy.studyProbability);
  c.nonNegative(f('buy.studyFreeGridMW'), p.buy.studyFreeGridMW, 'MW', 1e7);
  c.range(f('buy.studyShareOfQueueWait'), p.buy.studyShareOfQueueWait, 0, 1);
  for (const k of ['siteControl', 'permits', 'equipment', 'construction', 'perExtraBlock', 'commissioning'] as const) d(`build.${k}`, p.build[k]);

  const s = p.site;
  const okGrid = c.positive(f('site.gridMW'), s.gridMW, 'MW', 1e6);
  let okShare = c.probability(f('site.aiUsableShare'), s.aiUsableShare);
  if (okShare && s.aiUsableShare === 0) {
    c.add(f('site.aiUsableShare'), 'must be above 0: with no usable share the site delivers no AI load');
    okShare = false;
  }
  const okPue = c.range(f('site.pue'), s.pue, 1, 3);
  const okBlock = c.positive(f('site.blockMW'), s.blockMW, 'MW', 1e6);
  if (okGrid && okShare && okPue && okBlock && itMW(s) / s.blockMW > MAX_BLOCKS) {
    c.add(f('site.blockMW'), `splits ${Math.round(itMW(s))} MW of IT load into more than ${MAX_BLOCKS} blocks; use larger blocks`);
  }

  d('gpu.leadTime', p.gpu.leadTime);
  c.probability(f('gpu.exportControlProbability'), p.gpu.exportControlProbability);
  d('gpu.exportControlDelay', p.gpu.exportControlDelay);
  return c.errors;
}

/** Shape, types and meaning of user-supplied parameters. */
export function validateBuyVsBuildParams(input: unknown, prefix = ''): Result<BuyVsBuildParams> {
  const parsed = buyVsBuildParamsSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues, prefix) };
  const errors = checkBuyVsBuildParams(parsed.data, prefix);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/**
 * A quantile table of months: at least two levels, non-decreasing, finite numbers ≥ 0 until
 * (optionally) Infinity for the levels never reached within the horizon.
 */
export function checkQueueTable(c: Checker, field: string, table: unknown): void {
  if (!Array.isArray(table) || table.length < 2) {
    c.add(field, `must be a list of at least 2 quantiles in months, got ${showValue(table)}`);
    return;
  }
  for (let i = 0; i < table.length; i++) {
    const v = table[i];
    if (typeof v !== 'number' || Number.isNaN(v) || v < 0 || v === -Infinity) {
      c.add(`${field}.${i}`, `must be a number of months ≥ 0 (or Infinity for "never"), got ${showValue(v)}`);
      return;
    }
    if (i > 0 && v < table[i - 1]) {
      c.add(`${field}.${i}`, `quantiles must not decrease: ${v} months comes after ${table[i - 1]} months`);
      return;
    }
  }
}

/** Checks a run request: parameters, queue table, trial count and seed, all errors at once. */
export function validateBuyVsBuildRequest(input: unknown): Result<BuyVsBuildRequest> {
  if (input === null || typeof input !== 'object') return { ok: false, errors: [{ field: '(input)', message: `must be a group of fields, got ${showValue(input)}` }] };
  const r = input as Record<string, unknown>;
  const c = new Checker();
  const params = validateBuyVsBuildParams(r.params, 'params');
  if (!params.ok) c.errors.push(...params.errors);
  checkQueueTable(c, 'queueTable', r.queueTable);
  checkRunSettings(c, r.trials, r.seed);
  if (r.siteId !== undefined && typeof r.siteId !== 'string') c.add('siteId', `must be text, got ${showValue(r.siteId)}`);
  if (r.independentDraws !== undefined && typeof r.independentDraws !== 'boolean') c.add('independentDraws', `must be true or false, got ${showValue(r.independentDraws)}`);
  const cu = r.curtail as Record<string, unknown> | undefined;
  if (cu !== undefined) {
    if (cu === null || typeof cu !== 'object') c.add('curtail', `must be a group of fields, got ${showValue(cu)}`);
    else {
      checkQueueTable(c, 'curtail.firstTable', cu.firstTable);
      const e = cu.energyShare;
      if (typeof e !== 'number' || !(e >= 0 && e <= 1)) c.add('curtail.energyShare', `must be a share from 0 to 1, got ${showValue(e)}`);
    }
  }
  if (c.errors.length || !params.ok) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: {
      ...(cu ? { curtail: { firstTable: (cu.firstTable as number[]).slice(), energyShare: cu.energyShare as number } } : {}),
      model: 'buy-vs-build',
      siteId: typeof r.siteId === 'string' ? r.siteId : 'custom',
      params: params.value,
      queueTable: (r.queueTable as number[]).slice(),
      trials: r.trials as number,
      seed: r.seed as number,
      independentDraws: r.independentDraws === true,
    },
  };
}
