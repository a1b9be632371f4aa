/**
 * The fit recovers the synthetic generator's true hazards (docs/queue-files.md "Synthetic files"):
 * Aalen–Johansen cumulative incidence of withdrawal and operation at 24, 48 and 96 months within
 * 2 points of the truth at 20,000 records (the fixture written by scripts/make-queue-fixtures.ts), and
 * the estimator itself matches a hand computation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { lognormalFromP50P90, lognormalInv } from '../../src/sim/distributions';
import { fitQueueFile } from '../../src/sim/queue-file/fit';
import { Rng } from '../../src/sim/rng';
import { presetFromFit } from '../../src/sim/queue-file/place';
import { tableToRecords } from '../../src/sim/queue-file/records';
import { defaultSyntheticSpec, trueIncidence } from '../../src/sim/queue-file/synthetic';
import { validateQueueParams } from '../../src/sim/queue/params';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { aalenJohansen, cifAt, kaplanMeier, survivalAt } from '../../src/sim/stats/survival';

const csv = readFileSync(resolve(import.meta.dirname, '../fixtures/queue-files/synthetic-gridstatus.csv'), 'utf8');
const read = tableToRecords(Papa.parse<string[]>(csv).data);
if (!read.ok) throw new Error('fixture not readable');
const { records, asOfDay } = read.result;
const spec = defaultSyntheticSpec(20_000);

describe('Aalen–Johansen and Kaplan–Meier', () => {
  it('match a hand computation with ties and censoring', () => {
    // times 1,2,2,3,4,5 ; causes 1,2,0,1,0,2 → at t=1: n=6, F1=1/6, S=5/6; t=2: n=5, one cause 2, one censored:
    // F2 = 5/6·1/5 = 1/6, S = 5/6·4/5 = 2/3; t=3: n=3, F1 += 2/3·1/3 = 2/9 → 7/18, S = 4/9; t=5: n=1, F2 += 4/9.
    const f = aalenJohansen([1, 2, 2, 3, 4, 5], [1, 2, 0, 1, 0, 2], 2);
    expect(cifAt(f, 1, 3)).toBeCloseTo(7 / 18, 12);
    expect(cifAt(f, 2, 2.5)).toBeCloseTo(1 / 6, 12);
    expect(cifAt(f, 2, 5)).toBeCloseTo(1 / 6 + 4 / 9, 12);
    expect(survivalAt(f, 3)).toBeCloseTo(4 / 9, 12);
    expect(cifAt(f, 1, 0.5)).toBe(0);
    expect(cifAt(f, 1, 6)).toBeNaN(); // beyond follow-up: unknown
    // With one cause, cumulative incidence is 1 − Kaplan–Meier.
    const km = kaplanMeier([1, 2, 2, 3, 4, 5], [true, true, false, true, false, true]);
    expect(survivalAt(km, 3)).toBeCloseTo((5 / 6) * (4 / 5) * (2 / 3), 12);
    expect(cifAt(km, 1, 3) + survivalAt(km, 3)).toBeCloseTo(1, 12);
  });
});

describe('recovery of the synthetic truth (20,000 records, tolerance 2 points)', () => {
  const fit = fitQueueFile(records, asOfDay as number);
  it.each([24, 48, 96])('cumulative incidence at %i months', (m) => {
    const got = fit.overall.find((p) => p.months === m);
    const truth = trueIncidence(spec, m);
    expect(Math.abs((got?.withdrawn as number) - truth.withdrawn)).toBeLessThan(0.02);
    expect(Math.abs((got?.operational as number) - truth.operational)).toBeLessThan(0.02);
  });
  it('the parametric form recovers the hazard and the time to operation, with small residuals', () => {
    expect(fit.parametric.withdrawalPerYear).toBeGreaterThan(spec.withdrawalPerYear * 0.95);
    expect(fit.parametric.withdrawalPerYear).toBeLessThan(spec.withdrawalPerYear * 1.05);
    expect(Math.abs(fit.parametric.operation.p50 / spec.opP50 - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.parametric.operation.p90 / spec.opP90 - 1)).toBeLessThan(0.08);
    for (const r of fit.parametric.residuals) {
      expect(Math.abs(r.withdrawn)).toBeLessThan(2);
      expect(Math.abs(r.operational)).toBeLessThan(2);
    }
  });
  it('cohorts: a young cohort is censored early, shares and flows add up to the file', () => {
    const last = fit.cohorts[fit.cohorts.length - 1];
    expect(last.year).toBe(2025);
    expect(last.incidence.find((p) => p.months === 24)?.withdrawn).toBeNull();
    for (const c of fit.cohorts) expect(c.shares.operational + c.shares.withdrawn + c.shares.open).toBeCloseTo(1, 12);
    expect(fit.flows.reduce((a, f) => a + f.inflow, 0)).toBe(records.length);
    expect(fit.flows.reduce((a, f) => a + f.completions, 0)).toBe(records.filter((r) => r.status === 'operational').length);
  });
  it('turns into a valid preset with the fitted hazard in every phase', () => {
    const base = loadQueuePresets(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../data/regions.json'), 'utf8'))).presets['us-lbnl'].baseParams;
    const p = presetFromFit(fit, records, asOfDay as number, base);
    const v = validateQueueParams(p);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(p.withdrawal.feas).toBeCloseTo(fit.parametric.withdrawalPerYear, 3);
    // The phases add up to the fitted time to operation: the median and P90 of the simulated sum of the
    // four phase draws match the fit (a sum of medians would overstate the median of the sum).
    const keys = ['feas', 'sis', 'fs', 'constr'] as const;
    const lns = keys.map((k) => lognormalFromP50P90(p.phases[k].p50, p.phases[k].p90));
    const rng = new Rng(7, 0, 0);
    const sums = Array.from({ length: 40_000 }, () => lns.reduce((a, ln) => a + lognormalInv(ln, rng.uniform()), 0)).sort((a, b) => a - b);
    expect(sums[20_000] / fit.parametric.operation.p50 - 1).toBeCloseTo(0, 1);
    expect(sums[36_000] / fit.parametric.operation.p90 - 1).toBeCloseTo(0, 1);
    // Arrivals: the file's 2022–2024 filings per year (the generator files 20,000 over 16 years).
    expect(p.arrivals.ratePerYear).toBeGreaterThan(20_000 / 16 * 0.9);
    expect(p.arrivals.ratePerYear).toBeLessThan(20_000 / 16 * 1.1);
  });
});
