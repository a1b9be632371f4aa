/**
 * Common random numbers in the pivot economics (issue 13 "Checks"): time to power never moves a
 * price path, so in the same trial power earlier never lowers the NPV of leasing (b) or of running
 * GPUs (c); the same seed gives the same numbers for 1, 2 and 4 workers; bad input names its field.
 */
import { describe, expect, it } from 'vitest';
import { EconomicsKernel, newEconomicsOutcome } from '../../src/sim/economics/kernel';
import { validateEconomicsRequest } from '../../src/sim/economics/params';
import { runInThread } from '../../src/sim/in-thread';
import type { EconomicsSummary } from '../../src/sim/economics/runner';
import { runInNodePool } from '../../workers/node-pool';
import { texasEconomicsRequest } from './economics-test-utils';

describe('economics: common random numbers', () => {
  it('power earlier never lowers NPV of lease or GPUs in the same trial, and never moves mining', () => {
    const req = texasEconomicsRequest(1, 5);
    const at = (shift: number) => {
      const p = structuredClone(req.params);
      p.timeToPowerShiftMonths = shift;
      return new EconomicsKernel(p, req.timeToPower, req.seed);
    };
    const shifts = [6, 0, -1, -3, -9];
    const kernels = shifts.map(at);
    const o = newEconomicsOutcome();
    let strictlyBetter = 0;
    for (let t = 0; t < 1500; t++) {
      const rows = kernels.map((k) => {
        k.run(t, o);
        return { ...o };
      });
      for (let i = 1; i < rows.length; i++) {
        const later = rows[i - 1];
        const earlier = rows[i];
        expect(earlier.first).toBeLessThanOrEqual(later.first);
        expect(earlier.npvMine).toBe(later.npvMine);
        expect(earlier.capexUSD).toBe(later.capexUSD);
        expect(earlier.npvLease).toBeGreaterThanOrEqual(later.npvLease - 1e-6 * Math.abs(later.npvLease));
        expect(earlier.npvGpu).toBeGreaterThanOrEqual(later.npvGpu - 1e-6 * Math.abs(later.npvGpu));
        if (earlier.npvLease > later.npvLease + 1) strictlyBetter++;
      }
      expect(rows[1].earlierLease).toBeGreaterThanOrEqual(0);
      expect(rows[1].earlierGpu).toBeGreaterThanOrEqual(0);
    }
    // Not vacuous: earlier power is worth something in most trials.
    expect(strictlyBetter).toBeGreaterThan(1500 * 4 * 0.5);
  });

  it('the same seed gives bit-identical summaries on 1, 2 and 4 workers', async () => {
    const req = texasEconomicsRequest(1_300, 11, 300);
    const one = runInThread('economics', req);
    expect(one.tornado?.bars.length).toBeGreaterThan(10);
    for (const workers of [2, 4]) {
      const many = await runInNodePool('economics', req, { workers });
      expect(JSON.stringify(many)).toBe(JSON.stringify(one));
    }
    const other = runInThread('economics', { ...req, seed: 12 });
    expect(other.lease.npvUSD.p50).not.toBe(one.lease.npvUSD.p50);
  }, 60_000);
});

describe('economics: bad input names the field', () => {
  const bad = (mutate: (r: ReturnType<typeof texasEconomicsRequest>) => void) => {
    const r = texasEconomicsRequest(100, 1);
    mutate(r);
    const v = validateEconomicsRequest(r);
    return v.ok ? [] : v.errors;
  };

  it('a negative power price', () => {
    const e = bad((r) => (r.params.power.priceUSDPerMWh = -5));
    expect(e.map((x) => x.field)).toEqual(['params.power.priceUSDPerMWh']);
    expect(e[0].message).toContain('-5');
  });

  it('a negative GPU-hour price and hashprice', () => {
    const e = bad((r) => {
      r.params.gpu.priceUSDPerHour = -1;
      r.params.mining.hashpriceUSDPerPHDay = -45;
    });
    expect(e.map((x) => x.field).sort()).toEqual(['params.gpu.priceUSDPerHour', 'params.mining.hashpriceUSDPerPHDay']);
  });

  it('utilisation above 1', () => {
    const e = bad((r) => (r.params.gpu.utilisation = 1.2));
    expect(e).toEqual([{ field: 'params.gpu.utilisation', message: 'must be a share of GPU-hours sold between 0 and 1, got 1.2' }]);
  });

  it('a discount rate of −100%', () => {
    const e = bad((r) => (r.params.discountRatePerYear = -1));
    expect(e.map((x) => x.field)).toEqual(['params.discountRatePerYear']);
    expect(e[0].message).toMatch(/above −100%/);
  });

  it('text where a number belongs, and an unknown field', () => {
    const e = bad((r) => {
      (r.params.lease as any).rentUSDPerKWMonth = '100';
      (r.params as any).colour = 'red';
    });
    expect(e.map((x) => x.field).sort()).toEqual(['params.colour', 'params.lease.rentUSDPerKWMonth']);
  });
});
