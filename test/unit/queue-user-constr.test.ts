/** The engine records the user's own construction draw (the curtailable path reuses it). */
import { describe, expect, it } from 'vitest';
import { compileQueueParams } from '../../src/sim/queue/compile';
import { QueueEngine } from '../../src/sim/queue/engine';
import { validateQueueParams } from '../../src/sim/queue/params';
import { presetParams } from './queue-test-utils';

function engineFor(id: string, mw = 200): QueueEngine {
  const v = validateQueueParams(presetParams(id), 'params');
  if (!v.ok) throw new Error('bad preset');
  return new QueueEngine(compileQueueParams(v.value, mw, false));
}

describe('user construction months', () => {
  it('equals energize − IA where nothing waits for headroom', () => {
    const e = engineFor('us-lbnl');
    for (let t = 0; t < 50; t++) {
      const o = e.runTrial(7, t);
      expect(o.userConstrMonths).toBeGreaterThan(0);
      expect(o.userMonths - o.userIAMonths).toBeCloseTo(o.userConstrMonths, 9);
    }
  });

  it('is at most energize − end of studies where headroom is limited, and strictly less when the user waited', () => {
    const e = engineFor('norway', 300);
    let waited = 0;
    for (let t = 0; t < 80; t++) {
      const o = e.runTrial(7, t);
      if (!Number.isFinite(o.userMonths)) continue;
      // Norway reserves capacity at the agreement: the wait sits between the studies and the agreement.
      const gap = o.userMonths - o.userStudiesMonths;
      expect(o.userConstrMonths).toBeLessThanOrEqual(gap + 1e-9);
      if (o.userConstrMonths < gap - 1e-6) waited++;
    }
    expect(waited).toBeGreaterThan(10);
  });
});
