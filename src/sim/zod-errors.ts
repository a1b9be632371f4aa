/**
 * zod issues → FieldError[] in plain words. zod's own messages ("Too big: expected number to be
 * <=90") are written for developers; users editing a link or a file get "must be at most 90".
 */
import { z } from 'zod';
import type { FieldError } from './contract';
import { formatPath } from './field-path';

/** More errors than this are summarised: a garbage file should not produce a wall of text. */
export const MAX_REPORTED_ERRORS = 20;

type Issue = z.core.$ZodIssue;

/** Plain descriptions of the text patterns the schemas use, keyed by the pattern's source. */
const PATTERN_WORDS = new Map<string, string>();

/** A text field that must match `re`; `words` completes "must be …" when it does not. */
export function patterned(re: RegExp, words: string): z.ZodString {
  PATTERN_WORDS.set(String(re), words);
  return z.string().regex(re);
}

function describeType(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'object':
    case 'record':
      return 'an object ({ … })';
    case 'array':
    case 'tuple':
      return 'a list ([ … ])';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'number') return String(input);
  if (typeof input === 'string') {
    const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
    return `the text ${JSON.stringify(shown)}`;
  }
  if (typeof input === 'object') return 'an object';
  return `a ${typeof input}`;
}

function sizeMessage(issue: Issue & { origin?: string }, big: boolean): string {
  const bound = big ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum;
  const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
  const n = Number(bound);
  switch (issue.origin) {
    case 'string':
      return big ? `must be at most ${n} characters long` : n === 1 ? 'must not be empty' : `must be at least ${n} characters long`;
    case 'array':
    case 'set':
      return big ? `must have at most ${n} items` : `must have at least ${n} items`;
    default:
      if (big) return inclusive ? `must be at most ${n}` : `must be less than ${n}`;
      return inclusive ? `must be at least ${n}` : `must be greater than ${n}`;
  }
}

/** A plain-words message for one zod issue (custom messages given in the schema win). */
export function issueMessage(issue: Issue, input?: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const what = issue.expected === 'nan' ? 'a number' : describeType(issue.expected);
      return input === undefined ? `is missing (must be ${what})` : `must be ${what}, not ${received(input)}`;
    }
    case 'too_big':
      return sizeMessage(issue, true);
    case 'too_small':
      return sizeMessage(issue, false);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (check the spelling)`;
    case 'invalid_union': {
      // A branch that failed on something other than its type (e.g. text too long) says more.
      for (const branch of issue.errors) {
        const telling = branch.find((i) => i.code !== 'invalid_type');
        if (telling) return issueMessage(telling, input);
      }
      return 'must be a number or text';
    }
    case 'invalid_key':
      return 'is not an allowed name here (letters, digits, "_", "-" and dots between words only)';
    case 'invalid_format': {
      const words = 'pattern' in issue && issue.pattern ? PATTERN_WORDS.get(String(issue.pattern)) : undefined;
      return `must be ${words ?? `in the ${issue.format} format`}`;
    }
    case 'custom':
      return issue.message;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** Converts zod issues to FieldErrors under `where` (refinements' own messages are kept). */
export function zodIssuesToFieldErrors(issues: readonly Issue[], where: string, input: unknown): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    if (out.length === MAX_REPORTED_ERRORS) {
      out.push({ field: where || '(top level)', message: `… and ${issues.length - MAX_REPORTED_ERRORS} more problems` });
      break;
    }
    const path = issue.path as PropertyKey[];
    out.push({ field: formatPath(where, path), message: issueMessage(issue, valueAt(input, path)) });
  }
  return out;
}
