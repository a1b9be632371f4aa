/**
 * Buy vs build with curtailment accepted (issue 10): the greenfield arm's first MW come with the
 * queue's first-curtailable-MW wait, firm MW with the firm wait, and the delay cost counts
 * curtailable MW less the energy curtailed until firm.
 */
import { describe, expect, it } from 'vitest';
import { lognormalTable } from '../../src/sim/buy-vs-build/ln-table';
import { validateBuyVsBuildRequest, type BuyVsBuildRequest } from '../../src/sim/buy-vs-build/params';
import type { BuyVsBuildSummary } from '../../src/sim/buy-vs-build/runner';
import { runInThread } from '../../src/sim/in-thread';
import { ercotQueue, texasParams } from './bvb-test-utils';

/** The queue wait to first curtailable MW: LN(12, 24), well before the firm LN(36, 72). */
const firstTable = lognormalTable(12, 24);

function req(curtail?: BuyVsBuildRequest['curtail']): BuyVsBuildRequest {
  const p = texasParams();
  // Long permits/equipment would hide the queue; shorten them so the queue wait decides.
  p.build.permits = { p50: 1, p90: 2 };
  p.build.equipment = { p50: 1, p90: 2 };
  p.build.construction = { p50: 2, p90: 3 };
  return { model: 'buy-vs-build', siteId: 't', params: p, queueTable: ercotQueue, trials: 2000, seed: 5, ...(curtail ? { curtail } : {}) };
}

const run = (r: BuyVsBuildRequest) => runInThread('buy-vs-build', r);

describe('buy vs build with curtailment', () => {
  it('without it nothing changes; with it build firm MW are the firm-only build first MW and first MW come earlier', () => {
    const off = run(req());
    expect(off.curtailment).toBeUndefined();
    const on = run(req({ firstTable, energyShare: 0 }));
    expect(on.curtailment!.buildFirmFirstMW).toEqual(off.build.firstMW);
    expect(on.build.firstMW.p50).toBeLessThan(off.build.firstMW.p50 - 10);
    expect(on.buy).toEqual(off.buy);
  });

  it('delay cost: energy share 1 counts curtailable MW as no power (the firm-only cost); share 0 as full power', () => {
    const off = run(req());
    const all = run(req({ firstTable, energyShare: 1 }));
    const none = run(req({ firstTable, energyShare: 0 }));
    const half = run(req({ firstTable, energyShare: 0.5 }));
    expect(all.lateMonths.mean).toBeCloseTo(off.lateMonths.mean, 6);
    expect(none.lateMonths.mean).toBeLessThan(off.lateMonths.mean - 10);
    // Linear in the share: the mean lateness at 0.5 is halfway.
    expect(half.lateMonths.mean).toBeCloseTo((all.lateMonths.mean + none.lateMonths.mean) / 2, 4);
  });

  it('refuses a share above 1 and a broken table, naming the field', () => {
    const bad = validateBuyVsBuildRequest(req({ firstTable, energyShare: 1.5 }));
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(['curtail.energyShare']);
    const table = validateBuyVsBuildRequest(req({ firstTable: [5, 3], energyShare: 0.1 }));
    expect(table.ok ? [] : table.errors.map((e) => e.field)).toEqual(['curtail.firstTable.1']);
  });
});
