/**
 * The one module for flat dotted parameter paths (`phases.fs.p50`, `buy.close.p90`): reading a
 * value at a path, listing a parameter object's leaves, turning the user's raw text by path into
 * overrides, and applying overrides to a copy of a preset.
 *
 * Scenarios store model parameters as overrides of a preset, `{ "phases.fs.p50": 14 }`: only what
 * the user changed, so links stay short and a preset fixed later reaches every scenario that did
 * not touch that value. Every walk goes through own properties only (Object.hasOwn), so a path
 * segment such as `constructor`, `valueOf` or `__proto__` names nothing instead of reaching into
 * Object.prototype.
 */
import type { FieldError, Result } from './contract';
import { formatPath } from './field-path';
import { readNumber } from './number-text';

/** `{ [dottedParamPath]: number | string }`, e.g. `{ "phases.fs.p50": 14 }` */
export type Overrides = Record<string, number | string>;

const FORBIDDEN_KEYS = '(?!(?:__proto__|constructor|prototype)(?:\\.|$))';
/** Ids of sites and presets: used as keys and in the DOM, so only safe characters. */
export const ID_PATTERN = new RegExp(`^${FORBIDDEN_KEYS}[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$`);
/** Dotted parameter paths such as `phases.fs.p50` or `phases.2.p50`. */
export const PARAM_PATH_PATTERN = new RegExp(`^${FORBIDDEN_KEYS}[A-Za-z0-9_]{1,64}(?:\\.${FORBIDDEN_KEYS}[A-Za-z0-9_]{1,64}){0,7}$`);

/** A model's validator: problems in a full parameter object, with dotted field paths. */
export type ParamsValidator<T> = (params: T) => FieldError[];

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null && !ArrayBuffer.isView(v);
}

function isTypedArray(v: unknown): v is Float64Array {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

const hasOwn = (o: object, k: string): boolean => Object.hasOwn(o, k);

/** The value at a dotted path through own properties, or undefined. */
export function valueAt(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const k of path.split('.')) {
    if ((!isContainer(node) && !isTypedArray(node)) || !hasOwn(node, k)) return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}

/** Every leaf path of a parameter object (arrays and typed arrays are leaves), in key order. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * The user's raw text by dotted path → overrides of `params` (only values that differ), plus an
 * error for each text that is not a number (readNumber's rules) and each path that names no
 * number or text parameter. Text parameters (a queue's allocation rule) take the text as typed.
 */
export function draftsToOverrides(params: unknown, drafts: Readonly<Record<string, string>>): { overrides: Overrides; errors: FieldError[] } {
  const overrides: Overrides = {};
  const errors: FieldError[] = [];
  for (const [path, raw] of Object.entries(drafts)) {
    const current = PARAM_PATH_PATTERN.test(path) ? valueAt(params, path) : undefined;
    if (typeof current === 'number') {
      const r = readNumber(raw);
      if (!r.ok) errors.push({ field: path, message: r.message });
      else if (r.value !== current) overrides[path] = r.value;
    } else if (typeof current === 'string') {
      if (raw !== current) overrides[path] = raw;
    } else {
      errors.push({ field: path, message: 'is not a parameter of this model' });
    }
  }
  return { overrides, errors };
}

/** Flat overrides → the nested partial object the models' mergeOverrides take (`{ buy: { close: { p90: 12 } } }`). */
export function nestOverrides(flat: Overrides): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(flat)) {
    if (!PARAM_PATH_PATTERN.test(path)) continue;
    const keys = path.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) {
      if (!hasOwn(node, k)) node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = v;
  }
  return out;
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

/** `rec[key]` when `key` is rec's own property, else undefined: never a member of Object.prototype. */
export function own<V>(rec: Readonly<Record<string, V>>, key: string | null | undefined): V | undefined {
  return key !== null && key !== undefined && Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** A copy of `rec` with `key` set; a key that would reach the prototype (`__proto__`) is refused. */
export function withOwn<V>(rec: Readonly<Record<string, V>>, key: string, value: V): Record<string, V> {
  const out = { ...rec };
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** A copy of `rec` without `key`. */
export function withoutOwn<V>(rec: Readonly<Record<string, V>>, key: string): Record<string, V> {
  const out = { ...rec };
  if (Object.hasOwn(out, key)) delete out[key];
  return out;
}

/** Keys a parser would silently drop or turn into a prototype change: reported instead. */
const RESERVED_KEYS = new Set(['__proto__']);

/**
 * Every own "__proto__" key in `value` (JSON.parse makes it an ordinary own key; object spreads and
 * zod's records drop it without a word), as an error naming where it is. Depth-limited: scenarios
 * are shallow, and so are sweep specs.
 */
export function reservedKeyErrors(value: unknown, where: string, path: PropertyKey[] = [], depth = 0): FieldError[] {
  if (value === null || typeof value !== 'object' || depth > 8) return [];
  const out: FieldError[] = [];
  for (const key of Object.keys(value)) {
    const at = [...path, key];
    if (RESERVED_KEYS.has(key)) out.push({ field: formatPath(where, at), message: 'is a reserved name and cannot be a key here' });
    else out.push(...reservedKeyErrors((value as Record<string, unknown>)[key], where, at, depth + 1));
    if (out.length >= 20) break;
  }
  return out;
}
