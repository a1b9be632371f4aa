/**
 * The fitted preset backtested against the file's own history (src/sim/queue-file/backtest.ts), on
 * the synthetic generator's file (20,000 requests, true hazards known: docs/queue-files.md). Cut three
 * years before the as-of date, the preset fitted to what was known then reproduces the open requests,
 * open MW and the MW filed, withdrawn and reaching operation by the as-of date within the backtest
 * tolerances (±10% stock, ±20% flows); a preset with a deliberately wrong withdrawal hazard or time to
 * operation fails rows.
 */
import { describe, expect, it } from 'vitest';
import { backtestQueueFile, recordsAsOf } from '../../src/sim/queue-file/backtest';
import { fitQueueFile } from '../../src/sim/queue-file/fit';
import { presetFromFit } from '../../src/sim/queue-file/place';
import type { QueueRecord } from '../../src/sim/queue-file/records';
import { defaultSyntheticSpec, syntheticRecords } from '../../src/sim/queue-file/synthetic';
import { presetParams } from './queue-test-utils';

const spec = defaultSyntheticSpec(20_000);
const records = syntheticRecords(spec);
const base = presetParams('us-lbnl');
const TRIALS = 40;

/** The fit at the cut with one of its parametric figures changed: a deliberately wrong model. */
const wrong = (change: (p: ReturnType<typeof fitQueueFile>['parametric']) => Partial<ReturnType<typeof fitQueueFile>['parametric']>) => (known: QueueRecord[], cut: number) => {
  const f = fitQueueFile(known, cut);
  return presetFromFit({ ...f, parametric: { ...f.parametric, ...change(f.parametric) } }, known, cut, base);
};

describe('queue file backtest', () => {
  it('the file as it stood at the cut: nothing filed or ended after it', () => {
    const cut = spec.asOfDay - 1000;
    const known = recordsAsOf(records, cut);
    expect(known.length).toBe(records.filter((r) => r.requestDay <= cut).length);
    expect(known.every((r) => (r.withdrawnDay ?? -Infinity) <= cut && (r.operationDay ?? -Infinity) <= cut && (r.agreementDay ?? -Infinity) <= cut)).toBe(true);
    // A request withdrawn after the cut was open at the cut.
    const later = records.find((r) => r.requestDay <= cut && r.withdrawnDay !== null && r.withdrawnDay > cut)!;
    expect(known.find((r) => r.id === later.id)?.status).toBe('active');
  });

  it('the preset fitted at the cut passes every row; the true hazards pass too', () => {
    const r = backtestQueueFile(records, spec.asOfDay, base, { seed: 3, trials: TRIALS });
    if (!r.ok) throw new Error(r.message);
    expect(r.value.cut).toBe('2022-12-31');
    expect(r.value.end).toBe('2025-12-31');
    expect(r.value.rows.map((x) => x.what)).toEqual(['Open requests', 'Open MW', 'MW filed since the cut', 'MW withdrawn since the cut', 'MW reaching operation since the cut']);
    for (const row of r.value.rows) expect(row.pass, `${row.what}: ${row.verdict}`).toBe(true);
    const truth = wrong(() => ({ withdrawalPerYear: spec.withdrawalPerYear, operation: { p50: spec.opP50, p90: spec.opP90 } }));
    const t = backtestQueueFile(records, spec.asOfDay, base, { seed: 3, trials: TRIALS, preset: truth });
    if (!t.ok) throw new Error(t.message);
    for (const row of t.value.rows) expect(row.pass, `${row.what}: ${row.verdict}`).toBe(true);
  });

  it('a wrong withdrawal hazard or time to operation fails the rows it drives', () => {
    const fails = (preset: ReturnType<typeof wrong>) => {
      const r = backtestQueueFile(records, spec.asOfDay, base, { seed: 3, trials: TRIALS, preset });
      if (!r.ok) throw new Error(r.message);
      return r.value.rows.filter((x) => !x.pass).map((x) => x.what);
    };
    expect(fails(wrong((p) => ({ withdrawalPerYear: p.withdrawalPerYear * 2.5 })))).toEqual(expect.arrayContaining(['Open requests', 'Open MW', 'MW withdrawn since the cut', 'MW reaching operation since the cut']));
    expect(fails(wrong((p) => ({ operation: { p50: p.operation.p50 * 2, p90: p.operation.p90 * 2 } })))).toEqual(expect.arrayContaining(['Open requests', 'MW reaching operation since the cut']));
  });

  it('says why a file too short to cut cannot be backtested', () => {
    const r = backtestQueueFile(records.slice(0, 5), spec.asOfDay, base, { seed: 1 });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/too few to fit and backtest/) });
    const late = backtestQueueFile(records, spec.asOfDay, base, { seed: 1, cutDay: spec.asOfDay });
    expect(late.ok ? '' : late.message).toMatch(/at least a month before/);
  });

  it('same seed, same rows', () => {
    const a = backtestQueueFile(records, spec.asOfDay, base, { seed: 9, trials: 10 });
    const b = backtestQueueFile(records, spec.asOfDay, base, { seed: 9, trials: 10 });
    expect(a).toEqual(b);
  });
});
