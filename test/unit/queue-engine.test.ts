/** Behaviour of the queue engine (docs/method.md §1): each test breaks if its mechanism breaks. Seeded. */
import { describe, expect, it } from 'vitest';
import type { QueueParams } from '../../src/sim/queue/params';
import { compileQueueParams } from '../../src/sim/queue/compile';
import { QueueEngine } from '../../src/sim/queue/engine';
import { queueRunner, runEngineChunk } from '../../src/sim/queue/runner';
import { ksTwoSample } from '../../src/sim/stats/ks';
import { genericSerial, presetParams, queueRequest, quietSerial, runQueue } from './queue-test-utils';

const quiet = quietSerial;

const rows = (p: QueueParams, trials = 200, seed = 1, mw = 100, runToHorizon = false) =>
  Array.from(queueRunner.runChunk(queueRequest(p, { trials, seed, projectMW: mw, runToHorizon }), 0, trials).rowMonths);

describe('queue engine', () => {
  it('a request alone in a serial queue is energized after its phases add up', () => {
    for (const m of rows(quiet(), 20)) expect(m).toBeCloseTo(2 + 3 + 4 + 10, 9);
  });

  it('ending a trial once the user’s energization is fixed changes nothing about the user', () => {
    // Run to the horizon, every event happens; a run for the request ends when its build starts
    // (with every request drawn at filing, as the whole run draws them: lazy clusters draw in another order).
    for (const id of ['ercot-large-load', 'samara', 'singapore']) {
      const p = presetParams(id);
      const chunk = (runToHorizon: boolean) => runEngineChunk(new QueueEngine({ ...compileQueueParams(p, 200, runToHorizon), lazyClusters: false }), 9, 0, 150);
      const whole = chunk(true);
      const short = chunk(false);
      expect(Array.from(short.rowMonths), id).toEqual(Array.from(whole.rowMonths));
      for (const k of ['timeToPower', 'timeToIA', 'timeToFull', 'headroomWait'] as const) expect(short[k], `${id} ${k}`).toEqual(whole[k]);
      expect(short.neverByStage, id).toEqual(whole.neverByStage);
      expect(short.events, id).toBeLessThan(whole.events);
    }
  });

  it('the user’s request never withdraws, whatever the hazards', () => {
    const p = genericSerial();
    p.withdrawal = { feas: 50, sis: 50, fs: 50, postIa: 50, sizeElasticity: 0 };
    const s = runQueue(queueRequest(p, { trials: 100, runToHorizon: true }));
    expect(s.timeToPower.neverShare).toBe(0);
    expect(s.validation.withdrawnShare).toBeGreaterThan(0.99);
  });

  it('strict FIFO holds a small load behind a large one; first-fit lets it pass', () => {
    const p = quiet();
    // One 500 MW request ahead, already in its facilities study; 150 MW spare; one upgrade at a time, 60 months.
    p.backlog = { count: 1, shares: { feas: 0, sis: 0, fs: 1, postIa: 0 } };
    p.arrivals.sizeMW = { p50: 500, p90: 500 };
    p.headroom = { limited: true, initialMW: 150, upgradeMW: 1000, upgradeLead: { p50: 60, p90: 60 }, maxConcurrentUpgrades: 1, upgradesUnderWay: 0, rule: 'fifo' };
    const fifo = rows(p, 30);
    p.headroom.rule = 'first-fit';
    const firstFit = rows(p, 30);
    for (const m of firstFit) expect(m).toBeCloseTo(19, 9);
    // FIFO: the user waits for the upgrade the large request triggered (started when it reached IA, < 4 months in).
    for (const m of fifo) {
      expect(m).toBeGreaterThan(60 + 10);
      expect(m).toBeLessThan(4 + 60 + 10 + 1e-9);
    }
  });

  it('limited study slots and congestion stretch slow the user down, in that order', () => {
    const p = quiet();
    p.backlog = { count: 40, shares: { feas: 1, sis: 0, fs: 0, postIa: 0 } };
    p.phases.feas = { p50: 2, p90: 4 };
    const median = (q: QueueParams) => runQueue(queueRequest(q, { trials: 250 })).timeToPower.p50;
    const free = median(p);
    p.study = { capacity: 5, kappa: 0 };
    const slots = median(p);
    p.study.kappa = 1;
    const stretched = median(p);
    expect(slots).toBeGreaterThan(free + 5);
    expect(stretched).toBeGreaterThan(slots + 5);
  });

  it('cluster: the whole cluster moves at one pace, restudy adds its step × the slip factor', () => {
    const p = presetParams('pjm');
    // Undated windows: the first closes at firstCloseMonths (the preset's dated windows are tested in queue-stock).
    delete p.rules;
    Object.assign(p, { arrivals: { ratePerYear: 0, sizeMW: p.arrivals.sizeMW }, withdrawal: { feas: 0, sis: 0, fs: 0, postIa: 0, sizeElasticity: 0 } });
    p.backlog.count = 0;
    p.phases.constr = { p50: 10, p90: 10 };
    p.cluster = { ...p.cluster!, firstCloseMonths: 3, facilities: { p50: 4.5, p90: 4.5 }, slip: { p50: 1.3, p90: 1.3 }, restudyBaseProb: 0, restudyPerWithdrawnShare: 0 };
    for (const m of rows(p, 10)) expect(m).toBeCloseTo(3 + (2 + 5 + 4.5) * 1.3 + 10, 9);
    p.cluster.restudyBaseProb = 1;
    for (const m of rows(p, 10)) expect(m).toBeCloseTo(3 + (2 + 5 + 5 + 4.5) * 1.3 + 10, 9);
  });

  it('cluster: restudy is likelier the more of the cluster withdrew', () => {
    const p = presetParams('ercot-large-load');
    p.backlog.count = 0;
    p.arrivals.ratePerYear = 400;
    p.headroom.limited = false;
    p.phases.constr = { p50: 10, p90: 10 };
    // Every build exactly 10 months, whatever the request's size, so a restudy shows as months.
    delete p.phases.constrSizeElasticity;
    p.cluster = { ...p.cluster!, facilities: { p50: 4.5, p90: 4.5 }, slip: { p50: 1, p90: 1 }, restudyBaseProb: 0, restudyPerWithdrawnShare: 1 };
    const restudied = (q: QueueParams) => rows(q, 200).filter((m) => m > 3 + 11.5 + 10 + 1).length / 200;
    p.withdrawal = { feas: 0, sis: 0, fs: 0, postIa: 0, sizeElasticity: 0 };
    expect(restudied(p)).toBe(0);
    p.withdrawal = { feas: 6, sis: 6, fs: 0, postIa: 0, sizeElasticity: 0 };
    expect(restudied(p)).toBeGreaterThan(0.5);
  });

  it('allocation: the user is awarded only at rounds, and never when it asks more than a round holds', () => {
    const p = presetParams('singapore');
    // Undated rounds: the first at firstRoundMonths, then every roundPeriodMonths.
    delete p.rules;
    p.phases.constr = { p50: 24, p90: 24 };
    const months = rows(p, 300, 2, 50);
    for (const m of months.filter(Number.isFinite)) {
      const k = (m - 24 - 6) / 30;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    }
    // Award share 0.2 of ~20 applicants: the first round gives the user well under even odds.
    const firstRound = months.filter((m) => Math.abs(m - 30) < 1e-9).length / months.length;
    expect(firstRound).toBeGreaterThan(0.05);
    expect(firstRound).toBeLessThan(0.5);
    expect(runQueue(queueRequest(p, { trials: 50, projectMW: 250 })).timeToPower.neverShare).toBe(1);
  });

  it('reports "> horizon" as Infinity with the never share, and the MW ahead of the user shrinking to 0', () => {
    const iceland = runQueue(queueRequest(presetParams('iceland'), { trials: 250, projectMW: 100 }));
    expect(iceland.timeToPower.neverShare).toBeGreaterThan(0.1);
    expect(iceland.timeToPower.p90).toBe(Infinity);
    const p = quiet();
    p.backlog = { count: 50, shares: { feas: 0.25, sis: 0.25, fs: 0.25, postIa: 0.25 } };
    p.arrivals.sizeMW = { p50: 100, p90: 100 };
    const s = runQueue(queueRequest(p, { trials: 50 }));
    expect(Math.abs(s.mwAheadAtEntry.p50 / 5000 - 1)).toBeLessThan(0.05);
    expect(s.projectsAheadAtEntry).toBe(50);
    const fan = s.queueMWFan.p50;
    for (let y = 1; y < fan.length; y++) expect(fan[y]).toBeLessThanOrEqual(fan[y - 1]);
    expect(fan.at(-1)).toBe(0);
  });
});

describe('lazy clusters', () => {
  // Clusters filed after the user's hold their requests as light records until their study ends,
  // then draw them with the withdrawals they would have had. Same law as drawing each one at once:
  // the user's months to power (which later clusters move by triggering upgrades and taking capacity
  // first-fit) match in distribution, and most light records are never drawn.
  it('gives the same months to power as requests drawn at filing, drawing far fewer', () => {
    for (const id of ['ercot-large-load', 'pjm']) {
      const p = presetParams(id);
      const run = (lazy: boolean) => {
        const cfg = { ...compileQueueParams(p, 200, false), lazyClusters: lazy };
        const e = new QueueEngine(cfg);
        const months: number[] = [];
        let drawn = 0;
        for (let t = 0; t < 1500; t++) {
          months.push(e.runTrial(5, t).userMonths);
          drawn += e.filingTimes().length;
        }
        return { months: months.map((m) => (Number.isFinite(m) ? m : 1e9)).sort((a, b) => a - b), drawn };
      };
      const eager = run(false);
      const lazy = run(true);
      expect(ksTwoSample(eager.months, lazy.months).p, id).toBeGreaterThan(0.01);
      expect(lazy.drawn, id).toBeLessThan(0.85 * eager.drawn);
    }
  });

  it('brings the same MW to their agreements as requests drawn at filing (what later clusters are seen by)', () => {
    // The user never gets capacity (none spare, no upgrades, a request larger than any that comes
    // back), so each trial runs to the horizon and every later cluster whose study ends is drawn.
    // The MW that reached an agreement by then is what those clusters show the rest of the queue;
    // it moves with every withdrawal a light record should have had on its way (the check fails if
    // materialize() skips the window's withdrawals, or lets the study's withdrawals pass).
    const p = presetParams('ercot-large-load');
    p.horizonMonths = 96;
    p.headroom = { ...p.headroom, initialMW: 0, maxConcurrentUpgrades: 0, upgradesUnderWay: 0, inProgress: undefined };
    // Withdrawals in the window, the engagement and the study frequent enough that a slip in any shows.
    p.withdrawal = { ...p.withdrawal, feas: 1.5, sis: 1.5 };
    const agreed = (lazy: boolean) => {
      const e = new QueueEngine({ ...compileQueueParams(p, 1_000_000, false), lazyClusters: lazy });
      const mw: number[] = [];
      for (let t = 0; t < 500; t++) {
        expect(e.runTrial(3, t).userMonths).toBe(Infinity);
        mw.push(e.ledgers().approvedMW);
      }
      return mw.sort((a, b) => a - b);
    };
    expect(ksTwoSample(agreed(false), agreed(true)).p).toBeGreaterThan(0.01);
  });
});

describe('queue-ahead fan', () => {
  it('counts the MW earlier in line until the request holds its capacity, then nothing', () => {
    // 50 requests of 100 MW ahead, all in their feasibility study; the user's studies end at month 9, its build at 19.
    const p = quiet();
    p.backlog = { count: 50, shares: { feas: 1, sis: 0, fs: 0, postIa: 0 } };
    p.arrivals.sizeMW = { p50: 100, p90: 100 };
    const building = runQueue(queueRequest(p, { trials: 20 }));
    expect(Math.abs(building.timeToPower.p50 - 19)).toBeLessThan(0.5);
    expect(building.mwAheadAtEntry.p50 / 5000).toBeCloseTo(1, 1);
    // At the end of year 1 the stock is still building (it finishes months 17–19), but the user builds too: nothing ahead.
    expect(building.queueMWFan.p90[0]).toBe(0);
    // One study slot: at the end of year 1 the user still waits behind the stock, which stands ahead of it.
    p.study = { capacity: 1, kappa: 0 };
    const waiting = runQueue(queueRequest(p, { trials: 20 }));
    expect(waiting.timeToPower.p50).toBeGreaterThan(24);
    expect(waiting.queueMWFan.p10[0]).toBeGreaterThan(1000);
  });
});

describe('queue engine bookkeeping', () => {
  it('every cohort request ends exactly once: energized + withdrawn + still waiting = arrived, in every preset', () => {
    for (const id of ['us-lbnl', 'ercot-large-load', 'pjm', 'norway', 'sweden', 'finland', 'iceland', 'singapore', 'samara']) {
      const p = presetParams(id);
      p.horizonMonths = 120;
      const s = queueRunner.runChunk(queueRequest(p, { trials: 20, seed: 8, runToHorizon: true }), 0, 20);
      const ended = s.energized + s.withdrawn.reduce((a, b) => a + b, 0) + s.stillActive;
      expect(ended, id).toBe(s.cohortProjects);
      expect(s.littleArrivals, id).toBe(s.cohortProjects);
    }
  });
});
