/**
 * Inputs that change over time (docs/method.md "Time that moves"): a dated schedule is a list of
 * (date, value) points with step or linear interpolation, flat before the first point and after the
 * last. The engine reads a compiled form on its own clock: months since the stock's as-of date.
 *
 * Non-homogeneous Poisson arrivals and time-varying withdrawal hazards both need the integral of a
 * rate and its inverse (time change: an event of a unit-rate process at s happens when ∫ rate = s),
 * so a compiled schedule offers value, integral and inverse integral, all exact for piecewise-linear
 * rates (the inverse solves a quadratic on a linear segment).
 */

/** One dated point; `date` is "YYYY-MM" or "YYYY-MM-DD". */
export interface SchedulePoint {
  date: string;
  value: number;
}

/** A dated input: points in date order; step holds each value until the next point, linear ramps. */
export interface Schedule {
  interp: 'step' | 'linear';
  points: SchedulePoint[];
}

/** A schedule on the engine's clock: `t` months since the as-of date, ascending. */
export interface CompiledSchedule {
  t: Float64Array;
  v: Float64Array;
  linear: boolean;
}

const DATE_RE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;
/** Days per month on average (365.25 / 12): the same month length the durations in the data use. */
export const DAYS_PER_MONTH = 30.4375;

/** Parses "YYYY-MM" or "YYYY-MM-DD" into [year, month 1–12, day 1–31], or null. */
export function parseDate(date: string): [number, number, number] | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = m[3] === undefined ? 1 : Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return [y, mo, d];
}

/** Months from `from` to `to` (both dates as above); fractional by days. */
export function monthsBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a || !b) throw new Error(`not a date: ${a ? to : from}`);
  return (b[0] - a[0]) * 12 + (b[1] - a[1]) + (b[2] - a[2]) / DAYS_PER_MONTH;
}

/** The date `months` after `from`, as "YYYY-MM" (for labels). */
export function addMonths(from: string, months: number): string {
  const a = parseDate(from);
  if (!a) throw new Error(`not a date: ${from}`);
  const total = a[0] * 12 + (a[1] - 1) + Math.floor(months + a[2] / DAYS_PER_MONTH);
  const y = Math.floor(total / 12);
  return `${y}-${String(total - y * 12 + 1).padStart(2, '0')}`;
}

export function compileSchedule(s: Schedule, asOf: string): CompiledSchedule {
  return {
    t: Float64Array.from(s.points, (p) => monthsBetween(asOf, p.date)),
    v: Float64Array.from(s.points, (p) => p.value),
    linear: s.interp === 'linear',
  };
}

/** A constant on the engine's clock (what "no schedule" means). */
export function constantSchedule(v: number): CompiledSchedule {
  return { t: Float64Array.of(0), v: Float64Array.of(v), linear: false };
}

/** Index of the last point at or before t, or -1 before the first. */
function segment(s: CompiledSchedule, t: number): number {
  const ts = s.t;
  let lo = -1;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ts[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function valueAt(s: CompiledSchedule, t: number): number {
  // After the last point the value is flat: the common case in a run (history lies before the
  // as-of date), answered without the search. Same value as the general path.
  const last = s.t.length - 1;
  if (t >= s.t[last]) return s.v[last];
  const k = segment(s, t);
  if (k < 0) return s.v[0];
  if (k === s.t.length - 1 || !s.linear) return s.v[k];
  const t0 = s.t[k];
  const t1 = s.t[k + 1];
  return s.v[k] + ((s.v[k + 1] - s.v[k]) * (t - t0)) / (t1 - t0);
}

/** ∫ from a to b of the schedule's value (a ≤ b), exact for piecewise-linear values. */
export function integrate(s: CompiledSchedule, a: number, b: number): number {
  if (b <= a) return 0;
  let total = 0;
  let t = a;
  let k = segment(s, t);
  while (t < b) {
    const next = k + 1 < s.t.length ? Math.min(s.t[k + 1], b) : b;
    const va = valueAt(s, t);
    const vb = s.linear && k >= 0 && k + 1 < s.t.length ? valueAt(s, next) : va;
    total += ((va + vb) / 2) * (next - t);
    t = next;
    k++;
  }
  return total;
}

/**
 * The time T ≥ a with ∫ from a to T = amount, or Infinity if the schedule's value is zero from some
 * point on before the amount is reached.
 */
export function invertIntegral(s: CompiledSchedule, a: number, amount: number): number {
  // Flat after the last point (see valueAt): the general loop's last segment, without the search.
  const lastK = s.t.length - 1;
  if (a >= s.t[lastK]) {
    const v = s.v[lastK];
    return v > 0 && v * (Infinity - a) >= amount ? a + amount / v : Infinity;
  }
  let left = amount;
  let t = a;
  let k = segment(s, t);
  for (;;) {
    const last = k + 1 >= s.t.length;
    const end = last ? Infinity : s.t[k + 1];
    const va = valueAt(s, t);
    if (last || !s.linear || k < 0) {
      // Constant on [t, end).
      if (va > 0 && va * (end - t) >= left) return t + left / va;
      if (last) return Infinity;
      left -= va * (end - t);
    } else {
      const vb = s.v[k + 1];
      const area = ((va + vb) / 2) * (end - t);
      if (area >= left) {
        // Solve va·x + (slope/2)·x² = left for x ≥ 0.
        const slope = (vb - va) / (end - t);
        if (Math.abs(slope) < 1e-15) return va > 0 ? t + left / va : end;
        const disc = va * va + 2 * slope * left;
        const x = (-va + Math.sqrt(Math.max(0, disc))) / slope;
        return t + x;
      }
      left -= area;
    }
    t = end;
    k++;
  }
}

/** Problems with a schedule, each naming its field (dates in order, values in range). */
export function scheduleErrors(s: Schedule, field: string, min: number, max: number, unit: string): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (s.points.length === 0) errors.push({ field: `${field}.points`, message: 'needs at least one (date, value) point' });
  let prev: string | null = null;
  s.points.forEach((p, i) => {
    const f = `${field}.points.${i}`;
    if (!parseDate(p.date)) errors.push({ field: `${f}.date`, message: `must be a date "YYYY-MM" or "YYYY-MM-DD", got "${p.date}"` });
    else if (prev !== null && monthsBetween(prev, p.date) <= 0) errors.push({ field: `${f}.date`, message: `must come after the previous point's date ${prev}, got ${p.date} (dates out of order)` });
    else prev = p.date;
    if (!Number.isFinite(p.value) || p.value < min || p.value > max) {
      errors.push({ field: `${f}.value`, message: `must be between ${min} and ${max}${unit ? ` ${unit}` : ''}, got ${p.value}` });
    }
  });
  return errors;
}
