/**
 * Per-trial rows kept by trial index (up to MAX_PER_TRIAL_ROWS, so memory stays bounded): chunks
 * merged in order append, so the columns read the same whatever the chunking.
 */

/** Months from the decision for trials rowStart … rowStart + count − 1; Infinity = never. */
export interface RowColumns {
  /** trial index of row 0 */
  start: number;
  count: number;
  buyFirst: Float64Array;
  buyFull: Float64Array;
  buildFirst: Float64Array;
  buildFull: Float64Array;
}

/** Columns with spare capacity: `count` rows are filled. */
export type PerTrialRows = RowColumns;

const COLUMNS = ['buyFirst', 'buyFull', 'buildFirst', 'buildFull'] as const;

/** Four columns of `count` rows in one buffer (one allocation per chunk). */
export function createRows(start: number, count: number): PerTrialRows {
  const buf = new ArrayBuffer(4 * 8 * count);
  return {
    start,
    count,
    buyFirst: new Float64Array(buf, 0, count),
    buyFull: new Float64Array(buf, 8 * count, count),
    buildFirst: new Float64Array(buf, 16 * count, count),
    buildFull: new Float64Array(buf, 24 * count, count),
  };
}

/** Appends `next` (which must start where `acc` ends) to `acc`, growing capacity by doubling. */
export function appendRows(acc: PerTrialRows, next: PerTrialRows): PerTrialRows {
  if (next.count === 0) return acc;
  if (next.start !== acc.start + acc.count) {
    throw new Error(`per-trial rows must be merged in trial order: expected trial ${acc.start + acc.count}, got ${next.start}`);
  }
  const need = acc.count + next.count;
  let out = acc;
  if (need > acc.buyFirst.length) {
    const cap = Math.max(need, 2 * acc.buyFirst.length);
    out = createRows(acc.start, acc.count);
    for (const c of COLUMNS) {
      const grown = new Float64Array(cap);
      grown.set(acc[c].subarray(0, acc.count));
      out[c] = grown;
    }
  }
  for (const c of COLUMNS) out[c].set(next[c].subarray(0, next.count), acc.count);
  out.count = need;
  return out;
}

/** The filled rows only (copies, so the summary owns plain-sized arrays). */
export function rowsView(rows: PerTrialRows): RowColumns {
  const out = createRows(rows.start, rows.count);
  for (const c of COLUMNS) out[c].set(rows[c].subarray(0, rows.count));
  return out;
}
