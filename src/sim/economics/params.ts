/**
 * Parameters of the pivot economics model (issue 13: keep mining, lease the power shell, or run
 * GPUs), their schema and rule checks. Money is USD, power MW (IT MW where a field says so, grid MW
 * otherwise), prices per the unit in each field's name, rates as fractions (0.1 = 10%).
 */
import { z } from 'zod';
import { MAX_HORIZON_MONTHS, type FieldError, type Result, type RunSettings } from '../contract';
import { validateBuyVsBuildParams, checkQueueTable, type BuyVsBuildParams } from '../buy-vs-build/params';
import type { QuantileTable } from '../quantile-table';
import { Checker, checkRunSettings, showValue, zodIssuesToFieldErrors } from '../validate-common';

/** A range a value is drawn from uniformly in each trial. */
export interface UniformRange {
  low: number;
  high: number;
}

export interface PowerParams {
  /** the site's power price, USD per MWh (a hub or contract price) */
  priceUSDPerMWh: number;
  /** charges above that price (transmission, ancillary, retail), USD per MWh */
  adderUSDPerMWh: number;
}

export interface MiningParams {
  /** grid MW the mine runs at (0 = no mine on the site) */
  miningMW: number;
  /** hashprice at the decision, USD per PH/s per day */
  hashpriceUSDPerPHDay: number;
  /** median change of hashprice a year outside halvings (−0.1 = −10% a year) */
  driftPerYear: number;
  /** volatility of log hashprice, per √year */
  volatilityPerYear: number;
  /** calendar month of the next halving, "YYYY-MM" */
  halvingMonth: string;
  /** hashprice is multiplied by this in the halving month */
  halvingFactor: number;
  /** fleet efficiency, J/TH: 1 PH/s at J J/TH draws J kW */
  fleetJPerTH: number;
  /** share of hours the fleet hashes */
  uptime: number;
  /** operating cost besides power, USD per MWh mined */
  opexUSDPerMWh: number;
  /** optional demand-response / power-credit income, USD per kW of mining MW per month */
  curtailmentIncomeUSDPerKWMonth: number;
}

export interface LeaseParams {
  /** rent, USD per kW of IT per month (contract value ÷ (kW × months)) */
  rentUSDPerKWMonth: number;
  /** share of rent the lessor keeps after operating costs (tenant pays power) */
  noiMargin: number;
}

export interface GpuCloudParams {
  /** GPU-hour price at the decision, USD */
  priceUSDPerHour: number;
  driftPerYear: number;
  volatilityPerYear: number;
  /** share of GPU-hours sold, 0–1 */
  utilisation: number;
  /** IT kW per GPU with its server share */
  kWPerGPU: number;
  /** facility kWh per IT kWh for the GPU halls */
  pue: number;
  /** operating cost besides power, share of rental revenue */
  opexShareOfRevenue: number;
  /** USD per GPU with its server share */
  capexUSDPerGPU: number;
  /** months until the fleet is replaced */
  lifeMonths: number;
}

export interface CapexParams {
  /** converting a power shell, USD per MW of IT */
  retrofitUSDPerMWIT: UniformRange;
  /** building greenfield, USD per MW of IT */
  greenfieldUSDPerMWIT: UniformRange;
}

export interface EconomicsParams {
  /** months from the decision the cash flows run for */
  horizonMonths: number;
  /** annual discount rate (0.1 = 10%); above −100% */
  discountRatePerYear: number;
  /** calendar month of the decision, "YYYY-MM" (places the halving) */
  startMonth: string;
  /** added to every time to power, months (negative = earlier) */
  timeToPowerShiftMonths: number;
  power: PowerParams;
  mining: MiningParams;
  lease: LeaseParams;
  gpu: GpuCloudParams;
  capex: CapexParams;
}

/** Where time to power comes from: a buy-vs-build request's parameters and queue table, and which arm. */
export interface TimeToPowerSource {
  /** 'buy' (convert a power shell: retrofit capex) or 'build' (greenfield: greenfield capex) */
  arm: 'buy' | 'build';
  params: BuyVsBuildParams;
  queueTable: QuantileTable;
}

/** An economics run as the pool, the CLI and the UI pass it. */
export interface EconomicsRequest extends RunSettings {
  model: 'economics';
  siteId: string;
  params: EconomicsParams;
  timeToPower: TimeToPowerSource;
  /** trials 0 … tornadoTrials − 1 also run each tornado input at its low and high value (0 = no tornado) */
  tornadoTrials: number;
}

export const MAX_ECONOMICS_HORIZON = Math.min(MAX_HORIZON_MONTHS, 600);
export const MAX_TORNADO_TRIALS = 20_000;

const num = z.number();
const range = z.strictObject({ low: num, high: num });

export const economicsParamsSchema = z.strictObject({
  horizonMonths: num,
  discountRatePerYear: num,
  startMonth: z.string(),
  timeToPowerShiftMonths: num,
  power: z.strictObject({ priceUSDPerMWh: num, adderUSDPerMWh: num }),
  mining: z.strictObject({
    miningMW: num,
    hashpriceUSDPerPHDay: num,
    driftPerYear: num,
    volatilityPerYear: num,
    halvingMonth: z.string(),
    halvingFactor: num,
    fleetJPerTH: num,
    uptime: num,
    opexUSDPerMWh: num,
    curtailmentIncomeUSDPerKWMonth: num,
  }),
  lease: z.strictObject({ rentUSDPerKWMonth: num, noiMargin: num }),
  gpu: z.strictObject({
    priceUSDPerHour: num,
    driftPerYear: num,
    volatilityPerYear: num,
    utilisation: num,
    kWPerGPU: num,
    pue: num,
    opexShareOfRevenue: num,
    capexUSDPerGPU: num,
    lifeMonths: num,
  }),
  capex: z.strictObject({ retrofitUSDPerMWIT: range, greenfieldUSDPerMWIT: range }),
}) satisfies z.ZodType<EconomicsParams>;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months since year 0 of a "YYYY-MM" text, or NaN. */
export function monthNumber(text: string): number {
  const m = MONTH.exec(text);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : NaN;
}

/** Index of the halving month on the run's monthly grid (negative = before the decision). */
export function halvingIndex(p: EconomicsParams): number {
  return monthNumber(p.mining.halvingMonth) - monthNumber(p.startMonth);
}

/** Rule checks on parameters whose shape is right; `prefix` is prepended to field paths. */
export function checkEconomicsParams(p: EconomicsParams, prefix = ''): FieldError[] {
  const c = new Checker();
  const f = (path: string) => (prefix ? `${prefix}.${path}` : path);
  c.integer(f('horizonMonths'), p.horizonMonths, 12, MAX_ECONOMICS_HORIZON, 'months');
  if (!Number.isFinite(p.discountRatePerYear) || p.discountRatePerYear <= -1) {
    c.add(f('discountRatePerYear'), `must be a yearly rate above −100% (−1); got ${showValue(p.discountRatePerYear)}: at −100% or below future cash has no finite value`);
  } else c.range(f('discountRatePerYear'), p.discountRatePerYear, -0.5, 1, '(a fraction a year: 0.1 = 10%)');
  for (const [path, v] of [['startMonth', p.startMonth], ['mining.halvingMonth', p.mining.halvingMonth]] as const) {
    if (!MONTH.test(v)) c.add(f(path), `must be a month written YYYY-MM, got ${showValue(v)}`);
  }
  c.range(f('timeToPowerShiftMonths'), p.timeToPowerShiftMonths, -240, 240, 'months');

  c.nonNegative(f('power.priceUSDPerMWh'), p.power.priceUSDPerMWh, 'USD per MWh', 10_000);
  c.range(f('power.adderUSDPerMWh'), p.power.adderUSDPerMWh, 0, 10_000, 'USD per MWh');

  const m = p.mining;
  c.nonNegative(f('mining.miningMW'), m.miningMW, 'MW', 1e6);
  c.nonNegative(f('mining.hashpriceUSDPerPHDay'), m.hashpriceUSDPerPHDay, 'USD per PH/s per day', 100_000);
  c.range(f('mining.driftPerYear'), m.driftPerYear, -0.9, 5, '(a fraction a year)');
  c.range(f('mining.volatilityPerYear'), m.volatilityPerYear, 0, 3, '(a fraction per √year)');
  c.range(f('mining.halvingFactor'), m.halvingFactor, 0, 1);
  c.positive(f('mining.fleetJPerTH'), m.fleetJPerTH, 'J/TH', 1000);
  c.probability(f('mining.uptime'), m.uptime);
  c.nonNegative(f('mining.opexUSDPerMWh'), m.opexUSDPerMWh, 'USD per MWh', 10_000);
  c.nonNegative(f('mining.curtailmentIncomeUSDPerKWMonth'), m.curtailmentIncomeUSDPerKWMonth, 'USD per kW-month', 10_000);

  c.nonNegative(f('lease.rentUSDPerKWMonth'), p.lease.rentUSDPerKWMonth, 'USD per kW-month', 100_000);
  c.probability(f('lease.noiMargin'), p.lease.noiMargin);

  const g = p.gpu;
  c.nonNegative(f('gpu.priceUSDPerHour'), g.priceUSDPerHour, 'USD per GPU-hour', 10_000);
  c.range(f('gpu.driftPerYear'), g.driftPerYear, -0.9, 5, '(a fraction a year)');
  c.range(f('gpu.volatilityPerYear'), g.volatilityPerYear, 0, 3, '(a fraction per √year)');
  if (!Number.isFinite(g.utilisation) || g.utilisation < 0 || g.utilisation > 1) {
    c.add(f('gpu.utilisation'), `must be a share of GPU-hours sold between 0 and 1, got ${showValue(g.utilisation)}`);
  }
  c.range(f('gpu.kWPerGPU'), g.kWPerGPU, 0.05, 100, 'kW');
  c.range(f('gpu.pue'), g.pue, 1, 3);
  c.probability(f('gpu.opexShareOfRevenue'), g.opexShareOfRevenue);
  c.nonNegative(f('gpu.capexUSDPerGPU'), g.capexUSDPerGPU, 'USD per GPU', 10_000_000);
  c.integer(f('gpu.lifeMonths'), g.lifeMonths, 6, 600, 'months');

  for (const k of ['retrofitUSDPerMWIT', 'greenfieldUSDPerMWIT'] as const) {
    const r = p.capex[k];
    const lo = c.nonNegative(f(`capex.${k}.low`), r.low, 'USD per MW of IT', 1e9);
    const hi = c.nonNegative(f(`capex.${k}.high`), r.high, 'USD per MW of IT', 1e9);
    if (lo && hi && r.high < r.low) c.add(f(`capex.${k}.high`), `must be at least the low end (${r.low} USD per MW of IT), got ${r.high}`);
  }
  return c.errors;
}

/** Shape, types and meaning of user-supplied parameters. */
export function validateEconomicsParams(input: unknown, prefix = ''): Result<EconomicsParams> {
  const parsed = economicsParamsSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues, prefix) };
  const errors = checkEconomicsParams(parsed.data, prefix);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** Checks a run request: parameters, the time-to-power source, trials and seed, all errors at once. */
export function validateEconomicsRequest(input: unknown): Result<EconomicsRequest> {
  if (input === null || typeof input !== 'object') return { ok: false, errors: [{ field: '(input)', message: `must be a group of fields, got ${showValue(input)}` }] };
  const r = input as Record<string, unknown>;
  const c = new Checker();
  const params = validateEconomicsParams(r.params, 'params');
  if (!params.ok) c.errors.push(...params.errors);
  const ttp = (r.timeToPower ?? null) as Record<string, unknown> | null;
  let bvb: Result<BuyVsBuildParams> = { ok: false, errors: [] };
  if (ttp === null || typeof ttp !== 'object') c.add('timeToPower', `must be a group of fields {arm, params, queueTable}, got ${showValue(ttp)}`);
  else {
    if (ttp.arm !== 'buy' && ttp.arm !== 'build') c.add('timeToPower.arm', `must be "buy" or "build", got ${showValue(ttp.arm)}`);
    bvb = validateBuyVsBuildParams(ttp.params, 'timeToPower.params');
    if (!bvb.ok) c.errors.push(...bvb.errors);
    checkQueueTable(c, 'timeToPower.queueTable', ttp.queueTable);
  }
  checkRunSettings(c, r.trials, r.seed);
  const tt = r.tornadoTrials ?? 0;
  if (typeof tt !== 'number') c.add('tornadoTrials', `must be a whole number, got ${showValue(tt)}`);
  else c.integer('tornadoTrials', tt, 0, MAX_TORNADO_TRIALS, 'trials');
  if (r.siteId !== undefined && typeof r.siteId !== 'string') c.add('siteId', `must be text, got ${showValue(r.siteId)}`);
  if (c.errors.length || !params.ok || !bvb.ok || !ttp) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: {
      model: 'economics',
      siteId: typeof r.siteId === 'string' ? r.siteId : 'custom',
      params: params.value,
      timeToPower: { arm: ttp.arm as 'buy' | 'build', params: bvb.value, queueTable: (ttp.queueTable as number[]).slice() },
      trials: r.trials as number,
      seed: r.seed as number,
      tornadoTrials: tt as number,
    },
  };
}
