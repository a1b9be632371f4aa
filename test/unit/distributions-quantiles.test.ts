/**
 * Samplers against their quantiles (docs/method.md §0: one uniform per draw by inverse CDF, so every
 * sampler can be checked against its quantile function). Seeded; tolerances are 4 standard errors of
 * the empirical quantile, SE(q_p) = sqrt(p(1-p)/n) / f(q_p).
 */
import { describe, expect, it } from 'vitest';
import {
  exponentialInv,
  invNormal,
  lognormalFromP50P90,
  lognormalInv,
  normalCdf,
  poissonInv,
  weibullInv,
  Z90,
} from '../../src/sim/distributions';
import { Rng } from '../../src/sim/rng';

const N = 100_000;

function sample(draw: (u: number) => number, seed: number, n = N): Float64Array {
  const r = new Rng(seed, 0, 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw(r.uniform());
  return out.sort();
}

const empirical = (sorted: Float64Array, p: number) => sorted[Math.floor(p * (sorted.length - 1))];
const seOfQuantile = (p: number, density: number, n = N) => Math.sqrt((p * (1 - p)) / n) / density;
const normalPdf = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

describe('invNormal (Acklam rational approximation)', () => {
  it('matches textbook quantiles of the standard normal', () => {
    const known: Array<[number, number]> = [
      [0.5, 0],
      [0.9, 1.2815515655446004],
      [0.975, 1.959963984540054],
      [0.01, -2.3263478740408408],
      [0.99, 2.3263478740408408],
      [1e-6, -4.753424308822899],
    ];
    // Acklam without a refinement step is good to ~4.7e-7 relative near the region boundaries
    // (p ≈ 0.024 and 0.976, measured against scipy): far below Monte Carlo noise. Allow 1e-6.
    for (const [p, z] of known) expect(Math.abs(invNormal(p) - z)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(z)));
    expect(Z90).toBeCloseTo(1.2815515655446004, 12);
  });

  it('inverts the normal CDF across the range, tails included', () => {
    for (const p of [1e-9, 1e-4, 0.02, 0.024, 0.3, 0.5, 0.7, 0.976, 0.999, 1 - 1e-7]) {
      // normalCdf (erfc fit, ~1.2e-7) and invNormal (~4.7e-7) errors bound the round trip.
      expect(Math.abs(normalCdf(invNormal(p)) - p) / Math.min(p, 1 - p)).toBeLessThan(2e-6);
    }
  });

  it('maps the endpoints and nonsense to ±Infinity and NaN', () => {
    expect(invNormal(0)).toBe(-Infinity);
    expect(invNormal(1)).toBe(Infinity);
    expect(invNormal(1.5)).toBeNaN();
  });
});

describe('lognormal from P50/P90 (docs/method.md "LN(P50, P90)")', () => {
  it('turns P50/P90 into mu/sigma and back', () => {
    const ln = lognormalFromP50P90(28, 53);
    expect(ln.mu).toBeCloseTo(Math.log(28), 12);
    expect(ln.sigma).toBeCloseTo(Math.log(53 / 28) / 1.2815516, 6);
    expect(lognormalInv(ln, 0.5)).toBeCloseTo(28, 9);
    expect(lognormalInv(ln, 0.9)).toBeCloseTo(53, 5);
  });

  it('draws hit P50 and P90 empirically within 4 standard errors', () => {
    const ln = lognormalFromP50P90(28, 53);
    const xs = sample((u) => lognormalInv(ln, u), 11);
    for (const [p, target] of [
      [0.5, 28],
      [0.9, 53],
    ] as const) {
      const z = invNormal(p);
      const density = normalPdf(z) / (target * ln.sigma);
      expect(Math.abs(empirical(xs, p) - target)).toBeLessThan(4 * seOfQuantile(p, density));
    }
  });

  it('refuses P90 below P50 and gives a point mass when they are equal', () => {
    expect(() => lognormalFromP50P90(20, 12)).toThrow(/P50 <= P90/);
    expect(lognormalInv(lognormalFromP50P90(5, 5), 0.99)).toBeCloseTo(5, 12);
  });
});

describe('exponential, Weibull and Poisson by inverse CDF', () => {
  it('exponential: median ln2/rate and mean 1/rate within 4 SE', () => {
    const rate = 0.25;
    const xs = sample((u) => exponentialInv(rate, u), 12);
    const median = Math.LN2 / rate;
    expect(Math.abs(empirical(xs, 0.5) - median)).toBeLessThan(4 * seOfQuantile(0.5, rate * Math.exp(-rate * median)));
    const mean = xs.reduce((a, b) => a + b, 0) / N;
    expect(Math.abs(mean - 1 / rate)).toBeLessThan((4 * (1 / rate)) / Math.sqrt(N));
    expect(exponentialInv(0, 0.3)).toBe(Infinity);
  });

  it('Weibull: P50 and P90 at scale·(−ln(1−p))^(1/k) within 4 SE', () => {
    const k = 1.7;
    const lambda = 30;
    // weibullInv uses −ln(u), i.e. u is the survival probability: the p-quantile comes from u = 1 − p.
    const xs = sample((u) => weibullInv(k, lambda, u), 13);
    for (const p of [0.5, 0.9]) {
      const q = lambda * Math.pow(-Math.log(1 - p), 1 / k);
      const density = (k / lambda) * Math.pow(q / lambda, k - 1) * Math.exp(-Math.pow(q / lambda, k));
      expect(Math.abs(empirical(xs, p) - q)).toBeLessThan(4 * seOfQuantile(p, density));
    }
  });

  it('Poisson: empirical CDF matches the exact CDF within 4 SE at every k', () => {
    const mean = 3.5;
    const r = new Rng(14, 0, 1);
    const counts = new Float64Array(30);
    for (let i = 0; i < N; i++) counts[poissonInv(mean, r.uniform())]++;
    let exact = 0;
    let pk = Math.exp(-mean);
    let cum = 0;
    for (let k = 0; k < 12; k++) {
      exact += pk;
      cum += counts[k] / N;
      expect(Math.abs(cum - exact)).toBeLessThan(4 * Math.sqrt((exact * (1 - exact)) / N) + 1e-9);
      pk *= mean / (k + 1);
    }
  });

  it('Poisson with a large mean (normal approximation) keeps the mean and variance', () => {
    const mean = 250;
    const r = new Rng(15, 0, 1);
    let s = 0;
    let sq = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const x = poissonInv(mean, r.uniform());
      s += x;
      sq += x * x;
    }
    const m = s / n;
    expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / n));
    // Variance within 3% (its SE here is ~0.6%).
    expect(Math.abs(sq / n - m * m - mean) / mean).toBeLessThan(0.03);
  });
});
