/**
 * Per-trial rows of the economics model kept by trial index (up to MAX_PER_TRIAL_ROWS): chunks
 * merged in order append, so the columns read the same whatever the chunking. Months and USD.
 */

const COLUMNS = ['first', 'full', 'npvMine', 'npvLease', 'npvGpu'] as const;
type Column = (typeof COLUMNS)[number];

export type EconomicsRows = { start: number; count: number } & Record<Column, Float64Array>;

export function createEconomicsRows(start: number, count: number, capacity = count): EconomicsRows {
  const buf = new ArrayBuffer(COLUMNS.length * 8 * capacity);
  const out = { start, count } as EconomicsRows;
  COLUMNS.forEach((c, i) => (out[c] = new Float64Array(buf, i * 8 * capacity, capacity)));
  return out;
}

/** Appends `next` (which must start where `acc` ends), growing capacity by doubling. */
export function appendEconomicsRows(acc: EconomicsRows, next: EconomicsRows): EconomicsRows {
  if (next.count === 0) return acc;
  if (next.start !== acc.start + acc.count) {
    throw new Error(`per-trial rows must be merged in trial order: expected trial ${acc.start + acc.count}, got ${next.start}`);
  }
  const need = acc.count + next.count;
  let out = acc;
  if (need > acc.first.length) {
    out = createEconomicsRows(acc.start, acc.count, Math.max(need, 2 * acc.first.length));
    for (const c of COLUMNS) out[c].set(acc[c].subarray(0, acc.count));
  }
  for (const c of COLUMNS) out[c].set(next[c].subarray(0, next.count), acc.count);
  out.count = need;
  return out;
}

/** The filled rows only (copies, so the summary owns plain-sized arrays). */
export function economicsRowsView(rows: EconomicsRows): EconomicsRows {
  const out = createEconomicsRows(rows.start, rows.count);
  for (const c of COLUMNS) out[c].set(rows[c].subarray(0, rows.count));
  return out;
}
