/**
 * Calibration of the buy-vs-build model (docs/method.md §3) on the default Texas power shell, and the
 * common-random-numbers coupling. Seeded; tolerances stated per test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInThread } from '../../src/sim/in-thread';
import { validateQueueRequest } from '../../src/sim/queue/params';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import type { QueueSummary } from '../../src/sim/queue/runner';
import { QUEUE_TRIALS_FOR_BUY_VS_BUILD, queueSeedFor } from '../../src/sim/buy-vs-build/prepare';
import type { BuyVsBuildParams, BuyVsBuildRequest } from '../../src/sim/buy-vs-build/params';
import { buyVsBuildRunner, type BuyVsBuildSummary } from '../../src/sim/buy-vs-build/runner';
import { ercotQueue, texasParams } from './bvb-test-utils';

function run(params: BuyVsBuildParams, trials: number, seed: number, independentDraws = false, queueTable = ercotQueue): BuyVsBuildSummary {
  const req: BuyVsBuildRequest = { model: 'buy-vs-build', siteId: 'texas-test', params, queueTable, trials, seed, independentDraws };
  return buyVsBuildRunner.summarize(req, buyVsBuildRunner.runChunk(req, 0, trials));
}

describe('buy vs build calibration (docs/method.md §3)', () => {
  const s = run(texasParams(), 20_000, 20240601);

  it('buy: first MW P50 within 8–14 months (docs/method.md §3 "about 10–12"; Core Scientific ~11, TeraWulf ~10, IREN 6–10 months from deal, docs/data-sources.md §5)', () => {
    // At 20,000 trials SE(P50) is about 0.06 months, so the band is the model's, not the noise's.
    expect(s.buy.firstMW.se50).toBeLessThan(0.2);
    expect(s.buy.firstMW.p50).toBeGreaterThanOrEqual(8);
    expect(s.buy.firstMW.p50).toBeLessThanOrEqual(14);
    // "with a right tail covering slips": P90 well beyond P50
    expect(s.buy.firstMW.p90).toBeGreaterThan(s.buy.firstMW.p50 + 4);
  });

  it('build: first MW P50 within 42–66 months and P90 ≥ 84 (docs/method.md §3 "4–5 years, P90 ≥ 7 years"; VanEck 4+ yr, docs/data-sources.md §4.3)', () => {
    expect(s.build.firstMW.p50).toBeGreaterThanOrEqual(42);
    expect(s.build.firstMW.p50).toBeLessThanOrEqual(66);
    expect(s.build.firstMW.p90).toBeGreaterThanOrEqual(84);
  });

  it('the full MW of four 50 MW blocks comes later than the first, in both arms', () => {
    expect(s.nBlocks).toBe(4); // 700 × 0.3 / 1.3 = 161.5 MW IT
    expect(s.buy.fullMW.p50).toBeGreaterThan(s.buy.firstMW.p50 + 3 * 4);
    expect(s.build.fullMW.p50).toBeGreaterThan(s.build.firstMW.p50 + 3 * 4);
  });

  it('delay cost = MW-weighted months late × IT MW × 1000 × rent (CBRE YE 2024 $184.06/kW-month, docs/data-sources.md §4.1)', () => {
    expect(s.rentUSDPerKWMonth).toBe(184.06);
    const usdPerMonth = s.itMW * 1000 * 184.06;
    expect(s.delayCostUSD.mean).toBeCloseTo(s.lateMonths.mean * usdPerMonth, 0);
    expect(s.delayCostUSD.p90).toBeCloseTo(s.lateMonths.p90 * usdPerMonth, 0);
    // About 3.5 years of rent on ~160 MW: on the order of a billion dollars.
    expect(s.delayCostUSD.mean).toBeGreaterThan(5e8);
    expect(s.delayCostUSD.p90).toBeGreaterThan(s.delayCostUSD.mean);
  });
});

describe('coupled to the queue model', () => {
  it("with the ercot-large-load queue preset's own table (2,000 queue trials for 210 MW), the P50s stay in docs/method.md §3's bands", () => {
    // The queue preset is another model's calibration (docs/method.md §1: LN(36, 72) request → energize);
    // measured, its table gives P50 ≈ 38 and P90 ≈ 62 months, so the build arm's P90 comes out
    // ≈ 83 months, just under the 84 the LN(36, 72) table above reaches; only the P50s are asserted.
    const presets = loadQueuePresets(JSON.parse(readFileSync('data/regions.json', 'utf8'))).presets;
    const q = validateQueueRequest({
      model: 'queue',
      presetId: 'ercot-large-load',
      params: presets['ercot-large-load'].params,
      projectMW: 210,
      trials: QUEUE_TRIALS_FOR_BUY_VS_BUILD,
      seed: queueSeedFor(20240601),
    });
    if (!q.ok) throw new Error(JSON.stringify(q.errors));
    const table = runInThread('queue', q.value).quantileTable;
    const s = run(texasParams(), 20_000, 20240601, false, table);
    expect(s.buy.firstMW.p50).toBeGreaterThanOrEqual(8);
    expect(s.buy.firstMW.p50).toBeLessThanOrEqual(14);
    expect(s.build.firstMW.p50).toBeGreaterThanOrEqual(42);
    expect(s.build.firstMW.p50).toBeLessThanOrEqual(66);
    expect(s.pBuyEarlier).toBeGreaterThan(0.99);
  });
});

describe('common random numbers (docs/method.md §3: both options in the same trial)', () => {
  it('Texas power shell: P(buy earlier) with common random numbers is not below the same quantity with independent draws', () => {
    // 20,000 trials: SE of each probability ≤ 0.002 (first MW ≤ 0.0003). Full MW shows the coupling
    // most: when the buy arm needs a large-load study it waits in the same queue draw as the build
    // arm, so it is rarely later; drawn independently, it is later in about 5% of worlds.
    const crn = run(texasParams(), 20_000, 7);
    const ind = run(texasParams(), 20_000, 7, true);
    expect(crn.pBuyEarlier).toBeGreaterThanOrEqual(ind.pBuyEarlier);
    expect(crn.fullMW.pBuyEarlier).toBeGreaterThan(ind.fullMW.pBuyEarlier + 0.02);
    // The arms' own distributions do not depend on the coupling (same marginals): P50s agree within
    // 4 SE (the independent run draws the build arm's shared factors from other streams).
    const tol = 4 * Math.hypot(crn.build.firstMW.se50, ind.build.firstMW.se50);
    expect(Math.abs(crn.build.firstMW.p50 - ind.build.firstMW.p50)).toBeLessThan(tol);
    expect(crn.buy.firstMW.p50).toBe(ind.buy.firstMW.p50);
  });

  it('the estimate of the mean lead varies markedly less across seeds with common random numbers (Singapore default, where both arms wait for an allocation)', () => {
    // 30 seeds × 2,000 trials each. Measured: SD across seeds ≈ 0.29 months (CRN) vs 0.70
    // (independent); asserting a ratio above 1.5 leaves room for the SD estimates' own ±13% noise.
    const params = texasParams('singapore');
    const sd = (independent: boolean) => {
      const xs: number[] = [];
      for (let seed = 1; seed <= 30; seed++) xs.push(run(params, 2000, seed, independent).firstMW.meanWhenBothPowered);
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    };
    const crn = sd(false);
    const ind = sd(true);
    expect(ind / crn).toBeGreaterThan(1.5);
  });
});
