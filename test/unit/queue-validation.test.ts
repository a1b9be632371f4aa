/** Bad input (issue 3, item 8): each problem gets a clear message naming the field; nothing runs. */
import { describe, expect, it } from 'vitest';
import { formatErrors } from '../../src/sim/contract';
import { validateQueueParams, validateQueueRequest } from '../../src/sim/queue/params';
import { queueRunner } from '../../src/sim/queue/runner';
import { presetParams, queueRequest } from './queue-test-utils';

function errorsOf(mutate: (p: Record<string, any>) => void) {
  const p = presetParams('us-lbnl') as unknown as Record<string, any>;
  mutate(p);
  const r = validateQueueParams(p);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('validateQueueParams', () => {
  it('accepts every bundled preset as it is', () => {
    for (const id of ['us-lbnl', 'ercot-large-load', 'pjm', 'norway', 'sweden', 'finland', 'iceland', 'singapore', 'samara']) {
      expect(validateQueueParams(presetParams(id)).ok, id).toBe(true);
    }
  });

  it('names P90 below P50 with both values', () => {
    expect(errorsOf((p) => (p.phases.sis = { p50: 20, p90: 12 }))).toEqual([
      { field: 'phases.sis.p90', message: 'P90 (12 months) must be ≥ P50 (20 months)' },
    ]);
  });

  it('refuses negative or zero durations', () => {
    expect(errorsOf((p) => (p.phases.feas.p50 = -3))).toContainEqual({ field: 'phases.feas.p50', message: 'must be a positive number of months, got -3' });
    expect(errorsOf((p) => (p.headroom.upgradeLead = { p50: 0, p90: 0 }))).toContainEqual({
      field: 'headroom.upgradeLead.p50',
      message: 'must be a positive number of months, got 0',
    });
  });

  it('refuses probabilities outside [0, 1]', () => {
    expect(errorsOf((p) => (p.fastLane.share = 1.7))).toEqual([{ field: 'fastLane.share', message: 'must be a probability between 0 and 1, got 1.7' }]);
    expect(errorsOf((p) => (p.backlog.shares.feas = -0.1))).toContainEqual({ field: 'backlog.shares.feas', message: 'must be a probability between 0 and 1, got -0.1' });
  });

  it('names non-numeric fields and says what was given', () => {
    expect(errorsOf((p) => (p.withdrawal.sis = 'abc'))).toEqual([{ field: 'withdrawal.sis', message: 'must be a number, got "abc"' }]);
    expect(errorsOf((p) => delete p.arrivals.ratePerYear)).toEqual([{ field: 'arrivals.ratePerYear', message: 'must be a number, got nothing' }]);
    expect(errorsOf((p) => (p.template = 'lottery'))).toEqual([
      { field: 'template', message: 'must be one of "serial", "cluster", "allocation", got "lottery"' },
    ]);
    expect(errorsOf((p) => (p.phases.feas.p50 = NaN))[0].field).toBe('phases.feas.p50');
  });

  it('refuses a horizon of 10,000 years with the limit', () => {
    expect(errorsOf((p) => (p.horizonMonths = 120_000))).toEqual([
      { field: 'horizonMonths', message: 'horizon of 120000 months exceeds the 1200-month limit' },
    ]);
  });

  it('refuses unknown fields, shares that do not add up, and missing template sections', () => {
    expect(errorsOf((p) => (p.study.speed = 3))).toEqual([{ field: 'study.speed', message: 'is not a known field' }]);
    expect(errorsOf((p) => (p.backlog.shares.feas = 0.5))).toEqual([{ field: 'backlog.shares', message: 'must add up to 1, got 1.18' }]);
    expect(errorsOf((p) => (p.template = 'cluster'))).toEqual([{ field: 'cluster', message: 'is required by the cluster template' }]);
    expect(
      errorsOf((p) => {
        p.headroom.maxConcurrentUpgrades = 2;
        p.headroom.upgradesUnderWay = 5;
      })[0].field,
    ).toBe('headroom.upgradesUnderWay');
  });

  it('refuses a run that would simulate too many requests per trial', () => {
    const errs = errorsOf((p) => (p.arrivals.ratePerYear = 50_000));
    expect(errs[0].field).toBe('arrivals.ratePerYear');
    expect(errs[0].message).toMatch(/at most 200,000 are allowed/);
  });

  it('reports every problem at once', () => {
    const errs = errorsOf((p) => {
      p.phases.fs.p90 = 1;
      p.withdrawal.postIa = -1;
      p.horizonMonths = 5000;
    });
    expect(errs.map((e) => e.field).sort()).toEqual(['horizonMonths', 'phases.fs.p90', 'withdrawal.postIa']);
  });
});

describe('validateQueueRequest', () => {
  it('accepts a good request and fills the defaults', () => {
    const r = validateQueueRequest({ params: presetParams('samara'), projectMW: 50, trials: 1000, seed: 1 });
    expect(r.ok && r.value.model === 'queue' && r.value.presetId === 'custom' && r.value.runToHorizon === false).toBe(true);
  });

  it('refuses 0 and 10^9 trials with a reason, and a bad seed and project size', () => {
    const r = validateQueueRequest({ params: presetParams('samara'), projectMW: 0, trials: 1e9, seed: -1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatErrors(r.errors)).toContain('trials: 1,000,000,000 trials exceeds the limit of 2,000,000');
    expect(r.errors).toContainEqual({ field: 'projectMW', message: 'must be a positive number of MW, got 0' });
    expect(r.errors.find((e) => e.field === 'seed')?.message).toBe('must be a whole number from 0 to 4294967295, got -1');
    const zero = validateQueueRequest({ params: presetParams('samara'), projectMW: 5, trials: 0, seed: 1 });
    expect(zero.ok ? '' : zero.errors[0].message).toBe('must be a whole number of trials from 1 to 2,000,000, got 0');
  });

  it('prefixes parameter errors with params.', () => {
    const p = presetParams('pjm');
    p.cluster!.slip.p90 = 0.5;
    const r = validateQueueRequest({ params: p, projectMW: 5, trials: 10, seed: 1 });
    expect(r.ok ? [] : r.errors).toEqual([{ field: 'params.cluster.slip.p90', message: 'P90 (0.5 ×) must be ≥ P50 (1 ×)' }]);
  });

  it('the runner refuses invalid parameters before simulating anything', () => {
    const p = presetParams('us-lbnl');
    p.phases.sis = { p50: 20, p90: 12 };
    expect(() => queueRunner.runChunk(queueRequest(p), 0, 10)).toThrow('Invalid queue parameters: params.phases.sis.p90: P90 (12 months) must be ≥ P50 (20 months)');
  });
});
