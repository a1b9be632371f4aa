/**
 * The statistics the engine-equivalence contract stands on (src/sim/stats/): the two-sample
 * Kolmogorov–Smirnov test and Holm's correction. Checked against published critical values,
 * hand-worked samples, and seeded samples whose answer is known (same law vs a shifted law).
 */
import { describe, expect, it } from 'vitest';
import { exponentialInv } from '../../src/sim/distributions';
import { Rng } from '../../src/sim/rng';
import { holm } from '../../src/sim/stats/holm';
import { kolmogorovQ, ksTwoSample } from '../../src/sim/stats/ks';

const sample = (rng: Rng, n: number, rate: number) => Float64Array.from({ length: n }, () => exponentialInv(rate, rng.uniform())).sort();

describe('Kolmogorov distribution Q_KS(λ)', () => {
  it('gives the published critical values (Smirnov 1948 / Massey 1951: λ 1.224, 1.358, 1.628 at α 0.10, 0.05, 0.01)', () => {
    expect(kolmogorovQ(1.2238)).toBeCloseTo(0.1, 3);
    expect(kolmogorovQ(1.3581)).toBeCloseTo(0.05, 3);
    expect(kolmogorovQ(1.6276)).toBeCloseTo(0.01, 3);
  });

  it('agrees on both sides of the switch between its two series (λ = 1.18), and at small λ (K(0.5) = 0.0361)', () => {
    // Q's slope there is about −0.6, so 0.0002 apart they differ by ~1.2e-4.
    expect(Math.abs(kolmogorovQ(1.1799) - kolmogorovQ(1.1801))).toBeLessThan(1.5e-4);
    expect(kolmogorovQ(0.5)).toBeCloseTo(1 - 0.036055, 4);
    expect(kolmogorovQ(1)).toBeCloseTo(0.27, 3);
    expect(kolmogorovQ(0)).toBe(1);
    expect(kolmogorovQ(5)).toBeLessThan(1e-20);
  });
});

describe('two-sample KS', () => {
  it('computes D on hand-worked samples, taking ties together', () => {
    expect(ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]).d).toBeCloseTo(0.5, 12);
    // x = 1: 2/3 vs 1/3; x = 2: both 1. A tie is never a gap.
    expect(ksTwoSample([1, 1, 2], [1, 2, 2]).d).toBeCloseTo(1 / 3, 12);
    expect(ksTwoSample([1, 2], [1, 2]).d).toBe(0);
  });

  it('sees a difference in the "never" mass (Infinity) at the top of the CDFs', () => {
    const a = [1, 2, 3, Infinity];
    const b = [1, 2, 3, 3];
    expect(ksTwoSample(a, b).d).toBeCloseTo(0.25, 12);
  });

  it('refuses unsorted samples, NaN and empty samples with a message', () => {
    expect(() => ksTwoSample([2, 1], [1])).toThrow(/sorted ascending/);
    expect(() => ksTwoSample([1, NaN], [1])).toThrow(/NaN/);
    expect(() => ksTwoSample([], [1])).toThrow(/non-empty/);
  });

  it('rejects about α of same-law pairs at α = 0.05 (seeded: 400 pairs of 300 exponentials)', () => {
    const rng = new Rng(20261204, 0, 0);
    let rejected = 0;
    for (let k = 0; k < 400; k++) if (ksTwoSample(sample(rng, 300, 1), sample(rng, 300, 1)).p < 0.05) rejected++;
    // Binomial(400, 0.05): mean 20, sd 4.4; the asymptotic p is slightly conservative at n = 300.
    expect(rejected).toBeGreaterThanOrEqual(6);
    expect(rejected).toBeLessThanOrEqual(34);
  });

  it('finds a 15% change of rate at 5,000 draws each, and not the same law', () => {
    const rng = new Rng(7, 0, 0);
    const base = sample(rng, 5000, 1);
    expect(ksTwoSample(base, sample(rng, 5000, 1.15)).p).toBeLessThan(1e-4);
    expect(ksTwoSample(base, sample(rng, 5000, 1)).p).toBeGreaterThan(0.01);
  });
});

describe('Holm step-down', () => {
  it('rejects in order of p while p ≤ α/(k − i + 1), then keeps the rest', () => {
    const d = holm([0.01, 0.04, 0.03, 0.005], 0.05);
    expect(d.map((x) => x.rejected)).toEqual([true, false, false, true]);
    expect(d.map((x) => x.threshold)).toEqual([0.05 / 3, 0.05 / 1, 0.05 / 2, 0.05 / 4]);
  });

  it('is more powerful than Bonferroni: 0.02 and 0.03 are both rejected at α = 0.05 (Bonferroni: neither above 0.025)', () => {
    expect(holm([0.03, 0.02], 0.05).map((x) => x.rejected)).toEqual([true, true]);
  });

  it('keeps every hypothesis once the smallest p is above α/k, and a NaN p never rejects', () => {
    expect(holm([0.02, 0.5, 0.9], 0.05).every((x) => !x.rejected)).toBe(true);
    expect(holm([NaN, 0.001], 0.05).map((x) => x.rejected)).toEqual([false, true]);
  });
});
