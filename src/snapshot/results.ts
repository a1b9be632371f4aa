/**
 * The results summary that travels with a scenario (JSON file, saved scenario, compare view):
 * one row per site and option, P10/P50/P90 in months with their standard errors.
 *
 * JSON has no Infinity or NaN, so in files a percentile of `null` means "> horizon" (the curve
 * never reached that level) and any other `null` means "not known" (NaN).
 */
import { z } from 'zod';

export const MAX_SUMMARY_ROWS = 10_000;

/** One line of the summary table. Times in months; Infinity = "> horizon"; NaN = unknown. */
export interface SummaryRow {
  /** site name or id, as shown to the user */
  site: string;
  /** model / option / metric, e.g. "buy · first MW" */
  option: string;
  p10: number;
  p50: number;
  p90: number;
  /** standard errors of P50 and P90, months (NaN when the quantile is beyond the horizon) */
  se50: number;
  se90: number;
  /** share of trials that never reached the event within the horizon, 0…1 */
  neverShare: number;
  /** trials behind the row */
  n: number;
  /** units of p10…se90, e.g. "months" */
  units: string;
  /** queue rows: what the run's forward path assumed (absent in files made before it existed) */
  forward?: string;
}

/** What a scenario's run produced, as saved and exported beside the scenario. */
export interface ScenarioResults {
  summary: SummaryRow[];
}

const percentile = z.number().nullable().transform((v) => (v === null ? Infinity : v));
const maybe = z.number().nullable().transform((v) => (v === null ? NaN : v));

export const resultsSchema = z.strictObject({
  summary: z
    .array(
      z.strictObject({
        site: z.string().max(200),
        option: z.string().max(200),
        p10: percentile,
        p50: percentile,
        p90: percentile,
        se50: maybe,
        se90: maybe,
        neverShare: maybe,
        n: z.int().min(0),
        units: z.string().max(40),
        forward: z.string().max(2000).optional(),
      }),
    )
    .max(MAX_SUMMARY_ROWS),
});

/** JSON.stringify replacer: Infinity and NaN become null (see the module note). */
export function nonFiniteToNull(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** The key a summary row is compared under: "site · option". */
export function summaryKey(row: Pick<SummaryRow, 'site' | 'option'>): string {
  return `${row.site} · ${row.option}`;
}

/** Summary rows as the `{ [key]: {p10, p50, p90} }` map compareSummaries takes. */
export function summaryByKey(rows: readonly SummaryRow[]): Record<string, SummaryRow> {
  const out: Record<string, SummaryRow> = Object.create(null);
  for (const r of rows) out[summaryKey(r)] = r;
  return out;
}
