/**
 * A quantile table: how one model hands a whole distribution to another (docs/method.md §3: "the queue
 * wait for both arms comes from the same uniform drawn against the queue model's quantile table").
 */
import { quantile, type TimeHistogram } from './histogram';

/**
 * months[i] is the quantile at probability i/(months.length-1), i = 0 … n.
 * Infinity marks levels the event never reaches within the horizon ("never").
 */
export type QuantileTable = number[];

export const DEFAULT_TABLE_STEPS = 200;

export function quantileTableFromHistogram(h: TimeHistogram, steps = DEFAULT_TABLE_STEPS): QuantileTable {
  const out: number[] = new Array(steps + 1);
  for (let i = 0; i <= steps; i++) {
    // The 0 and 1 levels are clamped inwards: the extreme order statistics are noise.
    const p = Math.min(1 - 0.5 / h.n, Math.max(0.5 / h.n, i / steps));
    out[i] = quantile(h, p);
  }
  return out;
}

/** Draw from the table with one uniform u in (0,1), interpolating linearly between levels. */
export function sampleQuantileTable(table: QuantileTable, u: number): number {
  const steps = table.length - 1;
  const x = u * steps;
  const i = Math.min(steps - 1, Math.floor(x));
  const a = table[i];
  const b = table[i + 1];
  // Between the last finite level and "never", split the interval at its middle.
  if (!Number.isFinite(b)) return Number.isFinite(a) && x - i < 0.5 ? a : Infinity;
  return a + (b - a) * (x - i);
}

/**
 * A quantile table (levels i/steps) of one per-trial column of months, Infinity = never: the
 * user's building is delivered at this arm's time to power. The end levels are pulled in by half
 * a trial, as quantileTableFromHistogram does.
 */
export function quantileTableFromRows(column: ArrayLike<number>, count: number, steps = DEFAULT_TABLE_STEPS): QuantileTable {
  const sorted = Float64Array.from({ length: count }, (_, i) => column[i]).sort();
  const out: number[] = new Array(steps + 1);
  for (let i = 0; i <= steps; i++) {
    const p = Math.min(1 - 0.5 / count, Math.max(0.5 / count, i / steps));
    const x = p * (count - 1);
    const j = Math.floor(x);
    const a = sorted[j];
    const b = sorted[Math.min(count - 1, j + 1)];
    const f = x - j;
    // Between the last powered trial and "never" the level is never (0 · Infinity would be NaN).
    out[i] = f === 0 || a === b ? a : Number.isFinite(b) ? a + (b - a) * f : Infinity;
  }
  return out;
}
