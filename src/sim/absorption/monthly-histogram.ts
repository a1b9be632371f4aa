/**
 * One fixed-range histogram per reported month, in a single flat Uint32Array (a fan chart's data):
 * integer counts, so merging chunks is exact and order-free (docs/method.md §0).
 */
import { valueQuantile, type ValueHistogram } from '../buy-vs-build/value-histogram';

export interface MonthlyHistogram {
  lo: number;
  hi: number;
  bins: number;
  months: number;
  /** row j (month j) = [below lo, bin 0 … bin bins−1, at/above hi]: (bins + 2) cells per month */
  counts: Uint32Array;
}

export function createMonthlyHistogram(months: number, lo: number, hi: number, bins: number): MonthlyHistogram {
  return { lo, hi, bins, months, counts: new Uint32Array(months * (bins + 2)) };
}

/** Records month j's value; NaN (no data that month, e.g. nothing under construction) is skipped. */
export function recordMonth(h: MonthlyHistogram, j: number, x: number): void {
  if (x !== x) return;
  const row = j * (h.bins + 2);
  if (x < h.lo) h.counts[row]++;
  else if (x >= h.hi) h.counts[row + h.bins + 1]++;
  else h.counts[row + 1 + Math.min(h.bins - 1, Math.floor(((x - h.lo) / (h.hi - h.lo)) * h.bins))]++;
}

export function mergeMonthly(a: MonthlyHistogram, b: MonthlyHistogram): void {
  if (a.counts.length !== b.counts.length || a.lo !== b.lo || a.hi !== b.hi) throw new Error('cannot merge monthly histograms of different shapes');
  for (let i = 0; i < a.counts.length; i++) a.counts[i] += b.counts[i];
}

/** P10/P50/P90 per month; NaN where a month has no data or the quantile falls off the range. */
export interface Fan {
  p10: number[];
  p50: number[];
  p90: number[];
}

/** Month j as a ValueHistogram over the same counts (a view, no copy). */
export function monthView(h: MonthlyHistogram, j: number): ValueHistogram {
  const row = j * (h.bins + 2);
  const counts = h.counts.subarray(row + 1, row + 1 + h.bins);
  const below = h.counts[row];
  const above = h.counts[row + h.bins + 1];
  let n = below + above;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  return { lo: h.lo, hi: h.hi, counts, below, above, n };
}

export function fanOf(h: MonthlyHistogram): Fan {
  const fan: Fan = { p10: [], p50: [], p90: [] };
  const finite = (x: number) => (Number.isFinite(x) ? x : NaN);
  for (let j = 0; j < h.months; j++) {
    const v = monthView(h, j);
    fan.p10.push(finite(valueQuantile(v, 0.1)));
    fan.p50.push(finite(valueQuantile(v, 0.5)));
    fan.p90.push(finite(valueQuantile(v, 0.9)));
  }
  return fan;
}
