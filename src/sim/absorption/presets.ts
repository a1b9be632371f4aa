/**
 * Absorption presets (data/absorption.json): full parameter sets or `extends` + overrides, each
 * value with its provenance. Takes the parsed JSON (no fs in src/sim).
 */
import { own } from '../param-paths';
import type { FieldError, Result } from '../contract';
import { fieldPaths, mergeOverrides, type Provenance } from '../buy-vs-build/defaults';
import { showValue } from '../validate-common';
import { validateAbsorptionParams, type AbsorptionParams } from './params';

export interface AbsorptionPreset {
  id: string;
  name: string;
  note: string;
  params: AbsorptionParams;
  /** by dotted field path, the preset's own entry or the one it extends */
  provenance: Record<string, Provenance>;
}

/** The preset ids the app and tests rely on. */
/** The absorption preset a site's UI region starts with (issue 4: "default by the site's region"). */
export const ABSORPTION_PRESET_BY_REGION: ReadonlyMap<string, string> = new Map([
  ['texas', 'north-america-2024'],
  ['nordics', 'nordics'],
  ['singapore', 'singapore'],
  ['samara', 'russia'],
]);

export const ABSORPTION_PRESET_IDS = ['north-america-2024', 'balanced', 'nordics', 'singapore', 'russia'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function provenanceErrors(where: string, paths: string[], prov: unknown): FieldError[] {
  const p = isObj(prov) ? prov : {};
  return paths
    .filter((path) => {
      const e = p[path];
      return !isObj(e) || typeof e.source !== 'string' || !e.source || typeof e.estimate !== 'boolean';
    })
    .map((path) => ({ field: `${where}.${path}`, message: 'needs a provenance entry {source, estimate} naming a docs/data-sources.md row or ESTIMATE' }));
}

/** Validates every preset (after resolving `extends`), and that every value has provenance. */
export function loadAbsorptionPresets(json: unknown): Result<Record<string, AbsorptionPreset>> {
  if (!isObj(json) || !isObj(json.presets)) return { ok: false, errors: [{ field: 'presets', message: `must be a group of presets by id, got ${showValue(isObj(json) ? json.presets : json)}` }] };
  const raw = json.presets;
  const errors: FieldError[] = [];
  const out: Record<string, AbsorptionPreset> = {};
  const resolve = (id: string, seen: string[]): AbsorptionPreset | undefined => {
    const done = own(out, id);
    if (done) return done;
    const r = own(raw, id);
    const where = `presets.${id}`;
    if (!isObj(r) || typeof r.name !== 'string') {
      errors.push({ field: where, message: seen.length ? `is extended by "${seen[seen.length - 1]}" but is not a preset` : 'needs a name' });
      return undefined;
    }
    let params: unknown;
    let provenance: Record<string, Provenance>;
    if (typeof r.extends === 'string') {
      if (seen.includes(r.extends)) {
        errors.push({ field: `${where}.extends`, message: `forms a loop: ${[...seen, id, r.extends].join(' → ')}` });
        return undefined;
      }
      const parent = resolve(r.extends, [...seen, id]);
      if (!parent) return undefined;
      errors.push(...provenanceErrors(`${where}.provenance`, fieldPaths(r.overrides), r.provenance));
      params = mergeOverrides(parent.params, r.overrides);
      provenance = { ...parent.provenance, ...((isObj(r.provenance) ? r.provenance : {}) as Record<string, Provenance>) };
    } else {
      params = r.params;
      errors.push(...provenanceErrors(`${where}.provenance`, fieldPaths(r.params), r.provenance));
      provenance = (isObj(r.provenance) ? r.provenance : {}) as Record<string, Provenance>;
    }
    const v = validateAbsorptionParams(params, typeof r.extends === 'string' ? `${where}.overrides` : `${where}.params`);
    if (!v.ok) {
      errors.push(...v.errors);
      return undefined;
    }
    out[id] = { id, name: r.name, note: typeof r.note === 'string' ? r.note : '', params: v.value, provenance };
    return out[id];
  };
  for (const id of Object.keys(raw)) resolve(id, []);
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}
