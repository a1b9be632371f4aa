import { describe, expect, it } from 'vitest';
import { compareSummaries } from '../../src/snapshot/compare';
import { summaryByKey, type SummaryRow } from '../../src/snapshot/results';

const row = (site: string, option: string, p10: number, p50: number, p90: number): SummaryRow => ({
  site, option, p10, p50, p90, se50: 0.1, se90: 0.2, neverShare: 0, n: 10000, units: 'months',
});

describe('compareSummaries', () => {
  const a = summaryByKey([row('samara-1', 'buy', 7, 11, 19), row('texas-1', 'build', 40, 55, 90)]);
  const b = summaryByKey([row('samara-1', 'buy', 7, 11.5, 25), row('texas-1', 'build', 40, 55, Infinity), row('oslo', 'buy', 5, 9, 14)]);

  it('gives P50 and P90 side by side, with delta, relative delta and highlight at |delta| ≥ threshold', () => {
    const rows = compareSummaries(a, b);
    expect(rows.map((r) => [r.key, r.metric, r.a, r.b, r.delta, r.highlight])).toEqual([
      ['samara-1 · buy', 'p50', 11, 11.5, 0.5, false],
      ['samara-1 · buy', 'p90', 19, 25, 6, true],
      ['texas-1 · build', 'p50', 55, 55, 0, false],
      ['texas-1 · build', 'p90', 90, Infinity, Infinity, true],
      ['oslo · buy', 'p50', null, 9, null, true],
      ['oslo · buy', 'p90', null, 14, null, true],
    ]);
    expect(rows[1].relDelta).toBeCloseTo(6 / 19, 12);
    expect(rows[4].relDelta).toBeNull();
  });

  it('takes the threshold and metrics as options; two "> horizon" values do not differ', () => {
    const rows = compareSummaries(a, b, { threshold: 0.5, metrics: ['p50'] });
    expect(rows.map((r) => r.highlight)).toEqual([true, false, true]);
    const never = { k: { p10: Infinity, p50: Infinity, p90: Infinity } };
    expect(compareSummaries(never, never)[0]).toMatchObject({ delta: 0, highlight: false, relDelta: null });
  });
});
