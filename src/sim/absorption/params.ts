/**
 * Parameters of the lease-ahead absorption model (docs/method.md §2), their schema and rule checks.
 *
 * Time in months, power in MW of IT load, sizes and durations as LN(P50, P90) pairs.
 */
import { z } from 'zod';
import { MAX_HORIZON_MONTHS, type FieldError, type Result, type RunSettings } from '../contract';
import type { QuantileTable } from '../quantile-table';
import { checkQueueTable, type DurationLN } from '../buy-vs-build/params';
import { Checker, checkRunSettings, showValue, zodIssuesToFieldErrors } from '../validate-common';

export type { DurationLN };

export interface AbsorptionParams {
  /**
   * Months simulated before the decision (month 0 of every output), from an empty market: long
   * enough that every building and requirement in the market entered after the start.
   */
  burnInMonths: number;
  /** months after the decision that are reported */
  horizonMonths: number;
  /** the market's calibration figures are path means over the first this-many reported months */
  calibrationWindowMonths: number;
  supply: {
    /** new buildings started per month (Poisson) */
    startsPerMonth: number;
    /** building size, MW */
    sizeMW: DurationLN;
    /** start → expected delivery, months */
    buildMonths: DurationLN;
    /** probability a building's power comes late */
    powerLateProbability: number;
    /** how late, months */
    powerLateMonths: DurationLN;
  };
  demand: {
    /** tenant requirements arriving per month (Poisson) */
    requirementsPerMonth: number;
    /** requirement size, MW */
    sizeMW: DurationLN;
    /** need date = arrival + uniform(leadMinMonths, leadMaxMonths) */
    leadMinMonths: number;
    leadMaxMonths: number;
    /** a requirement takes space delivered within this many months of its need date */
    matchWindowMonths: number;
    /** an unmet requirement leaves the market this many months after it arrived */
    expiryMonths: number;
  };
  /** newly vacant space (unleased at delivery, or churned) can be let after this many months */
  marketingLagMonths: number;
  /** share of occupied MW whose lease ends and is not renewed, per year */
  churnPerYear: number;
  /** the user's building, started at the decision */
  userBuilding: {
    /** IT MW */
    mw: number;
    /** decision → powered, months, used when the request brings no delivery table */
    delivery: DurationLN;
  };
}

/** An absorption run: paths = trials. */
export interface AbsorptionRequest extends RunSettings {
  model: 'absorption';
  presetId: string;
  params: AbsorptionParams;
  /**
   * Decision → powered for the user's building, months (e.g. a buy-vs-build arm's first-MW
   * quantile table); without it, params.userBuilding.delivery is used.
   */
  deliveryTable?: QuantileTable;
}

/** A path simulates at most this many months (burn-in + horizon). */
export const MAX_PATH_MONTHS = 1200;
/** Expected arrivals per month are capped so a path stays a bounded loop. */
export const MAX_ARRIVALS_PER_MONTH = 500;

const num = z.number();
const dur = z.strictObject({ p50: num, p90: num });

export const absorptionParamsSchema = z.strictObject({
  burnInMonths: num,
  horizonMonths: num,
  calibrationWindowMonths: num,
  supply: z.strictObject({ startsPerMonth: num, sizeMW: dur, buildMonths: dur, powerLateProbability: num, powerLateMonths: dur }),
  demand: z.strictObject({
    requirementsPerMonth: num,
    sizeMW: dur,
    leadMinMonths: num,
    leadMaxMonths: num,
    matchWindowMonths: num,
    expiryMonths: num,
  }),
  marketingLagMonths: num,
  churnPerYear: num,
  userBuilding: z.strictObject({ mw: num, delivery: dur }),
}) satisfies z.ZodType<AbsorptionParams>;

export function checkAbsorptionParams(p: AbsorptionParams, prefix = ''): FieldError[] {
  const c = new Checker();
  const f = (path: string) => (prefix ? `${prefix}.${path}` : path);
  const M = 'months';
  const wholeMonths = (path: string, v: number, min: number, max: number) => c.integer(f(path), v, min, max, M);

  wholeMonths('burnInMonths', p.burnInMonths, 0, MAX_HORIZON_MONTHS);
  wholeMonths('horizonMonths', p.horizonMonths, 1, MAX_HORIZON_MONTHS);
  wholeMonths('calibrationWindowMonths', p.calibrationWindowMonths, 1, MAX_HORIZON_MONTHS);
  if (Number.isInteger(p.burnInMonths) && Number.isInteger(p.horizonMonths) && p.burnInMonths + p.horizonMonths > MAX_PATH_MONTHS) {
    c.add(f('horizonMonths'), `burn-in + horizon of ${p.burnInMonths + p.horizonMonths} months exceeds the ${MAX_PATH_MONTHS}-month limit`);
  }
  if (Number.isInteger(p.calibrationWindowMonths) && Number.isInteger(p.horizonMonths) && p.calibrationWindowMonths > p.horizonMonths) {
    c.add(f('calibrationWindowMonths'), `must not exceed the horizon (${p.horizonMonths} months), got ${p.calibrationWindowMonths}`);
  }

  const s = p.supply;
  c.nonNegative(f('supply.startsPerMonth'), s.startsPerMonth, 'buildings per month', MAX_ARRIVALS_PER_MONTH);
  c.p50p90(f('supply.sizeMW'), s.sizeMW, 'MW', 1e5);
  c.p50p90(f('supply.buildMonths'), s.buildMonths, M, MAX_PATH_MONTHS);
  c.probability(f('supply.powerLateProbability'), s.powerLateProbability);
  c.p50p90(f('supply.powerLateMonths'), s.powerLateMonths, M, MAX_PATH_MONTHS);

  const d = p.demand;
  c.nonNegative(f('demand.requirementsPerMonth'), d.requirementsPerMonth, 'requirements per month', MAX_ARRIVALS_PER_MONTH);
  c.p50p90(f('demand.sizeMW'), d.sizeMW, 'MW', 1e5);
  const okMin = c.nonNegative(f('demand.leadMinMonths'), d.leadMinMonths, M, 240);
  const okMax = c.nonNegative(f('demand.leadMaxMonths'), d.leadMaxMonths, M, 240);
  if (okMin && okMax && d.leadMaxMonths < d.leadMinMonths) {
    c.add(f('demand.leadMaxMonths'), `must be ≥ the shortest lead (${d.leadMinMonths} months), got ${d.leadMaxMonths}`);
  }
  c.nonNegative(f('demand.matchWindowMonths'), d.matchWindowMonths, M, 120);
  c.integer(f('demand.expiryMonths'), d.expiryMonths, 1, 240, M);

  c.integer(f('marketingLagMonths'), p.marketingLagMonths, 0, 120, M);
  c.probability(f('churnPerYear'), p.churnPerYear);
  c.positive(f('userBuilding.mw'), p.userBuilding.mw, 'MW', 1e5);
  c.p50p90(f('userBuilding.delivery'), p.userBuilding.delivery, M, MAX_PATH_MONTHS);
  return c.errors;
}

export function validateAbsorptionParams(input: unknown, prefix = ''): Result<AbsorptionParams> {
  const parsed = absorptionParamsSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues, prefix) };
  const errors = checkAbsorptionParams(parsed.data, prefix);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

export function validateAbsorptionRequest(input: unknown): Result<AbsorptionRequest> {
  if (input === null || typeof input !== 'object') return { ok: false, errors: [{ field: '(input)', message: `must be a group of fields, got ${showValue(input)}` }] };
  const r = input as Record<string, unknown>;
  const c = new Checker();
  const params = validateAbsorptionParams(r.params, 'params');
  if (!params.ok) c.errors.push(...params.errors);
  if (r.deliveryTable !== undefined) checkQueueTable(c, 'deliveryTable', r.deliveryTable);
  checkRunSettings(c, r.trials, r.seed);
  if (r.presetId !== undefined && typeof r.presetId !== 'string') c.add('presetId', `must be text, got ${showValue(r.presetId)}`);
  if (c.errors.length || !params.ok) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: {
      model: 'absorption',
      presetId: typeof r.presetId === 'string' ? r.presetId : 'custom',
      params: params.value,
      ...(r.deliveryTable !== undefined ? { deliveryTable: (r.deliveryTable as number[]).slice() } : {}),
      trials: r.trials as number,
      seed: r.seed as number,
    },
  };
}
