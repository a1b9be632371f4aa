/**
 * Large loads at the real pace: the mechanisms that keep a dated stock true to its own dynamics
 * (docs/queue-as-it-stands.md "Resuming the stock"). Each test builds the smallest queue that shows
 * one mechanism and checks it against the law it follows; each names the wrong rule it would catch.
 */
import { describe, expect, it } from 'vitest';
import { compileQueueParams, D_CONSTR } from '../../src/sim/queue/compile';
import { QueueEngine } from '../../src/sim/queue/engine';
import { validateQueueParams, type QueueParams } from '../../src/sim/queue/params';
import { paramsWithForward } from '../../src/sim/queue/presets';
import { monthsBetween } from '../../src/sim/queue/schedule';
import { stockShapeReport } from '../../src/sim/queue/stock-report';
import { genericSerial, presetDocs, presetParams, queueRequest, runQueue } from './queue-test-utils';

function engine(p: QueueParams, mw = 100, sampleTimes: number[] = []) {
  const v = validateQueueParams(p);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  const cfg = compileQueueParams(v.value, mw, true);
  cfg.sampleTimes = Float64Array.from(sampleTimes);
  return new QueueEngine(cfg);
}

/** A closed cluster cycle on a dated stock: no arrivals, no uncertainty, every request in one bucket. */
function closedCycle(bucket: 'sis' | 'fs' | 'postIa'): QueueParams {
  const p = presetParams('pjm');
  p.arrivals.ratePerYear = 0;
  delete p.schedules;
  delete p.uncertainty;
  delete p.rules;
  p.backlog = { count: 200, shares: { feas: 0, sis: bucket === 'sis' ? 1 : 0, fs: bucket === 'fs' ? 1 : 0, postIa: bucket === 'postIa' ? 1 : 0 } };
  p.stock = { asOf: '2023-07-01', totalMW: 20_000, heldMW: bucket === 'postIa' ? 20_000 : null, ageMonths: { p50: 12, p90: 36 } };
  p.horizonMonths = 60;
  return p;
}

describe('a stock cycle resumes from its published dates', () => {
  it('no request of the cycle reaches an agreement before the cycle can give one', () => {
    const p = closedCycle('sis');
    // Decision point in 11.9 months, the cycle's results in 26.9 (PJM Transition Cycle 1: Jun 2024, Sep 2025).
    p.cluster!.stockStepEnds = { study: '2024-06-01', facilities: '2025-09-30' };
    const dp1 = monthsBetween('2023-07-01', '2024-06-01');
    const months = Array.from({ length: 60 }, (_, k) => k);
    const e = engine(p, 1, months);
    let earliest = Infinity;
    for (let t = 0; t < 200; t++) {
      const o = e.runTrial(7, t);
      // more than the user's own 1 MW request, which files into the next cycle
      const k = o.sampleApprovedMW.findIndex((mw) => mw > 1.5);
      if (k >= 0) earliest = Math.min(earliest, months[k]);
    }
    // The old rule ended the step after a uniform share of it (~month 5); the date is a floor.
    expect(earliest).toBeGreaterThan(dp1);
    expect(earliest).toBeLessThan(60);
  });

  it('without a date the step starts afresh on the as-of date: its full length, times the slip', () => {
    const p = closedCycle('sis');
    delete p.cluster!.stockStepEnds;
    p.cluster!.slip = { p50: 1, p90: 1 };
    p.cluster!.restudyBaseProb = 0;
    p.cluster!.restudyPerWithdrawnShare = 0;
    p.cluster!.facilities = { p50: 4, p90: 4 };
    const months = Array.from({ length: 60 }, (_, k) => k + 0.5);
    const e = engine(p, 1, months);
    for (let t = 0; t < 50; t++) {
      const o = e.runTrial(3, t);
      const k = o.sampleApprovedMW.findIndex((mw) => mw > 0);
      // study (5 months) + facilities (4): agreements at month 9 exactly, not at a uniform share of it
      expect(months[k]).toBe(p.cluster!.studyMonths + 4 + 0.5);
    }
  });
});

describe('approved stock has already spent part of its construction', () => {
  it('its remaining build follows the equilibrium residual of the build time, not a fresh draw', () => {
    const p = closedCycle('postIa');
    p.withdrawal.postIa = 0;
    p.headroom.limited = false;
    p.phases.constr = { p50: 20, p90: 50 };
    // Old enough that a request's age never caps the time it has spent building.
    p.stock!.ageMonths = { p50: 600, p90: 700 };
    p.horizonMonths = 600;
    const cfg = compileQueueParams(p, 1);
    const mu = cfg.distA[D_CONSTR];
    const s = cfg.distB[D_CONSTR];
    // Renewal theory: a duration found under way at a random date has E[rest] = E[D²] / (2 E[D]),
    // for a lognormal exp(mu + 1.5 s²) / 2. A fresh draw has mean exp(mu + s²/2), ~20% longer here.
    const expectedRest = Math.exp(mu + 1.5 * s * s) / 2;
    const fresh = Math.exp(mu + 0.5 * s * s);
    expect(fresh / expectedRest).toBeGreaterThan(1.15);
    const rests: number[] = [];
    const e2 = engine(p, 1, Array.from({ length: 600 }, (_, k) => k + 1));
    for (let t = 0; t < 40; t++) {
      const o = e2.runTrial(5, t);
      // MW energized by month k, of 20,000: the share still building at k is the survival of the rest.
      let area = 0;
      for (let k = 0; k < o.sampleEnergizedMW.length; k++) area += 1 - o.sampleEnergizedMW[k] / 20_000;
      rests.push(area);
    }
    const mean = rests.reduce((a, b) => a + b, 0) / rests.length;
    expect(Math.abs(mean / expectedRest - 1)).toBeLessThan(0.05);
  });
});

describe('large loads energize in tranches', () => {
  it('months to the full request are the first block plus the ramp, and operating MW never exceed MW approved to energize', () => {
    const p = presetParams('ercot-large-load');
    expect(p.ramp).toBeDefined();
    const s = runQueue(queueRequest(p, { trials: 400, seed: 5 }));
    expect(s.firstBlockShare).toBe(p.ramp!.firstBlockShare);
    expect(s.timeToFull.p50).toBeGreaterThan(s.timeToPower.p50 + 0.5 * p.ramp!.months.p50);
    const noRamp = structuredClone(p);
    delete noRamp.ramp;
    const s0 = runQueue(queueRequest(noRamp, { trials: 400, seed: 5 }));
    // The ramp has its own stream: first MW are the same, bit for bit, with or without it.
    expect(s0.timeToPower).toEqual(s.timeToPower);
    expect(s0.timeToFull).toEqual(s0.timeToPower);

    const months = Array.from({ length: 48 }, (_, k) => k + 1);
    const e = engine(p, 200, months);
    let gap = 0;
    for (let t = 0; t < 5; t++) {
      const o = e.runTrial(2, t);
      for (let k = 0; k < months.length; k++) {
        expect(o.sampleOperatingMW[k]).toBeLessThanOrEqual(o.sampleEnergizedMW[k] + 1e-6);
        // at least the first blocks of everything approved to energize
        expect(o.sampleOperatingMW[k]).toBeGreaterThanOrEqual(p.ramp!.firstBlockShare * o.sampleEnergizedMW[k] - 1e-6);
        gap += o.sampleEnergizedMW[k] - o.sampleOperatingMW[k];
      }
    }
    expect(gap).toBeGreaterThan(0);
  });

  it('a smaller load ramps sooner: ramp months scale as (MW / median size)^elasticity', () => {
    const p = presetParams('ercot-large-load');
    const x = p.ramp!.sizeElasticity ?? 0;
    expect(x).toBeGreaterThan(0);
    const small = engine(p, 32.5);
    const large = engine(p, 650);
    let both = 0;
    for (let t = 0; t < 60; t++) {
      const a = small.runTrial(4, t).userRampMonths;
      const b = large.runTrial(4, t).userRampMonths;
      if (!(a > 0 && b > 0)) continue;
      both++;
      // The user's ramp is the only draw from the ramp stream without samples: the same draw, scaled by size alone.
      expect(a / b).toBeCloseTo((32.5 / 650) ** x, 9);
    }
    expect(both).toBeGreaterThan(30);
  });
});

describe('dated network upgrades', () => {
  it('headroom binds until an upgrade comes into service around its date', () => {
    const p = presetParams('ercot-large-load');
    const h = p.headroom;
    h.initialMW = 0;
    h.maxConcurrentUpgrades = 0;
    h.upgradesUnderWay = 0;
    h.inProgress = [{ name: 'test line', mw: 1e6, inService: { p50: '2031-06', p90: '2031-07' } }];
    // No agreement of the stock withdraws, so none hands its held MW back before the line comes.
    p.withdrawal.postIa = 0;
    const due = monthsBetween(p.stock!.asOf, '2031-06');
    const s = runQueue(queueRequest(p, { trials: 300, seed: 9 }));
    // Nothing energizes before the line; the P10 sits just after its date (the build ran meanwhile).
    expect(s.timeToPower.p10).toBeGreaterThan(due - 2);
    expect(s.timeToPower.p10).toBeLessThan(due + 6);
    // The wait after the agreement is what holds the request back, and the summary says so.
    expect(s.headroomWait.n).toBe(300);
    expect(s.headroomWait.p50).toBeGreaterThan(12);
    const later = structuredClone(p);
    later.headroom.inProgress![0].inService = { p50: '2033-06', p90: '2033-07' };
    expect(runQueue(queueRequest(later, { trials: 300, seed: 9 })).timeToPower.p10).toBeGreaterThan(monthsBetween(p.stock!.asOf, '2033-06') - 2);
  });

  it('an upgrade already in service on the as-of date is spare capacity today', () => {
    const p = presetParams('ercot-large-load');
    p.headroom.inProgress = [{ name: 'built', mw: 1234, inService: { p50: '2020-01', p90: '2021-01' } }];
    const cfg = compileQueueParams(p, 200);
    expect(cfg.initialMW).toBe(presetParams('ercot-large-load').headroom.initialMW + 1234);
    expect(cfg.datedUpgradeMW.length).toBe(0);
  });

  it('bad dates and MW are named', () => {
    const p = presetParams('ercot-large-load');
    p.headroom.inProgress = [{ name: 'x', mw: -5, inService: { p50: '2030-13', p90: '2029-01' } }];
    const v = validateQueueParams(p);
    expect(v.ok).toBe(false);
    const fields = v.ok ? [] : v.errors.map((e) => e.field);
    expect(fields).toContain('headroom.inProgress.0.mw');
    expect(fields).toContain('headroom.inProgress.0.inService.p50');
  });
});

describe('the stock-shape report', () => {
  it('reads the stock at months 0, 12, 24 and 60; month 0 is the published stock', () => {
    const doc = presetDocs()['ercot-large-load'];
    const flat = paramsWithForward(doc, 'flat');
    if (!flat.ok) throw new Error('flat path');
    const r = stockShapeReport(flat.value, 1, 20);
    expect(r.rows.map((x) => x.month)).toEqual([0, 12, 24, 60]);
    expect(r.rows[0].activeMW).toBeCloseTo(doc.params.stock!.totalMW!, 0);
    expect(r.rows[0].sharePastAgreement).toBeCloseTo(doc.params.stock!.heldMW! / doc.params.stock!.totalMW!, 3);
    // ERCOT's queue grew four-fold in 2025 and inflow stays at its 2026 level: the stock does not shrink away.
    expect(r.drift[0].activeMW).toBeGreaterThan(0.8);
  });
});

describe('durations and study capacity can change over time', () => {
  it('a study-duration factor of 2 from a date doubles the studies that start after it', () => {
    const p = genericSerial();
    p.stock = { asOf: '2030-01-01', totalMW: null, heldMW: null, ageMonths: { p50: 12, p90: 24 } };
    p.study.capacity = 100_000;
    const ia = (sched: boolean) => {
      const q = structuredClone(p);
      if (sched) q.schedules = { studyDurationFactor: { interp: 'step', points: [{ date: '2030-01-01', value: 2 }] } };
      return runQueue(queueRequest(q, { trials: 600, seed: 4 })).timeToIA.p50;
    };
    expect(ia(true) / ia(false)).toBeGreaterThan(1.8);
    expect(ia(true) / ia(false)).toBeLessThan(2.2);
  });

  it("a phase's own factor stretches that phase only, on top of the factor for every phase", () => {
    const p = genericSerial();
    p.stock = { asOf: '2030-01-01', totalMW: null, heldMW: null, ageMonths: { p50: 12, p90: 24 } };
    p.study.capacity = 100_000;
    const ia = (key?: 'feasDurationFactor' | 'sisDurationFactor' | 'fsDurationFactor', value = 3) => {
      const q = structuredClone(p);
      if (key) q.schedules = { [key]: { interp: 'step', points: [{ date: '2030-01-01', value }] } };
      return runQueue(queueRequest(q, { trials: 600, seed: 4 })).timeToIA.p50;
    };
    const base = ia();
    // The user's request goes through all three phases: × 3 on one phase adds twice that phase's time.
    const [feas, sis, fs] = [ia('feasDurationFactor'), ia('sisDurationFactor'), ia('fsDurationFactor')];
    expect(sis - base).toBeGreaterThan(2 * p.phases.sis.p50 * 0.7);
    expect(feas - base).toBeGreaterThan(2 * p.phases.feas.p50 * 0.7);
    expect(sis - base).toBeGreaterThan(feas - base);
    expect(fs).toBeGreaterThan(base);
    // A factor of 1 is no change at all: the same draws, the same numbers.
    expect(ia('sisDurationFactor', 1)).toBe(base);
  });

  it('a typed forward row can set study time, build time and studies at once; bad values are named', () => {
    const doc = presetDocs()['us-lbnl'];
    const ok = paramsWithForward(doc, { rows: [{ year: 2027, studyDurationFactor: 1.5, constrDurationFactor: 0.8, studyCapacity: 900 }] });
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.value.schedules?.studyDurationFactor?.points.at(-1)).toEqual({ date: '2027-01-01', value: 1.5 });
      expect(ok.value.schedules?.studyCapacity?.points.at(-1)).toEqual({ date: '2027-01-01', value: 900 });
    }
    const bad = paramsWithForward(doc, { rows: [{ year: 2027, studyDurationFactor: -1, sisDurationFactor: 1.7e3 }] });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['forward.rows.0.studyDurationFactor', 'forward.rows.0.sisDurationFactor']));
    const phase = paramsWithForward(doc, { rows: [{ year: 2027, sisDurationFactor: 1.4 }] });
    expect(phase.ok && phase.value.schedules?.sisDurationFactor?.points.at(-1)).toEqual({ date: '2027-01-01', value: 1.4 });
  });
});
