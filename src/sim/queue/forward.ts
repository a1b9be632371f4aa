/**
 * Forward paths: what the inputs do after the stock's as-of date. A preset carries its history (dated
 * points up to the as-of date) and a trend it states with sources; the user picks "flat" (every input
 * stays at its as-of value), "trend" (the preset's stated path) or types a small table per year.
 * The result is ordinary dated schedules in the parameters, so the engine, links and files see one form.
 */
import type { FieldError, Result } from '../contract';
import { showValue } from '../validate-common';
import type { QueueParams, QueueSchedules } from './params';
import { compileSchedule, monthsBetween, parseDate, valueAt, type Schedule, type SchedulePoint } from './schedule';

/** Inputs a forward path may set, per year. */
export const FORWARD_INPUTS = ['arrivalsPerYear', 'sizeFactor', 'withdrawalFactor', 'headroomMWPerYear', 'studyDurationFactor', 'feasDurationFactor', 'sisDurationFactor', 'fsDurationFactor', 'constrDurationFactor', 'studyCapacity'] as const;
export type ForwardInput = (typeof FORWARD_INPUTS)[number];

/** One row of a typed forward path: from 1 January of `year`, these values (absent = unchanged). */
export interface ForwardRow {
  year: number;
  arrivalsPerYear?: number;
  sizeFactor?: number;
  withdrawalFactor?: number;
  headroomMWPerYear?: number;
  studyDurationFactor?: number;
  constrDurationFactor?: number;
  studyCapacity?: number;
  feasDurationFactor?: number;
  sisDurationFactor?: number;
  fsDurationFactor?: number;
}

export type ForwardChoice = 'flat' | 'trend' | { rows: ForwardRow[] };

/** A preset's stated trend: dated points after the as-of date, per input, with why. */
export interface ForwardTrend {
  note: string;
  source: string;
  schedules: Partial<Record<ForwardInput, SchedulePoint[]>>;
}

const LIMITS: Record<ForwardInput, [number, number, string]> = {
  arrivalsPerYear: [0, 1e6, 'requests per year'],
  sizeFactor: [0.001, 1000, '×'],
  withdrawalFactor: [0, 1000, '×'],
  headroomMWPerYear: [0, 1e7, 'MW per year'],
  studyDurationFactor: [0.05, 20, '×'],
  constrDurationFactor: [0.05, 20, '×'],
  studyCapacity: [1, 1_000_000, 'studies'],
  feasDurationFactor: [0.05, 20, '×'],
  sisDurationFactor: [0.05, 20, '×'],
  fsDurationFactor: [0.05, 20, '×'],
};

/** The value an input takes with no schedule (the constant parameter, or 1 for a multiplier). */
function baseValue(p: QueueParams, key: ForwardInput): number {
  if (key === 'arrivalsPerYear') return p.arrivals.ratePerYear;
  if (key === 'headroomMWPerYear') return 0;
  if (key === 'studyCapacity') return p.study.capacity;
  return 1;
}

/** History: the schedule's points up to and including the as-of date. */
function history(s: Schedule | undefined, asOf: string): SchedulePoint[] {
  return (s?.points ?? []).filter((pt) => monthsBetween(asOf, pt.date) <= 0);
}

/** The value at the as-of date of a history (what "flat" holds). */
function valueAtAsOf(p: QueueParams, key: ForwardInput, asOf: string): number {
  const s = p.schedules?.[key];
  const pts = history(s, asOf);
  if (!s || pts.length === 0) return s?.points.length ? s.points[0].value : baseValue(p, key);
  return valueAt(compileSchedule({ interp: s.interp, points: pts }, asOf), 0);
}

function isRowsChoice(c: unknown): c is { rows: ForwardRow[] } {
  return c !== null && typeof c === 'object' && Array.isArray((c as { rows?: unknown }).rows);
}

/** Checks a forward choice against a preset's as-of date; every problem names its field ("forward.rows.2.year"). */
export function checkForward(choice: unknown, asOf: string | undefined, field = 'forward'): FieldError[] {
  if (choice === 'flat' || choice === 'trend') return [];
  if (!isRowsChoice(choice)) return [{ field, message: `must be "flat", "trend" or a table of rows by year, got ${showValue(choice)}` }];
  const errors: FieldError[] = [];
  if (!asOf) errors.push({ field, message: 'needs a preset with a dated stock (stock.asOf)' });
  if (choice.rows.length === 0) errors.push({ field: `${field}.rows`, message: 'needs at least one row (a year and the values from then on)' });
  if (choice.rows.length > 50) errors.push({ field: `${field}.rows`, message: `at most 50 rows, got ${choice.rows.length}` });
  const asOfYear = asOf ? parseDate(asOf)?.[0] : undefined;
  let prev = -Infinity;
  choice.rows.forEach((r, i) => {
    const f = `${field}.rows.${i}`;
    if (r === null || typeof r !== 'object') {
      errors.push({ field: f, message: `must be a row {year, …}, got ${showValue(r)}` });
      return;
    }
    for (const k of Object.keys(r)) {
      if (k !== 'year' && !(FORWARD_INPUTS as readonly string[]).includes(k)) errors.push({ field: `${f}.${k}`, message: `is not an input a forward path sets (${FORWARD_INPUTS.join(', ')})` });
    }
    if (!Number.isInteger(r.year) || r.year < 1990 || r.year > 2200) errors.push({ field: `${f}.year`, message: `must be a whole year, got ${showValue(r.year)}` });
    else if (asOfYear !== undefined && r.year <= asOfYear) errors.push({ field: `${f}.year`, message: `${r.year} starts on or before the stock's as-of date ${asOf}: a forward path must start after it` });
    else if (r.year <= prev) errors.push({ field: `${f}.year`, message: `must come after the previous row's year ${prev} (years out of order)` });
    else prev = r.year;
    for (const k of FORWARD_INPUTS) {
      const v = r[k];
      if (v === undefined) continue;
      const [min, max, unit] = LIMITS[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) errors.push({ field: `${f}.${k}`, message: `must be between ${min} and ${max} ${unit}, got ${showValue(v)}` });
    }
  });
  return errors;
}

/**
 * Parameters with the chosen forward path: each forward input's schedule is its history plus the
 * path's points (step schedules for typed rows; the trend keeps the history's interpolation).
 */
export function applyForward(params: QueueParams, trend: ForwardTrend | null, choice: ForwardChoice): Result<QueueParams> {
  const asOf = params.stock?.asOf;
  const errors = checkForward(choice, asOf);
  if (choice === 'trend' && !trend) errors.push({ field: 'forward', message: 'this preset states no trend; choose "flat" or type a table' });
  if (errors.length || !asOf) return errors.length ? { ok: false, errors } : { ok: true, value: params };
  const out: QueueParams = structuredClone(params);
  const schedules: QueueSchedules = { ...out.schedules };
  for (const key of FORWARD_INPUTS) {
    const existing = schedules[key];
    const hist = history(existing, asOf);
    let forward: SchedulePoint[] = [];
    if (choice === 'flat') forward = [];
    else if (choice === 'trend') forward = trend?.schedules[key] ?? [];
    else {
      forward = choice.rows.filter((r) => r[key] !== undefined).map((r) => ({ date: `${r.year}-01-01`, value: r[key] as number }));
    }
    if (hist.length === 0 && forward.length === 0) continue;
    // Flat from the as-of date: pin the as-of value so a linear history does not keep ramping.
    const pinned: SchedulePoint[] = [...hist];
    if (!pinned.length || monthsBetween(pinned[pinned.length - 1].date, asOf) > 0) pinned.push({ date: asOf, value: valueAtAsOf(params, key, asOf) });
    const interp = typeof choice === 'object' ? 'step' : (existing?.interp ?? 'step');
    schedules[key] = { interp, points: [...pinned, ...forward] };
  }
  out.schedules = schedules;
  return { ok: true, value: out };
}

/** One line that says what a forward path assumes, for the panel and exports. */
export function describeForward(choice: ForwardChoice, trend: ForwardTrend | null, asOf: string | undefined): string {
  const from = asOf ? ` after ${asOf}` : '';
  if (choice === 'flat') return `Flat: every input stays at its value on the as-of date${from}.`;
  if (choice === 'trend') return trend ? `Trend${from}: ${trend.note}` : 'Trend: none stated for this preset.';
  // Named by their column labels, and a year with nothing typed is left out (not "2027: .").
  const parts = choice.rows
    .map((r) => ({ year: r.year, values: FORWARD_INPUTS.filter((k) => r[k] !== undefined).map((k) => `${FORWARD_COLUMNS[k]} ${r[k]}`) }))
    .filter((p) => p.values.length)
    .map((p) => `from ${p.year}: ${p.values.join(', ')}`);
  return parts.length ? `Typed path${from}: ${parts.join('; ')}.` : `Typed path${from}: no values typed yet, so every input stays at its as-of value.`;
}

/** A typed-table cell in words, "forward.rows.2.year" → "Row 3, Year (from 1 January)"; null for any other field. */
export function forwardCellName(field: string): string | null {
  const m = /^forward\.rows\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (!m) return null;
  const col = m[2];
  const label = col !== undefined && Object.hasOwn(FORWARD_COLUMNS, col) ? FORWARD_COLUMNS[col as keyof typeof FORWARD_COLUMNS] : col;
  return `Row ${Number(m[1]) + 1}${label ? `, ${label}` : ''}`;
}

/** Short column headers; the full labels above name the inputs and errors. */
export const FORWARD_HEADERS: Record<'year' | ForwardInput, string> = {
  year: 'Year',
  arrivalsPerYear: 'Requests / yr',
  sizeFactor: 'Size ×',
  withdrawalFactor: 'Withdrawal ×',
  headroomMWPerYear: 'Headroom MW / yr',
  studyDurationFactor: 'Study time ×',
  feasDurationFactor: 'Feasibility ×',
  sisDurationFactor: 'Impact study ×',
  fsDurationFactor: 'Facilities ×',
  constrDurationFactor: 'Build time ×',
  studyCapacity: 'Studies at once',
};

/** Column labels with units, shared by the table's inputs and its error messages. */
export const FORWARD_COLUMNS: Record<'year' | ForwardInput, string> = {
  year: 'Year (from 1 January)',
  arrivalsPerYear: 'Requests per year',
  sizeFactor: 'Size factor (×)',
  withdrawalFactor: 'Withdrawal factor (×)',
  headroomMWPerYear: 'Headroom added (MW per year)',
  studyDurationFactor: 'Study durations, every phase (×)',
  feasDurationFactor: 'Feasibility durations (×)',
  sisDurationFactor: 'Impact study durations (×)',
  fsDurationFactor: 'Facilities study durations (×)',
  constrDurationFactor: 'Construction durations (×)',
  studyCapacity: 'Studies at once (serial queues)',
};
