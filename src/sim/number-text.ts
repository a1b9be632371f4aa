/**
 * The one reader of numbers typed by people (fields in the app, drafts in a scenario, CLI values).
 *
 * Decimal point only, never locale-dependent: "1.5" is one and a half everywhere. Digit groups of
 * three may be separated by ",", " " (also a no-break or thin space) or "_" ("10,000", "10 000").
 * A comma that is not a thousands separator ("1,2", "0,75") is refused with a message saying so,
 * because reading it as 12 or as 1.2 would each be silently wrong for half of the world's users.
 */
import type { FieldError } from './contract';

/** Either the number or why the text is not one (completes "must be …, got" messages). */
export type NumberText = { ok: true; value: number } | { ok: false; message: string };

const GROUPED = /^[+-]?\d{1,3}(?:([, \u00a0\u2009\u202f_])\d{3})(?:\1\d{3})*(?:\.\d+)?$/;
const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Reads a finite decimal number; `what` names it in the message ("a number", "a whole number of trials"). */
export function readNumber(text: string, what = 'a number'): NumberText {
  const t = String(text).trim();
  if (t === '') return { ok: false, message: `must be ${what}, got nothing` };
  let body = t;
  const g = GROUPED.exec(t);
  if (g) body = t.split(g[1]).join('');
  if (!PLAIN.test(body)) {
    if (/^[+-]?\d+,\d+$/.test(t)) return { ok: false, message: `must be ${what} with a decimal point: "${t}" is ambiguous (write ${t.replace(',', '.')} for a decimal, or ${t.replace(',', '')} for a whole number)` };
    return { ok: false, message: `must be ${what}, got "${t}"` };
  }
  const v = Number(body);
  if (!Number.isFinite(v)) return { ok: false, message: `must be ${what}, got "${t}"` };
  return { ok: true, value: v === 0 ? 0 : v };
}

/** A whole number ≥ 0 (trials, seeds, months), or null. Same spellings as readNumber. */
export function parseWhole(text: string): number | null {
  const r = readNumber(text);
  return r.ok && Number.isSafeInteger(r.value) && r.value >= 0 ? r.value : null;
}

/** As parseWhole, and within [min, max]; null otherwise. */
export function wholeIn(text: string, min: number, max: number): number | null {
  const n = parseWhole(text);
  return n !== null && n >= min && n <= max ? n : null;
}

/** A finite number, or NaN; for display paths that show the field's own error elsewhere. */
export function numberOrNaN(text: string): number {
  const r = readNumber(text);
  return r.ok ? r.value : NaN;
}

/** Each field's first error only: a draft that is not a number is reported once, as typed. */
export function uniqueByField(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}
