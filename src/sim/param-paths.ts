/**
 * Scenarios store model parameters as overrides of a preset: `{ "phases.fs.p50": 14 }`, only what
 * the user changed. Short links, and a preset fixed later reaches every scenario that did not touch
 * that value. Generic over the parameter object: the models' own validators are injected, so this
 * module knows nothing of engine internals.
 */
import type { FieldError, Result } from '../sim/contract';
import { PARAM_PATH_PATTERN, type Overrides } from './scenario-schema';
import { formatPath } from './field-path';

/** A model's validator: problems in a full parameter object, with dotted field paths. */
export type ParamsValidator<T> = (params: T) => FieldError[];

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v);
}

function isTypedArray(v: unknown): v is Float64Array {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/**
 * A copy of `base` with each override applied, then checked by `validate`. Every override must
 * name an existing number or text parameter and keep its type. Errors are reported under
 * `where` (e.g. `scenario.queueOverrides.ercot`); nothing is applied unless all are valid.
 */
export function applyOverrides<T>(
  base: T,
  overrides: Overrides,
  validate?: ParamsValidator<T>,
  where = 'overrides',
): Result<T> {
  const out = structuredClone(base);
  const errors: FieldError[] = [];
  for (const [path, value] of Object.entries(overrides)) {
    const field = formatPath(where, [path]);
    if (!PARAM_PATH_PATTERN.test(path)) {
      errors.push({ field, message: 'is not a dotted parameter path such as phases.fs.p50' });
      continue;
    }
    const segments = path.split('.');
    let node: unknown = out;
    for (const seg of segments.slice(0, -1)) {
      node = (isContainer(node) || isTypedArray(node)) && hasOwn(node, seg) ? (node as Record<string, unknown>)[seg] : undefined;
    }
    const leaf = segments[segments.length - 1];
    if (!(isContainer(node) || isTypedArray(node)) || !hasOwn(node, leaf)) {
      errors.push({ field, message: `no parameter is called "${path}" here` });
      continue;
    }
    const current = (node as Record<string, unknown>)[leaf];
    if (typeof current === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        errors.push({ field, message: 'must be a number' });
        continue;
      }
    } else if (typeof current === 'string') {
      if (typeof value !== 'string') {
        errors.push({ field, message: 'must be text' });
        continue;
      }
    } else {
      errors.push({ field, message: `"${path}" is a group of parameters, not a single value` });
      continue;
    }
    (node as Record<string, unknown>)[leaf] = value;
  }
  if (errors.length) return { ok: false, errors };
  const problems = validate ? validate(out) : [];
  if (problems.length) {
    return { ok: false, errors: problems.map((p) => ({ field: formatPath(where, [p.field]), message: p.message })) };
  }
  return { ok: true, value: out };
}

/**
 * The overrides that turn `base` into `edited`: every number or text leaf of `base` whose value
 * differs in `edited`. Fields `edited` adds, non-finite numbers (JSON cannot carry them) and
 * values of another type are left out.
 */
export function overridesFrom<T>(base: T, edited: T): Overrides {
  const out: Overrides = {};
  const walk = (a: unknown, b: unknown, prefix: string, depth: number) => {
    if (depth > 8) return;
    const keys = Array.isArray(a) || isTypedArray(a) ? Array.from({ length: a.length }, (_, i) => String(i)) : Object.keys(a as object);
    for (const k of keys) {
      const path = prefix ? `${prefix}.${k}` : k;
      const av = (a as Record<string, unknown>)[k];
      const bv = b !== null && typeof b === 'object' ? (b as Record<string, unknown>)[k] : undefined;
      if (typeof av === 'number' || typeof av === 'string') {
        const sameType = typeof bv === typeof av;
        const changed = sameType && !Object.is(av, bv) && !(av === 0 && bv === 0);
        if (changed && (typeof bv === 'string' || Number.isFinite(bv)) && PARAM_PATH_PATTERN.test(path)) out[path] = bv as number | string;
      } else if (isContainer(av) || isTypedArray(av)) {
        walk(av, bv, path, depth + 1);
      }
    }
  };
  if (isContainer(base) || isTypedArray(base)) walk(base, edited, '', 0);
  return out;
}
