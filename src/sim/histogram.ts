/**
 * Streaming, mergeable histograms of a time-to-X output (docs/method.md §0 "Outputs are distributions").
 *
 * Integer bin counts merge exactly in any order, so summaries are bit-identical whatever the number
 * of workers; memory is fixed whatever the trial count. Each histogram has a point mass at "never
 * within the horizon".
 */

/** A histogram of months on [0, horizon) with `binsPerMonth` bins per month, plus a `never` count. */
export interface TimeHistogram {
  horizonMonths: number;
  binsPerMonth: number;
  /** counts[i] = trials whose time fell in [i/binsPerMonth, (i+1)/binsPerMonth) months */
  counts: Uint32Array;
  /** trials that never reached the event within the horizon */
  never: number;
  /** total trials recorded (finite + never) */
  n: number;
}

export function createHistogram(horizonMonths: number, binsPerMonth = 4): TimeHistogram {
  return {
    horizonMonths,
    binsPerMonth,
    counts: new Uint32Array(Math.ceil(horizonMonths * binsPerMonth)),
    never: 0,
    n: 0,
  };
}

/** Record one trial's time in months; a non-finite time or one at/after the horizon counts as never. */
export function record(h: TimeHistogram, months: number): void {
  h.n++;
  if (!(months < h.horizonMonths) || !(months >= 0)) {
    if (months < 0) {
      h.counts[0]++;
      return;
    }
    h.never++;
    return;
  }
  h.counts[Math.floor(months * h.binsPerMonth)]++;
}

/** Empties a histogram for reuse (a chunk reuses one per trial instead of allocating). */
export function clearHistogram(h: TimeHistogram): TimeHistogram {
  h.counts.fill(0);
  h.never = 0;
  h.n = 0;
  return h;
}

/** Add b's counts into a (same shape required). */
export function mergeInto(a: TimeHistogram, b: TimeHistogram): TimeHistogram {
  if (a.counts.length !== b.counts.length || a.binsPerMonth !== b.binsPerMonth) {
    throw new Error('cannot merge histograms of different shapes');
  }
  for (let i = 0; i < a.counts.length; i++) a.counts[i] += b.counts[i];
  a.never += b.never;
  a.n += b.n;
  return a;
}

/**
 * Quantile p of the time distribution, linearly interpolated within the bin. Returns Infinity
 * ("> horizon") when the cumulative incidence never reaches p.
 */
export function quantile(h: TimeHistogram, p: number): number {
  if (h.n === 0) return NaN;
  const target = p * h.n;
  let cum = 0;
  const w = 1 / h.binsPerMonth;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i];
    if (c > 0 && cum + c >= target) {
      const frac = (target - cum) / c;
      return (i + frac) * w;
    }
    cum += c;
  }
  return Infinity;
}

/**
 * Reads the cumulative incidence at months that never decrease, summing each bin once: the curve
 * costs one pass over the bins, not one per point. Months before the last one asked are refused.
 */
function cdfReader(h: TimeHistogram): (months: number) => number {
  const counts = h.counts;
  let cum = 0;
  let summed = 0; // bins [0, summed) are in cum
  return (months) => {
    if (h.n === 0) return NaN;
    if (months >= h.horizonMonths) return (h.n - h.never) / h.n;
    const pos = Math.max(0, months * h.binsPerMonth);
    const whole = Math.floor(pos);
    if (whole < summed) throw new Error('cdfReader: months must not decrease');
    for (; summed < whole && summed < counts.length; summed++) cum += counts[summed];
    return (whole < counts.length ? cum + counts[whole] * (pos - whole) : cum) / h.n;
  };
}

/** Probability the event happened by `months` (cumulative incidence at t). */
export function cdfAt(h: TimeHistogram, months: number): number {
  return cdfReader(h)(months);
}

/**
 * Standard error of the p-quantile: sqrt(p(1-p)/N) / f(q_p) (docs/method.md §0), with the density f
 * estimated from the counts in a window of ±`halfWidthMonths` around the quantile.
 */
export function quantileStdError(h: TimeHistogram, p: number, halfWidthMonths = 2): number {
  const q = quantile(h, p);
  if (!Number.isFinite(q) || h.n === 0) return NaN;
  const lo = Math.max(0, q - halfWidthMonths);
  const hi = Math.min(h.horizonMonths, q + halfWidthMonths);
  const density = (cdfAt(h, hi) - cdfAt(h, lo)) / (hi - lo);
  if (!(density > 0)) return NaN;
  return Math.sqrt((p * (1 - p)) / h.n) / density;
}

/** The cumulative incidence curve as [months, probability] pairs, one per `stepMonths` (for charts), in one pass over the bins. */
export function cdfCurve(h: TimeHistogram, stepMonths = 1): Array<[number, number]> {
  const at = cdfReader(h);
  const out: Array<[number, number]> = [];
  for (let t = 0; t <= h.horizonMonths + 1e-9; t += stepMonths) out.push([t, at(t)]);
  return out;
}

/** P10/P50/P90 with their standard errors; Infinity means "> horizon". */
export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
  se10: number;
  se50: number;
  se90: number;
  /** share of trials that never reached the event within the horizon */
  neverShare: number;
  n: number;
}

export function percentiles(h: TimeHistogram): Percentiles {
  return {
    p10: quantile(h, 0.1),
    p50: quantile(h, 0.5),
    p90: quantile(h, 0.9),
    se10: quantileStdError(h, 0.1),
    se50: quantileStdError(h, 0.5),
    se90: quantileStdError(h, 0.9),
    neverShare: h.n ? h.never / h.n : NaN,
    n: h.n,
  };
}
