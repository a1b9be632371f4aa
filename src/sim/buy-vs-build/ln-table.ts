/**
 * A quantile table (quantile-table.ts) of a lognormal: how a preset's LN(P50, P90) is handed to a
 * model that reads tables (the queue wait in tests, the user's delivery date in absorption).
 */
import { lognormalFromP50P90, lognormalInv } from '../distributions';
import { DEFAULT_TABLE_STEPS, type QuantileTable } from '../quantile-table';

/**
 * LN(P50, P90) months at levels i/steps; the end levels are pulled in by half a step of a
 * 1,000-trial table, as quantileTableFromHistogram does, so the table stays finite.
 */
export function lognormalTable(p50: number, p90: number, steps = DEFAULT_TABLE_STEPS): QuantileTable {
  const ln = lognormalFromP50P90(p50, p90);
  const out: number[] = new Array(steps + 1);
  for (let i = 0; i <= steps; i++) out[i] = lognormalInv(ln, Math.min(1 - 0.0005, Math.max(0.0005, i / steps)));
  return out;
}
