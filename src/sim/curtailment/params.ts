/**
 * What a queue run needs to model firm and curtailable MW (docs/method.md §7), and its rule checks.
 *
 * The request is already resolved from the region's rule (rules.ts): a start month instead of a
 * calendar date, so the pure core never reads a clock. Every error names its field.
 */
import type { Result } from '../contract';
import { Checker, showValue } from '../validate-common';

export const HOURS_PER_YEAR = 8760;

export interface CurtailmentRequest {
  /** the rule behind the curtailable path, or null when the region has none (first MW = firm MW) */
  ruleId: string | null;
  ruleName: string;
  /** true when the path is the user's assumption where none is published */
  assumed: boolean;
  /** months after the run's start from which the rule applies (0 = already in force) */
  startMonth: number;
  /** true when the rule lets `floorMW` be firm from first power (ERCOT's controllable-load path) */
  firmFloor: boolean;
  /** share of the request's post-IA build time the curtailable MW still wait for, 0–1 */
  postIaShare: number;
  /** MW the user needs firm; ≤ the request */
  floorMW: number;
  /** curtailed hours per year while MW are curtailable: LN(P50, P90), capped at 8,760 */
  hoursPerYear: { p50: number; p90: number };
  /** 'YYYY-MM' or 'YYYY-MM-DD': the date month 0 stands for (shown with the results) */
  asOf: string;
}

/** Checks a curtailment request against the request size; fields are named under `prefix`. */
export function validateCurtailmentRequest(input: unknown, projectMW: number, prefix = 'curtailment'): Result<CurtailmentRequest> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ field: prefix, message: `must be a group of fields, got ${showValue(input)}` }] };
  }
  const r = input as Record<string, unknown>;
  const c = new Checker();
  const f = (k: string) => `${prefix}.${k}`;
  const num = (k: string, v: unknown): number => {
    if (typeof v !== 'number') {
      c.add(f(k), `must be a number, got ${showValue(v)}`);
      return NaN;
    }
    return v;
  };
  const floor = num('floorMW', r.floorMW);
  if (Number.isFinite(floor)) {
    if (floor < 0) c.add(f('floorMW'), `must be zero or a positive number of MW, got ${floor}`);
    else if (Number.isFinite(projectMW) && floor > projectMW) c.add(f('floorMW'), `must not be above the request (${projectMW} MW), got ${floor} MW`);
  } else if (typeof r.floorMW === 'number') c.add(f('floorMW'), `must be a finite number of MW, got ${showValue(floor)}`);
  const share = num('postIaShare', r.postIaShare);
  if (typeof r.postIaShare === 'number' && (!Number.isFinite(share) || share < 0 || share > 1)) {
    c.add(f('postIaShare'), `must be a share from 0 to 1, got ${showValue(share)}`);
  }
  const start = num('startMonth', r.startMonth);
  if (typeof r.startMonth === 'number' && !(start >= 0 && Number.isFinite(start))) c.add(f('startMonth'), `must be zero or a positive number of months, got ${showValue(start)}`);
  const h = r.hoursPerYear as Record<string, unknown> | undefined;
  if (h === null || typeof h !== 'object') c.add(f('hoursPerYear'), `must be a P50/P90 pair of hours per year, got ${showValue(h)}`);
  else {
    const p50 = num('hoursPerYear.p50', h.p50);
    const p90 = num('hoursPerYear.p90', h.p90);
    const hourCheck = (k: string, v: number) => {
      if (!Number.isFinite(v)) return false;
      if (v < 0) return c.add(f(k), `must not be negative, got ${v} hours per year`), false;
      if (v > HOURS_PER_YEAR) return c.add(f(k), `must be at most ${HOURS_PER_YEAR} hours per year (a whole year), got ${v}`), false;
      return true;
    };
    const ok50 = typeof h.p50 === 'number' && hourCheck('hoursPerYear.p50', p50);
    const ok90 = typeof h.p90 === 'number' && hourCheck('hoursPerYear.p90', p90);
    if (ok50 && ok90 && p90 < p50) c.add(f('hoursPerYear.p90'), `P90 (${p90} hours) must be ≥ P50 (${p50} hours)`);
    if (ok50 && ok90 && p50 === 0 && p90 > 0) c.add(f('hoursPerYear.p50'), 'must be above 0 when P90 is (a lognormal needs a positive median); set both to 0 for no curtailment');
  }
  if (typeof r.firmFloor !== 'boolean') c.add(f('firmFloor'), `must be true or false, got ${showValue(r.firmFloor)}`);
  if (typeof r.assumed !== 'boolean') c.add(f('assumed'), `must be true or false, got ${showValue(r.assumed)}`);
  if (r.ruleId !== null && typeof r.ruleId !== 'string') c.add(f('ruleId'), `must be text or null, got ${showValue(r.ruleId)}`);
  if (typeof r.ruleName !== 'string') c.add(f('ruleName'), `must be text, got ${showValue(r.ruleName)}`);
  if (typeof r.asOf !== 'string' || !/^\d{4}-\d{2}(-\d{2})?$/.test(r.asOf)) c.add(f('asOf'), `must be a date written YYYY-MM or YYYY-MM-DD, got ${showValue(r.asOf)}`);
  if (c.errors.length) return { ok: false, errors: c.errors };
  const hp = h as { p50: number; p90: number };
  return {
    ok: true,
    value: {
      ruleId: r.ruleId as string | null,
      ruleName: r.ruleName as string,
      assumed: r.assumed as boolean,
      startMonth: start,
      firmFloor: r.firmFloor as boolean,
      postIaShare: share,
      floorMW: floor,
      hoursPerYear: { p50: hp.p50, p90: hp.p90 },
      asOf: r.asOf as string,
    },
  };
}

