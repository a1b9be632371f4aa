/**
 * Integer histograms of MW amounts on a log scale, so one shape serves a 10 MW Nordic request and a
 * 400 GW Texas queue, and counts merge exactly whatever the chunking (docs/method.md §0).
 *
 * Bin 0 holds exactly zero; bins 1…MW_LOG_BINS cover [MW_MIN, MW_MAX) in steps of 5% (values below
 * MW_MIN fall in bin 1, values at or above MW_MAX in the last bin). Quantiles interpolate
 * geometrically inside a bin, so they are good to well under 5%.
 */

export const MW_MIN = 0.1;
export const MW_MAX = 1e7;
const RATIO = 1.05;
const LN_RATIO = Math.log(RATIO);
export const MW_LOG_BINS = Math.ceil(Math.log(MW_MAX / MW_MIN) / LN_RATIO);
/** Bins in one MW histogram (zero bin + log bins). */
export const MW_BINS = MW_LOG_BINS + 1;

/** Bin of a MW value. */
export function mwBin(mw: number): number {
  if (!(mw > 0)) return 0;
  if (mw < MW_MIN) return 1;
  const i = Math.floor(Math.log(mw / MW_MIN) / LN_RATIO);
  return 1 + (i < MW_LOG_BINS ? i : MW_LOG_BINS - 1);
}

/**
 * Quantile p of the histogram stored at counts[offset … offset + MW_BINS). NaN when empty.
 */
export function mwQuantile(counts: Uint32Array, offset: number, p: number): number {
  let n = 0;
  for (let i = 0; i < MW_BINS; i++) n += counts[offset + i];
  if (n === 0) return NaN;
  const target = p * n;
  let cum = counts[offset];
  if (cum >= target && cum > 0) return 0;
  for (let i = 1; i < MW_BINS; i++) {
    const c = counts[offset + i];
    if (c > 0 && cum + c >= target) {
      const frac = (target - cum) / c;
      return MW_MIN * Math.pow(RATIO, i - 1 + frac);
    }
    cum += c;
  }
  return MW_MAX;
}
