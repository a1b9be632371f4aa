/** Streaming histograms: quantiles, CDF, the "never" mass and the standard error of quantiles (docs/method.md §0). */
import { describe, expect, it } from 'vitest';
import { exponentialInv } from '../../src/sim/distributions';
import { cdfAt, cdfCurve, createHistogram, mergeInto, percentiles, quantile, quantileStdError, record } from '../../src/sim/histogram';
import { Rng } from '../../src/sim/rng';

describe('TimeHistogram', () => {
  it('reads quantiles off the counts to within one bin', () => {
    const h = createHistogram(120, 4);
    // 1,000 evenly spread values on [0, 100): the p-quantile is 100p.
    for (let i = 0; i < 1000; i++) record(h, i / 10);
    for (const p of [0.1, 0.5, 0.9]) expect(Math.abs(quantile(h, p) - 100 * p)).toBeLessThanOrEqual(0.25);
    expect(cdfAt(h, 50)).toBeCloseTo(0.5, 2);
    expect(cdfAt(h, 200)).toBe(1);
  });

  it('keeps a point mass at "never" and reports "> horizon" as Infinity', () => {
    const h = createHistogram(60, 4);
    for (let i = 0; i < 70; i++) record(h, 10 + (i % 7));
    for (let i = 0; i < 30; i++) record(h, i % 2 ? Infinity : 75);
    const pc = percentiles(h);
    expect(pc.neverShare).toBeCloseTo(0.3, 12);
    expect(Number.isFinite(pc.p50)).toBe(true);
    expect(pc.p90).toBe(Infinity);
    expect(pc.se90).toBeNaN();
    expect(cdfAt(h, 60)).toBeCloseTo(0.7, 12);
    const curve = cdfCurve(h, 1);
    expect(curve[0]).toEqual([0, 0]);
    expect(curve.at(-1)?.[1]).toBeCloseTo(0.7, 12);
    for (let i = 1; i < curve.length; i++) expect(curve[i][1]).toBeGreaterThanOrEqual(curve[i - 1][1]);
  });

  it('the curve and cdfAt read the counts: the same values as summing the bins afresh at every step and horizon', () => {
    // The definition, summed from scratch for each point (what the one-pass reader must equal).
    const byDefinition = (h: ReturnType<typeof createHistogram>, t: number) => {
      if (t >= h.horizonMonths) return (h.n - h.never) / h.n;
      const pos = t * h.binsPerMonth;
      let cum = 0;
      for (let i = 0; i < Math.floor(pos); i++) cum += h.counts[i];
      return (cum + h.counts[Math.floor(pos)] * (pos - Math.floor(pos))) / h.n;
    };
    const r = new Rng(3, 0, 0);
    for (const horizon of [24, 61, 240]) {
      const h = createHistogram(horizon);
      for (let i = 0; i < 5000; i++) record(h, r.uniform() < 0.1 ? Infinity : r.uniform() * horizon * 1.2);
      for (const step of [0.25, 1, 3]) {
        const want: Array<[number, number]> = [];
        for (let t = 0; t <= horizon + 1e-9; t += step) want.push([t, byDefinition(h, t)]);
        expect(cdfCurve(h, step)).toEqual(want);
        for (const [t, p] of want) expect(cdfAt(h, t)).toBe(p);
      }
    }
    expect(cdfCurve(createHistogram(12)).every(([, p]) => Number.isNaN(p))).toBe(true);
  });

  it('merges exactly: two halves equal one histogram of everything', () => {
    const r = new Rng(5, 0, 1);
    const all = createHistogram(240);
    const a = createHistogram(240);
    const b = createHistogram(240);
    for (let i = 0; i < 10_000; i++) {
      const x = exponentialInv(1 / 40, r.uniform());
      record(all, x);
      record(i % 3 ? a : b, x);
    }
    mergeInto(a, b);
    expect(a.counts).toEqual(all.counts);
    expect([a.never, a.n]).toEqual([all.never, all.n]);
    expect(() => mergeInto(a, createHistogram(120))).toThrow(/shapes/);
  });

  it('gives standard errors of P50/P90 close to sqrt(p(1−p)/N)/f(q) for a known law', () => {
    // Exponential with mean 40 months, 20,000 draws: f(q) = rate·(1 − p).
    const rate = 1 / 40;
    const n = 20_000;
    const r = new Rng(6, 0, 1);
    const h = createHistogram(600);
    for (let i = 0; i < n; i++) record(h, exponentialInv(rate, r.uniform()));
    for (const p of [0.5, 0.9]) {
      const exact = Math.sqrt((p * (1 - p)) / n) / (rate * (1 - p));
      // The density is estimated from the counts in ±2 months: within 15% of the exact SE.
      expect(Math.abs(quantileStdError(h, p) / exact - 1)).toBeLessThan(0.15);
    }
  });

  it('those standard errors describe the real spread of P50 across replicate runs', () => {
    const rate = 1 / 40;
    const reps = 40;
    const n = 2000;
    const medians: number[] = [];
    let se = 0;
    for (let k = 0; k < reps; k++) {
      const r = new Rng(7, k, 1);
      const h = createHistogram(600);
      for (let i = 0; i < n; i++) record(h, exponentialInv(rate, r.uniform()));
      medians.push(quantile(h, 0.5));
      se += quantileStdError(h, 0.5) / reps;
    }
    const mean = medians.reduce((a, b) => a + b, 0) / reps;
    const sd = Math.sqrt(medians.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
    // With 40 replicates the sample SD is itself uncertain by ~11%: accept a ratio in 0.7–1.4.
    expect(sd / se).toBeGreaterThan(0.7);
    expect(sd / se).toBeLessThan(1.4);
  });
});
