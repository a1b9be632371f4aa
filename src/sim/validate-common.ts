/**
 * Validation helpers every model's parameters share: zod checks the shape and types, these rule
 * checks the meaning, and both speak plain words with the dotted path of the field
 * (errors are values at boundaries, never exceptions).
 */
import type { z } from 'zod';
import { MAX_TRIALS, type FieldError } from './contract';

/** Shows a user's value in a message: strings quoted, NaN and Infinity by name. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  return 'an object';
}

function joinPath(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  const rest = path.map(String).join('.');
  return prefix && rest ? `${prefix}.${rest}` : prefix || rest || '(input)';
}

/**
 * zod issues → FieldErrors in plain words. Parse with `{ reportInput: true }` so messages can say
 * what was given.
 */
export function zodIssuesToFieldErrors(issues: ReadonlyArray<z.core.$ZodIssue>, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = joinPath(prefix, issue.path);
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'invalid_type': {
        const expected = issue.expected === 'number' ? 'a number' : issue.expected === 'object' ? 'a group of fields' : `a ${issue.expected}`;
        out.push({ field, message: `must be ${expected}, got ${showValue(input)}` });
        break;
      }
      case 'invalid_value':
        out.push({ field, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${showValue(input)}` });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ field: joinPath(field === '(input)' ? '' : field, [key]), message: 'is not a known field' });
        break;
      default:
        out.push({ field, message: issue.message });
    }
  }
  return out;
}

/** Collects rule violations under a path prefix. */
export class Checker {
  readonly errors: FieldError[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  /** A finite number in [min, max]; `unit` words the message ("months", "MW", "per year"). */
  range(field: string, v: number, min: number, max: number, unit = ''): boolean {
    const u = unit ? ` ${unit}` : '';
    if (!Number.isFinite(v)) {
      this.add(field, `must be a finite number, got ${showValue(v)}`);
      return false;
    }
    if (v < min || v > max) {
      this.add(field, `must be between ${min} and ${max}${u}, got ${v}`);
      return false;
    }
    return true;
  }

  /** A whole number in [min, max]. */
  integer(field: string, v: number, min: number, max: number, what = ''): boolean {
    if (!Number.isInteger(v)) {
      this.add(field, `must be a whole number${what ? ` of ${what}` : ''}, got ${showValue(v)}`);
      return false;
    }
    if (v < min || v > max) {
      this.add(field, `must be between ${min} and ${max}${what ? ` ${what}` : ''}, got ${v}`);
      return false;
    }
    return true;
  }

  /** A strictly positive finite number not above `max`. */
  positive(field: string, v: number, unit: string, max = Infinity): boolean {
    if (!Number.isFinite(v) || v <= 0) {
      this.add(field, `must be a positive number of ${unit}, got ${showValue(v)}`);
      return false;
    }
    if (v > max) {
      this.add(field, `must be at most ${max} ${unit}, got ${v}`);
      return false;
    }
    return true;
  }

  /** A number ≥ 0 not above `max`. */
  nonNegative(field: string, v: number, unit: string, max = Infinity): boolean {
    if (!Number.isFinite(v) || v < 0) {
      this.add(field, `must be zero or a positive number of ${unit}, got ${showValue(v)}`);
      return false;
    }
    if (v > max) {
      this.add(field, `must be at most ${max} ${unit}, got ${v}`);
      return false;
    }
    return true;
  }

  /** A probability in [0, 1]. */
  probability(field: string, v: number): boolean {
    if (!Number.isFinite(v) || v < 0 || v > 1) {
      this.add(field, `must be a probability between 0 and 1, got ${showValue(v)}`);
      return false;
    }
    return true;
  }

  /**
   * A P50/P90 pair (docs/method.md "LN(P50, P90)"): P50 > 0, P90 ≥ P50 (equal gives a fixed value).
   * `unit` is "months" for durations.
   */
  p50p90(field: string, d: { p50: number; p90: number }, unit: string, max = Infinity): boolean {
    const ok50 = this.positive(`${field}.p50`, d.p50, unit, max);
    const ok90 = this.positive(`${field}.p90`, d.p90, unit, max);
    if (ok50 && ok90 && d.p90 < d.p50) {
      this.add(`${field}.p90`, `P90 (${d.p90} ${unit}) must be ≥ P50 (${d.p50} ${unit})`);
      return false;
    }
    return ok50 && ok90;
  }
}

/** Trial count and seed every run carries (contract.ts RunSettings). */
export function checkRunSettings(c: Checker, trials: unknown, seed: unknown): void {
  if (typeof trials !== 'number' || !Number.isInteger(trials) || trials < 1) {
    c.add('trials', `must be a whole number of trials from 1 to ${MAX_TRIALS.toLocaleString('en-US')}, got ${showValue(trials)}`);
  } else if (trials > MAX_TRIALS) {
    c.add(
      'trials',
      `${trials.toLocaleString('en-US')} trials exceeds the limit of ${MAX_TRIALS.toLocaleString('en-US')}: beyond it a run takes too long and the standard errors no longer shrink usefully (at 10,000 trials P90 is good to about 1%)`,
    );
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    c.add('seed', `must be a whole number from 0 to 4294967295, got ${showValue(seed)}`);
  }
}
