/**
 * Side-by-side comparison of two scenarios' summaries (issue 5 item 6): for each key and
 * percentile, the two values, the difference and whether it is big enough to highlight.
 */

/** The percentiles compared, months; Infinity = "> horizon". */
export interface ComparableSummary {
  p10: number;
  p50: number;
  p90: number;
}

export type Metric = keyof ComparableSummary;

/** One line of the compare view. `a`/`b` are null when that scenario has no such key. */
export interface CompareRow {
  /** the summary key (site · option) */
  key: string;
  metric: Metric;
  a: number | null;
  b: number | null;
  /** b − a in months; null when either side is missing; 0 when both are "> horizon" */
  delta: number | null;
  /** delta / |a|; null when undefined (a missing, zero or infinite) */
  relDelta: number | null;
  /** |delta| ≥ threshold, or present on one side only */
  highlight: boolean;
}

export interface CompareOptions {
  /** which percentiles (default P50 and P90, the "differences in P50/P90") */
  metrics?: readonly Metric[];
  /** months; a difference at least this large is highlighted (default 1 month: ESTIMATE, a month is what a board notices) */
  threshold?: number;
}

/** Rows for every key in `a` or `b` (a's order first, then b's new keys), each metric in turn. */
export function compareSummaries(
  a: Readonly<Record<string, ComparableSummary>>,
  b: Readonly<Record<string, ComparableSummary>>,
  { metrics = ['p50', 'p90'], threshold = 1 }: CompareOptions = {},
): CompareRow[] {
  const has = (m: object, k: string) => Object.prototype.hasOwnProperty.call(m, k);
  const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !has(a, k))];
  const rows: CompareRow[] = [];
  for (const key of keys) {
    for (const metric of metrics) {
      const av = has(a, key) ? a[key][metric] : null;
      const bv = has(b, key) ? b[key][metric] : null;
      let delta: number | null = null;
      if (av !== null && bv !== null) delta = av === bv ? 0 : bv - av;
      const relDelta = delta !== null && av !== null && av !== 0 && Number.isFinite(av) ? delta / Math.abs(av) : null;
      const highlight = delta === null ? true : !(Math.abs(delta) < threshold);
      rows.push({ key, metric, a: av, b: bv, delta, relDelta, highlight });
    }
  }
  return rows;
}
