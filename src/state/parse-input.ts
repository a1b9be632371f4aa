/**
 * Reading what users type into numeric fields. One place, so every tab accepts the same
 * spellings ("10,000", "10 000", "10_000") and reports a field's problem once.
 */
import type { FieldError } from '../sim/contract';

/** A whole number typed by a user, digit-group separators allowed; null when it is not one. */
export function parseWhole(text: string): number | null {
  const t = text.trim().replace(/[,_\s]/g, '');
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** As parseWhole, and within [min, max]; null otherwise. */
export function wholeIn(text: string, min: number, max: number): number | null {
  const n = parseWhole(text);
  return n !== null && n >= min && n <= max ? n : null;
}

/** Each field's first error only: a draft that is not a number is reported once, as typed. */
export function uniqueByField(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}
