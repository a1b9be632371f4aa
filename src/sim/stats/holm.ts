/**
 * Holm's step-down correction for several tests at once (Holm 1979, "A simple sequentially rejective
 * multiple test procedure", Scand. J. Statist. 6:65–70): sort the k p-values ascending and reject the
 * i-th smallest (i = 1 … k) while p_(i) ≤ α / (k − i + 1); stop at the first that is not. The chance
 * of rejecting any true hypothesis stays ≤ α, with more power than Bonferroni's α/k for every test.
 */

export interface HolmDecision {
  /** the test's own p-value */
  p: number;
  /** its rank's threshold α/(k−i+1) (a test after the first kept one is kept whatever its p) */
  threshold: number;
  rejected: boolean;
}

/** One decision per p-value, in the order given. */
export function holm(pValues: readonly number[], alpha: number): HolmDecision[] {
  const k = pValues.length;
  // A NaN p (a test that could not be made) sorts last and never rejects.
  const key = (p: number) => (Number.isNaN(p) ? Infinity : p);
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => key(x[0]) - key(y[0]) || x[1] - y[1]);
  const out: HolmDecision[] = pValues.map((p) => ({ p, threshold: NaN, rejected: false }));
  let stopped = false;
  for (let r = 0; r < k; r++) {
    const [p, i] = order[r];
    out[i].threshold = alpha / (k - r);
    stopped ||= !(p <= out[i].threshold);
    out[i].rejected = !stopped;
  }
  return out;
}
