/** JSON with non-finite numbers as null: a percentile "> horizon" (neverShare says how often). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}
