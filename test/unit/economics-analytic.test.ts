/**
 * Analytic cases of the pivot economics (issue 13 "Checks"): with constant prices and a fixed time
 * to power the kernel's NPVs equal the closed form; the revenue multiples reproduce the hand
 * calculations behind "25×" (GPU rental at $4/hr, 1.7 kWh per GPU-hour, hashprice $45 at 20 J/TH)
 * and the ~1.5× lease multiple at the Riot–AMD terms ($311M, 10 years, 25 MW IT).
 */
import { describe, expect, it } from 'vitest';
import { leaseRentUSDPerKWMonth } from '../../src/sim/economics/defaults';
import { EconomicsKernel, newEconomicsOutcome } from '../../src/sim/economics/kernel';
import { revenuePerKWh } from '../../src/sim/economics/revenue';
import type { BuyVsBuildParams } from '../../src/sim/buy-vs-build/params';
import { economicsDefaults, texasEconomics } from './economics-test-utils';
import { ercotQueue, texasParams } from './bvb-test-utils';

const fixed = (months: number) => ({ p50: months, p90: months });

/** A power shell whose first and full power both land at exactly `T` months (one block, nothing random). */
function fixedPowerAt(T: number): BuyVsBuildParams {
  const p = texasParams();
  p.site = { gridMW: 100, aiUsableShare: 0.5, pue: 1.25, blockMW: 100 };
  for (const k of ['close', 'utilityConsent', 'permits', 'equipment'] as const) p.buy[k] = fixed(2);
  p.buy.firstBlock = fixed(T - 1);
  p.buy.commissioning = fixed(1);
  p.buy.perExtraBlock = fixed(1);
  p.buy.studyProbability = 0;
  p.gpu.leadTime = fixed(1);
  p.gpu.exportControlProbability = 0;
  return p;
}

describe('economics closed form', () => {
  it('constant prices and power at month 12: NPVs equal the annuity formulas', () => {
    const T = 12;
    const H = 120;
    const r = 0.08;
    const p = texasEconomics();
    p.horizonMonths = H;
    p.discountRatePerYear = r;
    p.mining = { ...p.mining, miningMW: 100, hashpriceUSDPerPHDay: 45, driftPerYear: 0, volatilityPerYear: 0, halvingMonth: '2099-01', fleetJPerTH: 20, uptime: 0.9, opexUSDPerMWh: 5, curtailmentIncomeUSDPerKWMonth: 2 };
    p.power = { priceUSDPerMWh: 30, adderUSDPerMWh: 10 };
    p.gpu = { ...p.gpu, priceUSDPerHour: 2.5, driftPerYear: 0, volatilityPerYear: 0, utilisation: 0.8, kWPerGPU: 1.25, pue: 1.3, opexShareOfRevenue: 0.2, capexUSDPerGPU: 30_000, lifeMonths: 240 };
    p.capex.retrofitUSDPerMWIT = { low: 5e6, high: 5e6 };
    p.lease = { rentUSDPerKWMonth: 120, noiMargin: 0.85 };

    const k = new EconomicsKernel(p, { arm: 'buy', params: fixedPowerAt(T), queueTable: ercotQueue }, 7);
    const o = newEconomicsOutcome();
    k.run(3, o);
    expect(o.first).toBeCloseTo(T, 9);
    expect(o.full).toBeCloseTo(T, 9);

    // By hand: end-of-month cash, v = (1 + r)^(−1/12); Σ_{m=a}^{b−1} v^{m+1} = v^{a+1} (1 − v^{b−a}) / (1 − v).
    const v = (1 + r) ** (-1 / 12);
    const annuity = (a: number, b: number) => (v ** (a + 1) * (1 - v ** (b - a))) / (1 - v);
    const itMW = (100 * 0.5) / 1.25; // 40 MW IT, 50 MW of grid taken from mining
    const minePerMW = ((45 * 1000) / (24 * 20) - 30 - 10 - 5) * 0.9 * 730 + 2 * 1000;
    const npvMine = 100 * minePerMW * annuity(0, H);
    const capex = 5e6 * itMW;
    const lease = 120 * 1000 * itMW * 0.85;
    const gpus = (itMW * 1000) / 1.25;
    const gpuMonth = gpus * 2.5 * 0.8 * 730 * 0.8 - itMW * 1000 * 1.3 * 730 * (40 / 1000);
    const fleet = gpus * 30_000;
    const gpuCapexPV = fleet - fleet * (1 - H / 240) * v ** H;

    expect(o.npvMine / npvMine).toBeCloseTo(1, 10);
    expect(o.npvLease / (npvMine - capex + (lease - 50 * minePerMW) * annuity(T, H))).toBeCloseTo(1, 9);
    expect(o.npvGpu / (npvMine - capex - gpuCapexPV + (gpuMonth - 50 * minePerMW) * annuity(T, H))).toBeCloseTo(1, 9);
    // A month earlier adds the month T − 1 of converted cash.
    expect(o.earlierLease / ((lease - 50 * minePerMW) * v ** T)).toBeCloseTo(1, 9);
    // Payback: capex over the undiscounted monthly gain, counted from power at month T.
    expect(o.paybackLease).toBe(T + Math.ceil(capex / (lease - 50 * minePerMW)));
  });
});

describe('revenue per kWh and the multiple over mining', () => {
  it('GPU $4/hr at 1.7 kWh per GPU-hour vs hashprice $45 at 20 J/TH: the 25× case within 5%', () => {
    const p = structuredClone(economicsDefaults.params);
    p.mining.hashpriceUSDPerPHDay = 45;
    p.mining.fleetJPerTH = 20;
    p.gpu = { ...p.gpu, priceUSDPerHour: 4, kWPerGPU: 1.7, pue: 1, utilisation: 1 };
    const hand = 4 / 1.7 / (45 / (24 * 20)); // $2.353/kWh over $0.094/kWh = 25.1×
    const rev = revenuePerKWh(p);
    expect(Math.abs(rev.multiple.gpu / hand - 1)).toBeLessThan(0.05);
    expect(rev.multiple.gpu).toBeGreaterThan(24);
    // The inputs that make it 25× and 2×: $4/hr is (almost exactly) the 25× price.
    expect(rev.inputsFor.gpuUSDPerHourFor25x).toBeCloseTo(3.98, 2);
    expect(rev.inputsFor.gpuUSDPerHourFor2x).toBeCloseTo(0.319, 3);
  });

  it('lease at the Riot–AMD terms ($311M, 10 years, 25 MW IT) is about 1.5× mining', () => {
    const riot = economicsDefaults.leasePresets.find((d) => d.id === 'riot-amd');
    expect(riot).toBeDefined();
    const p = structuredClone(economicsDefaults.params);
    p.lease.rentUSDPerKWMonth = leaseRentUSDPerKWMonth(riot!);
    expect(p.lease.rentUSDPerKWMonth).toBeCloseTo(103.67, 2);
    const rev = revenuePerKWh(p);
    expect(rev.lease).toBeCloseTo(0.142, 3);
    expect(rev.multiple.lease).toBeGreaterThan(1.4);
    expect(rev.multiple.lease).toBeLessThan(1.6);
  });
});
