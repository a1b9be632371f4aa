/**
 * The queue as it stands: a dated stock with filing dates and held capacity, inputs that change over
 * time, dated rules, and the ledgers that must balance in every preset.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQueueParams } from '../../src/sim/queue/compile';
import { QueueEngine } from '../../src/sim/queue/engine';
import { applyForward, checkForward } from '../../src/sim/queue/forward';
import { validateQueueParams, type QueueParams } from '../../src/sim/queue/params';
import { paramsWithForward } from '../../src/sim/queue/presets';
import { integrate, invertIntegral, compileSchedule, monthsBetween } from '../../src/sim/queue/schedule';
import { WaitingTree } from '../../src/sim/queue/waiting-tree';
import { presetDocs, presetParams, usLbnlSmall } from './queue-test-utils';

const PRESETS = ['us-lbnl', 'ercot-large-load', 'pjm', 'norway', 'sweden', 'finland', 'iceland', 'singapore', 'samara'];

function engine(p: QueueParams, mw = 100, sampleTimes: number[] = []) {
  const cfg = compileQueueParams(p, mw, true);
  cfg.sampleTimes = Float64Array.from(sampleTimes);
  return new QueueEngine(cfg);
}

describe('conservation in every preset', () => {
  it.each(PRESETS)('%s: MW in = energized + withdrawn + active, and spare + held = headroom that ever existed', (id) => {
    const p = id === 'us-lbnl' ? usLbnlSmall() : presetParams(id);
    p.horizonMonths = 120;
    const e = engine(p, presetDocs()[id].defaultProjectMW);
    for (let trial = 0; trial < 6; trial++) {
      e.runTrial(3, trial);
      const l = e.ledgers();
      expect(l.energizedMW + l.withdrawnMW + l.activeMW).toBeCloseTo(l.inMW, 3);
      if (p.headroom.limited && p.template !== 'allocation') {
        expect(l.spareMW + l.heldMW).toBeCloseTo(l.everMW, 3);
        expect(l.spareMW).toBeGreaterThanOrEqual(-1e-6);
      }
    }
  });

  it('the stock starts at the published MW, and capacity held by the stock is capacity that exists', () => {
    const p = presetParams('ercot-large-load');
    p.horizonMonths = 12;
    const e = engine(p, 200, [0]);
    const o = e.runTrial(1, 0);
    // The stock is scaled to stock.totalMW (the user's own MW comes on top).
    expect(o.mwAheadAtEntry).toBeCloseTo(p.stock!.totalMW!, 3);
    const l = e.ledgers();
    // Without the stock's held MW in the ledger, a withdrawal would hand back MW that never existed:
    // every MW ever available = spare at the start + the stock's held MW + what upgrades and additions added.
    expect(l.everMW).toBeGreaterThanOrEqual(p.headroom.initialMW + p.stock!.heldMW! - 1e-6);
    expect(l.spareMW + l.heldMW).toBeCloseTo(l.everMW, 3);
  });
});

describe('filing dates', () => {
  it('every stock request was filed before the as-of date, the oldest first in line; arrivals are filed after it', () => {
    const p = presetParams('ercot-large-load');
    p.horizonMonths = 24;
    const e = engine(p);
    e.runTrial(2, 0);
    const filed = e.filingTimes();
    const N = p.backlog.count;
    expect(filed[0]).toBe(0); // the user's request, filed at the as-of date
    const stock = Array.from(filed.subarray(1, N + 1));
    expect(stock.every((t) => t < 0)).toBe(true);
    // Queue position follows filing date: ages decrease along the stock.
    for (let k = 1; k < stock.length; k++) expect(stock[k]).toBeGreaterThanOrEqual(stock[k - 1]);
    // Median age near the preset's stated P50.
    const ages = stock.map((t) => -t).sort((a, b) => a - b);
    expect(ages[Math.floor(ages.length / 2)]).toBeGreaterThan(p.stock!.ageMonths.p50 * 0.8);
    expect(ages[Math.floor(ages.length / 2)]).toBeLessThan(p.stock!.ageMonths.p50 * 1.25);
    expect(Array.from(filed.subarray(N + 1)).every((t) => t >= 0)).toBe(true);
  });
});

describe('inputs that change over time', () => {
  it('scheduled arrivals match the promised count: ∫ rate over a window, within 3 standard errors', () => {
    const p = usLbnlSmall();
    p.backlog.count = 0;
    p.horizonMonths = 48;
    // 60 a year through 2025, ramping linearly to 240 a year by 2027, flat after.
    p.schedules = { arrivalsPerYear: { interp: 'linear', points: [{ date: '2025-06-01', value: 60 }, { date: '2027-01-01', value: 240 }] } };
    const cfg = compileQueueParams(p, 100, true);
    cfg.cohortStart = 6;
    cfg.cohortEnd = 30;
    const e = new QueueEngine(cfg);
    const expected = integrate(cfg.arrivalSchedPerMonth!, 6, 30);
    let total = 0;
    const trials = 300;
    for (let t = 0; t < trials; t++) total += e.runTrial(9, t).cohortProjects;
    const mean = total / trials;
    const se = Math.sqrt(expected / trials);
    expect(Math.abs(mean - expected)).toBeLessThan(3 * se);
  });

  it('a schedule integral and its inverse agree (step and linear)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.double({ min: 0.5, max: 500, noNaN: true }), { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0.1, max: 400, noNaN: true }), (linear, values, a, amount) => {
        const s = compileSchedule({ interp: linear ? 'linear' : 'step', points: values.map((v, k) => ({ date: `${2027 + k}-01-01`, value: v })) }, '2026-01-01');
        const t = invertIntegral(s, a, amount);
        expect(integrate(s, a, t)).toBeCloseTo(amount, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('a dated rule changes nothing before its date and thins the queue after it', () => {
    const base = presetParams('pjm');
    base.horizonMonths = 36;
    base.rules = { ...base.rules, screens: [] };
    const screened = structuredClone(base);
    const date = '2027-04-27';
    screened.rules = { ...screened.rules, screens: [{ date, stayProb: 0.5 }] };
    const at = monthsBetween(base.stock!.asOf, date);
    const times = [0, 3, 6, at - 0.01, at + 0.01, 18, 30];
    const a = engine(base, 100, times);
    const b = engine(screened, 100, times);
    for (let trial = 0; trial < 5; trial++) {
      const x = Array.from(a.runTrial(4, trial).sampleActiveN);
      const y = Array.from(b.runTrial(4, trial).sampleActiveN);
      expect(y.slice(0, 4)).toEqual(x.slice(0, 4));
      // Half of the requests still before their agreement leave at once (those past it stay).
      expect(y[4]).toBeLessThan(x[4] * 0.95);
      expect(y[4]).toBeGreaterThan(x[4] * 0.4);
    }
  });

  it('study capacity and headroom additions on a schedule take effect at their dates', () => {
    const p = presetParams('sweden');
    p.horizonMonths = 60;
    const asOf = p.stock!.asOf;
    const slow = structuredClone(p);
    slow.study = { capacity: 100_000, kappa: 0 };
    slow.schedules = { studyCapacity: { interp: 'step', points: [{ date: asOf, value: 1 }, { date: '2030-01-01', value: 100_000 }] } };
    const p50 = (q: QueueParams) => {
      const e = engine(q, 100);
      const m: number[] = [];
      for (let t = 0; t < 200; t++) m.push(e.runTrial(6, t).userMonths);
      return m.sort((x, y) => x - y)[100];
    };
    expect(p50(slow)).toBeGreaterThan(p50(p));
    const more = structuredClone(p);
    more.schedules = { headroomMWPerYear: { interp: 'step', points: [{ date: asOf, value: 3000 }] } };
    expect(p50(more)).toBeLessThan(p50(p));
  });

  it('with no schedule, a dated stock runs the constant-rate code path: a flat forward path gives the same numbers as no schedule at all', () => {
    const p = presetParams('sweden');
    p.horizonMonths = 120;
    delete p.schedules;
    const flat = applyForward(p, null, 'flat');
    expect(flat.ok).toBe(true);
    const a = engine(p, 100);
    const b = engine(flat.ok ? flat.value : p, 100);
    for (let t = 0; t < 20; t++) expect(b.runTrial(5, t).userMonths).toBe(a.runTrial(5, t).userMonths);
  });
});

describe('forward paths', () => {
  it('flat, trend and a typed table differ only after the as-of date', () => {
    const doc = presetDocs()['ercot-large-load'];
    const flat = paramsWithForward(doc, 'flat');
    const trend = paramsWithForward(doc, 'trend');
    const typed = paramsWithForward(doc, { rows: [{ year: 2027, arrivalsPerYear: 900 }] });
    for (const r of [flat, trend, typed]) expect(r.ok).toBe(true);
    if (!flat.ok || !trend.ok || !typed.ok) return;
    const asOf = doc.params.stock!.asOf;
    const rate = (p: QueueParams, date: string) => {
      const s = compileSchedule(p.schedules!.arrivalsPerYear!, asOf);
      return integrate(s, monthsBetween(asOf, date), monthsBetween(asOf, date) + 0.01) / 0.01;
    };
    for (const date of ['2025-06-01', '2026-05-01']) {
      expect(rate(trend.value, date)).toBeCloseTo(rate(flat.value, date), 6);
      expect(rate(typed.value, date)).toBeCloseTo(rate(flat.value, date), 6);
    }
    expect(rate(trend.value, '2028-06-01')).toBeGreaterThan(rate(flat.value, '2028-06-01'));
    expect(rate(typed.value, '2027-06-01')).toBeCloseTo(900, 6);
  });

  it('bad input names the field and nothing runs', () => {
    const doc = presetDocs()['ercot-large-load'];
    const early = paramsWithForward(doc, { rows: [{ year: 2025, arrivalsPerYear: 100 }] });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.errors[0]).toMatchObject({ field: 'forward.rows.0.year' });
    const negative = checkForward({ rows: [{ year: 2028, arrivalsPerYear: -5 }] }, '2026-06-24');
    expect(negative[0]).toMatchObject({ field: 'forward.rows.0.arrivalsPerYear' });
    const order = checkForward({ rows: [{ year: 2029, sizeFactor: 1 }, { year: 2028, sizeFactor: 1 }] }, '2026-06-24');
    expect(order[0].field).toBe('forward.rows.1.year');

    const p = presetParams('ercot-large-load') as unknown as Record<string, any>;
    p.schedules.arrivalsPerYear.points[1].date = '2023-01-01';
    p.backlog.shares.feas = 0.5;
    p.rules.screens[0].stayProb = 1.7;
    const r = validateQueueParams(p);
    expect(r.ok).toBe(false);
    const fields = r.ok ? [] : r.errors.map((e) => e.field);
    expect(fields).toContain('schedules.arrivalsPerYear.points.1.date');
    expect(fields).toContain('backlog.shares');
    expect(fields).toContain('rules.screens.0.stayProb');
    const later = presetParams('ercot-large-load');
    later.rules!.clusterCloseDates = ['2026-01-01'];
    const v = validateQueueParams(later);
    expect(v.ok ? [] : v.errors.map((e) => e.field)).toContain('rules.clusterCloseDates.0');
  });
});

describe('the headroom waiting list (waiting-tree.ts)', () => {
  it('finds the first waiting request that fits, in queue order, like a scan of the list', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.double({ min: 1, max: 1000, noNaN: true })), { maxLength: 80 }), fc.double({ min: 0, max: 1200, noNaN: true }), fc.integer({ min: 0, max: 300 }), (adds, x, from) => {
        const tree = new WaitingTree(4);
        const list = new Map<number, number>();
        for (const [pos, mw] of adds) {
          if (list.has(pos)) continue;
          tree.grow(pos + 1);
          tree.add(pos, pos * 7, mw);
          list.set(pos, mw);
        }
        const scan = [...list.entries()].filter(([p, m]) => p >= from && m <= x).sort((a, b) => a[0] - b[0])[0]?.[0] ?? -1;
        expect(tree.firstFit(from, x)).toBe(scan);
        if (scan >= 0) expect(tree.ownerAt(scan)).toBe(scan * 7);
        tree.clear();
        expect(tree.firstFit(0, Infinity)).toBe(-1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('why a request is never energized', () => {
  it('the Iceland preset says which mechanism holds the request back', async () => {
    const { runQueue, queueRequest } = await import('./queue-test-utils');
    const s = runQueue(queueRequest(presetParams('iceland'), { trials: 250, projectMW: 30 }));
    if (s.timeToPower.neverShare > 0) {
      expect(s.neverReasons.length).toBeGreaterThan(0);
      expect(s.neverReasons.reduce((a, r) => a + r.share, 0)).toBeCloseTo(s.timeToPower.neverShare, 10);
      expect(s.neverReasons[0].why).toMatch(/headroom|studies|built|awarded/);
    }
    const all = runQueue(queueRequest(presetParams('samara'), { trials: 100, projectMW: 20 }));
    expect(all.neverReasons.reduce((a, r) => a + r.share, 0)).toBeCloseTo(all.timeToPower.neverShare, 10);
  });
});

describe('worker-count invariance with a dated stock, schedules, rules and input uncertainty', () => {
  it('ERCOT preset: 1, 2 and 4 worker threads give the summary of one thread, bit for bit', async () => {
    const { createNodePool } = await import('../../workers/node-pool');
    const { runInThread } = await import('../../src/sim/in-thread');
    const { testRegistry } = await import('./pool-fixtures/tiny-model');
    const { queueRequest } = await import('./queue-test-utils');
    const entry = new URL('./pool-fixtures/tiny.node-worker.ts', import.meta.url);
    // 620 trials: three chunks, the last one short.
    const req = queueRequest(presetParams('ercot-large-load'), { trials: 620, seed: 31, presetId: 'ercot-large-load' });
    const expected = JSON.stringify(runInThread('queue', req, testRegistry));
    for (const size of [1, 2, 4]) {
      const pool = createNodePool(size, { entry, registry: testRegistry });
      try {
        expect(JSON.stringify(await pool.run('queue', req)), `${size} workers`).toBe(expected);
      } finally {
        pool.destroy();
      }
    }
  }, 120_000);
});
