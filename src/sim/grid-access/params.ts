/**
 * The grid-access rule table and phase parameters (docs/method.md §6), their types and rule checks.
 * Durations are LN(P50, P90) months like every other phase; costs are USD.
 */
import type { FieldError, Result } from '../contract';
import { Checker, showValue } from '../validate-common';

/** One step of a voltage rule: loads up to `maxMW` (null = any size) connect at ≥ `minKV`. */
export interface VoltageStep {
  maxMW: number | null;
  /** kV */
  minKV: number;
}

export interface VoltageRule {
  steps: VoltageStep[];
  note?: string;
}

/** Rules per ISO 3166-1 alpha-2 country code, with 'default' for every other country. */
export type VoltageRules = Record<string, VoltageRule>;

export interface P50P90 {
  p50: number;
  p90: number;
}

/** The grid-access phase: new line and new/expanded substation, in parallel; costs. */
export interface GridAccessPhaseParams {
  /** no new line when the substation is this close, km (a tie inside or at the fence) */
  noLineWithinKm: number;
  line: {
    /** months at zero km (routing, easements, certificate) */
    base: P50P90;
    /** months added per km (right of way, construction) */
    perKm: P50P90;
  };
  /** new or expanded substation, months */
  substation: P50P90;
  /** USD per km of new line, by the lowest voltage class it applies to (sorted by minKV) */
  lineUSDPerKmByKV: Array<{ minKV: number; usdPerKm: number }>;
  /** USD per MVA of substation capacity */
  substationUSDPerMVA: number;
  /** MVA = MW ÷ powerFactor */
  powerFactor: number;
}

/** What the queue runner needs to draw a site's grid-access phase in each trial. */
export interface GridAccessDraw {
  /** km from the site to the substation it connects to */
  distanceKm: number;
  phase: GridAccessPhaseParams;
}

/** The lowest voltage a load of `mw` connects at in `country` (kV). */
export function requiredKV(mw: number, country: string | null, rules: VoltageRules): number {
  const rule = (country && Object.hasOwn(rules, country) ? rules[country] : undefined) ?? rules.default;
  if (!rule) throw new Error(`voltageRules: no rule for "${country ?? ''}" and no "default" rule`);
  for (const step of rule.steps) if (step.maxMW === null || mw <= step.maxMW) return step.minKV;
  return rule.steps[rule.steps.length - 1].minKV;
}

function p50p90(c: Checker, field: string, v: unknown, allowZero = false): void {
  const o = v as P50P90 | undefined;
  if (!o || typeof o !== 'object') return c.add(field, `must be a {p50, p90} pair of months, got ${showValue(v)}`);
  for (const k of ['p50', 'p90'] as const) {
    const x = o[k];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || (!allowZero && x === 0)) c.add(`${field}.${k}`, `must be a number of months ${allowZero ? '≥ 0' : '> 0'}, got ${showValue(x)}`);
  }
  if (typeof o.p50 === 'number' && typeof o.p90 === 'number' && o.p90 < o.p50) c.add(`${field}.p90`, `must be ≥ p50 (${o.p50}), got ${o.p90}`);
}

function nonNegative(c: Checker, field: string, v: unknown, unit: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) c.add(field, `must be a number of ${unit} ≥ 0, got ${showValue(v)}`);
}

/** Checks phase parameters; every problem names its field under `prefix`. */
export function validatePhaseParams(input: unknown, prefix = 'phase'): Result<GridAccessPhaseParams> {
  const c = new Checker();
  const p = input as Partial<GridAccessPhaseParams> | null;
  if (!p || typeof p !== 'object') return { ok: false, errors: [{ field: prefix, message: `must be a group of fields, got ${showValue(input)}` }] };
  nonNegative(c, `${prefix}.noLineWithinKm`, p.noLineWithinKm, 'km');
  p50p90(c, `${prefix}.line.base`, p.line?.base);
  p50p90(c, `${prefix}.line.perKm`, p.line?.perKm, true);
  p50p90(c, `${prefix}.substation`, p.substation);
  if (!Array.isArray(p.lineUSDPerKmByKV) || p.lineUSDPerKmByKV.length === 0) c.add(`${prefix}.lineUSDPerKmByKV`, `must be a list of {minKV, usdPerKm}, got ${showValue(p.lineUSDPerKmByKV)}`);
  else
    p.lineUSDPerKmByKV.forEach((row, i) => {
      nonNegative(c, `${prefix}.lineUSDPerKmByKV.${i}.minKV`, row?.minKV, 'kV');
      nonNegative(c, `${prefix}.lineUSDPerKmByKV.${i}.usdPerKm`, row?.usdPerKm, 'USD per km');
    });
  nonNegative(c, `${prefix}.substationUSDPerMVA`, p.substationUSDPerMVA, 'USD per MVA');
  if (typeof p.powerFactor !== 'number' || !(p.powerFactor > 0 && p.powerFactor <= 1)) c.add(`${prefix}.powerFactor`, `must be a number in (0, 1], got ${showValue(p.powerFactor)}`);
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, value: p as GridAccessPhaseParams };
}

/** Checks a rule table: each country's steps have positive kV, rising maxMW, and end with maxMW null. */
export function validateVoltageRules(input: unknown, prefix = 'voltageRules'): Result<VoltageRules> {
  const errors: FieldError[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, errors: [{ field: prefix, message: `must be a group of country rules, got ${showValue(input)}` }] };
  const rules = input as Record<string, VoltageRule>;
  if (!Object.hasOwn(rules, 'default')) errors.push({ field: `${prefix}.default`, message: 'is missing: every table needs a rule for other countries' });
  for (const [country, rule] of Object.entries(rules)) {
    const f = `${prefix}.${country}.steps`;
    if (!rule || !Array.isArray(rule.steps) || rule.steps.length === 0) {
      errors.push({ field: f, message: `must be a list of {maxMW, minKV}, got ${showValue(rule?.steps)}` });
      continue;
    }
    let last = 0;
    rule.steps.forEach((s, i) => {
      if (typeof s?.minKV !== 'number' || !(s.minKV > 0)) errors.push({ field: `${f}.${i}.minKV`, message: `must be a positive number of kV, got ${showValue(s?.minKV)}` });
      const isLast = i === rule.steps.length - 1;
      if (isLast && s?.maxMW !== null) errors.push({ field: `${f}.${i}.maxMW`, message: `the last step must have maxMW null (any size), got ${showValue(s?.maxMW)}` });
      if (!isLast && (typeof s?.maxMW !== 'number' || !(s.maxMW > last))) errors.push({ field: `${f}.${i}.maxMW`, message: `must be a number of MW above the previous step's (${last}), got ${showValue(s?.maxMW)}` });
      if (typeof s?.maxMW === 'number') last = s.maxMW;
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: rules };
}
