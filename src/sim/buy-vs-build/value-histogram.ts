/**
 * A mergeable histogram of a real value on a fixed range [lo, hi), with counts below and above.
 *
 * histogram.ts covers times ≥ 0 with a "never" mass; signed values (build − buy, delay cost) and
 * shares (vacancy, pre-leased share) need a range of their own. Integer counts merge exactly, so
 * summaries stay bit-identical whatever the chunking (docs/method.md §0). Used by absorption too.
 */

export interface ValueHistogram {
  lo: number;
  hi: number;
  /** counts[i] = values in [lo + i·w, lo + (i+1)·w), w = (hi − lo) / counts.length */
  counts: Uint32Array;
  /** values below lo (including −Infinity) */
  below: number;
  /** values at or above hi (including +Infinity) */
  above: number;
  /** all values recorded (NaN is not recorded) */
  n: number;
}

export function createValueHistogram(lo: number, hi: number, bins: number): ValueHistogram {
  if (!(hi > lo) || !(bins >= 1)) throw new RangeError(`histogram needs lo < hi and bins ≥ 1, got [${lo}, ${hi}) in ${bins}`);
  return { lo, hi, counts: new Uint32Array(bins), below: 0, above: 0, n: 0 };
}

export function recordValue(h: ValueHistogram, x: number): void {
  if (x !== x) return;
  h.n++;
  if (x < h.lo) h.below++;
  else if (x >= h.hi) h.above++;
  else {
    const i = Math.floor(((x - h.lo) / (h.hi - h.lo)) * h.counts.length);
    h.counts[i < h.counts.length ? i : h.counts.length - 1]++;
  }
}

export function mergeValueHistograms(a: ValueHistogram, b: ValueHistogram): ValueHistogram {
  if (a.counts.length !== b.counts.length || a.lo !== b.lo || a.hi !== b.hi) throw new Error('cannot merge value histograms of different shapes');
  for (let i = 0; i < a.counts.length; i++) a.counts[i] += b.counts[i];
  a.below += b.below;
  a.above += b.above;
  a.n += b.n;
  return a;
}

/**
 * Quantile p, linear within a bin. −Infinity / +Infinity when it falls in the mass below lo / at or
 * above hi (callers say "< lo" / "> hi" rather than inventing a number); NaN when empty.
 */
export function valueQuantile(h: ValueHistogram, p: number): number {
  if (h.n === 0) return NaN;
  const target = p * h.n;
  if (h.below > 0 && target <= h.below) return -Infinity;
  let cum = h.below;
  const w = (h.hi - h.lo) / h.counts.length;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i];
    if (c > 0 && cum + c >= target) return h.lo + (i + (target - cum) / c) * w;
    cum += c;
  }
  return Infinity;
}

/** Share of recorded values ≥ x (x on a bin edge is exact; inside a bin, interpolated). */
export function shareAtLeast(h: ValueHistogram, x: number): number {
  if (h.n === 0) return NaN;
  if (x <= h.lo) return (h.n - h.below) / h.n;
  if (x >= h.hi) return h.above / h.n;
  const pos = ((x - h.lo) / (h.hi - h.lo)) * h.counts.length;
  const whole = Math.floor(pos);
  let sum = h.above + h.counts[whole] * (1 - (pos - whole));
  for (let i = whole + 1; i < h.counts.length; i++) sum += h.counts[i];
  return sum / h.n;
}

/** P10/P50/P90 of a value histogram (±Infinity = beyond the range). */
export interface ValuePercentiles {
  p10: number;
  p50: number;
  p90: number;
  n: number;
}

export function valuePercentiles(h: ValueHistogram): ValuePercentiles {
  return { p10: valueQuantile(h, 0.1), p50: valueQuantile(h, 0.5), p90: valueQuantile(h, 0.9), n: h.n };
}
