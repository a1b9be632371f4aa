/**
 * Bad input to the buy-vs-build model is refused with a message naming the dotted field (issue 4
 * item 6): nothing runs on a bad request.
 */
import { describe, expect, it } from 'vitest';
import { validateBuyVsBuildParams, validateBuyVsBuildRequest } from '../../src/sim/buy-vs-build/params';
import { defaults } from './bvb-test-utils';

const base = defaults.params;

function withEdit(edit: (p: Record<string, any>) => void): unknown {
  const p = structuredClone(base) as unknown as Record<string, any>;
  edit(p);
  return p;
}

function errorsOf(input: unknown) {
  const r = validateBuyVsBuildParams(input);
  return r.ok ? [] : r.errors;
}

describe('validateBuyVsBuildParams', () => {
  it('accepts the shipped defaults unchanged', () => {
    expect(validateBuyVsBuildParams(base)).toEqual({ ok: true, value: base });
  });

  it.each([
    ['negative duration', (p: any) => (p.buy.permits.p50 = -3), 'buy.permits.p50', 'must be a positive number of months, got -3'],
    ['P90 below P50', (p: any) => (p.build.equipment = { p50: 18, p90: 12 }), 'build.equipment.p90', 'P90 (12 months) must be ≥ P50 (18 months)'],
    ['probability above 1', (p: any) => (p.buy.studyProbability = 1.7), 'buy.studyProbability', 'must be a probability between 0 and 1, got 1.7'],
    ['probability below 0', (p: any) => (p.gpu.exportControlProbability = -0.1), 'gpu.exportControlProbability', 'must be a probability between 0 and 1, got -0.1'],
    ['rho outside [0, 1]', (p: any) => (p.rho = 1.2), 'rho', 'must be a correlation between 0 and 1, got 1.2'],
    ['non-numeric', (p: any) => (p.build.construction.p50 = 'twenty'), 'build.construction.p50', 'must be a number, got "twenty"'],
    ['NaN', (p: any) => (p.rentUSDPerKWMonth = NaN), 'rentUSDPerKWMonth', 'must be a number, got NaN'],
    ['missing field', (p: any) => delete p.site.pue, 'site.pue', 'must be a number, got nothing'],
    ['unknown field', (p: any) => (p.buy.clsoe = { p50: 1, p90: 2 }), 'buy.clsoe', 'is not a known field'],
    ['horizon too long', (p: any) => (p.horizonMonths = 120_000), 'horizonMonths', 'horizon of 120000 months exceeds the 1200-month limit'],
    ['PUE below 1', (p: any) => (p.site.pue = 0.8), 'site.pue', 'must be between 1 and 3, got 0.8'],
    ['zero usable share', (p: any) => (p.site.aiUsableShare = 0), 'site.aiUsableShare', 'must be above 0: with no usable share the site delivers no AI load'],
    ['too many blocks', (p: any) => (p.site.blockMW = 0.01), 'site.blockMW', 'splits 23 MW of IT load into more than 500 blocks; use larger blocks'],
  ])('%s → names the field', (_name, edit, field, message) => {
    expect(errorsOf(withEdit(edit))).toEqual([{ field, message }]);
  });

  it('reports every problem at once', () => {
    const errs = errorsOf(
      withEdit((p) => {
        p.buy.close.p90 = 1;
        p.rho = -1;
        p.build.permits.p50 = 0;
      }),
    );
    expect(errs.map((e) => e.field).sort()).toEqual(['build.permits.p50', 'buy.close.p90', 'rho']);
  });
});

describe('validateBuyVsBuildRequest', () => {
  const good = { model: 'buy-vs-build', siteId: 's', params: base, queueTable: [1, 2, 3, Infinity], trials: 1000, seed: 1 };

  it('accepts a good request (Infinity marks "never" levels of the queue table)', () => {
    expect(validateBuyVsBuildRequest(good).ok).toBe(true);
  });

  it.each([
    ['trials 0', { trials: 0 }, 'trials'],
    ['trials 10^9', { trials: 1e9 }, 'trials'],
    ['seed negative', { seed: -1 }, 'seed'],
    ['decreasing queue table', { queueTable: [1, 5, 3] }, 'queueTable.2'],
    ['queue table with NaN', { queueTable: [1, NaN] }, 'queueTable.1'],
    ['queue table too short', { queueTable: [4] }, 'queueTable'],
    ['bad param', { params: { ...base, rho: 'high' } }, 'params.rho'],
  ])('%s → refused, naming %s', (_name, edit, field) => {
    const r = validateBuyVsBuildRequest({ ...good, ...edit });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual([field]);
  });

  it('says why 10^9 trials is refused', () => {
    const r = validateBuyVsBuildRequest({ ...good, trials: 1e9 });
    expect(r.ok ? '' : r.errors[0].message).toMatch(/exceeds the limit of 2,000,000/);
  });
});
