import { describe, expect, it } from 'vitest';
import { binValues, diffGeometry, diffQuantile, diffStats } from '../../src/charts/diff-geometry';
import { lognormalFromP50P90, lognormalInv } from '../../src/sim/distributions';
import { Rng } from '../../src/sim/rng';
import { formatPct } from '../../src/charts/format';
import { nonFinitePaths } from './charts-test-utils';

/** Seeded build − buy months: build ~ lognormal(P50 54, P90 90), buy ~ lognormal(P50 11, P90 20), 20,000 trials. */
function sampleDiffs(): Float64Array {
  const b = lognormalFromP50P90(54, 90);
  const y = lognormalFromP50P90(11, 20);
  const rng = new Rng();
  const out = new Float64Array(20_000);
  for (let t = 0; t < out.length; t++) {
    rng.reset(11, t, 1);
    out[t] = lognormalInv(b, rng.uniform()) - lognormalInv(y, rng.uniform());
  }
  return out;
}

describe('binValues / diffStats', () => {
  const diffs = sampleDiffs();
  const data = binValues(diffs, 1);
  const sorted = Float64Array.from(diffs).sort();

  it('keeps every trial and aligns bins on multiples of the width', () => {
    expect(data.bins.reduce((s, b) => s + b.count, 0)).toBe(20_000);
    for (const b of data.bins) {
      expect(b.x1 - b.x0).toBe(1);
      expect(Number.isInteger(b.x0)).toBe(true);
    }
  });
  it('reproduces the sample percentiles within one bin width', () => {
    const st = diffStats(data);
    for (const [p, v] of [[0.1, st.p10], [0.5, st.p50], [0.9, st.p90]] as const) {
      expect(Math.abs(v - sorted[Math.floor(p * sorted.length)])).toBeLessThan(1);
    }
  });
  it('splits the share at zero like the raw sample (within 0.5 percentage point)', () => {
    const st = diffStats(data);
    const rawNeg = diffs.filter((d) => d < 0).length / diffs.length;
    expect(Math.abs(st.shareNegative - rawNeg)).toBeLessThan(0.005);
    expect(st.shareNegative + st.sharePositive).toBeCloseTo(1, 12);
    expect(st.sharePositive).toBeGreaterThan(0.9);
  });
  it('counts infinities off the range and drops NaN', () => {
    const d = binValues([1, 2, Infinity, -Infinity, NaN, 3], 1);
    expect(d.above).toBe(1);
    expect(d.below).toBe(1);
    expect(d.bins.reduce((s, b) => s + b.count, 0)).toBe(3);
    expect(diffQuantile(d, 0.1)).toBe(-Infinity);
    expect(diffQuantile(d, 0.95)).toBe(Infinity);
    expect(diffQuantile({ bins: [] }, 0.5)).toBeNaN();
  });
  it('widens bins past the cap', () => {
    const d = binValues([0, 1000], 1, 100);
    expect(d.bins.length).toBeLessThanOrEqual(100);
  });
});

describe('diffGeometry', () => {
  it('colours bars by side and splits a bin that straddles zero at the zero line', () => {
    const g = diffGeometry({ bins: [{ x0: -2, x1: -1, count: 1 }, { x0: -1, x1: 1, count: 2 }, { x0: 1, x1: 3, count: 1 }] });
    expect(g.bars.map((b) => b.side)).toEqual(['negative', 'negative', 'positive', 'positive']);
    const [, leftHalf, rightHalf] = g.bars;
    expect(leftHalf.x + leftHalf.w + 0.5).toBeCloseTo(g.zeroX, 0);
    expect(rightHalf.x).toBe(g.zeroX);
    expect(leftHalf.h).toBe(rightHalf.h);
    // 1 + half of 2 = 2 of 4 below zero.
    expect(g.stats.shareNegative).toBeCloseTo(0.5, 12);
    expect(g.legend.map((l) => l.label)).toEqual(['build sooner: 50%', 'buy sooner: 50%']);
  });
  it('maps bar heights to the share of trials and lists P10/P50/P90 and shares as text', () => {
    const g = diffGeometry(binValues(sampleDiffs(), 2));
    const tallest = g.bars.reduce((a, b) => (b.h > a.h ? b : a));
    const peak = tallest.h / (g.plot.bottom - g.plot.top);
    const top = g.yAxis.ticks[g.yAxis.ticks.length - 1];
    expect(top.pos).toBe(g.plot.top);
    expect(peak).toBeGreaterThan(0.5);
    expect(g.table.rows.map((r) => r.label)).toEqual(['P10', 'P50', 'P90', 'build sooner', 'buy sooner']);
    expect(g.table.rows[1].cells[0]).toMatch(/^\+\d+\.\d mo$/);
    expect(g.percentiles.map((p) => p.key)).toEqual(['P10', 'P50', 'P90']);
    expect(g.xAxis.ticks.find((t) => t.label === '0')?.pos).toBe(g.zeroX);
    expect(g.yAxis.title).toBe('% of simulated worlds');
  });
  it('cuts a long tail at the far-out fence, says how much is hidden, keeps the tail across zero', () => {
    const diffs = sampleDiffs();
    const g = diffGeometry(binValues(diffs, 2));
    const axisEnd = Number(g.xAxis.ticks[g.xAxis.ticks.length - 1].label.replace('+', ''));
    const sampleMax = diffs.reduce((a, b) => Math.max(a, b), -Infinity);
    expect(sampleMax).toBeGreaterThan(axisEnd + 50);
    const beyond = diffs.filter((v) => v >= axisEnd).length / diffs.length;
    expect(beyond).toBeLessThan(0.01);
    expect(g.notes).toContain(`${formatPct(beyond)} of simulated worlds lie beyond the right end of the chart.`);
    for (const b of g.bars) expect(b.x + b.w).toBeLessThanOrEqual(g.plot.right);
    // The small tail where building is sooner (0.5%) stays drawn.
    expect(g.bars.some((b) => b.side === 'negative')).toBe(true);
    expect(g.notes.some((n) => n.includes('left end'))).toBe(false);
  });
  it('uses given percentiles and SEs over computed ones', () => {
    const g = diffGeometry({ ...binValues([1, 2, 3]), p50: 30, se50: 1.24 });
    expect(g.table.rows[1].cells[0]).toBe('+30.0 ± 1.2 mo');
  });
  it('never emits non-finite coordinates, even with bad bins or no data', () => {
    for (const g of [
      diffGeometry({ bins: [] }),
      diffGeometry({ bins: [{ x0: NaN, x1: 1, count: 5 }, { x0: 0, x1: 1, count: NaN }, { x0: 2, x1: 3, count: 4 }], above: 3, below: 1 }),
      diffGeometry({ bins: [{ x0: 0, x1: 1, count: 0 }] }),
    ]) {
      expect(nonFinitePaths(g)).toEqual([]);
      for (const b of g.bars) expect(b.w > 0 && b.h >= 0).toBe(true);
    }
    const g = diffGeometry({ bins: [{ x0: 2, x1: 3, count: 4 }], above: 4 });
    expect(g.notes[0]).toBe('50% of simulated worlds lie beyond the right end of the chart.');
    expect(g.stats.p90).toBe(Infinity);
    expect(g.table.rows[2].cells[0]).toBe('> range');
  });
});
