/**
 * Inverse-CDF samplers: one uniform in, one draw out (docs/method.md §0), so common random numbers stay
 * aligned and every sampler can be tested against its quantiles.
 */

/** z for the 90th percentile of the standard normal. */
export const Z90 = 1.2815515655446004;

// Acklam's rational approximation to the normal quantile. Its error is largest where the central
// and tail branches meet (about 5e-7 relative near p = 0.024 and 0.976, measured here): far below
// Monte Carlo noise; branch-light and allocation-free, which matters in the trial loop.
// https://web.archive.org/web/20151030215612/http://home.online.no/~pjacklam/notes/invnorm/
// The coefficients are plain constants rather than array elements: the same arithmetic in the same
// order (so the same bits), without an array load and bounds check per term in the trial loop.
const A0 = -3.969683028665376e1, A1 = 2.209460984245205e2, A2 = -2.759285104469687e2, A3 = 1.38357751867269e2, A4 = -3.066479806614716e1, A5 = 2.506628277459239;
const B0 = -5.447609879822406e1, B1 = 1.615858368580409e2, B2 = -1.556989798598866e2, B3 = 6.680131188771972e1, B4 = -1.328068155833397e1;
const C0 = -7.784894002430293e-3, C1 = -3.223964580411365e-1, C2 = -2.400758277161838, C3 = -2.549732539343734, C4 = 4.374664141464968, C5 = 2.938163982698783;
const D0 = 7.784695709041462e-3, D1 = 3.224671290700398e-1, D2 = 2.445134137142996, D3 = 3.754408661907416;
const P_LOW = 0.02425;
const P_HIGH = 1 - P_LOW;

/** Standard normal quantile Φ⁻¹(p) for p in (0, 1). */
export function invNormal(p: number): number {
  // The central branch first: it takes 95% of draws.
  if (p >= P_LOW && p <= P_HIGH) {
    const q = p - 0.5;
    const r = q * q;
    return ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) / (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1);
  }
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1);
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -(((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1);
}

/** Standard normal CDF via erfc below (used by tests and summaries, not in hot loops). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** erfc with relative error < 1.2e-7 (Numerical Recipes erfcc, Chebyshev fit). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Lognormal parameters from a median and a 90th percentile (docs/method.md: "LN(P50, P90)"). */
export interface LogNormal {
  /** ln(P50) */
  mu: number;
  /** ln(P90/P50) / z90 */
  sigma: number;
}

/** LN(P50, P90) → {mu, sigma}. Requires 0 < p50 <= p90 (p90 === p50 gives a point mass). */
export function lognormalFromP50P90(p50: number, p90: number): LogNormal {
  if (!(p50 > 0) || !(p90 >= p50)) throw new RangeError(`lognormal needs 0 < P50 <= P90, got P50=${p50}, P90=${p90}`);
  return { mu: Math.log(p50), sigma: Math.log(p90 / p50) / Z90 };
}

/** Lognormal draw by inverse CDF. */
export function lognormalInv(ln: LogNormal, u: number): number {
  return Math.exp(ln.mu + ln.sigma * invNormal(u));
}

/** Lognormal quantile at probability p (same as lognormalInv; named for readability in tests). */
export const lognormalQuantile = lognormalInv;

/** Exponential draw with the given rate (per unit time) by inverse CDF. rate 0 → Infinity (never). */
export function exponentialInv(rate: number, u: number): number {
  return rate > 0 ? -Math.log(u) / rate : Infinity;
}

/** Weibull draw (shape k, scale lambda) by inverse CDF. */
export function weibullInv(shape: number, scale: number, u: number): number {
  return scale * Math.pow(-Math.log(u), 1 / shape);
}

/** Uniform draw on [lo, hi). */
export function uniformInv(lo: number, hi: number, u: number): number {
  return lo + (hi - lo) * u;
}

/**
 * Poisson count by inverse CDF (sequential search; fine for the small means of monthly arrivals).
 * For large means the normal approximation keeps it O(1).
 */
export function poissonInv(mean: number, u: number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * invNormal(u)));
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** Annual hazard (probability per year, as a rate) → monthly exponential rate. */
export function annualHazardToMonthlyRate(perYear: number): number {
  return perYear / 12;
}
