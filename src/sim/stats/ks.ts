/**
 * The two-sample Kolmogorov–Smirnov test: are two samples drawn from the same distribution?
 *
 * No maintained npm package offers the two-sample test (@stdlib/stats-kstest is one-sample only,
 * and its p-value treats the reference as exact, which at equal sample sizes fails far more often
 * than alpha), and src/sim takes no packages but zod; so it is written here from the formulas below.
 *
 * D = sup_x |F_a(x) − F_b(x)| over the two empirical CDFs, walked on the sorted samples with ties
 * taken together (values equal in both samples never count as a gap). Infinity ("never within the
 * horizon") is a value like any other: a difference in the never-share shows at the top of the CDFs.
 *
 * p-value: the asymptotic Kolmogorov distribution with Stephens' (1970) small-sample correction,
 * Numerical Recipes 3rd ed. §14.3.3, eq. 14.3.18–14.3.19: λ = (√Ne + 0.12 + 0.11/√Ne)·D,
 * Ne = nm/(n+m), p = Q_KS(λ). With ties (months binned to a grid) the test is conservative.
 */

export interface KsResult {
  /** the largest gap between the two empirical CDFs, 0 … 1 */
  d: number;
  /** sample sizes */
  n: number;
  m: number;
  /** P(D at least this large | both samples from one distribution), asymptotic */
  p: number;
  /** where the gap is largest (a value of either sample) */
  at: number;
}

/**
 * Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²), the Kolmogorov survival function. Below λ = 1.18
 * the equivalent form 1 − (√(2π)/λ) Σ_{j≥1} exp(−(2j−1)² π² / (8 λ²)) converges faster
 * (Numerical Recipes 3rd ed. §6.14.12, `KSdist::qks`).
 */
export function kolmogorovQ(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1.18) {
    const y = Math.exp(-(Math.PI * Math.PI) / (8 * lambda * lambda));
    let sum = 0;
    for (let j = 1; j <= 9; j += 2) sum += y ** (j * j);
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += j % 2 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** The KS test of two samples, each sorted ascending (NaN is refused: it has no place in a CDF). */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) throw new Error(`a KS test needs two non-empty samples, got ${n} and ${m} values`);
  for (const s of [a, b]) {
    for (let i = 0; i < s.length; i++) {
      if (Number.isNaN(s[i]) || (i > 0 && s[i] < s[i - 1])) throw new Error(`a KS sample must be sorted ascending without NaN (value ${i})`);
    }
  }
  let i = 0;
  let j = 0;
  let d = 0;
  let at = NaN;
  while (i < n && j < m) {
    const x = Math.min(a[i], b[j]);
    while (i < n && a[i] === x) i++;
    while (j < m && b[j] === x) j++;
    const gap = Math.abs(i / n - j / m);
    if (gap > d) {
      d = gap;
      at = x;
    }
  }
  const ne = (n * m) / (n + m);
  const sq = Math.sqrt(ne);
  return { d, n, m, p: kolmogorovQ((sq + 0.12 + 0.11 / sq) * d), at };
}
