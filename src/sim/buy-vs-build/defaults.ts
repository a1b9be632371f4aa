/**
 * The buy-vs-build defaults file (data/buy-vs-build.json): base parameters, their provenance, and
 * per-region overrides. Takes the parsed JSON (no fs in src/sim): the app imports it, the CLI reads it.
 */
import type { FieldError, Result } from '../contract';
import { showValue } from '../validate-common';
import { validateBuyVsBuildParams, type BuyVsBuildParams } from './params';

/** Where one default comes from: a docs/data-sources.md / docs/method.md row, or an ESTIMATE with its reasoning. */
export interface Provenance {
  source: string;
  estimate: boolean;
  note?: string;
}

export interface RegionDefaults {
  name: string;
  /** a partial BuyVsBuildParams: only the fields that differ from the base */
  overrides: Record<string, unknown>;
  /** by dotted field path of each override */
  provenance: Record<string, Provenance>;
}

export interface BuyVsBuildDefaults {
  description: string;
  structure: string;
  params: BuyVsBuildParams;
  /** by dotted field path (a P50/P90 pair is one field) */
  provenance: Record<string, Provenance>;
  regions: Record<string, RegionDefaults>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPair = (v: unknown): boolean => isObj(v) && Object.keys(v).sort().join() === 'p50,p90';

/** Dotted paths of the fields of a parameter object; a P50/P90 pair counts as one field. */
export function fieldPaths(obj: unknown, prefix = ''): string[] {
  if (!isObj(obj) || isPair(obj)) return prefix ? [prefix] : [];
  return Object.keys(obj).flatMap((k) => fieldPaths(obj[k], prefix ? `${prefix}.${k}` : k));
}

/** A deep copy of `base` with `over`'s fields written in (objects merge, other values replace). */
export function mergeOverrides<T>(base: T, over: unknown): T {
  const out = structuredClone(base) as unknown;
  const write = (target: Obj, src: Obj) => {
    for (const [k, v] of Object.entries(src)) {
      if (isObj(v) && !isPair(v) && isObj(target[k])) write(target[k] as Obj, v);
      else target[k] = structuredClone(v);
    }
  };
  if (isObj(over) && isObj(out)) write(out, over);
  return out as T;
}

function checkProvenance(errors: FieldError[], where: string, paths: string[], prov: unknown): void {
  if (!isObj(prov)) {
    errors.push({ field: where, message: `must be a group of provenance entries, got ${showValue(prov)}` });
    return;
  }
  for (const path of paths) {
    const p = prov[path];
    if (!isObj(p) || typeof p.source !== 'string' || !p.source || typeof p.estimate !== 'boolean') {
      errors.push({ field: `${where}.${path}`, message: 'needs a provenance entry {source, estimate} naming a docs/data-sources.md row or ESTIMATE' });
    }
  }
}

/** Validates the defaults file: base parameters, each region's merged parameters, and provenance. */
export function loadBuyVsBuildDefaults(json: unknown): Result<BuyVsBuildDefaults> {
  if (!isObj(json)) return { ok: false, errors: [{ field: '(file)', message: `must be a JSON object, got ${showValue(json)}` }] };
  const errors: FieldError[] = [];
  const base = validateBuyVsBuildParams(json.params, 'params');
  if (!base.ok) errors.push(...base.errors);
  else checkProvenance(errors, 'provenance', fieldPaths(base.value), json.provenance);

  const regions: Record<string, RegionDefaults> = {};
  if (!isObj(json.regions)) errors.push({ field: 'regions', message: `must be a group of regions by id, got ${showValue(json.regions)}` });
  else {
    for (const [id, r] of Object.entries(json.regions)) {
      if (!isObj(r) || typeof r.name !== 'string' || !isObj(r.overrides)) {
        errors.push({ field: `regions.${id}`, message: 'needs a name and an overrides object' });
        continue;
      }
      if (base.ok) {
        const merged = validateBuyVsBuildParams(mergeOverrides(base.value, r.overrides), `regions.${id}.overrides`);
        if (!merged.ok) errors.push(...merged.errors);
      }
      checkProvenance(errors, `regions.${id}.provenance`, fieldPaths(r.overrides), r.provenance);
      regions[id] = { name: r.name, overrides: r.overrides, provenance: (r.provenance ?? {}) as Record<string, Provenance> };
    }
  }
  if (errors.length || !base.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      description: String(json.description ?? ''),
      structure: String(json.structure ?? ''),
      params: base.value,
      provenance: json.provenance as Record<string, Provenance>,
      regions,
    },
  };
}

/** The parameters for a region (its overrides on the base); an unknown region gets the base. */
export function paramsForRegion(d: BuyVsBuildDefaults, regionId: string): BuyVsBuildParams {
  const r = Object.hasOwn(d.regions, regionId) ? d.regions[regionId] : undefined;
  return r ? mergeOverrides(d.params, r.overrides) : structuredClone(d.params);
}

/** Provenance of one field for a region: the region's own entry, else the base one. */
export function provenanceFor(d: BuyVsBuildDefaults, regionId: string, path: string): Provenance | undefined {
  const r = Object.hasOwn(d.regions, regionId) ? d.regions[regionId] : undefined;
  const own = <V>(rec: Record<string, V>, k: string) => (Object.hasOwn(rec, k) ? rec[k] : undefined);
  return (r && own(r.provenance, path)) ?? own(d.provenance, path);
}
