/**
 * Placing a request in a file (src/sim/queue-file/place.ts): a file built from a preset's own stock
 * gives that preset's distribution of time to power (two-sample Kolmogorov–Smirnov at α = 0.01, two
 * independent seeds), and the scope picks exactly the open requests that compete.
 */
import { describe, expect, it } from 'vitest';
import { openAtScope, parseScope, placeInFile } from '../../src/sim/queue-file/place';
import { recordsFromStock, syntheticRecords, defaultSyntheticSpec } from '../../src/sim/queue-file/synthetic';
import { validateQueueParams } from '../../src/sim/queue/params';
import { presetParams, queueRequest, runQueue } from './queue-test-utils';

/** Largest gap between two CDFs on the same monthly grid. */
function ksDistance(a: Array<[number, number]>, b: Array<[number, number]>): number {
  let d = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) d = Math.max(d, Math.abs(a[i][1] - b[i][1]));
  return d;
}

// Presets whose stock states its total and held MW (a file always does): PJM and ERCOT.
describe('a file built from a preset stock', () => {
  it.each(['pjm', 'ercot-large-load'])('%s: the placed request has the preset’s own time-to-power distribution (KS, α = 0.01)', (id) => {
    const preset = presetParams(id);
    const { records, asOfDay } = recordsFromStock(preset);
    const placed = placeInFile(records, asOfDay, { kind: 'all' }, preset);
    if (!placed.ok) throw new Error(placed.message);
    const p = placed.value.params;
    const v = validateQueueParams(p);
    expect(v.ok ? [] : v.errors).toEqual([]);
    // The stock the adapter builds is the preset's: count, MW, as-of date, ages within a month.
    expect(p.backlog.count).toBe(preset.backlog.count);
    expect(p.stock?.asOf).toBe(preset.stock?.asOf);
    expect(p.stock?.totalMW).toBeCloseTo(preset.stock?.totalMW as number, 6);
    expect(Math.abs((p.stock?.ageMonths.p50 as number) - (preset.stock?.ageMonths.p50 as number))).toBeLessThan(1);
    expect(Math.abs((p.stock?.ageMonths.p90 as number) - (preset.stock?.ageMonths.p90 as number))).toBeLessThan(1);
    expect(placed.value.ahead.requests).toBe(preset.backlog.count);
    const n = 1500;
    const a = runQueue(queueRequest(preset, { trials: n, seed: 11 }));
    const b = runQueue(queueRequest(p, { trials: n, seed: 12 }));
    // Critical value of the two-sample KS statistic at α = 0.01: 1.628 · sqrt(2 / n).
    expect(ksDistance(a.cdf, b.cdf)).toBeLessThan(1.628 * Math.sqrt(2 / n));
  });

  it('has teeth where the stock competes for capacity (ERCOT): a placement that misreads every open request as past its agreement fails the same KS check', () => {
    // PJM's time to power follows its cycle dates, not the stock ahead, so there the check cannot tell
    // two stocks apart; ERCOT's requests wait for headroom that the stock ahead holds.
    const preset = presetParams('ercot-large-load');
    const { records, asOfDay } = recordsFromStock(preset);
    const placed = placeInFile(records, asOfDay, { kind: 'all' }, preset);
    if (!placed.ok) throw new Error(placed.message);
    const p = placed.value.params;
    const n = 1500;
    const a = runQueue(queueRequest(preset, { trials: n, seed: 11 }));
    const wrong = structuredClone(p);
    wrong.backlog.shares = { feas: 0, sis: 0, fs: 0, postIa: 1 };
    wrong.stock!.heldMW = p.stock!.totalMW;
    const c = runQueue(queueRequest(wrong, { trials: n, seed: 12 }));
    expect(ksDistance(a.cdf, c.cdf)).toBeGreaterThan(1.628 * Math.sqrt(2 / n));
  });
});

describe('scope', () => {
  const records = syntheticRecords(defaultSyntheticSpec(3000, 5));
  it('reads the CLI forms and refuses the rest', () => {
    expect(parseScope('all')).toEqual({ kind: 'all' });
    expect(parseScope('county:Pecos, TX')).toEqual({ kind: 'county', name: 'Pecos, TX' });
    expect(parseScope('POI:Ward 69 kV')).toEqual({ kind: 'poi', name: 'Ward 69 kV' });
    for (const bad of ['', 'county:', 'state:TX', 'everything']) expect(parseScope(bad)).toBeNull();
  });
  it('keeps open requests (active and suspended) at the scope only, and counts their MW ahead', () => {
    const open = records.filter((r) => r.status === 'active' || r.status === 'suspended');
    expect(openAtScope(records, { kind: 'all' })).toEqual(open);
    const pecos = openAtScope(records, { kind: 'county', name: 'pecos, tx' });
    expect(pecos.length).toBe(open.filter((r) => r.county === 'Pecos' && r.state === 'TX').length);
    expect(pecos.length).toBeGreaterThan(0);
    const poi = pecos[0].poi;
    expect(openAtScope(records, { kind: 'poi', name: poi }).every((r) => r.poi === poi)).toBe(true);
    const placed = placeInFile(records, Math.max(...records.map((r) => r.requestDay)), { kind: 'county', name: 'Pecos' }, presetParams('sweden'));
    if (!placed.ok) throw new Error(placed.message);
    expect(placed.value.ahead.requests).toBe(pecos.length);
    expect(placed.value.ahead.mw).toBeCloseTo(pecos.reduce((s, r) => s + r.mw, 0), 6);
    // A narrower scope sees fewer new filings too.
    expect(placed.value.params.arrivals.ratePerYear).toBeLessThan(presetParams('sweden').arrivals.ratePerYear);
  });
});
