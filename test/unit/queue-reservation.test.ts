/**
 * Capacity reserved at the agreement (headroom.reserveAtAgreement: the Nordic and Samara presets):
 * a request whose studies are done waits for capacity before its agreement, and the stock found
 * waiting for capacity starts there (docs/queue-as-it-stands.md "Waiting for capacity before the
 * agreement"). Each test names the wrong rule it would catch.
 */
import { describe, expect, it } from 'vitest';
import { compileQueueParams } from '../../src/sim/queue/compile';
import { QueueEngine } from '../../src/sim/queue/engine';
import { validateQueueParams, type QueueParams } from '../../src/sim/queue/params';
import { paramsWithForward } from '../../src/sim/queue/presets';
import { stockShapeReport } from '../../src/sim/queue/stock-report';
import { presetDocs, presetParams } from './queue-test-utils';

function engine(p: QueueParams, mw = 100): QueueEngine {
  const v = validateQueueParams(p);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return new QueueEngine(compileQueueParams(v.value, mw, true));
}

/** Sweden's grid-limited serial queue with exact inputs and one withdrawal hazard after the studies. */
function sweden(reserve: boolean): QueueParams {
  const p = presetParams('sweden');
  delete p.uncertainty;
  p.horizonMonths = 240;
  p.headroom.reserveAtAgreement = reserve;
  // Same hazard before and after the agreement: whichever phase a waiting request is in, it leaves at
  // the same moment, so the two rules run the very same queue and differ only in what they call it.
  p.withdrawal.fs = p.withdrawal.postIa;
  // Today's stock still in or past its studies, none waiting yet (so both rules start alike).
  p.backlog.shares = { feas: 0.3, sis: 0.3, fs: 0.2, postIa: 0.2 };
  return p;
}

describe('no agreement without capacity', () => {
  it("the user's agreement comes when its capacity does: the studies plus the wait for capacity", () => {
    const before = engine(sweden(false));
    const at = engine(sweden(true));
    let waited = 0;
    for (let t = 0; t < 200; t++) {
      const a = { ...before.runTrial(9, t) };
      const b = at.runTrial(9, t);
      // The same queue: the request is energized at the same moment under either rule…
      expect(b.userMonths).toBe(a.userMonths);
      // …and only its agreement moves, to the end of its wait (the old rule gave it at the studies' end).
      expect(b.userIAMonths).toBeCloseTo(a.userIAMonths + a.userHeadroomWait, 9);
      expect(b.userHeadroomWait).toBeCloseTo(a.userHeadroomWait, 9);
      if (a.userHeadroomWait > 0) waited++;
    }
    // Capacity binds in Sweden: many trials wait for it (else the test would show nothing).
    expect(waited).toBeGreaterThan(50);
  });

  it('a request waiting for capacity is not counted as agreed: the old rule called the same MW "past agreement"', () => {
    const res = stockShapeReport(sweden(true), 5, 60).rows;
    const old = stockShapeReport(sweden(false), 5, 60).rows;
    for (let k = 0; k < res.length; k++) {
      // The same queue (same hazards either side of the agreement): only the label moves.
      expect(res[k].activeMW).toBeCloseTo(old[k].activeMW, 6);
      expect(old[k].waitingForCapacityMW).toBe(0);
      expect(res[k].mwByPhase.postIa + res[k].waitingForCapacityMW).toBeCloseTo(old[k].mwByPhase.postIa, 6);
    }
    // A year on, much of Sweden's queue waits for capacity without an agreement.
    expect(res[1].waitingForCapacityMW).toBeGreaterThan(0.1 * res[1].activeMW);
  });
});

describe('the stock found waiting for capacity', () => {
  it('starts waiting, not agreed, and takes spare capacity in queue order', () => {
    const p = presetParams('sweden');
    delete p.uncertainty;
    const r = stockShapeReport(p, 3, 80);
    const m0 = r.rows[0];
    const s = p.backlog.shares;
    // MW shares follow request shares (one size law for the unagreed stock), within sampling noise.
    const unagreed = s.feas + s.sis + s.fs + (s.waiting ?? 0);
    expect(m0.waitingForCapacityMW / (m0.activeMW - m0.mwByPhase.postIa)).toBeGreaterThan(((s.waiting ?? 0) / unagreed) * 0.85);
    expect(m0.waitingForCapacityMW / (m0.activeMW - m0.mwByPhase.postIa)).toBeLessThan(((s.waiting ?? 0) / unagreed) * 1.15);
  });

  it('keeps the studies as full as arrivals × time in them (the old even spread emptied them within a year)', () => {
    for (const id of ['norway', 'sweden', 'finland', 'samara']) {
      const fwd = paramsWithForward(presetDocs()[id], 'flat');
      if (!fwd.ok) throw new Error(id);
      const shape = (p: QueueParams) => {
        const rows = stockShapeReport(p, 2, 400).rows;
        const studies = (k: number) => rows[k].mwByPhase.feas + rows[k].mwByPhase.sis;
        return studies(1) / studies(0);
      };
      const ratio = shape(fwd.value);
      expect(ratio, id).toBeGreaterThan(0.75);
      expect(ratio, id).toBeLessThan(1.33);
      // Teeth: the old starting shares (30/30/20/20, none waiting) lose most of the study MW in a year.
      const old = structuredClone(fwd.value);
      old.backlog.shares = { feas: 0.3, sis: 0.3, fs: 0.2, postIa: 0.2 };
      expect(shape(old), `${id} with the old shares`).toBeLessThan(0.5);
    }
  });

  it('is refused, with the reason, where no request can wait before its agreement', () => {
    const p = presetParams('sweden');
    p.headroom.reserveAtAgreement = false;
    const v = validateQueueParams(p);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors).toContainEqual({ field: 'backlog.shares.waiting', message: expect.stringMatching(/reserved at the agreement/) });
  });
});
