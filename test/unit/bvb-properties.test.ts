/**
 * Properties of the phase graph (docs/method.md §3: parallel tracks take the max, sequential steps the
 * sum) checked with fast-check on pinned inputs, and of the tornado (same random numbers per bar).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BuyVsBuildKernel, Input, newOutcome, type InputId } from '../../src/sim/buy-vs-build/kernel';
import type { BuyVsBuildRequest } from '../../src/sim/buy-vs-build/params';
import { tornado } from '../../src/sim/buy-vs-build/tornado';
import { ercotQueue as table, texasParams as texas, } from './bvb-test-utils';

const months = fc.double({ min: 0.1, max: 120, noNaN: true });
const DURATIONS: InputId[] = [
  Input.buyClose, Input.buyConsent, Input.buyPermits, Input.buyEquipment, Input.buyFirstBlock, Input.buyExtraBlock, Input.buyCommissioning,
  Input.buildSiteControl, Input.buildPermits, Input.buildEquipment, Input.buildConstruction, Input.buildExtraBlock, Input.buildCommissioning,
  Input.queueWait,
];

describe('phase graph', () => {
  it('with every input pinned, first and full MW follow the graph exactly (max of parallel tracks, sum of steps)', () => {
    const k = new BuyVsBuildKernel(texas(), table, 1);
    const o = newOutcome();
    fc.assert(
      fc.property(fc.array(months, { minLength: DURATIONS.length, maxLength: DURATIONS.length }), fc.nat(10_000), (v, trial) => {
        DURATIONS.forEach((id, i) => k.pin(id, v[i]));
        k.pin(Input.buyStudy, 0);
        k.run(trial, o);
        const [close, consent, permits, gear, first, pace, comm, site, bPermits, bGear, bConstr, bPace, bComm, queue] = v;
        const buyFirst = Math.max(close, consent, permits, gear, first) + comm;
        const buildFirst = site + Math.max(queue, bPermits + bConstr, bGear) + bComm;
        expect(o.buyFirst).toBeCloseTo(buyFirst, 9);
        expect(o.buildFirst).toBeCloseTo(buildFirst, 9);
        expect(o.buyFull).toBeCloseTo(buyFirst + 3 * pace, 9); // 4 blocks
        expect(o.buildFull).toBeCloseTo(buildFirst + 3 * bPace, 9);
        // the parallel max is at least each track
        for (const track of [close, consent, permits, gear, first]) expect(o.buyFirst).toBeGreaterThanOrEqual(track + comm);
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('a required study holds back only the blocks above the study-free MW, until the study wait + commissioning', () => {
    const k = new BuyVsBuildKernel(texas(), table, 1);
    const o = newOutcome();
    fc.assert(
      fc.property(months, months, months, fc.nat(10_000), (queue, pace, comm, trial) => {
        k.unpinAll();
        k.pin(Input.queueWait, queue);
        k.pin(Input.buyExtraBlock, pace);
        k.pin(Input.buyCommissioning, comm);
        k.pin(Input.buyStudy, 0);
        k.run(trial, o);
        const noStudy = { first: o.buyFirst, full: o.buyFull };
        k.pin(Input.buyStudy, 1);
        k.run(trial, o);
        // 50 MW IT × PUE 1.3 = 65 grid MW ≤ 75 MW (SB 6): the first block is free of the study,
        // blocks 2–4 wait for it (studyShareOfQueueWait = 1).
        expect(o.buyFirst).toBe(noStudy.first);
        expect(o.buyFull).toBe(Math.max(noStudy.full, queue + comm));
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('lengthening any one phase never makes first or full MW earlier (same trial, all else equal)', () => {
    const k = new BuyVsBuildKernel(texas(), table, 3);
    const a = newOutcome();
    const b = newOutcome();
    fc.assert(
      fc.property(fc.constantFrom(...DURATIONS), months, months, fc.nat(10_000), (id, x, y, trial) => {
        k.unpinAll();
        k.pin(id, Math.min(x, y));
        k.run(trial, a);
        k.pin(id, Math.max(x, y));
        k.run(trial, b);
        expect(b.buyFirst).toBeGreaterThanOrEqual(a.buyFirst);
        expect(b.buyFull).toBeGreaterThanOrEqual(a.buyFull);
        expect(b.buildFirst).toBeGreaterThanOrEqual(a.buildFirst);
        expect(b.buildFull).toBeGreaterThanOrEqual(a.buildFull);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('pinning one input leaves every other draw of the trial unchanged (common random numbers)', () => {
    const k = new BuyVsBuildKernel(texas(), table, 9);
    const a = newOutcome();
    const b = newOutcome();
    for (let t = 0; t < 200; t++) {
      k.unpinAll();
      k.run(t, a);
      // Pinning the build arm's construction cannot move the buy arm at all.
      k.pin(Input.buildConstruction, 25);
      k.run(t, b);
      expect(b.buyFirst).toBe(a.buyFirst);
      expect(b.buyFull).toBe(a.buyFull);
    }
  });
});

describe('tornado', () => {
  const req: BuyVsBuildRequest = { model: 'buy-vs-build', siteId: 't', params: texas(), queueTable: table, trials: 1, seed: 5 };

  it('ranks inputs by swing in P50 time to power; the queue wait leads for the Texas power shell', () => {
    const t = tornado(req, { trials: 4000 });
    expect(t.bars).toHaveLength(18);
    for (let i = 1; i < t.bars.length; i++) expect(t.bars[i].swing).toBeLessThanOrEqual(t.bars[i - 1].swing);
    expect(t.bars[0].key).toBe('queueTable');
    // ERCOT LN(36, 72): pinned at P10 = 18 and P90 = 72 months, the build P50 moves by decades of months
    expect(t.bars[0].atHigh.build - t.bars[0].atLow.build).toBeGreaterThan(30);
    // GPUs do not change time to power (energized MW)
    const gpu = t.bars.find((b) => b.key === 'gpu.leadTime')!;
    expect(gpu.swing).toBe(0);
    // every duration at its P90 gives a P50 no earlier than at its P10
    for (const b of t.bars) {
      expect(b.atHigh.buy).toBeGreaterThanOrEqual(b.atLow.buy);
      expect(b.atHigh.build).toBeGreaterThanOrEqual(b.atLow.build);
    }
  });

  it('uses the same random numbers for every bar: an input with P10 = P90 has exactly zero swing and the base P50s', () => {
    const params = texas();
    params.buy.permits = { p50: 3, p90: 3 };
    const t = tornado({ ...req, params }, { trials: 2000 });
    const bar = t.bars.find((b) => b.key === 'buy.permits')!;
    expect(bar.swing).toBe(0);
    expect(bar.atLow).toEqual(t.base);
    expect(bar.atHigh).toEqual(t.base);
  });

  it('reads first compute when asked: GPU lead and export controls then matter (Samara defaults)', () => {
    const params = texas('samara');
    params.gpu.leadTime = { p50: 14, p90: 30 };
    const t = tornado({ ...req, params }, { trials: 2000, output: 'firstCompute' });
    expect(t.bars.find((b) => b.key === 'gpu.leadTime')!.swing).toBeGreaterThan(5);
  });
});
